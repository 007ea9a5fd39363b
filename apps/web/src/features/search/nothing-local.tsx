/**
 * When no structure has a place near the searched place: say so in words, offer a wider radius,
 * the département's CRIP (the reporting channel every département has) and the national lines.
 * Never an empty map with no explanation.
 */
import type { ActorListItem } from '@pare/schema';
import { DEFAULT_RADIUS_KM } from '@pare/schema/codes';
import { fr } from '../../i18n/fr.ts';
import { Link } from '../../lib/router.tsx';
import { isNationalActor } from '../map/map-data.ts';
import { RADIUS_OPTIONS } from './search-state.ts';

/** True when the page's results hold no actor with a place within the radius. */
export function nothingLocal(items: readonly ActorListItem[]): boolean {
  return !items.some((a) => a.match === 'proximite' || (a.distance_km !== undefined && !isNationalActor(a)));
}

/** The next radius offered, or null at the largest. */
export function widerRadius(current: number | null): number | null {
  const km = current ?? DEFAULT_RADIUS_KM;
  return RADIUS_OPTIONS.find((r) => r > km) ?? null;
}

type Props = {
  items: readonly ActorListItem[];
  placePhrase: string;
  radiusKm: number | null;
  departement: string | null;
  searchHref: string;
  onWiden: (km: number) => void;
};

export function NothingLocal({ items, placePhrase, radiusKm, departement, searchHref, onWiden }: Props) {
  const t = fr.search.nothingLocal;
  const wider = widerRadius(radiusKm);
  const crip = items.find((a) => a.slug.startsWith('crip-'));
  const hasNational = items.some(isNationalActor);
  return (
    <section className="notice nothing-local" aria-labelledby="titre-rien-local">
      <h3 id="titre-rien-local" className="notice__title">
        {t.title(placePhrase, radiusKm ?? DEFAULT_RADIUS_KM)}
      </h3>
      <p>{t.text}</p>
      <ul className="nothing-local__ways">
        {wider !== null && (
          <li>
            <button type="button" className="button button--secondary" onClick={() => onWiden(wider)}>
              {t.widen(wider)}
            </button>
          </li>
        )}
        {crip ? (
          <li>
            <Link href={`/acteurs/${crip.slug}`} state={{ searchHref }}>
              {t.crip(crip.name)}
            </Link>
            <span className="nothing-local__hint"> — {t.cripHint}</span>
          </li>
        ) : (
          departement && (
            <li>
              <Link href={`/departements/${departement}`}>{t.departement(departement)}</Link>
              <span className="nothing-local__hint"> — {t.cripHint}</span>
            </li>
          )
        )}
        <li>
          {hasNational ? (
            <a href="#bloc-national">{t.nationalBelow}</a>
          ) : (
            <Link href="/?types=ligne-ecoute,numero-urgence">{t.nationalLink}</Link>
          )}
          <span className="nothing-local__hint"> — {t.nationalHint}</span>
        </li>
      </ul>
    </section>
  );
}
