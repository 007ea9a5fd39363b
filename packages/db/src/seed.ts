import { readFileSync } from 'node:fs';
import { CreateActorInputSchema } from '@pare/schema';
import { parse } from 'yaml';
import { actorRepository, actorToInput } from './actors.ts';
import type { Db } from './database.ts';
import { revisionRepository } from './revisions.ts';

export class SeedFileError extends Error {}

/**
 * Loads the reviewed seed directory (a YAML list of actors) into an empty database. Every entry
 * is validated by the shared schema; one bad entry stops the seed with its slug and field, since
 * the seed file is ours and must be right.
 */
export function seedDirectory(db: Db, file: string): { created: number } {
  const list = parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(list)) throw new SeedFileError(`${file}: expected a list of actors`);
  const repo = actorRepository(db);
  const revisions = revisionRepository(db);
  let created = 0;
  db.transaction(() => {
    list.forEach((raw, i) => {
      const parsed = CreateActorInputSchema.safeParse(raw);
      if (!parsed.success) {
        const where = (raw as { slug?: string })?.slug ?? `#${i}`;
        const detail = parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ');
        throw new SeedFileError(`${file}: entry ${where}: ${detail}`);
      }
      const actor = repo.createActor(parsed.data);
      revisions.recordRevision({
        entity: 'actor',
        entityId: actor.id,
        action: 'create',
        snapshot: actorToInput(actor),
        authorLabel: 'jeu de données initial',
      });
      created++;
    });
  })();
  return { created };
}

/** Seeds only when the directory is empty, so a second start keeps what curators changed. */
export function seedIfEmpty(db: Db, file: string): { created: number; skipped: boolean } {
  if (actorRepository(db).countActors() > 0) return { created: 0, skipped: true };
  return { ...seedDirectory(db, file), skipped: false };
}
