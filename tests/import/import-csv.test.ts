/**
 * POST /api/admin/import with CSV files: the round trip of our export, dry runs, idempotence,
 * per-row errors with their line numbers, duplicates inside a file, hand-made spreadsheets.
 */
import { readFileSync } from 'node:fs';
import type { PublicActor } from '@pare/schema';
import { PublicActorSchema } from '@pare/schema';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, freshAppSignedInAs, signedInAs, signIn } from '../helpers/accounts.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';
import { actorRow, countActors, countRevisions, csvOf, exportText, importJson } from './helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));

type Row = {
  row: number;
  action: string;
  slug?: string;
  id?: number;
  issues?: { field: string; message: string }[];
  duplicate_of?: number;
};

/**
 * What a visitor sees of an actor, without what depends on the database it is in (ids, dates)
 * and the labels and hours the CSV has no column for.
 */
function comparable(a: PublicActor) {
  return {
    ...a,
    id: undefined,
    updated_at: undefined,
    sites: a.sites.map((s) => ({
      ...s,
      id: undefined,
      label: null,
      opening_hours: null,
      accessibility: null,
      open_now: undefined,
      next_change: undefined,
      week: undefined,
    })),
    // A line's own hours have no CSV column (the 119's « 24/7 »): left out with their state.
    contacts: a.contacts
      .map((c) => ({ ...c, label: null, opening_hours: null, open_now: undefined, next_change: undefined, week: undefined }))
      .sort((x, y) => `${x.kind}${x.value}`.localeCompare(`${y.kind}${y.value}`)),
  };
}

/** An actor the CSV describes (labels aside): at most one site, and not a confidential one. */
const describedByCsv = (a: PublicActor) => a.sites.length <= 1 && a.sites.every((s) => !s.confidential);

