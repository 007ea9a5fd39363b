import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateActorInputSchema } from '@pare/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { actorRepository, actorToInput } from './actors.ts';
import { type Db, openDatabase } from './database.ts';
import {
  assertGenerationFile,
  bulkActorWriter,
  createRandom,
  DEFAULT_DATABASE_FILE,
  GENERATED_SUFFIX,
  GenerationRefusedError,
  generateActorInputs,
  generateDirectory,
} from './generate.ts';
import { publicView } from './public-view.ts';
import { type ActorSearch, actorSearch, actorSearchSql } from './search.ts';

const dir = mkdtempSync(join(tmpdir(), 'pare-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function generated(count: number, seed: number): { db: Db; report: ReturnType<typeof generateDirectory> } {
  const db = openDatabase(join(dir, `gen-${count}-${seed}-${Math.random().toString(36).slice(2)}.db`));
  return { db, report: generateDirectory(db, { actors: count, seed }) };
}

describe('generateDirectory', () => {
  const { db, report } = generated(200, 7);
  const repo = actorRepository(db);
  const ids = db.prepare('SELECT id FROM actors ORDER BY id').pluck().all() as number[];
  const actors = repo.loadActors(ids);

  it('marks every generated actor as generated and names it so', () => {
    expect(actors).toHaveLength(200);
    expect(report.actors).toBe(200);
    expect(db.prepare('SELECT count(*) FROM actors WHERE generated = 1').pluck().get()).toBe(200);
    for (const a of actors) expect(a.name.endsWith(GENERATED_SUFFIX)).toBe(true);
  });

  it('writes actors that the shared schema accepts', () => {
    for (const a of actors) {
      const parsed = CreateActorInputSchema.safeParse(actorToInput(a));
      expect(parsed.success, `${a.slug}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('covers the shapes a real directory has: national and département-wide actors, several sites, confidential places, professionals-only contacts', () => {
    const scopes = new Set(actors.map((a) => a.territory.scope));
    expect(scopes).toEqual(new Set(['national', 'regions', 'departements', 'communes']));
    expect(report.nationalActors).toBeGreaterThan(0);
    expect(report.confidentialSites).toBeGreaterThan(0);
    expect(report.confidentialSites).toBeLessThan(report.sites * 0.1);
    expect(actors.some((a) => a.sites.length === 3)).toBe(true);
    expect(actors.some((a) => a.contacts.some((c) => c.visibility === 'professionnels'))).toBe(true);
    expect(new Set(actors.map((a) => a.type)).size).toBeGreaterThanOrEqual(7);
    expect(new Set(actors.flatMap((a) => a.actions)).size).toBe(11);
  });

  it('never lets a confidential place out: the public sees its commune centre and none of its contacts', () => {
    const withSecret = actors.filter((a) => a.sites.some((s) => s.confidential));
    expect(withSecret.length).toBeGreaterThan(0);
    for (const a of withSecret) {
      const json = JSON.stringify(publicView(a));
      for (const s of a.sites.filter((x) => x.confidential)) {
        if (s.address) expect(json).not.toContain(s.address);
        expect(json).not.toContain(String(s.lat));
      }
      for (const c of a.contacts.filter((x) => x.siteId !== null)) expect(json).not.toContain(c.value);
    }
  });

  it('uses only fictitious phone numbers and reserved domains', () => {
    for (const a of actors) {
      for (const c of a.contacts) {
        if (c.kind === 'phone' || c.kind === 'sms') expect(c.value).toMatch(/^(01 99 00|06 39 98) \d\d \d\d$/);
        else expect(c.value).toMatch(/\.example(\/|$)/);
      }
    }
  });
});

describe('generateActorInputs', () => {
  it('gives the same directory for the same seed, and another for another seed', () => {
    const a = [...generateActorInputs(50, 42)];
    const b = [...generateActorInputs(50, 42)];
    const c = [...generateActorInputs(50, 43)];
    expect(b).toEqual(a);
    expect(c.map((x) => x.name)).not.toEqual(a.map((x) => x.name));
  });
});

describe('bulkActorWriter', () => {
  it('writes the same actors as actorRepository.createActor', () => {
    const inputs = [...generateActorInputs(60, 3)];
    const viaRepo = openDatabase(':memory:');
    const viaBulk = openDatabase(':memory:');
    const repo = actorRepository(viaRepo);
    const write = bulkActorWriter(viaBulk);
    for (const input of inputs) {
      repo.createActor(input, { generated: true });
      write(input);
    }
    const strip = (db: Db) =>
      actorRepository(db)
        .loadActors(db.prepare('SELECT id FROM actors ORDER BY id').pluck().all() as number[])
        .map(({ createdAt, updatedAt, ...rest }) => rest);
    expect(strip(viaBulk)).toEqual(strip(viaRepo));
    const text = (db: Db) => db.prepare('SELECT rowid, * FROM actors_fts ORDER BY rowid').all();
    expect(text(viaBulk)).toEqual(text(viaRepo));
    const rtree = (db: Db) => db.prepare('SELECT * FROM sites_rtree ORDER BY id').all();
    expect(rtree(viaBulk)).toEqual(rtree(viaRepo));
  });
});

describe('where generated data may go', () => {
  it('refuses the default database data/pare.db, in French', () => {
    expect(() => assertGenerationFile(DEFAULT_DATABASE_FILE)).toThrow(GenerationRefusedError);
    expect(() => assertGenerationFile(DEFAULT_DATABASE_FILE)).toThrow(/Refus : .*base de l’annuaire/);
  });

  it('refuses the database the app is configured with', () => {
    const configured = join(dir, 'configured.db');
    expect(() => assertGenerationFile(configured, [configured])).toThrow(GenerationRefusedError);
  });

  it('refuses a database that holds real actors, and leaves it untouched', () => {
    const db = openDatabase(join(dir, 'real.db'));
    actorRepository(db).createActor(
      CreateActorInputSchema.parse({
        name: 'Acteur réel (données de test)',
        type: 'association',
        publics: ['jeunes'],
        actions: ['ecoute'],
        territory: { scope: 'national' },
      }),
    );
    expect(() => generateDirectory(db, { actors: 10 })).toThrow(/non générés/);
    expect(db.prepare('SELECT count(*) FROM actors').pluck().get()).toBe(1);
    db.close();
  });

  it('adds to a database that holds only generated actors', () => {
    const { db } = generated(20, 1);
    generateDirectory(db, { actors: 20, seed: 2 });
    expect(db.prepare('SELECT count(*) FROM actors WHERE generated = 1').pluck().get()).toBe(40);
    db.close();
  });
});

describe('generated resources', () => {
  it('are skipped, and say why, while the resources table cannot mark them as generated', () => {
    const { db, report } = generated(40, 1);
    const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'resources'`).get() !== undefined;
    const hasFlag =
      hasTable && (db.prepare('PRAGMA table_info(resources)').all() as { name: string }[]).some((c) => c.name === 'generated');
    if (!hasFlag) {
      expect(report.resources).toBe(0);
      expect(report.resourcesSkipped).toBeTruthy();
      if (hasTable) expect(db.prepare('SELECT count(*) FROM resources').pluck().get()).toBe(0);
    } else {
      expect(report.resources).toBeGreaterThan(0);
      expect(db.prepare('SELECT count(*) FROM resources WHERE generated = 0').pluck().get()).toBe(0);
    }
    db.close();
  });

  it('are written and marked when the resources table has a generated column', () => {
    const db = openDatabase(join(dir, 'resources.db'));
    const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'resources'`).get() !== undefined;
    if (!hasTable) return;
    const hasFlag = (db.prepare('PRAGMA table_info(resources)').all() as { name: string }[]).some((c) => c.name === 'generated');
    if (!hasFlag) db.exec('ALTER TABLE resources ADD COLUMN generated INTEGER NOT NULL DEFAULT 0');
    const report = generateDirectory(db, { actors: 40, seed: 1 });
    expect(report.resourcesSkipped).toBeNull();
    expect(report.resources).toBeGreaterThan(0);
    const titles = db.prepare('SELECT title FROM resources WHERE generated = 1').pluck().all() as string[];
    expect(titles).toHaveLength(report.resources);
    for (const t of titles) expect(t.endsWith(GENERATED_SUFFIX)).toBe(true);
    db.close();
  });
});

describe('actorSearch on a generated directory', () => {
  const db = openDatabase(':memory:');
  generateDirectory(db, { actors: 800, seed: 11 });
  const fast = actorSearch(db);
  const sql = actorSearchSql(db);
  const random = createRandom(5);
  const paris = { lat: 48.8566, lng: 2.3522, radiusKm: 10, strict: true, commune: null, departement: '75', region: '11' };
  const lyon = { lat: 45.758, lng: 4.835, radiusKm: 30, strict: false, commune: '69123', departement: '69', region: '84' };
  const options = {
    text: [undefined, undefined, 'enfance', 'jeunes lyon', 'maison ado', 'zzzz', ' -- '],
    publics: [undefined, ['familles'], ['jeunes', 'professionnels']],
    actions: [undefined, ['ecoute'], ['soin', 'hebergement'], ['signalement']],
    types: [undefined, ['association'], ['service-departemental', 'sante']],
    departement: [
      undefined,
      undefined,
      undefined,
      { code: '13', region: '93' },
      { code: '75', region: '11' },
      { code: '69', region: '84' },
    ],
    place: [undefined, undefined, paris, lyon],
    sort: [undefined, 'name', 'updated', 'distance'],
    page: [
      [20, 0],
      [20, 0],
      [7, 14],
      [100, 0],
      [20, 100000],
    ],
  } as const;

  it('gives the same pages, totals, distances and facets as the SQL definition', () => {
    let found = 0;
    for (let n = 0; n < 250; n++) {
      const place = random.pick(options.place);
      const sort = random.pick(options.sort);
      const [limit, offset] = random.pick(options.page);
      const s: ActorSearch = {
        text: random.pick(options.text),
        publics: random.pick(options.publics)?.slice(),
        actions: random.pick(options.actions)?.slice(),
        types: random.pick(options.types)?.slice(),
        departement: random.pick(options.departement),
        place,
        sort: sort === 'distance' && !place ? undefined : sort,
        limit,
        offset,
      };
      const expected = sql.searchActors(s);
      if (expected.hits.length > 0) found++;
      expect(fast.searchActors(s), JSON.stringify(s)).toEqual(expected);
      expect(fast.facetCounts(s), JSON.stringify(s)).toEqual(sql.facetCounts(s));
      // Asked again: from the caches, still the same.
      expect(fast.searchActors(s)).toEqual(expected);
    }
    expect(found).toBeGreaterThan(80);
  });

  it('sees a change to the directory at once', () => {
    const s: ActorSearch = { text: 'Quokka', limit: 20, offset: 0 };
    expect(fast.searchActors(s).total).toBe(0);
    const repo = actorRepository(db);
    const created = repo.createActor(
      CreateActorInputSchema.parse({
        name: `Association Quokka${GENERATED_SUFFIX}`,
        type: 'association',
        publics: ['jeunes'],
        actions: ['ecoute'],
        territory: { scope: 'national' },
      }),
      { generated: true },
    );
    expect(fast.searchActors(s).hits.map((h) => h.id)).toEqual([created.id]);
    expect(fast.facetCounts(s).actions.ecoute).toBe(1);
    db.prepare(`UPDATE actors SET status = 'archived' WHERE id = ?`).run(created.id);
    expect(fast.searchActors(s).total).toBe(0);
    db.prepare('DELETE FROM actor_actions WHERE actor_id IN (SELECT id FROM actors ORDER BY id LIMIT 1)').run();
    expect(fast.facetCounts({ limit: 20, offset: 0 })).toEqual(sql.facetCounts({ limit: 20, offset: 0 }));
  });

  it('keeps nothing a rolled-back transaction wrote', () => {
    const repo = actorRepository(db);
    const s: ActorSearch = { text: 'Wombat', limit: 20, offset: 0 };
    const first = db.prepare('SELECT id FROM actors ORDER BY id LIMIT 1').pluck().get() as number;
    const before = repo.loadActors([first])[0];
    try {
      db.transaction(() => {
        db.prepare('UPDATE actors SET name = ? WHERE id = ?').run(`Wombat${GENERATED_SUFFIX}`, first);
        repo.replaceActor(first, { ...actorToInput(repo.findActorById(first) as never), name: `Wombat${GENERATED_SUFFIX}` });
        expect(fast.searchActors(s).total).toBe(1);
        expect(repo.loadActors([first])[0]?.name).toBe(`Wombat${GENERATED_SUFFIX}`);
        throw new Error('rollback');
      })();
    } catch {}
    db.prepare('UPDATE actors SET updated_at = updated_at WHERE id = ?').run(first);
    expect(fast.searchActors(s).total).toBe(0);
    expect(repo.loadActors([first])[0]?.name).toBe(before?.name);
  });

  it('sees what another connection commits, from the next turn of the event loop', async () => {
    const file = join(dir, 'two-connections.db');
    const first = openDatabase(file);
    generateDirectory(first, { actors: 30, seed: 4 });
    const search = actorSearch(first);
    const repo = actorRepository(first);
    const all = search.searchActors({ limit: 100, offset: 0 });
    const id = all.hits[0]?.id as number;
    expect(repo.loadActors([id])[0]?.status).toBe('published');
    const second = openDatabase(file);
    second.prepare(`UPDATE actors SET status = 'archived' WHERE id = ?`).run(id);
    second.close();
    // The other connection's commit is read once per turn (directoryVersion): the next turn sees it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(search.searchActors({ limit: 100, offset: 0 }).total).toBe(all.total - 1);
    expect(repo.loadActors([id])[0]?.status).toBe('archived');
    first.close();
  });

  it('gives callers copies: changing a loaded actor changes nothing for the next reader', () => {
    const repo = actorRepository(db);
    const id = db.prepare('SELECT actor_id FROM sites LIMIT 1').pluck().get() as number;
    const a = repo.loadActors([id])[0] as NonNullable<ReturnType<typeof repo.findActorById>>;
    const name = a.name;
    a.name = 'changé';
    a.sites[0]!.address = 'changé';
    a.publics.push('familles');
    const again = repo.loadActors([id])[0];
    expect(again?.name).toBe(name);
    expect(again?.sites[0]?.address).not.toBe('changé');
  });
});
