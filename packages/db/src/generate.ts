/**
 * Synthetic directory for benchmarks and load tests: `pnpm pare generate --actors 100000 --db <file>`.
 *
 * Every record is marked `generated = 1` and every name ends with « (données générées) », so
 * generated data can never pass for the real directory. Phone numbers come from the ranges
 * ARCEP reserves for fiction (01 99 00 xx xx, 06 39 98 xx xx), e-mail addresses and websites
 * from the reserved `.example` domain: nothing can reach a real organisation.
 *
 * The same seed gives the same directory. Sites are spread like the population (communes are
 * drawn weighted by population, from @pare/geo), so a big city holds many actors, as it would.
 *
 * The parts, in `generate/`: `random.ts` (the seeded random source), `places.ts` (communes
 * weighted by population), `vocabulary.ts` (names and descriptions), `actor-inputs.ts` (the
 * actors as inputs), `bulk-writer.ts` (writes them through the repository's row writer),
 * `resources.ts` (through the resource repository), `target.ts` (where generated data may go).
 */
import type { CreateActorInput } from '@pare/schema';
import type { Db } from './database.ts';
import { writeInBulk } from './directory-writes.ts';
import { generateActorInputs } from './generate/actor-inputs.ts';
import { bulkActorWriter } from './generate/bulk-writer.ts';
import { createRandom } from './generate/random.ts';
import { generateResources } from './generate/resources.ts';
import { assertGenerationTarget, GenerationRefusedError } from './generate/target.ts';

export { generateActorInputs } from './generate/actor-inputs.ts';
export { bulkActorWriter } from './generate/bulk-writer.ts';
export { createRandom, type Random } from './generate/random.ts';
export { assertGenerationFile, assertGenerationTarget, DEFAULT_DATABASE_FILE, GenerationRefusedError } from './generate/target.ts';
export { GENERATED_SUFFIX } from './generate/vocabulary.ts';

export type GenerateOptions = {
  actors: number;
  seed?: number;
  /** Actors per transaction. */
  batchSize?: number;
  /** Databases that must never receive generated data besides the default one (the configured PARE_DB). */
  protectedFiles?: readonly string[];
  onProgress?: (done: number, total: number) => void;
};

export type GenerateReport = {
  actors: number;
  sites: number;
  confidentialSites: number;
  contacts: number;
  professionalContacts: number;
  nationalActors: number;
  resources: number;
  /** Why no resource was generated, when none was. */
  resourcesSkipped: string | null;
  ms: number;
};

/**
 * Fills `db` with `options.actors` generated actors (and resources when the schema has them),
 * in batched transactions through `bulkActorWriter`.
 */
export function generateDirectory(db: Db, options: GenerateOptions): GenerateReport {
  if (!Number.isInteger(options.actors) || options.actors < 1)
    throw new GenerationRefusedError('Le nombre d’acteurs doit être un entier positif.');
  assertGenerationTarget(db, options.protectedFiles);
  const started = performance.now();
  const seed = options.seed ?? 1;
  const batchSize = options.batchSize ?? 5000;
  const writeActor = bulkActorWriter(db);
  // A page cache large enough for the indexes being built (64 MB): with SQLite's 2 MB default, 100,000
  // actors take three times longer (pages spill and are read back). Restored afterwards.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -65536');
  const report: GenerateReport = {
    actors: 0,
    sites: 0,
    confidentialSites: 0,
    contacts: 0,
    professionalContacts: 0,
    nationalActors: 0,
    resources: 0,
    resourcesSkipped: null,
    ms: 0,
  };
  // Each batch is a bulk write (the version's row triggers set aside, the batch recorded once:
  // directory-writes.ts), and takes its actors from the generator as it writes them: an input
  // is garbage once written, where a batch gathered first kept 5,000 of them alive through the
  // young collections (the heap grew by 4 MB per 1,000 actors until a full collection; 513 MB at
  // the peak for 100,000 actors).
  const inputs = generateActorInputs(options.actors, seed)[Symbol.iterator]();
  let finished = false;
  while (!finished) {
    writeInBulk(db, () => {
      const touched: number[] = [];
      while (touched.length < batchSize) {
        const next = inputs.next();
        if (next.done) {
          finished = true;
          break;
        }
        const input: CreateActorInput = next.value;
        report.actors++;
        report.sites += input.sites.length;
        for (const site of input.sites) if (site.confidential) report.confidentialSites++;
        report.contacts += input.contacts.length;
        for (const contact of input.contacts) if (contact.visibility === 'professionnels') report.professionalContacts++;
        if (input.territory.scope === 'national') report.nationalActors++;
        touched.push(writeActor(input));
      }
      return { result: undefined, touched };
    });
    options.onProgress?.(report.actors, options.actors);
  }
  const resources = generateResources(db, report.actors, createRandom(seed ^ 0x5eed), seed.toString(36));
  report.resources = resources.count;
  report.resourcesSkipped = resources.skipped;
  db.pragma(`cache_size = ${cacheSize}`);
  report.ms = Math.round(performance.now() - started);
  return report;
}
