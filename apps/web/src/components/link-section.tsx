import { Link } from '../lib/router.tsx';
import { DetailSection } from './detail-section.tsx';

/** A page's link to an actor's record. */
export const actorLink = (a: { slug: string; name: string }) => ({ href: `/acteurs/${encodeURIComponent(a.slug)}`, label: a.name });

/**
 * A section of a detail page that lists links (the actors a news item names, the resources it
 * points to, who produced a resource); nothing at all when there is none.
 */
export function LinkSection({ id, heading, links }: { id: string; heading: string; links: readonly { href: string; label: string }[] }) {
  if (links.length === 0) return null;
  return (
    <DetailSection id={id} heading={heading}>
      <LinkList links={links} />
    </DetailSection>
  );
}

/** Links of the app, one an item. */
export function LinkList({ links }: { links: readonly { href: string; label: string }[] }) {
  return (
    <ul>
      {links.map((l) => (
        <li key={l.href}>
          <Link href={l.href}>{l.label}</Link>
        </li>
      ))}
    </ul>
  );
}
