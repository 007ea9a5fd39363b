/** Builders for back-office tests: fresh actors and submissions written straight to the test database. */
import { actorRepository, actorToInput, outboxRepository, revisionRepository, submissionRepository } from '@pare/db';
import { type CreateActorInputRaw, CreateActorInputSchema } from '@pare/schema';
import { type JsonBody, readJson, type TestApp } from '../helpers/test-app.ts';

export type Place = 'moselle' | 'marseille' | 'national';

/** A name unlike any other (random letters), so duplicate detection stays quiet. */
export function uniqueName(what = 'Structure'): string {
  const letters = Array.from({ length: 16 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
  return `${what} ${letters} (test)`;
}

/** A valid input for a fictitious actor in Moselle (Thionville), Marseille, or national. */
export function actorInput(place: Place, name = uniqueName()): CreateActorInputRaw {
  const base = {
    name,
    type: 'association' as const,
    description: 'Fiche fictive pour les tests.',
    publics: ['jeunes' as const],
    actions: ['prevention' as const],
  };
  if (place === 'national') return { ...base, territory: { scope: 'national' } };
  if (place === 'moselle')
    return {
      ...base,
      territory: { scope: 'departements', departements: ['57'] },
      sites: [{ commune_code: '57672', address: '1 rue des Tests' }],
    };
  return { ...base, territory: { scope: 'departements', departements: ['13'] }, sites: [{ commune_code: '13055' }] };
}

/** Creates an actor as the seed does (with its `create` revision), then edits it once: two revisions. */
export function makeActor(t: TestApp, place: Place, name?: string) {
  const actors = actorRepository(t.db);
  const revisions = revisionRepository(t.db);
  const input = CreateActorInputSchema.parse(actorInput(place, name));
  const created = actors.createActor(input);
  const first = revisions.recordRevision({
    entity: 'actor',
    entityId: created.id,
    action: 'create',
    snapshot: actorToInput(created),
    authorLabel: 'test',
  });
  const edited = actors.replaceActor(created.id, { ...actorToInput(created), description: 'Description modifiée.' });
  revisions.recordRevision({
    entity: 'actor',
    entityId: created.id,
    action: 'update',
    snapshot: actorToInput(edited),
    previous: actorToInput(created),
    authorLabel: 'test',
  });
  return { id: created.id, slug: created.slug, firstRevision: first };
}

/** A correction waiting in the queue for an actor of this place. */
export function makeCorrection(t: TestApp, place: Place) {
  const actor = makeActor(t, place);
  const s = submissionRepository(t.db).createSubmission({
    kind: 'correction',
    actorId: actor.id,
    title: 'test',
    proposal: { description: 'Nouvelle description proposée.' },
    message: null,
    departements: place === 'national' ? [] : place === 'moselle' ? ['57'] : ['13'],
    submitterName: 'Camille Test',
    submitterEmail: 'camille@example.test',
    consentAt: new Date().toISOString(),
  });
  return { submissionId: s.id, actorId: actor.id };
}

/** The person who sends the public form in the submission tests (fictitious). */
export const SUBMITTER = { name: 'Dominique Exemple', email: 'dominique@example.test' };

/** POST the public form (/api/submissions) as an anonymous visitor. */
export const submitForm = (t: TestApp, body: unknown) =>
  t.app.request('/api/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** `P-42` → 42. */
export const idFromReference = (ref: string) => Number(ref.replace(/^P-/, ''));

/** The mails the outbox holds about this submission. */
export const mailsAboutSubmission = (t: TestApp, id: number) =>
  outboxRepository(t.db)
    .list({ limit: 1000 })
    .filter((m) => m.subjectRef === `submission:${id}`);

/** The submission tests' requests, on the app `app()` gives once it is built. */
export const submissionTools = (app: () => TestApp) => ({
  submit: (body: unknown) => submitForm(app(), body),
  json: (res: Response) => readJson<JsonBody>(res),
  mailsFor: (id: number) => mailsAboutSubmission(app(), id),
});
