import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { CreateActorInputSchema } from '@pare/schema';
import { parse } from 'yaml';
import { actorRepository, actorToInput } from './actors.ts';
import type { Db } from './database.ts';
import { revisionRepository } from './revisions.ts';

export class SeedFileError extends Error {}

/** One raw entry of the seed and the file it was read from (for messages and the data report). */
export type SeedEntry = { file: string; raw: unknown };

/**
 * The seed's files in load order. A directory (`data/seed/actors/`) holds `national.yaml`, then
 * `regions/<région>.yaml`, then one `<département>.yaml` each — a layout a reviewer can read one
 * territory at a time. A single YAML file is still accepted (tests, older deployments).
 */
export function listSeedFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const yamlIn = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map((f) => join(dir, f));
  const top = yamlIn(path);
  const national = top.filter((f) => basename(f) === 'national.yaml');
  let regions: string[] = [];
  try {
    regions = yamlIn(join(path, 'regions'));
  } catch {
    // no regional file
  }
  return [...national, ...regions, ...top.filter((f) => basename(f) !== 'national.yaml')];
}

/** Every raw entry of the seed, file by file; a file that is not a YAML list stops the seed. */
export function readSeedEntries(path: string): SeedEntry[] {
  const root = statSync(path).isDirectory() ? path : undefined;
  return listSeedFiles(path).flatMap((file) => {
    const list = parse(readFileSync(file, 'utf8')) as unknown;
    const name = root ? relative(root, file) : file;
    if (list == null) return [];
    if (!Array.isArray(list)) throw new SeedFileError(`${name}: expected a list of actors`);
    return list.map((raw) => ({ file: name, raw }));
  });
}

/**
 * Loads the reviewed seed directory into an empty database. Every entry is validated by the
 * shared schema; one bad entry stops the seed with its file, slug and field, since the seed is
 * ours and must be right.
 */
export function seedDirectory(db: Db, path: string): { created: number } {
  const entries = readSeedEntries(path);
  const repo = actorRepository(db);
  const revisions = revisionRepository(db);
  const seen = new Map<string, string>();
  let created = 0;
  db.transaction(() => {
    entries.forEach(({ file, raw }, i) => {
      const parsed = CreateActorInputSchema.safeParse(raw);
      const where = (raw as { slug?: string })?.slug ?? `#${i}`;
      if (!parsed.success) {
        const detail = parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ');
        throw new SeedFileError(`${file}: entry ${where}: ${detail}`);
      }
      const slug = parsed.data.slug;
      if (slug) {
        const other = seen.get(slug);
        if (other) throw new SeedFileError(`${file}: entry ${slug}: slug already used in ${other}`);
        seen.set(slug, file);
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
export function seedIfEmpty(db: Db, path: string): { created: number; skipped: boolean } {
  if (actorRepository(db).countActors() > 0) return { created: 0, skipped: true };
  return { ...seedDirectory(db, path), skipped: false };
}
