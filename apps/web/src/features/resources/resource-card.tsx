/** One resource in a list: title linked to its page, type, date, publics, territory, producers. */
import type { PublicProtocol, PublicResource } from '@pare/schema';
import { PublicBadges } from '../../components/badges.tsx';
import { LinkedCard } from '../../components/linked-card.tsx';
import {
  frResources,
  MEETING_FREQUENCY_LABELS,
  MEMBER_ROLE_LABELS,
  PROTOCOL_KIND_LABELS,
  RESOURCE_THEME_LABELS,
  RESOURCE_TYPE_LABELS,
} from '../../i18n/fr.resources.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';

export function territoryText(r: Pick<PublicResource, 'territory'>): string {
  const t = r.territory;
  if (t.scope === 'national') return frResources.item.national;
  const places = t.scope === 'regions' ? t.regions : t.departements;
  return places.map((p) => (t.scope === 'departements' ? `${p.name} (${p.code})` : p.name)).join(', ');
}

export function ThemeBadges({ themes }: { themes: PublicResource['themes'] }) {
  if (themes.length === 0) return null;
  return (
    <ul className="badges" aria-label={frResources.item.themes}>
      {themes.map((t) => (
        <li key={t} className="badge badge--action">
          {RESOURCE_THEME_LABELS[t]}
        </li>
      ))}
    </ul>
  );
}

export function ResourceCard({ resource, headingLevel = 3 }: { resource: PublicResource; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <LinkedCard
      className="resource-card"
      heading={Heading}
      href={`/ressources/${encodeURIComponent(resource.slug)}`}
      title={resource.title}
    >
      <p className="result__meta">
        {RESOURCE_TYPE_LABELS[resource.type]}
        {resource.date && <> · {formatDate(resource.date)}</>}
        {` · ${territoryText(resource)}`}
      </p>
      {resource.producers.length > 0 && (
        <p className="result__meta">
          {frResources.item.producedBy} : {resource.producers.map((p) => p.name).join(', ')}
        </p>
      )}
      <PublicBadges publics={resource.publics} label={frResources.item.publics} />
    </LinkedCard>
  );
}

/** A protocol: kind, dates, members linked to their actor pages, meetings, linked documents. */
export function ProtocolCard({ protocol, headingLevel = 3 }: { protocol: PublicProtocol; headingLevel?: 2 | 3 }) {
  const t = frResources.protocols;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <article className="protocol" aria-labelledby={`protocole-${protocol.slug}`}>
      <Heading id={`protocole-${protocol.slug}`}>{protocol.title}</Heading>
      <p className="result__meta">
        {PROTOCOL_KIND_LABELS[protocol.kind]}
        {protocol.date && <> · {t.signedOn(formatDate(protocol.date))}</>}
        {protocol.frequency && <> · {t.frequency(MEETING_FREQUENCY_LABELS[protocol.frequency])}</>}
      </p>
      {protocol.parent && (
        <p>
          {t.createdBy} : {protocol.parent.title}
        </p>
      )}
      {protocol.summary && <p>{protocol.summary}</p>}
      <Sub>{t.members}</Sub>
      {protocol.members.length > 0 ? (
        <ul className="protocol__members">
          {protocol.members.map((m) => (
            <li key={m.actor.slug}>
              <Link href={`/acteurs/${encodeURIComponent(m.actor.slug)}`}>{m.actor.name}</Link> — {MEMBER_ROLE_LABELS[m.role]}
              {m.note && <span className="protocol__note"> ({m.note})</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.noMembers}</p>
      )}
      {protocol.meetings.length > 0 && (
        <>
          <Sub>{t.meetings}</Sub>
          <ol className="protocol__meetings">
            {protocol.meetings.map((m) => (
              <li key={`${m.date}:${m.summary.slice(0, 20)}`}>
                <strong>{formatDate(m.date)}</strong>
                {m.summary && <> : {m.summary}</>}
              </li>
            ))}
          </ol>
        </>
      )}
      {protocol.resources.length > 0 && (
        <>
          <Sub>{t.resources}</Sub>
          <ul>
            {protocol.resources.map((r) => (
              <li key={r.slug}>
                <Link href={`/ressources/${encodeURIComponent(r.slug)}`}>{r.title}</Link> ({RESOURCE_TYPE_LABELS[r.type]})
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
