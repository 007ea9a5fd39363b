import { SearchActorsResponseSchema } from '@pare/schema';
/** Referencing requests and error reports: the public form, the queue, partial acceptance, rejection, the submitter's mail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, withSignedIn } from '../helpers/accounts.ts';
import { youthListeningInMoselle } from '../helpers/actors.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';
import { idFromReference, SUBMITTER, submissionTools, uniqueName } from './helpers.ts';

// The public form allows 10 submissions an hour per address, and every request of this file
// comes from the same (socket-less) address: keep the file under that, or use another app.
let t: TestApp;
let curator: Signed;
beforeAll(async () => ({ t, who: curator } = await withSignedIn(createTestApp(), 'curateur')));
afterAll(() => t.close());

const submitter = SUBMITTER;
const { submit, json, mailsFor } = submissionTools(() => t);

function referencing(name = uniqueName('Association')) {
  return {
    kind: 'referencement',
    proposal: {
      name,
      type: 'association',
      description: 'Nous accueillons les jeunes en difficulté.',
      ...youthListeningInMoselle('accompagnement'),
      sites: [{ commune_code: '57672', address: '8 rue de la Proposition' }],
      contacts: [{ kind: 'phone', value: '03 00 00 01 23' }],
    },
    message: 'Merci de nous ajouter.',
    submitter,
    consent: true,
  };
}

describe('the public form', () => {
  it('queues a referencing request as « nouvelle » and answers a reference', async () => {
    const { status, body } = await json(await submit(referencing()));
    expect(status).toBe(201);
    expect(body.reference).toMatch(/^P-\d+$/);
    const queue = (await json(await asUser(t, curator, '/api/admin/submissions'))).body;
    expect(queue.items.find((s: { id: number }) => s.id === idFromReference(body.reference))).toMatchObject({
      kind: 'referencement',
      status: 'nouvelle',
      departements: ['57'],
    });
  });

  it('requires the submitter, the consent, a name, a type and a place — in French', async () => {
    const { status, body } = await json(
      await submit({ kind: 'referencement', proposal: { name: 'X' }, submitter: { name: '', email: 'nope' }, consent: false }),
    );
    expect(status).toBe(400);
    const byPath = Object.fromEntries(body.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    expect(byPath).toMatchObject({
      'proposal.name': 'Le nom est requis',
      'submitter.name': 'Indiquez votre nom',
      'submitter.email': 'Adresse e-mail invalide',
      consent: 'Votre accord est nécessaire pour que nous traitions votre demande',
    });
    expect(byPath['proposal.type']).toBe('Choisissez le type de structure');
  });

  it('asks what is wrong when an error report says nothing', async () => {
    const { status, body } = await json(await submit({ kind: 'correction', actor_slug: 'crip-57', submitter, consent: true }));
    expect(status).toBe(400);
    expect(body.issues).toEqual([{ path: 'message', message: 'Décrivez l’erreur ou proposez une correction' }]);
  });

  it('answers 404 for an error report on an unknown entry', async () => {
    expect((await submit({ kind: 'correction', actor_slug: 'pas-une-fiche', message: 'Erreur', submitter, consent: true })).status).toBe(
      404,
    );
  });

  it('drops a robot filling the hidden field, with the same answer', async () => {
    const before = t.db.prepare('SELECT count(*) FROM submissions').pluck().get();
    const { status, body } = await json(await submit({ ...referencing(), homepage: 'https://spam.example' }));
    expect(status).toBe(201);
    expect(body.reference).toMatch(/^P-\d+$/);
    expect(t.db.prepare('SELECT count(*) FROM submissions').pluck().get()).toBe(before);
  });

  it('refuses a body over 32 KB', async () => {
    const res = await submit({ kind: 'correction', actor_slug: 'crip-57', message: 'x'.repeat(40 * 1024), submitter, consent: true });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe('payload_too_large');
  });

  it('limits the submissions from one address', async () => {
    const other = createTestApp({ fixtures: false });
    try {
      const post = () =>
        other.app.request('/api/submissions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'correction', actor_slug: 'crip-57', message: 'Le numéro a changé.', submitter, consent: true }),
        });
      for (let i = 0; i < 10; i++) expect((await post()).status).toBe(201);
      const res = await post();
      expect(res.status).toBe(429);
      expect((await res.json()).error).toBe('rate_limited');
    } finally {
      other.close();
    }
  });
});

describe('reviewing and accepting', () => {
  it('accepts only some fields of a referencing request, with one corrected by the curator, and tells the submitter', async () => {
    const name = uniqueName('Association');
    const ref = (await json(await submit(referencing(name)))).body.reference;
    const id = idFromReference(ref);

    const detail = (await json(await asUser(t, curator, `/api/admin/submissions/${id}`))).body;
    expect(detail.current).toBeNull();
    expect(detail.submitter_email).toBe(submitter.email);
    expect(detail.changes.map((c: { path: string }) => c.path)).toEqual(
      // Each proposed site, contact and territory field is its own change (accepted or refused item by item).
      expect.arrayContaining(['name', 'description', 'contacts.0', 'sites.0', 'territory.scope', 'territory.departements']),
    );

    const accept = await json(
      await asUser(t, curator, `/api/admin/submissions/${id}/accept`, {
        method: 'POST',
        body: { fields: ['name', 'type', 'publics', 'actions', 'territory', 'sites'], overrides: { 'sites.0.address': '10 rue Corrigée' } },
      }),
    );
    expect(accept.status).toBe(200);
    expect(accept.body.submission.status).toBe('acceptee');
    const actorId = accept.body.actor_id;

    const actor = (await json(await asUser(t, curator, `/api/admin/actors/${actorId}`))).body;
    expect(actor.name).toBe(name);
    expect(actor.input.description).toBe(''); // not accepted
    expect(actor.input.contacts).toEqual([]); // not accepted
    expect(actor.input.sites[0].address).toBe('10 rue Corrigée'); // the curator's correction
    expect(actor.stale).toBe(false); // reviewed today

    const history = (await json(await asUser(t, curator, `/api/admin/actors/${actorId}/revisions`))).body.items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', submission_id: id, author: 'Équipe PARÉ' });

    const mails = mailsFor(id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipient: submitter.email, kind: 'submission-decision', status: 'pending' });
    expect(mails[0]?.body).toContain(`Bonjour ${submitter.name}`);
    expect(mails[0]?.body).toContain('acceptée en partie');
    expect(mails[0]?.body).toContain(name);

    const search = (await getJson(t.app, `/api/actors?q=${encodeURIComponent(name.split(' ')[1] ?? '')}`, SearchActorsResponseSchema)).body;
    expect(search.items.map((i: { name: string }) => i.name)).toContain(name);

    const again = await asUser(t, curator, `/api/admin/submissions/${id}/accept`, { method: 'POST', body: {} });
    expect(again.status).toBe(409);
  });

  it('applies only the accepted part of a correction, on a revision carrying the submission', async () => {
    const ref = (
      await json(
        await submit({
          kind: 'correction',
          actor_slug: 'crip-57',
          changes: { description: 'Nouvelle description de la CRIP.', languages: ['fr', 'de'] },
          submitter,
          consent: true,
        }),
      )
    ).body.reference;
    const id = idFromReference(ref);
    const detail = (await json(await asUser(t, curator, `/api/admin/submissions/${id}`))).body;
    expect(detail.actor.slug).toBe('crip-57');
    expect(detail.current.description).not.toBe('Nouvelle description de la CRIP.');
    expect(detail.proposed.description).toBe('Nouvelle description de la CRIP.');
    expect(detail.changes.map((c: { path: string }) => c.path)).toEqual(['description', 'languages']);

    const res = await json(
      await asUser(t, curator, `/api/admin/submissions/${id}/accept`, { method: 'POST', body: { fields: ['description'] } }),
    );
    expect(res.status).toBe(200);
    const actor = (await json(await asUser(t, curator, `/api/admin/actors/${detail.actor.id}`))).body;
    expect(actor.input.description).toBe('Nouvelle description de la CRIP.');
    expect(actor.input.languages).toEqual(detail.current.languages);
    const [last] = (await json(await asUser(t, curator, `/api/admin/actors/${detail.actor.id}/revisions`))).body.items;
    expect(last).toMatchObject({ action: 'update', submission_id: id });
    expect(last.changes.map((c: { path: string }) => c.path)).toEqual(['description']);
  });

  it('explains in French what an accepted proposal still lacks', async () => {
    const ref = (
      await json(
        await submit({
          kind: 'referencement',
          proposal: { name: uniqueName(), type: 'association', sites: [{ commune_code: '57672' }] },
          submitter,
          consent: true,
        }),
      )
    ).body.reference;
    const res = await json(await asUser(t, curator, `/api/admin/submissions/${idFromReference(ref)}/accept`, { method: 'POST', body: {} }));
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'publics', message: expect.any(String) },
        { path: 'territory', message: expect.any(String) },
      ]),
    );
    // Completed by the curator, it goes through.
    const ok = await asUser(t, curator, `/api/admin/submissions/${idFromReference(ref)}/accept`, {
      method: 'POST',
      body: { overrides: { publics: ['jeunes'], actions: ['ecoute'], territory: { scope: 'communes', communes: ['57672'] } } },
    });
    expect(ok.status).toBe(200);
  });
});

describe('rejecting', () => {
  it('requires a reason, records it and sends it to the submitter', async () => {
    const ref = (
      await json(
        await submit({ kind: 'correction', actor_slug: 'crip-57', message: 'Le numéro ne répond plus.', submitter, consent: true }),
      )
    ).body.reference;
    const id = idFromReference(ref);
    const missing = await json(await asUser(t, curator, `/api/admin/submissions/${id}/reject`, { method: 'POST', body: { reason: '' } }));
    expect(missing.status).toBe(400);
    expect(missing.body.issues[0]).toEqual({ path: 'reason', message: 'Indiquez le motif du refus : il est envoyé à la personne' });

    const res = await json(
      await asUser(t, curator, `/api/admin/submissions/${id}/reject`, {
        method: 'POST',
        body: { reason: 'Nous avons vérifié : le numéro est le bon.' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('rejetee');
    const detail = (await json(await asUser(t, curator, `/api/admin/submissions/${id}`))).body;
    expect(detail).toMatchObject({ decision_reason: 'Nous avons vérifié : le numéro est le bon.', decided_by: 'Équipe PARÉ' });
    const [mail] = mailsFor(id);
    expect(mail?.recipient).toBe(submitter.email);
    expect(mail?.body).toContain('Nous avons vérifié : le numéro est le bon.');
    expect(mail?.body).toContain('votre signalement concernant la fiche');
    // Decided ones leave the queue.
    const queue = (await json(await asUser(t, curator, '/api/admin/submissions?per_page=200'))).body.items.map((s: { id: number }) => s.id);
    expect(queue).not.toContain(id);
    const rejected = (await json(await asUser(t, curator, '/api/admin/submissions?status=rejetee'))).body.items.map(
      (s: { id: number }) => s.id,
    );
    expect(rejected).toContain(id);
  });
});