describe('round trip: the CSV export imported into an empty directory', () => {
  let source: TestApp;
  let target: TestApp;
  let report: { status: number; body: { summary: Record<string, number>; rows: Row[] } };
  let slugs: string[];

  beforeAll(async () => {
    source = createTestApp();
    target = createTestApp({ seed: false });
    const admin = await signIn(target, await createAccount(target, 'admin'));
    slugs = source.db.prepare(`SELECT slug FROM actors WHERE status = 'published' ORDER BY id`).pluck().all() as string[];
    report = await importJson(target, admin, await exportText(source));
  });
  afterAll(() => {
    source.close();
    target.close();
  });

  it('creates every published actor, with its slug, and rejects none', () => {
    expect(report.status).toBe(200);
    expect(report.body.summary).toEqual({ created: slugs.length, updated: 0, unchanged: 0, rejected: 0 });
    expect(report.body.rows.map((r) => r.slug)).toEqual(slugs);
  });

  it('gives the same public pages (but for labels and hours) for every actor with at most one site, not confidential', async () => {
    let compared = 0;
    for (const slug of slugs) {
      const before = (await getJson(source.app, `/api/actors/${slug}`, PublicActorSchema)).body as PublicActor;
      const after = (await getJson(target.app, `/api/actors/${slug}`, PublicActorSchema)).body as PublicActor;
      if (!describedByCsv(before)) continue;
      expect(comparable(after), slug).toEqual(comparable(before));
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('gives the same name, codes, territory, public contacts and main public place for every actor', async () => {
    for (const slug of slugs) {
      const before = comparable((await getJson(source.app, `/api/actors/${slug}`, PublicActorSchema)).body);
      const after = comparable((await getJson(target.app, `/api/actors/${slug}`, PublicActorSchema)).body);
      const mainPlace = (a: typeof before) => {
        const s = a.sites.find((x) => !x.confidential);
        return s && { address: s.address, postcode: s.postcode, commune: s.commune, lat: s.lat, lng: s.lng, precision: s.precision };
      };
      const values = (a: typeof before) => a.contacts.map((c) => `${c.kind}:${c.value}`);
      expect({ ...after, sites: mainPlace(after), contacts: values(after) }, slug).toEqual({
        ...before,
        sites: mainPlace(before),
        contacts: values(before),
      });
    }
  });

  it('exports again the same CSV, but for ids, dates and what the CSV cannot carry', async () => {
    const rows = async (t: TestApp) =>
      (parse(await exportText(t), { columns: true }) as Record<string, string>[]).map(
        ({ id, mis_a_jour_le, lieu_confidentiel, nombre_lieux_publics, ...rest }) => rest,
      );
    expect(await rows(target)).toEqual(await rows(source));
  });

  it('importing the same file again creates nothing and writes no revision', async () => {
    const admin = await signIn(target, await createAccount(target, 'admin'));
    const revisions = countRevisions(target);
    const again = await importJson(target, admin, await exportText(source));
    expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: slugs.length, rejected: 0 });
    expect(again.body.import_id).toBeNull();
    expect(countRevisions(target)).toBe(revisions);
  });
});

describe('importing into a directory that already holds the actors', () => {
  const s = freshAppSignedInAs('admin');

  it.each([
    ['comma', '/api/exports/actors.csv'],
    ['semicolon', '/api/exports/actors.csv?sep=;'],
  ])('its own export (%s) changes nothing, confidential sites and private contacts included', async (_, url) => {
    const revisions = countRevisions(s.t);
    const snapshot = s.t.db.prepare('SELECT id, updated_at FROM actors ORDER BY id').all();
    const { status, body } = await importJson(s.t, s.who, await exportText(s.t, url));
    expect(status).toBe(200);
    expect(body.summary).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    expect(body.rows.every((r: Row) => r.action === 'unchanged')).toBe(true);
    expect(s.t.db.prepare('SELECT id, updated_at FROM actors ORDER BY id').all()).toEqual(snapshot);
    expect(countRevisions(s.t)).toBe(revisions);
  });

  it('an edited cell of the export updates that actor only, keeping what the CSV does not show', async () => {
    const csv = await exportText(s.t);
    // The Thionville shelter: its confidential site and professionals-only e-mail are not in the CSV.
    const edited = csv.replace('Lieu de mise à l’abri fictif pour les tests.', 'Description changée par un import de test.');
    const { body } = await importJson(s.t, s.who, edited);
    expect(body.summary).toMatchObject({ created: 0, updated: 1, rejected: 0 });
    const updated = body.rows.find((r: Row) => r.action === 'updated');
    expect(updated).toMatchObject({ slug: 'test-foyer-confidentiel-thionville', matched_by: 'slug', changes: ['description'] });
    const admin_ = await getJson(s.t.app, `/api/actors/test-foyer-confidentiel-thionville`, PublicActorSchema);
    expect(admin_.body.description).toMatch(/^Description changée/);
    const record = s.t.db.prepare(`SELECT address, confidential FROM sites WHERE actor_id = ?`).get(updated.id);
    expect(record).toEqual({ address: '12 rue Secrète-de-Test', confidential: 1 });
    const contacts = s.t.db.prepare(`SELECT kind, value, visibility FROM contacts WHERE actor_id = ? ORDER BY position`).all(updated.id);
    expect(contacts).toContainEqual({ kind: 'email', value: 'direction-test@example.test', visibility: 'professionnels' });
    expect(contacts).toContainEqual({ kind: 'phone', value: '03 00 00 00 01', visibility: 'public' });
    const revision = s.t.db
      .prepare(`SELECT action, import_id, author_label FROM revisions WHERE entity_id = ? ORDER BY id DESC LIMIT 1`)
      .get(updated.id);
    expect(revision).toMatchObject({ action: 'import', import_id: body.import_id });
  });
});

describe('a dry run', () => {
  const s = freshAppSignedInAs('admin');

  it('says what would be created, updated, left unchanged or rejected, and changes nothing', async () => {
    const csv = await exportText(s.t);
    const lines = csv.split('\r\n');
    const metz = lines.findIndex((l) => l.includes('test-association-familles-metz'));
    lines[metz] = (lines[metz] as string).replace('Groupe de parole fictif pour les parents', 'Groupe de parole modifié');
    const file = lines.join('\r\n');
    const before = {
      actors: countActors(s.t),
      revisions: countRevisions(s.t),
      rows: s.t.db.prepare('SELECT * FROM actors ORDER BY id').all(),
      sites: s.t.db.prepare('SELECT * FROM sites ORDER BY id').all(),
      contacts: s.t.db.prepare('SELECT * FROM contacts ORDER BY id').all(),
    };

    const exportRun = await importJson(s.t, s.who, file, { query: 'dry_run=true' });
    expect(exportRun.body.dry_run).toBe(true);
    expect(exportRun.body.import_id).toBeNull();
    expect(exportRun.body.summary).toMatchObject({ created: 0, updated: 1, rejected: 0 });
    expect(exportRun.body.rows.find((r: Row) => r.action === 'updated')).toMatchObject({
      row: metz + 1,
      slug: 'test-association-familles-metz',
      changes: ['description'],
    });

    const newRows = csvOf([actorRow('test-import-essai'), actorRow('test-import-essai-refuse', { publics: 'inconnus' })]);
    const newRun = await importJson(s.t, s.who, newRows, { query: 'dry_run=1' });
    expect(newRun.body.summary).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(newRun.body.rows).toEqual([
      { row: 2, action: 'created', slug: 'test-import-essai' },
      expect.objectContaining({ row: 3, action: 'rejected', issues: [expect.objectContaining({ field: 'publics' })] }),
    ]);

    expect({
      actors: countActors(s.t),
      revisions: countRevisions(s.t),
      rows: s.t.db.prepare('SELECT * FROM actors ORDER BY id').all(),
      sites: s.t.db.prepare('SELECT * FROM sites ORDER BY id').all(),
      contacts: s.t.db.prepare('SELECT * FROM contacts ORDER BY id').all(),
    }).toEqual(before);
  });
});

describe('rows with errors', () => {
  let t: TestApp;
  let body: { summary: Record<string, number>; rows: Row[] };
  beforeAll(async () => {
    t = createTestApp();
    body = (await importJson(t, await signedInAs(t, 'curateur'), fixture('errors.csv'))).body;
  });
  afterAll(() => t.close());

  it('valid rows go in, whatever the rows around them', () => {
    expect(body.summary).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 7 });
    for (const slug of ['test-import-valide-1', 'test-import-valide-2', 'test-import-valide-3']) {
      expect(countActors(t, `slug = '${slug}'`), slug).toBe(1);
    }
    expect(countActors(t, `slug LIKE 'test-import-%' AND slug NOT LIKE 'test-import-valide-%'`)).toBe(0);
  });

  it.each([
    [2, 'created', null, null],
    [3, 'rejected', 'publics', 'Valeur inconnue « ados » : valeurs possibles jeunes, familles, professionnels'],
    [
      4,
      'rejected',
      'type',
      'Valeur inconnue « club » : valeurs possibles association, service-departemental, service-etat, sante, maison-ados, ligne-ecoute, numero-urgence, reseau, fondation, forces-ordre',
    ],
    [5, 'created', null, null], // its description runs over lines 5 and 6
    [7, 'rejected', 'code_postal', 'Code postal invalide (5 chiffres)'],
    [8, 'rejected', 'nom', 'Le nom est requis'],
    [9, 'rejected', 'departements', 'Code de département invalide (ex. 57, 2A, 971)'],
    [10, 'rejected', 'email', 'Adresse e-mail invalide'],
    [11, 'rejected', 'ligne', 'La ligne a 4 colonne(s) au lieu de 11.'],
    [12, 'created', null, null],
  ])('line %i: %s %s', (line, action, field, message) => {
    const row = body.rows.find((r) => r.row === line);
    expect(row?.action).toBe(action);
    if (field) expect(row?.issues).toEqual([{ field, message }]);
    else expect(row?.issues).toBeUndefined();
  });

  it('a cell holding a line break is read whole, and the row keeps the line it starts on', () => {
    const description = t.db.prepare(`SELECT description FROM actors WHERE slug = 'test-import-valide-2'`).pluck().get();
    expect(description).toBe('Une description\r\nsur deux lignes.');
    expect(body.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 7, 8, 9, 10, 11, 12]);
  });

  it('a code unknown to the territory referential is named with its field', async () => {
    const csv = csvOf([actorRow('test-import-commune-inconnue', { code_commune_du_lieu: '57999' })]);
    const { body: r } = await importJson(t, await signedInAs(t, 'admin'), csv);
    expect(r.rows[0]).toMatchObject({
      action: 'rejected',
      issues: [{ field: 'code_commune_du_lieu', message: 'Commune inconnue : 57999' }],
    });
  });
});

