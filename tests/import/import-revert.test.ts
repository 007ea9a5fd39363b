/**
 * An import can be undone: POST /api/admin/import/{importId}/revert archives the actors it
 * created and puts back the ones it updated, each with a revision; what changed since is left
 * alone unless forced; a second revert changes nothing.
 */
import type { PublicActor } from '@pare/schema';
import { PublicActorSchema } from '@pare/schema';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';
import { actorRow, countActors, csvOf, exportText, importJson } from './helpers.ts';

let t: TestApp;
let admin: Signed;
let original: PublicActor;
let importId: string;
const METZ = 'test-association-familles-metz';
const revert = async (id: string, query = '') =>
  (await asUser(t, admin, `/api/admin/import/${id}/revert${query}`, { method: 'POST' })).json();
/** A public page, but for its date and the ids of its sites (a saved entry gets new site rows). */
const withoutDate = (a: PublicActor) => ({ ...a, updated_at: undefined, sites: a.sites.map((s) => ({ ...s, id: undefined })) });

beforeAll(async () => {
  t = createTestApp();
  admin = await signedInAs(t, 'curateur');
  original = (await getJson(t.app, `/api/actors/${METZ}`, PublicActorSchema)).body;
  const metz = (parse(await exportText(t), { columns: true }) as Record<string, string>[]).find((r) => r.slug === METZ) as Record<
    string,
    string
  >;
  const file = csvOf([
    { ...metz, description: 'Changée par l’import à annuler.', telephone: '03 00 00 00 99' },
    actorRow('test-revert-un'),
    actorRow('test-revert-deux'),
  ]);
  const { body } = await importJson(t, admin, file);
  expect(body.summary).toEqual({ created: 2, updated: 1, unchanged: 0, rejected: 0 });
  importId = body.import_id;
});
afterAll(() => t.close());

describe('an import and its revert', () => {
  it('the import is described: who, when, what it created and updated', async () => {
    const res = await asUser(t, admin, `/api/admin/import/${importId}`);
    expect(await res.json()).toMatchObject({
      import_id: importId,
      actors: 3,
      created: 2,
      updated: 1,
      author: 'Équipe PARÉ', // the organisation, never the login
    });
  });

  it('each actor it wrote has one `import` revision carrying the import id', () => {
    const rows = t.db.prepare(`SELECT action, count(*) AS n FROM revisions WHERE import_id = ? GROUP BY action`).all(importId);
    expect(rows).toEqual([{ action: 'import', n: 3 }]);
  });

  it('an actor changed since the import is left alone and said so', async () => {
    // A second import changes one of the created actors again.
    const later = await importJson(t, admin, csvOf([actorRow('test-revert-un', { description: 'Changée après l’import.' })]));
    expect(later.body.summary.updated).toBe(1);
    const report = await revert(importId);
    expect(report.summary).toEqual({ reverted: 1, archived: 1, skipped: 1 });
    expect(report.actors).toContainEqual({
      id: expect.any(Number),
      slug: 'test-revert-un',
      action: 'skipped',
      reason: 'Modifiée depuis l’import : voyez son historique, ou relancez avec force=true',
    });
  });

  it('the updated actor is back as it was, its public page identical', async () => {
    const now = (await getJson(t.app, `/api/actors/${METZ}`, PublicActorSchema)).body;
    expect(withoutDate(now)).toEqual(withoutDate(original));
    const id = now.id as number;
    const last = t.db
      .prepare(`SELECT action, note, reverted_to, import_id FROM revisions WHERE entity_id = ? ORDER BY id DESC LIMIT 1`)
      .get(id);
    const importRevision = t.db
      .prepare(`SELECT id FROM revisions WHERE entity_id = ? AND import_id = ?`)
      .pluck()
      .get(id, importId) as number;
    const before = t.db.prepare(`SELECT max(id) FROM revisions WHERE entity_id = ? AND id < ?`).pluck().get(id, importRevision);
    expect(last).toEqual({ action: 'revert', note: `Annulation de l’import ${importId}`, reverted_to: before, import_id: null });
  });

  it('a created actor is archived, no longer public, its history kept', async () => {
    expect((await getJson(t.app, '/api/actors/test-revert-deux', PublicActorSchema)).status).toBe(404);
    expect(t.db.prepare(`SELECT status FROM actors WHERE slug = 'test-revert-deux'`).pluck().get()).toBe('archived');
    const actions = t.db
      .prepare(`SELECT r.action FROM revisions r JOIN actors a ON a.id = r.entity_id WHERE a.slug = 'test-revert-deux' ORDER BY r.id`)
      .pluck()
      .all();
    expect(actions).toEqual(['import', 'archive']);
  });

  it('force=true reverts the actor changed since', async () => {
    const report = await revert(importId, '?force=true');
    expect(report.summary).toEqual({ reverted: 0, archived: 1, skipped: 2 });
    expect(t.db.prepare(`SELECT status FROM actors WHERE slug = 'test-revert-un'`).pluck().get()).toBe('archived');
  });

  it('a second revert changes nothing', async () => {
    const actors = countActors(t, `status = 'published'`);
    const revisions = t.db.prepare('SELECT count(*) FROM revisions').pluck().get();
    const report = await revert(importId);
    expect(report.summary).toEqual({ reverted: 0, archived: 0, skipped: 3 });
    expect(report.actors.map((a: { reason: string }) => a.reason).sort()).toEqual([
      'Déjà archivée',
      'Déjà archivée',
      'Déjà revenue à sa version d’avant l’import',
    ]);
    expect(countActors(t, `status = 'published'`)).toBe(actors);
    expect(t.db.prepare('SELECT count(*) FROM revisions').pluck().get()).toBe(revisions);
  });

  it('importing the file again after the revert leaves the archived actors archived', async () => {
    const { body } = await importJson(t, admin, csvOf([actorRow('test-revert-deux')]));
    expect(body.rows[0]).toMatchObject({ action: 'unchanged', slug: 'test-revert-deux' });
    expect(t.db.prepare(`SELECT status FROM actors WHERE slug = 'test-revert-deux'`).pluck().get()).toBe('archived');
  });

  it.each([
    ['an unknown import', '/api/admin/import/inconnu-0000/revert', 404],
    ['a malformed id', '/api/admin/import/x/revert', 400],
  ])('%s: %i', async (_, url, status) => {
    const res = await asUser(t, admin, url, { method: 'POST' });
    expect(res.status).toBe(status);
  });

  it('a dry run has no import id and nothing to revert', async () => {
    const { body } = await importJson(t, admin, csvOf([actorRow('test-revert-essai')]), { query: 'dry_run=true' });
    expect(body.import_id).toBeNull();
  });
});
