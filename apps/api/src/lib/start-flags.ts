import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The flags the API's start script gives node (apps/api/package.json, `start`: `node <flags>
 * --import tsx src/server.ts`; `--max-semi-space-size=64`: a young generation of up to 128 MB,
 * docs/PERFORMANCE.md section 15; `--v8-pool-size=1`: one background thread for V8's collector,
 * section 16). Read from the script, for what starts the server otherwise (the
 * bench) to run it as production does; cluster workers inherit them (`process.execArgv`).
 */
export function startNodeFlags(): string[] {
  const file = join(import.meta.dirname, '../../package.json');
  const start = (JSON.parse(readFileSync(file, 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = start.trim().split(/\s+/);
  if (words[0] !== 'node' || !words.includes('--import')) throw new Error(`${file}: start is not \`node … --import tsx …\`: ${start}`);
  return words.slice(1, words.indexOf('--import'));
}
