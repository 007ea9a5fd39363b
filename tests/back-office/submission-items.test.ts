/**
 * Item-by-item review of a referencing request: each proposed contact and site is its own
 * change, accepted, refused or corrected alone. Its own app: the public form's rate limit
 * (10 an hour per address) is shared by every request of a file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, withSignedIn } from '../helpers/accounts.ts';
import { youthListeningInMoselle } from '../helpers/actors.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { idFromReference, SUBMITTER, submissionTools, uniqueName } from './helpers.ts';

let t: TestApp;
let curator: Signed;
beforeAll(async () => ({ t, who: curator } = await withSignedIn(createTestApp(), 'curateur')));
afterAll(() => t.close());

const { submit, json, mailsFor } = submissionTools(() => t);

function referencing(): { kind: string; proposal: Record<string, unknown>; submitter: typeof SUBMITTER; consent: boolean } {
  return {
    kind: 'referencement',
    proposal: {
      name: uniqueName('Association'),
      type: 'association',
      description: 'Nous accueillons les jeunes en difficulté.',
      ...youthListeningInMoselle(),
      sites: [{ commune_code: '57672', address: '8 rue de la Proposition' }],
      contacts: [{ kind: 'phone', value: '03 00 00 01 23' }],
    },
    submitter: SUBMITTER,
    consent: true,
  };
}

describe('item-by-item acceptance', () => {
  it('keeps the phone and drops the e-mail of a referencing request, item by item, with the phone corrected', async () => {
    const body = referencing();
    body.proposal.contacts = [
      { kind: 'phone', value: '03 00 00 01 24' },
      { kind: 'email', value: 'contact@proposition.example' },
    ];
    const id = idFromReference((await json(await submit(body))).body.reference);
    const detail = (await json(await asUser(t, curator, `/api/admin/submissions/${id}`))).body;
    const paths = detail.changes.map((c: { path: string }) => c.path);
    expect(paths).toEqual(expect.arrayContaining(['contacts.0', 'contacts.1']));
    const accept = await json(
      await asUser(t, curator, `/api/admin/submissions/${id}/accept`, {
        method: 'POST',
        body: {
          fields: paths.filter((p: string) => p !== 'contacts.1'),
          overrides: { 'contacts.0': { kind: 'phone', value: '03 00 00 01 25', visibility: 'public' } },
        },
      }),
    );
    expect(accept.status).toBe(200);
    expect(accept.body.accepted_fields).not.toContain('contacts.1');
    const actor = (await json(await asUser(t, curator, `/api/admin/actors/${accept.body.actor_id}`))).body;
    expect(actor.input.contacts.map((c: { value: string }) => c.value)).toEqual(['03 00 00 01 25']);
    expect(mailsFor(id)[0]?.body).toContain('acceptée en partie');
  });

  it('keeps a contact on its site when an earlier site is refused', async () => {
    const body = referencing();
    body.proposal.sites = [
      { commune_code: '57672', address: '1 rue Refusée' },
      { commune_code: '57463', address: '2 rue Gardée' },
    ];
    body.proposal.contacts = [{ kind: 'phone', value: '03 00 00 01 26', site: 1 } as never];
    const id = idFromReference((await json(await submit(body))).body.reference);
    const detail = (await json(await asUser(t, curator, `/api/admin/submissions/${id}`))).body;
    const fields = detail.changes.map((c: { path: string }) => c.path).filter((p: string) => p !== 'sites.0');
    const accept = await json(await asUser(t, curator, `/api/admin/submissions/${id}/accept`, { method: 'POST', body: { fields } }));
    expect(accept.status).toBe(200);
    const actor = (await json(await asUser(t, curator, `/api/admin/actors/${accept.body.actor_id}`))).body;
    expect(actor.input.sites.map((s: { address: string }) => s.address)).toEqual(['2 rue Gardée']);
    expect(actor.input.contacts[0]).toMatchObject({ value: '03 00 00 01 26', site: 0 });
  });
});
