import { CreateActorInputSchema } from '@pare/schema';
import { describe, expect, it } from 'vitest';
import { type ActorRecord, actorRepository, actorToInput, recordAsStored } from './actors.ts';
import { openDatabase } from './database.ts';
import { generateActorInputs } from './generate/actor-inputs.ts';
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

describe('recordAsStored', () => {
  it('is, through actorToInput, what the entry read back after its write gives — generated entries and hand-made edge cases', () => {
    const db = openDatabase(':memory:');
    const repo = actorRepository(db);
    const edge = CreateActorInputSchema.parse({
      name: 'Association des bords (données de test)',
      type: 'association',
      publics: ['professionnels', 'jeunes', 'jeunes'],
      actions: ['soin', 'ecoute', 'soin'],
      territory: { scope: 'communes', communes: ['57672', '57463', '57672'], departements: ['57'] },
      sites: [
        { commune_code: '57672', address: '1 rue Test', lat: 49.37, lng: 6.15, confidential: true, opening_hours: 'Mo-Fr 09:00-17:00' },
        { commune_code: '57463', label: 'Antenne' },
      ],
      contacts: [
        { kind: 'phone', value: '03 00 00 00 00', site: 1, opening_hours: '  Mo 10:00-12:00  ' },
        { kind: 'email', value: 'a@example.test', visibility: 'professionnels', opening_hours: '   ' },
      ],
    });
    const inputs = [edge, ...generateActorInputs(300, 7)];
    for (const given of inputs) {
      const created = repo.createActor(given);
      expect(actorToInput(recordAsStored(given, created.slug)), given.name).toEqual(actorToInput(created));
    }
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

  it('writeInBatch gives each write its entry as stored without reading it, and writes its text at the end', () => {
    const db = openDatabase(':memory:');
    const repo = actorRepository(db);
    const kept = repo.createActor(input('Ocelot Ancien'));
    const told: { id: number; name: string; slug?: string; sites: number }[] = [];
    const written = repo.batch(() => {
      const created = repo.writeInBatch(null, input('Ocelot Neuf'));
      const first = repo.writeInBatch(kept.id, input('Ocelot Premier'));
      // Written again in the same batch: each write gives its own state.
      const second = repo.writeInBatch(kept.id, { ...input('Ocelot Second', '57672'), slug: 'ocelot-second' });
      for (const w of [first, created, second])
        told.push({ id: w.id, name: w.stored.name, slug: w.stored.slug, sites: w.stored.sites.length });
      return created;
    });
    expect(told).toEqual([
      { id: kept.id, name: 'Ocelot Premier', slug: kept.slug, sites: 1 },
      { id: written.id, name: 'Ocelot Neuf', slug: written.slug, sites: 1 },
      { id: kept.id, name: 'Ocelot Second', slug: 'ocelot-second', sites: 1 },
    ]);
    expect(written.stored).toEqual(actorToInput(repo.findActorById(written.id) as ActorRecord));
    expect(repo.findActorById(kept.id)?.slug).toBe('ocelot-second');
    expect(found(db, 'ocelot')).toEqual([kept.id, written.id]);
    expect(found(db, 'thionville')).toEqual([kept.id]);
    expect(found(db, 'premier')).toEqual([]);
    expect(() => repo.writeInBatch(null, input('Ocelot Dehors'))).toThrow(/inside of a batch/);
    db.close();
  });
});
