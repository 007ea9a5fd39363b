/** The resources an actor produced, for its page (`GET /api/resources?actor=<slug>`). Renders nothing when there are none. */
import { useQuery } from '@tanstack/react-query';
import { frResources } from '../../i18n/fr.resources.ts';
import { Link } from '../../lib/router.tsx';
import { resourcesQuery } from './queries.ts';
import { ResourceCard } from './resource-card.tsx';
import './resources.css';

const SHOWN = 5;

export function ActorResources({ slug }: { slug: string }) {
  const t = frResources.actorResources;
  const params = new URLSearchParams({ actor: slug, per_page: String(SHOWN) }).toString();
  const query = useQuery(resourcesQuery(params));
  if (query.isPending) return null;
  if (query.isError) return <p className="notice">{t.error}</p>;
  if (query.data.total === 0) return null;
  return (
    <section className="actor-section" aria-labelledby={`ressources-${slug}`}>
      <h2 id={`ressources-${slug}`}>{t.heading}</h2>
      <ul className="result-list">
        {query.data.items.map((r) => (
          <ResourceCard key={r.slug} resource={r} />
        ))}
      </ul>
      {query.data.total > SHOWN && (
        <p>
          <Link href={`/ressources?${new URLSearchParams({ actor: slug }).toString()}`}>{t.seeAll(query.data.total)}</Link>
        </p>
      )}
    </section>
  );
}
