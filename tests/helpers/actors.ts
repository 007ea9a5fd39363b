/** TEST DATA written straight into a test app's directory, through the real repository. */
import { type ActorRecord, actorRepository } from '@pare/db';
import { type CreateActorInputRaw, CreateActorInputSchema } from '@pare/schema';
import type { TestApp } from './test-app.ts';

/** A fictitious actor, checked and completed (defaults) as the API's create route would, then stored. */
export function addTestActor(t: TestApp, input: CreateActorInputRaw): ActorRecord {
  return actorRepository(t.db).createActor(CreateActorInputSchema.parse(input));
}

/**
 * TEST DATA: what most proposed entries of the tests are about — listening to young people in
 * Moselle (57), and `more` actions if given. A proposal spreads it after its name, type and
 * description, then gives its place and contacts (the fields in the order the form sends them).
 */
export const youthListeningInMoselle = (...more: string[]) => ({
  publics: ['jeunes'],
  actions: ['ecoute', ...more],
  territory: { scope: 'departements', departements: ['57'] },
});
