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

describe('actorRepository.batch (bulk writes: the import)', () => {
  const input = (name: string, commune = '57463') =>
    CreateActorInputSchema.parse({
      name,
      type: 'association',
      description: `Groupe de parole fictif ${name}`,
      publics: ['familles'],
      actions: ['ecoute'],
      territory: { scope: 'communes', communes: [commune] },
      sites: [{ commune_code: commune }],
    });
  const found = (db: ReturnType<typeof openDatabase>, word: string) =>
    db.prepare('SELECT rowid FROM actors_fts WHERE actors_fts MATCH ? ORDER BY rowid').pluck().all(word) as number[];

  it('actors created or replaced in a batch are found by their words once it ends, by their new words only', () => {
    const db = openDatabase(':memory:');
    const repo = actorRepository(db);
    const kept = repo.createActor(input('Avant Ancien'));
    const ids = repo.batch(() => {
      const created = [repo.createActor(input('Xylophone Un')), repo.createActor(input('Xylophone Deux', '57672'))];
      repo.replaceActor(kept.id, input('Après Nouveau'));
      return created.map((a) => a.id);
    });
    expect(found(db, 'xylophone')).toEqual(ids);
    expect(found(db, 'thionville')).toEqual([ids[1]]); // the place of its site
    expect(found(db, 'nouveau')).toEqual([kept.id]);
    expect(found(db, 'ancien')).toEqual([]);
    db.close();
  });

  it('a row refused inside a batch leaves nothing behind, and the rows around it are written', () => {
    const db = openDatabase(':memory:');
    const repo = actorRepository(db);
    repo.createActor({ ...input('Déjà là'), slug: 'pris' });
    const before = repo.countActors();
    const refused: string[] = [];
    repo.batch(() => {
      repo.createActor(input('Zèbre Premier'));
      for (const bad of [{ ...input('Zèbre Pris'), slug: 'pris' }, input('Zèbre Inconnu', '99999')]) {
        try {
          repo.createActor(bad);
        } catch (err) {
          refused.push((err as Error).constructor.name);
        }
      }
      repo.createActor(input('Zèbre Second'));
    });
    expect(refused).toEqual(['SlugConflictError', 'ActorValidationError']);
    expect(repo.countActors()).toBe(before + 2);
    expect(found(db, 'zèbre')).toHaveLength(2);
    expect(db.prepare('SELECT count(*) FROM sites WHERE actor_id NOT IN (SELECT id FROM actors)').pluck().get()).toBe(0);
    db.close();
  });

  it('an error inside a batch undoes all of it, full-text entries included', () => {
    const db = openDatabase(':memory:');
    const repo = actorRepository(db);
    const before = repo.countActors();
    expect(() =>
      repo.batch(() => {
        repo.createActor(input('Wapiti Perdu'));
        throw new Error('panne');
      }),
    ).toThrow('panne');
    expect(repo.countActors()).toBe(before);
    expect(found(db, 'wapiti')).toEqual([]);
    // And the repository writes its text index at once again afterwards.
    repo.createActor(input('Wapiti Retrouvé'));
    expect(found(db, 'wapiti')).toHaveLength(1);
    db.close();
  });

  it('writeInBatch hands each write its record as stored when the batch ends, once read with the others', () => {
    const db = openDatabase(':memory:');
    const repo = actorRepository(db);
    const kept = repo.createActor(input('Ocelot Ancien'));
    const told: { id: number; name: string; sites: number }[] = [];
    const tell = (r: { id: number; name: string; sites: unknown[] }) => told.push({ id: r.id, name: r.name, sites: r.sites.length });
    const written = repo.batch(() => {
      const created = repo.writeInBatch(null, input('Ocelot Neuf'), tell);
      repo.writeInBatch(kept.id, input('Ocelot Premier'), tell);
      // Written again in the same batch: the first write is told its own state, the second the last.
      repo.writeInBatch(kept.id, { ...input('Ocelot Second', '57672'), slug: 'ocelot-second' }, tell);
      expect(told).toEqual([{ id: kept.id, name: 'Ocelot Premier', sites: 1 }]);
      return created;
    });
    expect(written.slug).toBe(repo.findActorById(written.id)?.slug);
    expect(told).toEqual([
      { id: kept.id, name: 'Ocelot Premier', sites: 1 },
      { id: written.id, name: 'Ocelot Neuf', sites: 1 },
      { id: kept.id, name: 'Ocelot Second', sites: 1 },
    ]);
    expect(repo.findActorById(kept.id)?.slug).toBe('ocelot-second');
    expect(found(db, 'ocelot')).toEqual([kept.id, written.id]);
    expect(found(db, 'thionville')).toEqual([kept.id]);
    expect(found(db, 'premier')).toEqual([]);
    expect(() => repo.writeInBatch(null, input('Ocelot Dehors'), tell)).toThrow(/inside of a batch/);
    db.close();
  });
});
