import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The flags the API's scripts give node (apps/api/package.json: `node <flags> --import tsx …`).
 * `start` (the server): `--max-semi-space-size=64`, a young generation of up to 128 MB,
 * docs/PERFORMANCE.md section 15; `--v8-pool-size=1`, one background thread for V8's collector,
 * section 16. `cli` (`pnpm pare …`): `--max-old-space-size=256` — an import's or a generation's
 * live heap is under 100 MB, but with node's default limit (several GB on this machine) V8 let the
 * garbage of each batch pile up: 560–650 MB resident for an import, 400 MB with the bound, as fast
 * (section 23). Read from the scripts, for what starts them otherwise (the bench) to run them as
 * production does; cluster workers inherit them (`process.execArgv`).
 */
export function nodeFlags(script: 'start' | 'cli'): string[] {
  const file = join(import.meta.dirname, '../../package.json');
  const line = (JSON.parse(readFileSync(file, 'utf8')) as { scripts: Record<string, string> }).scripts[script] ?? '';
  const words = line.trim().split(/\s+/);
  if (words[0] !== 'node' || !words.includes('--import')) throw new Error(`${file}: ${script} is not \`node … --import tsx …\`: ${line}`);
  return words.slice(1, words.indexOf('--import'));
}

/** The server's flags (the `start` script). */
export const startNodeFlags = (): string[] => nodeFlags('start');
