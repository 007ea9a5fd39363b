/**
 * What people expect on an actor's page: share it (link, SMS), print it, a small map of its public
 * sites and « Itinéraire » to a public address. A confidential site never gets a map pin here nor
 * a route: only public sites with a street address do.
 */
import type { ActorListItem, PublicActor, PublicSite } from '@pare/schema';
import { useState } from 'react';
import { fr } from '../../i18n/fr.ts';
import { LazySearchMap } from '../map/lazy-search-map.tsx';

function pageUrl(): string {
  return window.location.origin + window.location.pathname;
}

export function ShareAndPrint({ actor }: { actor: PublicActor }) {
  const t = fr.actor.share;
  const [copied, setCopied] = useState<string | null>(null);
  const smsBody = `${actor.name} : ${pageUrl()}`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(pageUrl());
      setCopied(t.copied);
    } catch {
      setCopied(t.copyFailed(pageUrl()));
    }
  }
  return (
    <section className="actor-section actor-share no-print" aria-labelledby="titre-partager">
      <h2 id="titre-partager">{t.heading}</h2>
      <p className="actor-share__buttons">
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          {t.copy}
        </button>
        <a className="button button--secondary" href={`sms:?&body=${encodeURIComponent(smsBody)}`}>
          {t.sms}
        </a>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t.print}
        </button>
      </p>
      <p role="status" className="field__hint">
        {copied}
      </p>
    </section>
  );
}

/** The public address as one line, for a maps app; null for a confidential site or one without an address. */
export function publicAddress(site: PublicSite): string | null {
  if (site.confidential || !site.address) return null;
  return [site.address, [site.postcode, site.commune?.name].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/**
 * Opens the device's maps app on the address (text only, never coordinates): `geo:` on Android,
 * Apple Plans elsewhere (the Plans app on iPhone and Mac, its web page on other computers).
 */
export function directionsHref(address: string): string {
  const q = encodeURIComponent(address);
  return /Android/i.test(navigator.userAgent) ? `geo:0,0?q=${q}` : `https://maps.apple.com/?daddr=${q}`;
}

export function DirectionsLink({ site }: { site: PublicSite }) {
  const address = publicAddress(site);
  if (!address) return null;
  return (
    <p className="site__directions no-print">
      <a
        className="button button--secondary"
        href={directionsHref(address)}
        rel="noopener noreferrer external"
        aria-label={fr.actor.directionsLabel(address)}
      >
        {fr.actor.directions}
      </a>
    </p>
  );
}

/** A small map of the actor's public sites (confidential ones are left out). */
export function ActorSitesMap({ actor }: { actor: PublicActor }) {
  const publicSites = actor.sites.filter((s) => !s.confidential);
  if (actor.territory.scope === 'national' || publicSites.length === 0) return null;
  const item: ActorListItem = { ...actor, sites: publicSites };
  return (
    <div className="actor-map no-print">
      <LazySearchMap
        items={[item]}
        place={null}
        searchKey={actor.slug}
        highlightedId={null}
        onHover={() => undefined}
        onSelect={() => undefined}
        compact
      />
    </div>
  );
}