describe('the same actor twice in one file', () => {
  const s = freshAppSignedInAs('admin');

  it.each([
    ['dry run', 'dry_run=true'],
    ['import', ''],
  ])('%s: an identical second line is unchanged, a different one is rejected', async (_, query) => {
    const suffix = query ? 'essai' : 'vrai';
    const csv = csvOf([
      actorRow(`test-import-double-${suffix}`),
      actorRow(`test-import-double-${suffix}`),
      actorRow(`test-import-double-${suffix}`, { description: 'Une autre version.' }),
    ]);
    const { body } = await importJson(s.t, s.who, csv, { query });
    expect(body.summary).toEqual({ created: 1, updated: 0, unchanged: 1, rejected: 1 });
    expect(body.rows[1]).toMatchObject({ row: 3, action: 'unchanged', duplicate_of: 2 });
    expect(body.rows[2]).toMatchObject({
      row: 4,
      action: 'rejected',
      duplicate_of: 2,
      issues: [
        { field: 'slug', message: 'Même acteur que la ligne 2 de ce fichier, avec d’autres valeurs : gardez une seule ligne par acteur' },
      ],
    });
    expect(countActors(s.t, `slug = 'test-import-double-${suffix}'`)).toBe(query ? 0 : 1);
  });

  it('without a slug, the same name in the same commune is the same actor', async () => {
    const row = { ...actorRow('x'), slug: '', nom: 'Association test sans slug (données de test)' };
    const { body } = await importJson(s.t, s.who, csvOf([row, row]));
    expect(body.summary).toEqual({ created: 1, updated: 0, unchanged: 1, rejected: 0 });
    const again = await importJson(s.t, s.who, csvOf([row]));
    expect(again.body.rows[0]).toMatchObject({ action: 'unchanged', matched_by: 'nom-commune' });
  });
});

