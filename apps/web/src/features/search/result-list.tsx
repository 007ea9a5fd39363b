/** The results, in the API's order: actors near or covering the place, then « Partout en France ». */

import type { ActorListItem } from '@pare/schema';
import { ACTOR_TYPE_LABELS } from '@pare/schema/codes';
import { ActionBadges, ConfidentialBadge, PublicBadges } from '../../components/badges.tsx';
import { fr } from '../../i18n/fr.ts';
import { phoneHref } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { actorHoursSummary, HoursStatus } from '../hours/hours.tsx';
import { isNationalActor } from '../map/map-data.ts';

export const resultLinkId = (actorId: number) => `resultat-${actorId}`;

/** Where the actor is: its first site's commune, else the territory it covers. */
export function actorWhere(a: ActorListItem): string {
  if (isNationalActor(a)) return fr.result.nationalReach;
  const site = a.sites[0];
  if (site?.commune) {
    const dep = site.departement?.code ?? '';
    const first = dep ? `${site.commune.name} (${dep})` : site.commune.name;
    return a.sites.length > 1 ? first + fr.result.moreSites(a.sites.length - 1) : first;
  }
  if (site?.departement) return site.departement.name;
  const places = a.territory.communes.length
    ? a.territory.communes
    : a.territory.departements.length
      ? a.territory.departements
      : a.territory.regions;
  return places.map((p) => p.name).join(', ');
}

type CardProps = {
  actor: ActorListItem;
  searchHref: string;
  highlighted: boolean;
  onHighlight: (actorId: number | null) => void;
  /** The instant the answer's hours are for. */
  now: string;
};

export function ResultCard({ actor, searchHref, highlighted, onHighlight, now }: CardProps) {
  const hours = actorHoursSummary(actor);
  const confidential = actor.sites.some((s) => s.confidential);
  const national = isNationalActor(actor);
  /** The main public phone: one tap to call, with its hours when the seed gives them. */
  const phone = actor.contacts.find((c) => c.kind === 'phone' && !c.professional_only);
  return (
    <li
      className={`result${highlighted ? ' is-highlighted' : ''}`}
      onMouseEnter={() => onHighlight(actor.id)}
      onMouseLeave={() => onHighlight(null)}
      onFocus={() => onHighlight(actor.id)}
      onBlur={() => onHighlight(null)}
    >
      <article aria-labelledby={resultLinkId(actor.id)}>
        <h4 className="result__name">
          <Link id={resultLinkId(actor.id)} href={`/acteurs/${actor.slug}`} state={{ searchHref }}>
            {actor.name}
          </Link>
        </h4>
        <p className="result__meta">
          <span>{ACTOR_TYPE_LABELS[actor.type]}</span>
          <span aria-hidden="true"> · </span>
          <span>{actorWhere(actor)}</span>
          {actor.distance_km !== undefined && !national && (
            <>
              <span aria-hidden="true"> · </span>
              <span className="result__distance">{fr.result.distance(actor.distance_km)}</span>
            </>
          )}
          {actor.distance_km === undefined && actor.match === 'territoire' && (
            <>
              <span aria-hidden="true"> · </span>
              <span>{fr.result.match.territoire}</span>
            </>
          )}
        </p>
        {hours && <HoursStatus state={hours.state} now={now} timeZone={hours.timeZone} className="result__hours" />}
        {confidential && (
          <p className="result__flags">
            <ConfidentialBadge />
          </p>
        )}
        <PublicBadges publics={actor.publics} />
        <ActionBadges actions={actor.actions} />
        {phone && (
          <p className="result__call">
            <a className="button button--secondary" href={phoneHref(phone.value)} aria-label={fr.result.callLabel(phone.value, actor.name)}>
              {fr.result.call(phone.value)}
            </a>
            {phone.label && <span className="result__call-label">{phone.label}</span>}
          </p>
        )}
      </article>
    </li>
  );
}

type ListProps = {
  items: readonly ActorListItem[];
  searchHref: string;
  highlightedId: number | null;
  onHighlight: (actorId: number | null) => void;
  localHeading: string;
  now: string;
};

export function ResultList({ items, searchHref, highlightedId, onHighlight, localHeading, now }: ListProps) {
  const local = items.filter((a) => !isNationalActor(a));
  const national = items.filter(isNationalActor);
  const cards = (actors: typeof items) => (
    <ol className="result-list">
      {actors.map((a) => (
        <ResultCard key={a.id} actor={a} searchHref={searchHref} highlighted={a.id === highlightedId} onHighlight={onHighlight} now={now} />
      ))}
    </ol>
  );
  return (
    <>
      {local.length > 0 && (
        <section className="result-block" aria-labelledby="bloc-local">
          <h3 id="bloc-local" className="result-block__title">
            {localHeading}
          </h3>
          {cards(local)}
        </section>
      )}
      {national.length > 0 && (
        <section className="result-block result-block--national" aria-labelledby="bloc-national">
          <h3 id="bloc-national" className="result-block__title">
            {fr.search.nationalHeading}
          </h3>
          <p className="result-block__intro">{fr.search.nationalIntro}</p>
          {cards(national)}
        </section>
      )}
    </>
  );
}
