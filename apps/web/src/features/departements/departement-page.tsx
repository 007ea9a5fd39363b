/** `/departements/:code` — what exists in one département: CRIP and ASE first, actors, protocols, resources. */
import type { PublicActor } from '@pare/schema';
import { ACTOR_TYPE_LABELS } from '@pare/schema/codes';
import { useQuery } from '@tanstack/react-query';
import { BackLink } from '../../components/back-link.tsx';
import { ActionBadges } from '../../components/badges.tsx';
import { DetailState } from '../../components/detail-state.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frNews } from '../../i18n/fr.news.ts';
import { frResources } from '../../i18n/fr.resources.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { NewsAndEventsBlocks } from '../news/cards.tsx';
import { ProtocolCard, ResourceCard } from '../resources/resource-card.tsx';
import { departementQuery } from './queries.ts';

function ActorItem({ actor, reporting = false }: { actor: PublicActor; reporting?: boolean }) {
  const t = frResources.departement;
  const phone = actor.contacts.find((c) => c.kind === 'phone');
  const email = actor.contacts.find((c) => c.kind === 'email');
  return (
    <li className="result">
      <h3 className="result__name">
        <Link href={`/acteurs/${encodeURIComponent(actor.slug)}`}>{actor.name}</Link>
      </h3>
      <p className="result__meta">
        {ACTOR_TYPE_LABELS[actor.type]}
        {phone && (
          <>
            {' · '}
            <a href={`tel:${phone.value.replace(/[^\d+]/g, '')}`}>{phone.value}</a>
          </>
        )}
      </p>
      {/* A cell whose Département publishes no number or address: the 119 forwards to it, at any hour. */}
      {reporting && !phone && !email && (
        <p className="result__meta">
          {t.noDirectContact} <a href="tel:119">{t.call119}</a>
        </p>
      )}
      <ActionBadges actions={actor.actions} />
    </li>
  );
}

export function DepartementPage({ code }: { code: string }) {
  const t = frResources.departement;
  const query = useQuery(departementQuery(code.toUpperCase()));
  const notFound = query.error instanceof ApiRequestError && (query.error.code === 'not_found' || query.error.code === 'validation_error');
  const d = query.data?.departement;
  useDocumentTitle(d ? t.title(d.name, d.code) : notFound ? t.notFoundTitle : query.isError ? t.errorTitle : t.loading);

  return (
    <div className="departement-page">
      <BackLink href="/departements">{t.allDepartements}</BackLink>
      <DetailState query={query} loading={t.loading} errorHeading={notFound ? t.notFoundTitle : t.errorTitle} />
      {query.data && d && (
        <>
          <PageIntro heading={t.title(d.name, d.code)} intro={t.region(d.region.name)} />

          <section className="actor-section" aria-labelledby="dep-signalement">
            <h2 id="dep-signalement">{t.reportingHeading}</h2>
            <p>{t.reportingIntro}</p>
            {query.data.reporting.length > 0 ? (
              <ul className="result-list">
                {query.data.reporting.map((a) => (
                  <ActorItem key={a.slug} actor={a} reporting />
                ))}
              </ul>
            ) : (
              <p className="notice">{t.reportingNone}</p>
            )}
          </section>

          <section className="actor-section" aria-labelledby="dep-acteurs">
            <h2 id="dep-acteurs">{t.actorsHeading}</h2>
            {query.data.actors.length > 0 ? (
              <ul className="result-list">
                {query.data.actors.map((a) => (
                  <ActorItem key={a.slug} actor={a} />
                ))}
              </ul>
            ) : (
              <p>{t.actorsNone}</p>
            )}
            <p>
              <Link href={`/?departement=${encodeURIComponent(d.code)}`}>{t.searchActors}</Link>
            </p>
          </section>

          <section className="actor-section" aria-labelledby="dep-protocoles">
            <h2 id="dep-protocoles">{t.protocolsHeading}</h2>
            {query.data.protocols.length > 0 ? (
              query.data.protocols.map((p) => <ProtocolCard key={p.slug} protocol={p} headingLevel={3} />)
            ) : (
              <p>{t.protocolsNone}</p>
            )}
          </section>

          <section className="actor-section" aria-labelledby="dep-ressources">
            <h2 id="dep-ressources">{t.resourcesHeading}</h2>
            {query.data.resources.length > 0 ? (
              <ul className="result-list">
                {query.data.resources.map((r) => (
                  <ResourceCard key={r.slug} resource={r} />
                ))}
              </ul>
            ) : (
              <p>{t.resourcesNone}</p>
            )}
            <p>
              <Link href={`/ressources?departement=${encodeURIComponent(d.code)}`}>{t.allResources}</Link>
            </p>
          </section>

          <section className="actor-section" aria-labelledby="dep-actualites">
            <h2 id="dep-actualites">{frNews.blocks.depHeading}</h2>
            <NewsAndEventsBlocks departement={d.code} headingLevel={3} />
          </section>
        </>
      )}
    </div>
  );
}
