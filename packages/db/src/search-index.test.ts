import { listCommunes } from '@pare/geo';
import { ACTIONS, CreateActorInputSchema, PUBLICS } from '@pare/schema';
import { describe, expect, it } from 'vitest';
import { actorRepository, actorToInput } from './actors.ts';
import { openDatabase } from './database.ts';
import { createRandom, GENERATED_SUFFIX, generateDirectory } from './generate.ts';
import { openActorsIndex } from './open-actors.ts';
import { ANONYMOUS, publicView } from './public-view.ts';
import { type ActorSearch, actorSearch, actorSearchSql, anonymousListViews } from './search.ts';
import {
  aroundOrder,
  buildDirectoryIndex,
  departementActors,
  nearActors,
  nearMap,
  patchDirectoryIndex,
  territoryActors,
} from './search-index.ts';
import { openIds } from './search-query.ts';

/**
 * After a write on the app's connection the search index is patched for the actors written
 * instead of rebuilt (docs/PERFORMANCE.md, « no pause after a write »): these tests check the
 * patched index answers exactly what a rebuild and the SQL definition answer.
 */
describe('the search index after a write', () => {
  const db = openDatabase(':memory:');
  generateDirectory(db, { actors: 400, seed: 21 });
  const repo = actorRepository(db);
  const random = createRandom(9);
  const lyon = { lat: 45.758, lng: 4.835, radiusKm: 30, strict: false, commune: '69123', departement: '69', region: '84' };
  const paris = { lat: 48.8566, lng: 2.3522, radiusKm: 15, strict: true, commune: null, departement: '75', region: '11' };
  const ids = () => db.prepare('SELECT id FROM actors ORDER BY id').pluck().all() as number[];
  /** The territory sets of a search around Lyon: sites and territories in the Rhône, Lyon's own, the région's. */
  const LYON_TERRITORIES = [
    ['sd', '69'],
    ['td', '69'],
    ['tk', '69'],
    ['tc', '69123'],
    ['tr', '84'],
  ] as const;

  /** A few writes a curator makes: rename, move a site, change filters and territory, archive, create. */
  const writes: ((id: number) => number)[] = [
    (id) => {
      const a = repo.findActorById(id);
      if (!a) return id;
      repo.replaceActor(id, { ...actorToInput(a), name: `Aaa premier ${id}${GENERATED_SUFFIX}`, actions: ['ecoute', 'soin'] });
      return id;
    },
    (id) => {
      const a = repo.findActorById(id);
      if (!a) return id;
      const input = actorToInput(a);
      repo.replaceActor(id, {
        ...input,
        publics: ['familles'],
        territory: { scope: 'departements', regions: [], departements: ['69'], communes: [] },
        sites: input.sites.map((s) => ({ ...s, lat: 45.76, lng: 4.84, commune_code: '69123', postcode: '69001' })),
      });
      return id;
    },
    (id) => {
      repo.setActorStatus(id, 'archived');
      return id;
    },
    () =>
      repo.createActor(
        CreateActorInputSchema.parse({
          name: `Zzz nouveau ${random.next()}${GENERATED_SUFFIX}`,
          type: 'association',
          publics: ['jeunes'],
          actions: ['ecoute'],
          territory: { scope: 'national' },
        }),
        { generated: true },
      ).id,
  ];

  it('is, patched, the index a rebuild gives: fields, both orders, territories and sites', () => {
    const ix = buildDirectoryIndex(db);
    // Fill the lazy parts, so the patch has them to update.
    nearActors(db, ix, lyon);
    for (const [kind, code] of LYON_TERRITORIES) territoryActors(db, ix, kind, code);
    const touched: number[] = [];
    for (let n = 0; n < 12; n++) {
      const all = ids();
      touched.push((writes[n % writes.length] as (id: number) => number)(random.pick(all)));
    }
    patchDirectoryIndex(db, ix, touched);
    const rebuilt = buildDirectoryIndex(db);
    const used = rebuilt.size;
    for (const field of ['published', 'type', 'scope', 'publics', 'actions', 'nameRank', 'updatedRank'] as const) {
      const published = (a: ArrayLike<number>) =>
        Array.from(a)
          .slice(0, used)
          .map((v, id) => (rebuilt.published[id] ? v : 0));
      expect(published(ix[field]), field).toEqual(published(rebuilt[field]));
    }
    expect([...ix.byName]).toEqual([...rebuilt.byName]);
    expect([...ix.byUpdated]).toEqual([...rebuilt.byUpdated]);
    expect([...ix.national]).toEqual([...rebuilt.national]);
    for (const [kind, code] of LYON_TERRITORIES)
      expect([...territoryActors(db, ix, kind, code)].sort(), `${kind}:${code}`).toEqual(
        [...territoryActors(db, rebuilt, kind, code)].sort(),
      );
    expect([...nearMap(nearActors(db, ix, lyon))].sort()).toEqual([...nearMap(nearActors(db, rebuilt, lyon))].sort());
  });

  it('is, patched after each single save (moved within its orders in place), the index a rebuild gives', () => {
    const ix = buildDirectoryIndex(db);
    nearActors(db, ix, lyon);
    const published = () => db.prepare(`SELECT id FROM actors WHERE status = 'published' ORDER BY id`).pluck().all() as number[];
    const edits: ((id: number) => void)[] = [
      // A description only: the same place by name, first by date.
      (id) => {
        const a = repo.findActorById(id);
        if (a) repo.replaceActor(id, { ...actorToInput(a), description: `relu ${random.next()}` });
      },
      // Renamed to the top, then to the bottom of the names.
      (id) => {
        const a = repo.findActorById(id);
        if (a) repo.replaceActor(id, { ...actorToInput(a), name: `Aaaa ${id}${GENERATED_SUFFIX}` });
      },
      (id) => {
        const a = repo.findActorById(id);
        if (a) repo.replaceActor(id, { ...actorToInput(a), name: `Zzzz ${id}${GENERATED_SUFFIX}`, publics: ['jeunes'] });
      },
      // National, then back to a département: in and out of the national list.
      (id) => {
        const a = repo.findActorById(id);
        if (a) repo.replaceActor(id, { ...actorToInput(a), territory: { scope: 'national', regions: [], departements: [], communes: [] } });
      },
      (id) => {
        const a = repo.findActorById(id);
        if (a)
          repo.replaceActor(id, {
            ...actorToInput(a),
            territory: { scope: 'departements', regions: [], departements: ['69'], communes: [] },
          });
      },
    ];
    for (let n = 0; n < 15; n++) {
      const id = random.pick(published());
      (edits[n % edits.length] as (id: number) => void)(id);
      patchDirectoryIndex(db, ix, [id]);
      const rebuilt = buildDirectoryIndex(db);
      const inRebuilt = (a: ArrayLike<number>) =>
        Array.from(a)
          .slice(0, rebuilt.size)
          .map((v, i) => (rebuilt.published[i] ? v : 0));
      for (const field of ['published', 'type', 'scope', 'publics', 'actions', 'nameRank', 'updatedRank'] as const)
        expect(inRebuilt(ix[field]), `${field} after edit ${n}`).toEqual(inRebuilt(rebuilt[field]));
      expect([...ix.byName], `byName after edit ${n}`).toEqual([...rebuilt.byName]);
      expect([...ix.byUpdated], `byUpdated after edit ${n}`).toEqual([...rebuilt.byUpdated]);
      expect([...ix.national], `national after edit ${n}`).toEqual([...rebuilt.national]);
    }
    expect([...nearMap(nearActors(db, ix, lyon))].sort()).toEqual([...nearMap(nearActors(db, buildDirectoryIndex(db), lyon))].sort());
  });

  it('no longer finds a saved actor around any of the places its sites were moved from, as a rebuild', () => {
    const ix = buildDirectoryIndex(db);
    nearActors(db, ix, lyon);
    const withSites = db
      .prepare(`SELECT actor_id FROM sites s JOIN actors a ON a.id = s.actor_id WHERE a.status = 'published'
                 GROUP BY actor_id HAVING count(*) >= 2 ORDER BY actor_id LIMIT 6`)
      .pluck()
      .all() as number[];
    expect(withSites.length).toBeGreaterThan(2);
    for (const id of withSites) {
      const a = repo.findActorById(id);
      if (!a) continue;
      const input = actorToInput(a);
      const was = a.sites.map((s) => ({ lat: s.lat as number, lng: s.lng as number }));
      // Every site moved to Brest: each place one of them left must lose the actor.
      repo.replaceActor(id, {
        ...input,
        sites: input.sites.map((s) => ({ ...s, lat: 48.39, lng: -4.486, commune_code: '29019', postcode: '29200' })),
      });
      patchDirectoryIndex(db, ix, [id]);
      const rebuilt = buildDirectoryIndex(db);
      for (const place of was) {
        const around = { ...place, radiusKm: 2 };
        expect(nearMap(nearActors(db, ix, around)).has(id), `actor ${id} around ${place.lat},${place.lng}`).toBe(false);
        expect([...nearMap(nearActors(db, ix, around))].sort()).toEqual([...nearMap(nearActors(db, rebuilt, around))].sort());
      }
      expect(nearMap(nearActors(db, ix, { lat: 48.39, lng: -4.486, radiusKm: 1 })).has(id)).toBe(true);
    }
  });

  it('drops from a département’s lists an actor saved away from it, and keeps them as a rebuild gives them', () => {
    const ix = buildDirectoryIndex(db);
    const regionOf: Record<string, string> = { '69': '84', '75': '11', '13': '93', '33': '75', '59': '32' };
    const lists = () =>
      Object.entries(regionOf).map(([d, r]) => ({
        d,
        r,
        list: [...departementActors(db, ix, d, r)],
        around: [...aroundOrder(db, ix, d, r)],
      }));
    // Actors of these départements by a site or a territory there, not national, not by their région.
    const leaving = lists()
      .flatMap(({ list }) => list.slice(0, 2))
      .filter((id) => repo.findActorById(id)?.territory.scope !== 'national');
    expect(leaving.length).toBeGreaterThan(4);
    for (const id of leaving) {
      const a = repo.findActorById(id);
      if (!a) continue;
      const input = actorToInput(a);
      repo.replaceActor(id, {
        ...input,
        territory: { scope: 'departements', regions: [], departements: ['29'], communes: [] },
        sites: input.sites.map((s) => ({ ...s, lat: 48.39, lng: -4.486, commune_code: '29019', postcode: '29200' })),
      });
      patchDirectoryIndex(db, ix, [id]);
      const rebuilt = buildDirectoryIndex(db);
      for (const { d, r, list, around } of lists()) {
        expect(list.includes(id), `actor ${id} in département ${d}`).toBe(false);
        expect(list, `département ${d} after actor ${id}`).toEqual([...departementActors(db, rebuilt, d, r)]);
        expect(around, `around ${d} after actor ${id}`).toEqual([...aroundOrder(db, rebuilt, d, r)]);
      }
    }
  });

  it('finds an actor given a commune territory where the commune had none, and no longer where it was taken away', () => {
    const ix = buildDirectoryIndex(db);
    const none = listCommunes().find(
      (c) => db.prepare(`SELECT 1 FROM actor_territories WHERE kind = 'commune' AND code = ?`).get(c.code) === undefined,
    )?.code as string;
    const had = db.prepare(`SELECT code FROM actor_territories WHERE kind = 'commune' LIMIT 1`).pluck().get() as string;
    const holder = db.prepare(`SELECT actor_id FROM actor_territories WHERE kind = 'commune' AND code = ?`).pluck().get(had) as number;
    // Every commune's territories read once (the first commune searched), before the write.
    expect([...territoryActors(db, ix, 'tc', none)]).toEqual([]);
    expect(territoryActors(db, ix, 'tc', had).has(holder)).toBe(true);
    const a = repo.findActorById(holder);
    if (!a) throw new Error('no holder');
    repo.replaceActor(holder, { ...actorToInput(a), territory: { scope: 'communes', regions: [], departements: [], communes: [none] } });
    patchDirectoryIndex(db, ix, [holder]);
    expect([...territoryActors(db, ix, 'tc', none)]).toEqual([holder]);
    expect(territoryActors(db, ix, 'tc', had).has(holder)).toBe(false);
    const rebuilt = buildDirectoryIndex(db);
    for (const code of [none, had])
      expect([...territoryActors(db, ix, 'tc', code)].sort(), code).toEqual([...territoryActors(db, rebuilt, 'tc', code)].sort());
  });

  it('answers as the SQL definition after each write, page and facets (texts read whole again at every write)', () => {
    const fast = actorSearch(db, { textRanksMaxAgeMs: 0 });
    const sql = actorSearchSql(db);
    const searches: ActorSearch[] = [
      { limit: 20, offset: 0 },
      { limit: 20, offset: 0, sort: 'updated' },
      { limit: 20, offset: 0, place: lyon, actions: ['ecoute'] },
      { limit: 50, offset: 0, place: paris },
      { limit: 20, offset: 0, departement: { code: '69', region: '84' }, publics: ['familles'] },
      { limit: 20, offset: 0, text: 'premier' },
      { limit: 20, offset: 0, text: 'nouveau', place: lyon },
    ];
    for (let n = 0; n < 12; n++) {
      for (const s of searches) fast.searchActors(s);
      (writes[n % writes.length] as (id: number) => number)(random.pick(ids()));
      for (const s of searches) {
        expect(fast.searchActors(s), JSON.stringify(s)).toEqual(sql.searchActors(s));
        expect(fast.facetCounts(s), JSON.stringify(s)).toEqual(sql.facetCounts(s));
      }
    }
  });

  /** Each search and its facets, as the SQL definition answers them. */
  const sameAsSql = (fast: ReturnType<typeof actorSearch>, searches: readonly ActorSearch[]) => {
    const sql = actorSearchSql(db);
    for (const s of searches) {
      expect(fast.searchActors(s), JSON.stringify(s)).toEqual(sql.searchActors(s));
      expect(fast.facetCounts(s), JSON.stringify(s)).toEqual(sql.facetCounts(s));
    }
  };
  /** A published, not national actor with a site in `departement` and nothing in the Nord (59) or its région (32). */
  const actorOfNotNord = (departement: string): number => {
    const id = db
      .prepare(
        `SELECT a.id FROM actors a WHERE a.status = 'published' AND a.territory_scope != 'national'
           AND EXISTS (SELECT 1 FROM sites s WHERE s.actor_id = a.id AND s.departement_code = ?)
           AND NOT EXISTS (SELECT 1 FROM sites s WHERE s.actor_id = a.id AND s.departement_code = '59')
           AND NOT EXISTS (SELECT 1 FROM actor_territories t WHERE t.actor_id = a.id AND (t.departement = '59' OR t.code IN ('59', '32')))
         ORDER BY a.id LIMIT 1`,
      )
      .pluck()
      .get(departement) as number | undefined;
    expect(id).toBeDefined();
    return id as number;
  };

  it('keeps the other départements’ place searches across a write, and answers as the SQL definition in each', () => {
    const fast = actorSearch(db);
    const marseille = { lat: 43.2965, lng: 5.3698, radiusKm: 10, strict: false, commune: '13055', departement: '13', region: '93' };
    const lille = { lat: 50.6292, lng: 3.0573, radiusKm: 20, strict: false, commune: '59350', departement: '59', region: '32' };
    const places = [lyon, marseille, lille];
    const searches = places.flatMap((place): ActorSearch[] => [
      { limit: 20, offset: 0, place },
      { limit: 20, offset: 20, place, publics: ['jeunes'] },
    ]);
    const same = () => sameAsSql(fast, searches);
    same();
    expect(fast.basesMade()).toBe(3);
    // An actor of the Bouches-du-Rhône, with nothing in the Nord, moves to Lyon.
    const moved = actorOfNotNord('13');
    const input = actorToInput(repo.findActorById(moved) as NonNullable<ReturnType<typeof repo.findActorById>>);
    repo.replaceActor(moved, {
      ...input,
      territory: { scope: 'departements', regions: [], departements: ['69'], communes: [] },
      sites: input.sites.map((s) => ({ ...s, lat: 45.76, lng: 4.84, commune_code: '69123', postcode: '69001' })),
    });
    same();
    // Marseille's base lost it and Lyon's gained it: both made again; Lille's kept.
    expect(fast.basesMade()).toBe(5);
    expect(fast.indexBuilds()).toBe(1);
  });

  it('keeps the other départements’ text and département searches across a write, and answers as the SQL definition in each', () => {
    const fast = actorSearch(db);
    const rhone = { code: '69', region: '84' };
    const nord = { code: '59', region: '32' };
    const searches: ActorSearch[] = [rhone, nord].flatMap((departement): ActorSearch[] => [
      { limit: 20, offset: 0, departement },
      { limit: 20, offset: 20, departement, sort: 'name', publics: ['jeunes'] },
      { limit: 50, offset: 0, departement, text: 'nouveau premier' },
      { limit: 50, offset: 0, departement, text: 'écoute' },
    ]);
    const same = () => sameAsSql(fast, searches);
    same();
    expect(fast.departementCandidatesMade()).toBe(6);
    // An actor of the Rhône, with nothing in the Nord nor national, renamed so that both texts find it.
    const renamed = actorOfNotNord('69');
    const input = actorToInput(repo.findActorById(renamed) as NonNullable<ReturnType<typeof repo.findActorById>>);
    repo.replaceActor(renamed, { ...input, name: `Nouveau premier lieu d’écoute${GENERATED_SUFFIX}` });
    same();
    const found = fast.searchActors(searches[2] as ActorSearch).hits.map((h) => h.id);
    expect(found).toContain(renamed);
    // The Rhône's three made again; the Nord's kept.
    expect(fast.departementCandidatesMade()).toBe(9);
  });

  it('finds, right after each write, the actors a text matches, with a text kept across the writes', () => {
    const fast = actorSearch(db);
    const sql = actorSearchSql(db);
    const texts: ActorSearch[] = [
      { limit: 1000, offset: 0, text: 'premier' },
      { limit: 1000, offset: 0, text: 'nouveau' },
      { limit: 1000, offset: 0, text: 'premier', departement: { code: '69', region: '84' } },
      { limit: 1000, offset: 0, text: 'nouveau', place: lyon },
    ];
    const found = (s: ActorSearch, search: Pick<typeof fast, 'searchActors'>) => {
      const { total, hits } = search.searchActors(s);
      return { total, ids: hits.map((h) => h.id).sort((a, b) => a - b) };
    };
    for (let n = 0; n < 16; n++) {
      for (const s of texts) fast.searchActors(s);
      const written = (writes[n % writes.length] as (id: number) => number)(random.pick(ids()));
      for (const s of texts) {
        // The same actors as the SQL definition (bm25's ranks of the others may be a write behind).
        expect(found(s, fast), JSON.stringify(s)).toEqual(found(s, sql));
        expect(fast.facetCounts(s), JSON.stringify(s)).toEqual(sql.facetCounts(s));
      }
      // The actor just renamed « Aaa premier » is found by that word at once, and ranked as a whole read ranks it.
      if (n % writes.length === 0) {
        const hit = fast.searchActors({ limit: 1000, offset: 0, text: 'premier' }).hits.find((h) => h.id === written);
        const truth = sql.searchActors({ limit: 1000, offset: 0, text: 'premier' }).hits.find((h) => h.id === written);
        expect(hit).toEqual(truth);
        expect(hit).toBeDefined();
      }
    }
    // Patched at each write, never rebuilt: the texts were caught up, not read again for a new index.
    expect(fast.indexBuilds()).toBe(1);
  });

  it('keeps the actors open now right after a write, as a fresh read gives them', () => {
    const open = openActorsIndex(db);
    const monday = new Date('2026-03-02T10:00:00+01:00');
    open.openAt(monday, 'monday');
    for (let n = 0; n < 8; n++) {
      (writes[n % writes.length] as (id: number) => number)(random.pick(ids()));
      const fresh = openActorsIndex(db);
      expect(openIds(open.openAt(monday, 'monday'))).toEqual(openIds(fresh.openAt(monday, 'monday')));
    }
  });

  it('gives the list views publicView gives, at every instant and after a write', () => {
    const some = ids().slice(0, 40);
    const load = (list: readonly number[]) => repo.loadActors(list);
    const fresh = (list: readonly number[], at: Date) => repo.loadActors(list).map((r) => publicView(r, ANONYMOUS, { at, week: false }));
    // Through a week, every 5 hours and a half: opening, closing and midnight are crossed.
    for (let h = 0; h < 7 * 24; h += 5.5) {
      const at = new Date(Date.parse('2026-03-02T06:00:00+01:00') + h * 3600_000);
      expect(anonymousListViews(db, load, some, at), at.toISOString()).toEqual(fresh(some, at));
    }
    const at = new Date('2026-03-04T11:00:00+01:00');
    anonymousListViews(db, load, some, at);
    const id = some[3] as number;
    const a = repo.findActorById(id);
    if (a) repo.replaceActor(id, { ...actorToInput(a), description: 'Relu et corrigé' });
    expect(anonymousListViews(db, load, some, at)).toEqual(fresh(some, at));
    expect(anonymousListViews(db, load, [id], at)[0]?.description).toBe(a ? 'Relu et corrigé' : undefined);
  });
});

