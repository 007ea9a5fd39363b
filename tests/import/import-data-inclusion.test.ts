/**
 * The data·inclusion import reads back what our data·inclusion export writes (structures, with
 * their services), and files from other producers.
 */
import { readFileSync } from 'node:fs';
import { actorRepository, userRepository } from '@pare/db';
import type { PublicActor } from '@pare/schema';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../apps/api/src/services/import/executor.ts';
import { spoolBody } from '../../apps/api/src/services/import/source.ts';
import { type Signed, signedInAs, withSignedIn } from '../helpers/accounts.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';
import { countActors, countRevisions, exportText, importJson } from './helpers.ts';

type Json = Record<string, unknown> & { id: string; structure_id?: string };
const JSON_TYPE = { contentType: 'application/json' };

let source: TestApp;
let admin: Signed;
let structures: Json[];
let services: Json[];

/** The structures whose file, with their services, stays under the API's general 64 KiB request limit. */
function smallDocument(): { structures: Json[]; services: Json[] } {
  const doc = { structures: [] as Json[], services: [] as Json[] };
  for (const s of structures) {
    const own = services.filter((v) => v.structure_id === s.id);
    if (JSON.stringify(doc).length + JSON.stringify([s, ...own]).length > 60_000) break;
    doc.structures.push(s);
    doc.services.push(...own);
  }
  return doc;
}

beforeAll(async () => {
  source = createTestApp();
  admin = await signedInAs(source, 'admin');
  structures = JSON.parse(await exportText(source, '/api/exports/data-inclusion/structures.json'));
  services = JSON.parse(await exportText(source, '/api/exports/data-inclusion/services.json'));
});
afterAll(() => source.close());

describe('into the directory that exported it', () => {
  it('structures.json alone: every structure found by its link, nothing changes', async () => {
    const revisions = countRevisions(source);
    const { status, body } = await importJson(source, admin, JSON.stringify(structures), JSON_TYPE);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      format: 'data-inclusion',
      summary: { created: 0, updated: 0, unchanged: structures.length, rejected: 0 },
    });
    expect(body.rows.every((r: { matched_by: string }) => r.matched_by === 'slug')).toBe(true);
    expect(countRevisions(source)).toBe(revisions);
  });

  it('structures with their services: nothing changes either', async () => {
    const doc = smallDocument();
    expect(doc.structures.length).toBeGreaterThan(5);
    const { body } = await importJson(source, admin, JSON.stringify(doc), JSON_TYPE);
    expect(body.summary).toEqual({ created: 0, updated: 0, unchanged: doc.structures.length, rejected: 0 });
    expect(body.warnings).toEqual([]);
  });

  it('a structure renamed in the file would update that actor (dry run)', async () => {
    const renamed = structures.map((s) =>
      s.nom === 'Association test Familles Metz (données de test)' ? { ...s, nom: 'Familles Metz renommée (données de test)' } : s,
    );
    const { body } = await importJson(source, admin, JSON.stringify(renamed), { ...JSON_TYPE, query: 'dry_run=true' });
    expect(body.summary).toMatchObject({ updated: 1, rejected: 0 });
    expect(body.rows.find((r: { action: string }) => r.action === 'updated')).toMatchObject({
      slug: 'test-association-familles-metz',
      changes: ['name'],
    });
  });
});

