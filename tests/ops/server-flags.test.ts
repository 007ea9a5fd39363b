/**
 * The API's start command (apps/api/package.json `start`, what `pnpm start` and the systemd unit of
 * docs/OPERATIONS.md run) gives node a young generation of up to 128 MB instead of 32: under
 * distinct searches, a fourth of the scavenges, fewer short-lived objects promoted, p99 −10–20 ms
 * (docs/PERFORMANCE.md section 15). The bench's server reads the same flags (apps/api/src/lib/start-flags.ts), and
 * cluster workers inherit them (`process.execArgv`).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeFlags, startNodeFlags } from '../../apps/api/src/lib/start-flags.ts';

/** Keeps objects alive across scavenges so that V8 grows the young generation to its limit; prints its largest size in MB. */
const GROW = `const v8 = require('v8'); let max = 0; const keep = [];
for (let i = 0; i < 3e6; i++) { keep.push({ i, s: [i] }); if (keep.length > 200000) keep.splice(0, 100000);
  if (i % 10000 === 0) max = Math.max(max, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size); }
process.stdout.write(String(Math.round(max / 1048576)));`;

const youngGenerationMb = (flags: string[]) => Number(execFileSync(process.execPath, [...flags, '-e', GROW], { encoding: 'utf8' }));

describe("the server's node flags", () => {
  it('let the young generation grow past the 32 MB node gives by default', () => {
    const flags = startNodeFlags();
    expect(flags).toContain('--max-semi-space-size=64');
    expect(youngGenerationMb([])).toBeLessThanOrEqual(32);
    expect(youngGenerationMb(flags)).toBeGreaterThanOrEqual(64);
  });

  // A full collection's concurrent marking ran on V8's four background threads: on two cores they
  // took both from the thread answering, every search in flight then waiting ~250 ms, every 6–8 s
  // under load (docs/PERFORMANCE.md section 16).
  it.runIf(process.platform === 'linux')('leave V8 one background thread instead of four', () => {
    const threads = (flags: string[]) =>
      Number(
        execFileSync(
          process.execPath,
          [...flags, '-e', "process.stdout.write(String(require('fs').readdirSync('/proc/self/task').length))"],
          { encoding: 'utf8' },
        ),
      );
    expect(startNodeFlags()).toContain('--v8-pool-size=1');
    expect(threads([]) - threads(startNodeFlags())).toBe(3);
  });
});

describe("the command line's node flags (`pnpm pare`)", () => {
  // An import's live heap is under 100 MB, but under node's default limit V8 let each batch's
  // garbage pile up: 560–650 MB resident for an import of 20,000–100,000 rows, 400 MB bounded
  // (docs/PERFORMANCE.md section 23; the bench's import row runs the CLI with these flags).
  it('bound the old generation to 256 MB, where node would let it grow to a quarter of the memory', () => {
    const limitMb = (flags: string[]) =>
      Number(
        execFileSync(
          process.execPath,
          [...flags, '-e', "process.stdout.write(String(Math.round(require('v8').getHeapStatistics().heap_size_limit / 1048576)))"],
          {
            encoding: 'utf8',
          },
        ),
      );
    const flags = nodeFlags('cli');
    expect(flags).toContain('--max-old-space-size=256');
    expect(limitMb([])).toBeGreaterThan(1024);
    expect(limitMb(flags)).toBeLessThanOrEqual(320);
  });
});