describe('the searches most visitors make', () => {
  const db = openDatabase(':memory:');
  generateDirectory(db, { actors: 1500, seed: 5 });
  const fast = actorSearch(db);
  const sql = actorSearchSql(db);
  /** Checks the page, the facets and the matching ids against the SQL definition; gives the page. */
  const sameAsSql = (s: ActorSearch) => {
    const answer = fast.searchActors(s);
    expect(answer, JSON.stringify(s)).toEqual(sql.searchActors(s));
    expect(fast.facetCounts(s), JSON.stringify(s)).toEqual(sql.facetCounts(s));
    expect([...fast.matchingIds(s)].sort(), JSON.stringify(s)).toEqual([...sql.matchingIds(s)].sort());
    return answer;
  };

  it('answers as the SQL definition for a word in a département: actions named, filters, sorts, pages, facets', () => {
    const random = createRandom(4);
    const departements = db
      .prepare('SELECT DISTINCT departement_code FROM sites WHERE departement_code IS NOT NULL')
      .pluck()
      .all() as string[];
    const regionOf = (code: string) => listCommunes().find((c) => c.departement === code)?.region ?? '';
    let compared = 0;
    for (let n = 0; n < 80; n++) {
      const code = random.pick(departements);
      const s: ActorSearch = {
        text: random.pick(['enfance', 'ecoute', 'association', 'hebergement jeunes', 'prevention', 'maison']),
        departement: { code, region: regionOf(code) },
        ...(n % 3 === 1 ? { actions: [random.pick(ACTIONS)] } : {}),
        ...(n % 5 === 2 ? { sort: random.pick(['name', 'updated'] as const) } : {}),
        limit: 10,
        offset: 10 * random.pick([0, 0, 1, 3]),
      };
      if (sameAsSql(s).total > 0) compared++;
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('answers as the SQL definition for communes all over France: radii, filters, open now, sorts, pages, facets', () => {
    const random = createRandom(3);
    const communes = listCommunes();
    const open = openActorsIndex(db);
    const monday = open.openAt(new Date('2026-03-02T10:00:00+01:00'), 'monday');
    const sunday = open.openAt(new Date('2026-03-01T10:00:00+01:00'), 'sunday');
    expect(openIds(monday).length).toBeGreaterThan(0);
    let compared = 0;
    for (let n = 0; n < 150; n++) {
      const c = random.pick(communes);
      const strict = n % 5 === 0;
      const s: ActorSearch = {
        place: {
          lat: c.lat,
          lng: c.lng,
          radiusKm: random.pick([2, 10, 30, 50, 100]),
          strict,
          commune: strict ? null : c.code,
          departement: c.departement,
          region: c.region,
        },
        ...(n % 3 === 1 ? { actions: [random.pick(ACTIONS)] } : {}),
        ...(n % 4 === 2 ? { publics: [random.pick(PUBLICS)] } : {}),
        ...(n % 7 === 3 ? { sort: random.pick(['name', 'updated', 'distance'] as const) } : {}),
        ...(n % 6 === 4 ? { open: monday } : {}),
        ...(n % 2 === 0 ? { openNow: random.pick([monday, sunday]) } : {}),
        limit: 20,
        offset: 20 * random.pick([0, 0, 1, 4]),
      };
      if (sameAsSql(s).total > 0) compared++;
    }
    // Most searches found something to order (not a comparison of empty pages).
    expect(compared).toBeGreaterThan(100);
  });
});