describe('into an empty directory', () => {
  let target: TestApp;
  let curator: Signed;
  beforeEach(async () => ({ t: target, who: curator } = await withSignedIn(createTestApp({ seed: false }), 'curateur')));
  afterEach(() => target.close());

  it('without ?type, new structures are rejected on `type` with the codes to choose from — but for départements’ services', async () => {
    const doc = smallDocument();
    const { body } = await importJson(target, curator, JSON.stringify(doc), JSON_TYPE);
    const departmental = doc.structures.filter((s) => JSON.stringify(s.reseaux_porteurs) === '["departements"]').length;
    expect(body.summary).toEqual({ created: departmental, updated: 0, unchanged: 0, rejected: doc.structures.length - departmental });
    const rejected = body.rows.find((r: { action: string }) => r.action === 'rejected');
    expect(rejected.issues).toEqual([
      {
        field: 'type',
        message: expect.stringMatching(
          /^data·inclusion ne dit pas le type d’acteur : indiquez celui des nouveaux acteurs \(\?type=<code>, ou --type en ligne de commande\) ; valeurs possibles association, /,
        ),
      },
    ]);
  });

  it('structures without their services cannot make a new actor: the report says to send the services', async () => {
    const { body } = await importJson(target, curator, JSON.stringify(structures.slice(0, 3)), { ...JSON_TYPE, query: 'type=association' });
    expect(body.summary.rejected).toBe(3);
    expect(body.rows[0].issues).toContainEqual({
      field: 'services',
      message: expect.stringMatching(/^Aucun service pour cette structure/),
    });
  });

  it('the whole export (structures and services) gives back every actor: names, codes, territory, first contacts, places', async () => {
    // The whole export is larger than the API's general 64 KiB request limit (see docs/import.md): imported through the service.
    const document = `{"structures": ${JSON.stringify(structures)},\n"services": ${JSON.stringify(services)}}`;
    const file = await spoolBody(new Response(document).body);
    const user = userRepository(target.db).findUserByEmail(curator.email);
    if (!user) throw new Error('no user');
    const report = await runImport({ db: target.db, actors: actorRepository(target.db) }, file, {
      format: 'data-inclusion',
      dryRun: false,
      defaultType: 'association',
      author: { user, authorId: user.id, label: 'test' },
    });
    file.dispose();
    expect(report.summary).toEqual({ created: structures.length, updated: 0, unchanged: 0, rejected: 0 });
    expect(report.warnings).toEqual([]);

    for (const s of structures) {
      const slug = String(s.lien_source).split('/acteurs/')[1] as string;
      const before = (await getJson(source.app, `/api/actors/${slug}`)).body as PublicActor;
      const after = (await getJson(target.app, `/api/actors/${slug}`)).body as PublicActor;
      expect(after, slug).toMatchObject({
        name: before.name,
        publics: before.publics,
        actions: before.actions,
        languages: ['fr'],
      });
      if (before.description.trim().length >= 5) expect(after.description).toBe(before.description);
      const codes = (a: PublicActor) =>
        [...a.territory.regions, ...a.territory.departements, ...a.territory.communes].map((p) => p.code).sort();
      expect({ scope: after.territory.scope, codes: codes(after) }, slug).toEqual({ scope: before.territory.scope, codes: codes(before) });
      const first = (a: PublicActor, kind: string) => a.contacts.find((c) => c.kind === kind && !c.professional_only)?.value;
      for (const kind of ['phone', 'email', 'website']) expect(first(after, kind), `${slug} ${kind}`).toBe(first(before, kind));
      const place = (a: PublicActor) => {
        const site = a.sites.find((x) => !x.confidential) ?? a.sites[0];
        return site && { confidential: site.confidential, address: site.address, commune: site.commune, lat: site.lat, lng: site.lng };
      };
      expect(place(after), slug).toEqual(place(before));
      expect(after.type, slug).toBe(before.type === 'service-departemental' ? 'service-departemental' : 'association');
    }
  });

  it('a file of another producer is imported with ?type=, and found again by name and commune', async () => {
    const file = readFileSync(new URL('../fixtures/import/data-inclusion-other-source.json', import.meta.url));
    const first = await importJson(target, curator, file, { ...JSON_TYPE, query: 'type=association' });
    expect(first.body.summary).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 0 });
    const actor = (await getJson(target.app, `/api/actors/${first.body.rows[0].slug}`)).body as PublicActor;
    expect(actor).toMatchObject({
      name: 'Structure test d’une autre source (données de test)',
      type: 'association',
      publics: ['jeunes', 'familles'],
      actions: ['ecoute', 'soutien-familles'],
      territory: { scope: 'departements' },
    });
    expect(actor.territory.departements.map((d) => d.code)).toEqual(['54', '57']);
    expect(actor.sites[0]).toMatchObject({
      address: '5 rue de l’Essai',
      postcode: '57000',
      commune: { code: '57463' },
      lat: 49.12,
      lng: 6.18,
    });
    const again = await importJson(target, curator, file, { ...JSON_TYPE, query: 'type=association' });
    expect(again.body.rows[0]).toMatchObject({ action: 'unchanged', matched_by: 'nom-commune' });
  });

  it('a broken record is rejected with its line; the others go in', async () => {
    const ok = structures.find((s) => JSON.stringify(s.reseaux_porteurs) === '["departements"]') as Json;
    const own = services.filter((v) => v.structure_id === ok.id);
    const text = `[\n{"nom": "cassé", "id": "pare--999999",},\n${JSON.stringify(ok)},\n${own.map((v) => JSON.stringify(v)).join(',\n')}\n]`;
    const { body } = await importJson(target, curator, text, JSON_TYPE);
    expect(body.summary).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(body.rows[0]).toMatchObject({
      row: 2,
      action: 'rejected',
      issues: [{ field: 'json', message: expect.stringMatching(/^JSON invalide/) }],
    });
    expect(body.rows[1]).toMatchObject({ row: 3, action: 'created' });
    expect(countActors(target)).toBe(1);
  });
});