describe('matching a row to an existing entry', () => {
  const s = freshAppSignedInAs('admin');

  it('a slug edited in the export is a rename, found by the id and the page link', async () => {
    const csv = await exportText(s.t);
    const edited = csv.replace(/^(\d+),test-prevention-marseille,/m, '$1,test-prevention-marseille-renomme,');
    const { body } = await importJson(s.t, s.who, edited);
    expect(body.summary).toMatchObject({ created: 0, updated: 1 });
    expect(body.rows.find((r: Row) => r.action === 'updated')).toMatchObject({
      matched_by: 'id',
      slug: 'test-prevention-marseille-renomme',
    });
  });

  it('ids of another directory never match: a file from elsewhere creates its own actors', async () => {
    // Id 1 here is a national line; the row with id 1 is another actor.
    const { body } = await importJson(s.t, s.who, csvOf([{ id: '1', ...actorRow('test-import-autre-annuaire') }]));
    expect(body.rows[0]).toMatchObject({ action: 'created', slug: 'test-import-autre-annuaire' });
  });

  it('a SIRET finds the entry that has it', async () => {
    const siret = '00000000000017';
    await importJson(s.t, s.who, csvOf([{ ...actorRow('test-import-siret'), siret }]));
    const { body } = await importJson(s.t, s.who, csvOf([{ ...actorRow('x'), slug: '', nom: 'Nom changé (données de test)', siret }]));
    expect(body.rows[0]).toMatchObject({ action: 'updated', matched_by: 'siret', slug: 'test-import-siret', changes: ['name'] });
  });
});

describe('files made by hand in a spreadsheet', () => {
  const s = freshAppSignedInAs('admin');

  it('reads French column titles, labels instead of codes, `;`, dd/mm/yyyy and a commune by name', async () => {
    const { status, body } = await importJson(s.t, s.who, fixture('hand-made.csv'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ delimiter: ';', encoding: 'utf-8', bom: false, summary: { created: 2, rejected: 0 } });
    const thionville = (await getJson(s.t.app, `/api/actors/${body.rows[0].slug}`, PublicActorSchema)).body as PublicActor;
    expect(thionville).toMatchObject({
      type: 'association',
      publics: ['jeunes', 'familles'],
      actions: ['ecoute', 'accompagnement'],
      territory: { scope: 'departements', departements: [{ code: '57', name: 'Moselle' }] },
      provenance: { last_verified_at: '2025-06-01' },
    });
    expect(thionville.sites[0]).toMatchObject({
      address: '3 rue de l’Essai',
      postcode: '57100',
      commune: { code: '57672', name: 'Thionville' },
    });
    const nancy = (await getJson(s.t.app, `/api/actors/${body.rows[1].slug}`, PublicActorSchema)).body as PublicActor;
    expect(nancy).toMatchObject({ type: 'maison-ados', actions: ['prevention', 'soin'], territory: { scope: 'departements' } });
    expect(nancy.sites[0]?.commune?.name).toBe('Nancy');
  });

  it('spreadsheets that dropped leading zeros and wrote decimals with a comma are understood', async () => {
    const csv = csvOf([
      actorRow('test-import-zeros', {
        departements: '1',
        code_commune_du_lieu: '1053',
        code_postal: '1000',
        latitude: '46,2052',
        longitude: '5,2255',
      }),
    ]);
    const { body } = await importJson(s.t, s.who, csv);
    expect(body.rows[0]).toMatchObject({ action: 'created' });
    const actor = (await getJson(s.t.app, '/api/actors/test-import-zeros', PublicActorSchema)).body as PublicActor;
    expect(actor.territory.departements[0]?.code).toBe('01');
    expect(actor.sites[0]).toMatchObject({
      postcode: '01000',
      commune: { code: '01053' },
      lat: 46.2052,
      lng: 5.2255,
      precision: 'address',
    });
  });

  it('columns it does not know are listed, not refused', async () => {
    const { body } = await importJson(s.t, s.who, csvOf([{ ...actorRow('test-import-colonne-inconnue'), 'Commentaire interne': 'x' }]));
    expect(body.summary.created).toBe(1);
    expect(body.ignored_columns).toEqual(['Commentaire interne']);
  });
});
