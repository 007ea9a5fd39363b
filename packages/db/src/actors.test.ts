import { CreateActorInputSchema } from '@pare/schema';
import { describe, expect, it } from 'vitest';
import { actorRepository, actorToInput } from './actors.ts';
import { openDatabase } from './database.ts';
import { diffSnapshots } from './revisions.ts';

describe('actorToInput', () => {
  it('gives back an input that recreates the same actor, confidential site and contacts included', () => {
    const db = openDatabase(':memory:');
    const repo = actorRepository(db);
    const input = CreateActorInputSchema.parse({
      name: 'Association test (données de test)',
      type: 'association',
      publics: ['familles'],
      actions: ['ecoute'],
      territory: { scope: 'departements', departements: ['57'] },
      sites: [{ commune_code: '57672', address: '1 rue Test', lat: 49.37, lng: 6.15, confidential: true }, { commune_code: '57463' }],
      contacts: [
        { kind: 'phone', value: '03 00 00 00 00', site: 0 },
        { kind: 'email', value: 'a@example.test', visibility: 'professionnels' },
      ],
    });
    const created = repo.createActor(input);
    const again = CreateActorInputSchema.parse(actorToInput(created));
    expect(diffSnapshots(actorToInput(created), again)).toEqual([]);
    const copy = repo.createActor({ ...again, slug: 'copie' });
    expect(diffSnapshots({ ...actorToInput(created), slug: 'x' }, { ...actorToInput(copy), slug: 'x' })).toEqual([]);
    db.close();
  });
});

describe('diffSnapshots', () => {
  it('names each changed field by its path', () => {
    expect(
      diffSnapshots(
        { name: 'A', sites: [{ address: 'x' }], publics: ['jeunes'] },
        { name: 'B', sites: [{ address: 'y' }], publics: ['jeunes'] },
      ),
    ).toEqual([
      { path: 'name', before: 'A', after: 'B' },
      { path: 'sites.0.address', before: 'x', after: 'y' },
    ]);
  });
});
