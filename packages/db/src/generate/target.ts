/** Where generated data may go: never into the directory's own database, never mixed with real actors. */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../database.ts';

/** The database `pnpm start` uses when PARE_DB is not set: never a target for generated data. */
export const DEFAULT_DATABASE_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../data/pare.db');

/** Refusals are said in French: they reach a person at the command line. */
export class GenerationRefusedError extends Error {}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
}

/** Throws GenerationRefusedError when `file` is the directory's own database (or another protected file). */
export function assertGenerationFile(file: string, protectedFiles: readonly string[] = []): void {
  if (file === ':memory:' || file === '') return;
  for (const p of [DEFAULT_DATABASE_FILE, ...protectedFiles]) {
    if (samePath(file, p)) {
      throw new GenerationRefusedError(
        `Refus : ${file} est la base de l’annuaire. Les données générées n’y sont jamais écrites ; indiquez un autre fichier avec --db (par exemple bench/results/pare-100000.db).`,
      );
    }
  }
}

/**
 * Throws GenerationRefusedError when `db` is the default directory (or another protected file)
 * or already holds actors that were not generated: generated data is never mixed into a real
 * directory.
 */
export function assertGenerationTarget(db: Db, protectedFiles: readonly string[] = []): void {
  assertGenerationFile(db.name, protectedFiles);
  const real = db.prepare('SELECT count(*) FROM actors WHERE generated = 0').pluck().get() as number;
  if (real > 0) {
    throw new GenerationRefusedError(
      `Refus : ${db.name} contient ${real} acteur(s) non générés. Les données générées ne se mêlent jamais à un vrai annuaire ; choisissez une base vide ou déjà générée.`,
    );
  }
}
