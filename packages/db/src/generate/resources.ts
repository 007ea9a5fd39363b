/**
 * Generated resources, written through the resource repository. The `resources` table has no
 * `generated` column yet (it belongs to the resource centre): until it has one, no resource is
 * generated and the report says why, since a resource that cannot be marked could pass for a
 * real one.
 */
import { type CreateResourceInput, RESOURCE_TYPES } from '@pare/schema';
import type { Db } from '../database.ts';
import { slugify } from '../name-keys.ts';
import { resourceRepository } from '../resources.ts';
import type { Random } from './random.ts';
import { GENERATED_SUFFIX, THEMES } from './vocabulary.ts';

export type GeneratedResources = { count: number; skipped: string | null };

/** Why resources cannot be generated into this schema, or null when they can. */
function cannotGenerate(db: Db): string | null {
  const columns = (db.prepare('PRAGMA table_info(resources)').all() as { name: string }[]).map((c) => c.name);
  if (columns.length === 0) return 'pas de table resources dans ce schéma';
  if (!columns.includes('generated')) return 'la table resources n’a pas de colonne generated';
  return null;
}

/** The `i`-th generated resource of a run: a national resource with a link to a reserved domain. */
function resourceInput(i: number, random: Random, runId: string): CreateResourceInput {
  const title = `${random.pick(['Guide', 'Fiche repère', 'Outil de prévention', 'Protocole territorial', 'Étude'])} ${random.pick(THEMES)} n° ${i}${GENERATED_SUFFIX}`;
  const type = random.pick(RESOURCE_TYPES);
  const date = `${random.int(2023, 2025)}-0${random.int(1, 9)}-1${random.int(0, 9)}`;
  const url = `https://ressource-${runId}-${i}.example/`;
  return {
    slug: `${slugify(title).slice(0, 90).replace(/-+$/, '')}-g${runId}-${i}`,
    title,
    summary: 'Ressource fictive produite pour les mesures de performance.',
    type,
    publics: [],
    themes: [],
    territory: { scope: 'national', regions: [], departements: [] },
    date,
    url,
    producers: [],
    source_url: url,
  };
}

/**
 * A few generated resources per hundred actors (one per twenty, at least one), each marked
 * generated. Any failure leaves the actors alone and is reported.
 */
export function generateResources(db: Db, actorCount: number, random: Random, runId: string): GeneratedResources {
  const skipped = cannotGenerate(db);
  if (skipped) return { count: 0, skipped };
  const resources = resourceRepository(db);
  const markGenerated = db.prepare('UPDATE resources SET generated = 1 WHERE id = ?');
  const wanted = Math.max(1, Math.round(actorCount / 20));
  try {
    db.transaction(() => {
      for (let i = 1; i <= wanted; i++) markGenerated.run(resources.createResource(resourceInput(i, random, runId)).id);
    })();
  } catch (error) {
    return { count: 0, skipped: `ressources non générées : ${(error as Error).message}` };
  }
  return { count: wanted, skipped: null };
}
