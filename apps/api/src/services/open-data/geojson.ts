/** The GeoJSON export: one Point per public (non-confidential) site of a published actor. */
import type { PublicActor } from '@pare/schema';
import { actorPageUrl, type OpenDataDeps, publicSites, publishedActorBatches } from './public-actors.ts';

export type SiteFeature = {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    actor_id: number;
    slug: string;
    name: string;
    type: string;
    publics: string[];
    actions: string[];
    address: string | null;
    postcode: string | null;
    commune: string | null;
    commune_code: string | null;
    departement: string | null;
    departement_code: string | null;
    precision: string;
    url: string;
  };
};

/**
 * The features of one actor. Confidential sites are left out entirely, not even at their
 * commune's centre: a pin on a map reads as "the place is here", and a confidential place has
 * no place on a public map. Such an actor stays in the CSV and the API, marked confidential.
 */
export function actorToFeatures(actor: PublicActor, origin: string): SiteFeature[] {
  return publicSites(actor).map((site) => ({
    type: 'Feature',
    id: `site-${site.id}`,
    // RFC 7946: longitude first.
    geometry: { type: 'Point', coordinates: [site.lng, site.lat] },
    properties: {
      actor_id: actor.id,
      slug: actor.slug,
      name: actor.name,
      type: actor.type,
      publics: actor.publics,
      actions: actor.actions,
      address: site.address,
      postcode: site.postcode,
      commune: site.commune?.name ?? null,
      commune_code: site.commune?.code ?? null,
      departement: site.departement?.name ?? null,
      departement_code: site.departement?.code ?? null,
      precision: site.precision,
      url: actorPageUrl(origin, actor.slug),
    },
  }));
}

/** The FeatureCollection text, batch by batch. */
export function* actorsGeoJsonChunks(deps: OpenDataDeps, options: { origin: string; batchSize?: number }): Generator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for (const batch of publishedActorBatches(deps, options.batchSize)) {
    let chunk = '';
    for (const actor of batch) {
      for (const feature of actorToFeatures(actor, options.origin)) {
        chunk += (first ? '\n' : ',\n') + JSON.stringify(feature);
        first = false;
      }
    }
    yield chunk;
  }
  yield '\n]}\n';
}
