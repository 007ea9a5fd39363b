/**
 * Server-side clustering of the directory's sites for the map (supercluster, a KD-tree per
 * zoom level): a viewport gets at most a few hundred features whatever the size of the
 * directory, instead of every site. Built once per directory version (`directoryVersion` in @pare/db) and
 * rebuilt on the first request after a change.
 *
 * Only public data goes in: the public coordinates (`sites.public_lat/lng`, the commune's centre
 * for a confidential site — the very values publicView() gives as `lat`/`lng`), the actor's slug
 * and name. Confidential sites are clustered apart, so a cluster never mixes them with precise
 * points, as on the client's map.
 */
import { type Db, directoryVersion } from '@pare/db';
import Supercluster from 'supercluster';

type PointProps = { site_id: number };
type Index = { version: string; sites: Supercluster<PointProps>; confidential: Supercluster<PointProps> };

export type MapFeature = {
  type: 'Feature';
  id?: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties:
    | { cluster: true; count: number; confidential: boolean; expansion_zoom: number }
    | { cluster: false; confidential: boolean; site_id: number; actor: string; name: string };
};

const OPTIONS = { radius: 60, maxZoom: 16, minPoints: 3 } as const;
const MAX_VIEW_PX = 1600;
const indexes = new WeakMap<Db, Index>();

/** Only numbers go into the trees; slugs and names are read for the few points a view shows. */
function build(db: Db, version: string): Index {
  const rows = db
    .prepare(
      `SELECT s.id, s.public_lat, s.public_lng, s.confidential
       FROM sites s JOIN actors a ON a.id = s.actor_id
       WHERE a.status = 'published' AND a.territory_scope <> 'national'`,
    )
    .raw()
    .all() as [number, number, number, number][];
  const points = (confidential: boolean) =>
    rows
      .filter((r) => (r[3] === 1) === confidential)
      .map(([id, lat, lng]) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [lng, lat] },
        properties: { site_id: id },
      }));
  return {
    version,
    sites: new Supercluster<PointProps>(OPTIONS).load(points(false)),
    confidential: new Supercluster<PointProps>(OPTIONS).load(points(true)),
  };
}

function indexFor(db: Db): Index {
  const version = directoryVersion(db)?.() ?? `uncached:${Math.random()}`;
  let index = indexes.get(db);
  if (!index || index.version !== version) {
    index = build(db, version);
    indexes.set(db, index);
  }
  return index;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** The sites and clusters of sites in a viewport at a zoom level, as GeoJSON. */
export function mapPoints(
  db: Db,
  bbox: [number, number, number, number],
  zoom: number,
): { type: 'FeatureCollection'; features: MapFeature[] } {
  const index = indexFor(db);
  // Beyond the view a screen can show (1,600 px across) or the last clustered level, a larger
  // zoom would only unpack every point of a wide box: answer at the zoom that fits instead.
  const width = Math.max(1e-6, bbox[2] - bbox[0]);
  const fits = Math.floor(Math.log2((MAX_VIEW_PX * 360) / (256 * width)));
  zoom = Math.max(0, Math.min(zoom, OPTIONS.maxZoom, fits));
  const found: { f: ReturnType<Supercluster<PointProps>['getClusters']>[number]; tree: Supercluster<PointProps>; confidential: boolean }[] =
    [];
  for (const [tree, confidential] of [
    [index.sites, false],
    [index.confidential, true],
  ] as const) {
    for (const f of tree.getClusters(bbox, zoom)) found.push({ f, tree, confidential });
  }
  const siteIds = found
    .filter(({ f }) => !(f.properties as { cluster?: boolean }).cluster)
    .map(({ f }) => (f.properties as PointProps).site_id);
  const actors = new Map<number, { slug: string; name: string }>();
  if (siteIds.length > 0) {
    const rows = db
      .prepare('SELECT s.id, a.slug, a.name FROM sites s JOIN actors a ON a.id = s.actor_id WHERE s.id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(siteIds)) as [number, string, string][];
    for (const [id, slug, name] of rows) actors.set(id, { slug, name });
  }
  const features: MapFeature[] = [];
  for (const { f, tree, confidential } of found) {
    const [lng, lat] = f.geometry.coordinates as [number, number];
    const geometry = { type: 'Point' as const, coordinates: [round6(lng), round6(lat)] as [number, number] };
    const p = f.properties as Partial<PointProps> & { cluster?: boolean; cluster_id?: number; point_count?: number };
    if (p.cluster) {
      features.push({
        type: 'Feature',
        geometry,
        properties: {
          cluster: true,
          count: p.point_count ?? 0,
          confidential,
          expansion_zoom: tree.getClusterExpansionZoom(p.cluster_id as number),
        },
      });
    } else {
      const actor = actors.get(p.site_id as number);
      if (!actor) continue;
      features.push({
        type: 'Feature',
        id: p.site_id,
        geometry,
        properties: { cluster: false, confidential, site_id: p.site_id as number, actor: actor.slug, name: actor.name },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
