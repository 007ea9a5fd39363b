/**
 * A latency trace of distinct searches: `connections` keep-alive clients for `seconds`, each
 * request's start and duration recorded, then the p50/p99 of each second of the run, by kind
 * (text or commune), and the slowest requests in order of start. Where a run's tail comes from:
 * its first seconds, one kind of request, a stall (docs/PERFORMANCE.md §11).
 *
 *   node --import tsx bench/trace.ts <base url> [seconds] [connections] [seed]
 */
import http from 'node:http';
import { distinctSearchPaths } from './distinct.ts';

type Row = { start: number; ms: number; path: string };

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const summary = (rows: readonly Row[]) => {
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  return `${rows.length} requests, p50 ${quantile(ms, 0.5).toFixed(0)} p99 ${quantile(ms, 0.99).toFixed(0)} max ${quantile(ms, 1).toFixed(0)} ms`;
};

export async function traceDistinct(base: string, seconds: number, connections: number, seed = 1): Promise<Row[]> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const paths = distinctSearchPaths(seed, 200_000);
  const get = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.get(
        { host: url.hostname, port: url.port, path, agent, headers: { 'accept-encoding': 'br, gzip', accept: 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
    });
  const rows: Row[] = [];
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const path = paths[next++ % paths.length] as string;
        const start = performance.now();
        await get(path);
        rows.push({ start: start - t0, ms: performance.now() - start, path });
      }
    }),
  );
  agent.destroy();
  // `TRACE_OUT=file`: every request's epoch start (ms), duration and path, one per line, to lay
  // beside the server's `STALLS=1` lines (bench/server.ts).
  if (process.env.TRACE_OUT) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      process.env.TRACE_OUT,
      rows.map((r) => `${Math.round(performance.timeOrigin + t0 + r.start)} ${r.ms.toFixed(1)} ${r.path}`).join('\n'),
    );
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [base, seconds = '10', connections = '50', seed = '1'] = process.argv.slice(2);
  if (!base) throw new Error('usage: bench/trace.ts <base url> [seconds] [connections] [seed]');
  const rows = await traceDistinct(base, Number(seconds), Number(connections), Number(seed));
  console.log(`whole run: ${summary(rows)}`);
  for (const kind of ['text', 'commune'] as const)
    console.log(`${kind}: ${summary(rows.filter((r) => r.path.includes('q=') === (kind === 'text')))}`);
  for (let s = 0; s < Number(seconds); s++) console.log(`second ${s}: ${summary(rows.filter((r) => Math.floor(r.start / 1000) === s))}`);
  console.log('slowest, by start (ms from the run start, duration ms, path):');
  for (const r of [...rows]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 30)
    .sort((a, b) => a.start - b.start))
    console.log(`${r.start.toFixed(0).padStart(6)} ${r.ms.toFixed(0).padStart(5)} ${r.path}`);
}
