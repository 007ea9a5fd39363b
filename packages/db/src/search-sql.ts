import type { ActorFacets } from '@pare/schema';
import { ACTIONS, ACTOR_TYPES, PUBLICS } from '@pare/schema';
import type { Db } from './database.ts';
import { statementCache } from './database.ts';
import { ACTION_BOOST, type ActorSearch, type ActorSearchHit, actionsNamedBy, openIds, toFtsQuery } from './search-query.ts';

type Facet = 'publics' | 'actions' | 'types';

/**
 * The search in plain SQL: the definition of what every search returns, in what order, with
 * which facet counts. Correct but slow on a large directory (every facet re-runs the whole
 * query, a département filter scans every actor): `actorSearch` below answers the same from an
 * in-memory index, and the tests check both give the same answers (generate.test.ts).
 */
export function actorSearchSql(db: Db) {
  const stmt = statementCache(db);

  function build(s: ActorSearch, except?: Facet) {
    const params: Record<string, unknown> = {};
    const where: string[] = [`a.status = 'published'`];
    const ctes: string[] = [];
    let joins = '';
    let grp = 'NULL';
    let distance = 'NULL';

    const fts = s.text ? toFtsQuery(s.text) : null;
    if (fts) {
      const named = actionsNamedBy(s.text);
      // An actor doing what the words name comes first (same rule as the in-memory search below).
      const boost = named.length
        ? ` - CASE WHEN EXISTS (SELECT 1 FROM actor_actions b WHERE b.actor_id = rowid AND b.action IN (SELECT value FROM json_each(@named))) THEN ${ACTION_BOOST} ELSE 0 END`
        : '';
      joins += ` JOIN (SELECT rowid AS id, bm25(actors_fts, 10.0, 2.0, 3.0, 1.0)${boost} AS rank FROM actors_fts WHERE actors_fts MATCH @fts) f ON f.id = a.id`;
      params.fts = fts;
      if (named.length) params.named = JSON.stringify(named);
    }
    if (s.types?.length && except !== 'types') {
      where.push('a.type IN (SELECT value FROM json_each(@types))');
      params.types = JSON.stringify(s.types);
    }
    if (s.publics?.length && except !== 'publics') {
      where.push('EXISTS (SELECT 1 FROM actor_publics p WHERE p.actor_id = a.id AND p.public IN (SELECT value FROM json_each(@publics)))');
      params.publics = JSON.stringify(s.publics);
    }
    if (s.actions?.length && except !== 'actions') {
      where.push('EXISTS (SELECT 1 FROM actor_actions x WHERE x.actor_id = a.id AND x.action IN (SELECT value FROM json_each(@actions)))');
      params.actions = JSON.stringify(s.actions);
    }
    if (s.open) {
      where.push('a.id IN (SELECT value FROM json_each(@open))');
      params.open = JSON.stringify(openIds(s.open));
    }
    if (s.departement) {
      where.push(`(a.territory_scope = 'national'
        OR EXISTS (SELECT 1 FROM sites sd WHERE sd.departement_code = @fdep AND sd.actor_id = a.id)
        OR EXISTS (SELECT 1 FROM actor_territories td WHERE td.actor_id = a.id AND (td.departement = @fdep OR (td.kind = 'region' AND td.code = @fregion))))`);
      params.fdep = s.departement.code;
      params.fregion = s.departement.region;
    }
    if (s.place) {
      const p = s.place;
      // A bounding box around the circle for the R*Tree, then the exact distance.
      const dLat = p.radiusKm / 111.2;
      const dLng = p.radiusKm / (111.2 * Math.max(0.05, Math.cos((p.lat * Math.PI) / 180)));
      Object.assign(params, {
        lat: p.lat,
        lng: p.lng,
        radius: p.radiusKm,
        minLat: p.lat - dLat,
        maxLat: p.lat + dLat,
        minLng: p.lng - dLng,
        maxLng: p.lng + dLng,
      });
      ctes.push(`near AS (
        SELECT s.actor_id AS actor_id, MIN(distance_km(@lat, @lng, s.public_lat, s.public_lng)) AS d
        FROM sites_rtree r JOIN sites s ON s.id = r.id
        WHERE r.max_lat >= @minLat AND r.min_lat <= @maxLat AND r.max_lng >= @minLng AND r.min_lng <= @maxLng
        GROUP BY s.actor_id HAVING d <= @radius)`);
      joins += ' LEFT JOIN near ON near.actor_id = a.id';
      distance = 'near.d';
      if (p.strict) {
        where.push('near.actor_id IS NOT NULL');
        grp = '0';
      } else {
        params.pcommune = p.commune ?? '';
        params.pdep = p.departement ?? '';
        params.pregion = p.region ?? '';
        grp = `CASE WHEN near.actor_id IS NOT NULL THEN 0
          WHEN EXISTS (SELECT 1 FROM actor_territories tp WHERE tp.actor_id = a.id AND (
                 (tp.kind = 'commune' AND tp.code = @pcommune) OR (tp.kind = 'departement' AND tp.code = @pdep)
              OR (tp.kind = 'region' AND tp.code = @pregion)))
            OR EXISTS (SELECT 1 FROM sites sp WHERE sp.departement_code = @pdep AND sp.actor_id = a.id) THEN 1
          WHEN a.territory_scope = 'national' THEN 2 END`;
      }
    }
    const base = `base AS (
      SELECT a.id, a.type, a.name_sort, a.updated_at, a.territory_scope, ${distance} AS distance, ${grp} AS grp${fts ? ', f.rank AS rank' : ''}
      FROM actors a${joins}
      WHERE ${where.join(' AND ')})`;
    const placeFilter = s.place && !s.place.strict ? 'WHERE grp IS NOT NULL' : '';
    return { sql: `WITH ${[...ctes, base].join(', ')}`, params, placeFilter, fts: Boolean(fts) };
  }

  function orderBy(s: ActorSearch, hasFts: boolean): string {
    const scopeRank = `CASE territory_scope WHEN 'communes' THEN 0 WHEN 'departements' THEN 1 WHEN 'regions' THEN 2 ELSE 3 END`;
    switch (s.sort) {
      case 'name':
        return 'name_sort, id';
      case 'updated':
        return 'updated_at DESC, id';
      case 'distance':
        return `grp, distance IS NULL, distance, ${scopeRank}, name_sort, id`;
      default:
        if (s.place) return `grp, distance IS NULL, distance, ${scopeRank}, name_sort, id`;
        if (hasFts) return 'rank, name_sort, id';
        if (s.departement) return `${scopeRank} = 3, name_sort, id`;
        return 'name_sort, id';
    }
  }

  /** One page of matching actor ids with their distance, and the total. */
  function searchActors(s: ActorSearch): { total: number; hits: ActorSearchHit[] } {
    const { sql, params, placeFilter, fts } = build(s);
    const rows = stmt(
      `${sql} SELECT id, distance, grp, count(*) OVER () AS total FROM base ${placeFilter} ORDER BY ${orderBy(s, fts)} LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: s.limit, offset: s.offset }) as { id: number; distance: number | null; grp: number | null; total: number }[];
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && s.offset > 0) {
      total = stmt(`${sql} SELECT count(*) FROM base ${placeFilter}`).pluck().get(params) as number;
    }
    const MATCH = ['proximite', 'territoire', 'national'] as const;
    return {
      total,
      hits: rows.map((r) => ({
        id: r.id,
        distanceKm: r.distance === null ? null : Math.round(r.distance * 10) / 10,
        match: s.place && r.grp !== null ? (MATCH[r.grp] ?? null) : null,
      })),
    };
  }

  /** For each option of each filter, how many results choosing it would give (other filters kept). */
  function facetCounts(s: ActorSearch): ActorFacets {
    const facets = {
      publics: Object.fromEntries(PUBLICS.map((c) => [c, 0])),
      actions: Object.fromEntries(ACTIONS.map((c) => [c, 0])),
      types: Object.fromEntries(ACTOR_TYPES.map((c) => [c, 0])),
      open_now: 0,
    } as ActorFacets;
    if (s.openNow) {
      const { sql, params, placeFilter } = build(s);
      const where = `${placeFilter ? `${placeFilter} AND` : 'WHERE'} id IN (SELECT value FROM json_each(@openNow))`;
      facets.open_now = stmt(`${sql} SELECT count(*) FROM base ${where}`)
        .pluck()
        .get({ ...params, openNow: JSON.stringify(openIds(s.openNow)) }) as number;
    }
    const specs: [Facet, string][] = [
      ['publics', 'SELECT p.public AS code, count(*) AS n FROM base JOIN actor_publics p ON p.actor_id = base.id'],
      ['actions', 'SELECT x.action AS code, count(*) AS n FROM base JOIN actor_actions x ON x.actor_id = base.id'],
      ['types', 'SELECT base.type AS code, count(*) AS n FROM base'],
    ];
    for (const [facet, select] of specs) {
      const { sql, params, placeFilter } = build(s, facet);
      const where = placeFilter ? placeFilter.replace('grp', 'base.grp') : '';
      const rows = stmt(`${sql} ${select} ${where} GROUP BY code`).all(params) as { code: string; n: number }[];
      const target = facets[facet] as Record<string, number>;
      for (const r of rows) target[r.code] = r.n;
    }
    return facets;
  }

  /** Every matching actor's id, in no particular order (the map draws them all; the list pages them). */
  function matchingIds(s: ActorSearch): Int32Array {
    const { sql, params, placeFilter } = build(s);
    return Int32Array.from(stmt(`${sql} SELECT id FROM base ${placeFilter}`).pluck().all(params) as number[]);
  }

  return { searchActors, facetCounts, matchingIds };
}
