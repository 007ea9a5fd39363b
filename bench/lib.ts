/** Helpers shared by the benchmark scripts: child servers, load runs, memory of a process. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startNodeFlags } from '../apps/api/src/lib/start-flags.ts';

export const ROOT = join(import.meta.dirname, '..');

export type Server = { url: string; child: ChildProcess; stop: () => Promise<void> };

/** Starts bench/server.ts in its own Node process, with the API's node flags, and waits for its port. */
export async function startServer(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, [...startNodeFlags(), '--import', 'tsx', join(ROOT, 'bench/server.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start within 120 s')), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process from /proc (Linux): now and its high-water mark, in MB. */
export function processMemory(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  non2xx: number;
  bytes: number;
};

/** Words of the generated directory's names and descriptions: what the text searches of the runs ask for. */
export const DIRECTORY_WORDS = [
  'jeunes',
  'ecoute',
  'prevention',
  'famille',
  'soin',
  'hebergement',
  'juridique',
  'repere',
  'horizon',
  'passerelle',
  'crip',
  'pjj',
  'adolescents',
  'maison',
  'reseau',
  'fugue',
];

/** What a browser's fetch sends: every figure under load is for requests that accept compression. */
export const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd' };

/**
 * autocannon keeps each response's body as a string (`req.body += chunk`, for its `onResponse`
 * and `verifyBody` options, which the bench never uses): decoding a 5 KB Brotli body as UTF-8
 * cost the load generator ~70 µs a response, 40 % of a core at 2,000 distinct searches a second
 * and most of one for the cached searches — CPU taken from the servers it measures on this
 * 2-core machine (docs/PERFORMANCE.md §22). The bodies are dropped as they come; their bytes are
 * still counted (`addByteCount`), statuses and latencies untouched.
 */
const bodyQueue = createRequire(import.meta.url)('autocannon/lib/pipelinedRequestsQueue.js') as { prototype: { addBody?: unknown } };
if (typeof bodyQueue.prototype.addBody !== 'function')
  throw new Error('autocannon changed: PipelinedRequestsQueue#addBody is gone (bench/lib.ts)');
bodyQueue.prototype.addBody = () => {};

/**
 * One autocannon run, autocannon's own result: `connections` keep-alive connections for `duration`
 * seconds, with `headers` (a browser's by default), `requests` in turn (the root's GET otherwise).
 */
export function autocannonRun(
  url: string,
  opts: { connections: number; duration: number; requests?: autocannon.Request[]; headers?: Record<string, string> },
): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: opts.connections,
    duration: opts.duration,
    timeout: 30,
    headers: opts.headers ?? BROWSER_HEADERS,
    ...(opts.requests ? { requests: opts.requests } : {}),
  });
}

/** One autocannon run as the tables give it, over `paths` in turn or the given `requests`. */
export async function load(
  url: string,
  opts: { connections: number; duration: number; paths?: string[]; requests?: autocannon.Request[]; headers?: Record<string, string> },
): Promise<LoadResult> {
  const requests = opts.requests ?? opts.paths?.map((path) => ({ method: 'GET' as const, path }));
  return loadResultOf(
    await autocannonRun(url, { connections: opts.connections, duration: opts.duration, requests, headers: opts.headers }),
  );
}

/** What a run's table rows need of autocannon's result. */
export function loadResultOf(result: autocannon.Result): LoadResult {
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytes: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
  };
}

/** Times sequential requests (no concurrency): what one visitor waits, without queueing. */
export async function sequential(url: string, count: number): Promise<{ p50: number; p99: number; bytes: number; status: number }> {
  const times: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const res = await fetch(url);
    const body = new Uint8Array(await res.arrayBuffer());
    times.push(performance.now() - t);
    bytes = body.byteLength;
    status = res.status;
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
  return { p50: round(at(50)), p99: round(at(99)), bytes, status };
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Streams a response and counts its bytes, sampling the server's memory meanwhile. */
export async function streamed(
  url: string,
  pid: number,
): Promise<{ status: number; bytes: number; ms: number; serverPeakMb: number | null; serverRssBeforeMb: number | null }> {
  const before = processMemory(pid);
  let peak = before?.rssMb ?? 0;
  const timer = setInterval(() => {
    const m = processMemory(pid);
    if (m) peak = Math.max(peak, m.rssMb);
  }, 20);
  const t = performance.now();
  const res = await fetch(url);
  let bytes = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    bytes += chunk.value.byteLength;
  }
  const ms = performance.now() - t;
  clearInterval(timer);
  const after = processMemory(pid);
  return {
    status: res.status,
    bytes,
    ms: Math.round(ms),
    serverPeakMb: after ? Math.max(peak, after.rssMb) : null,
    serverRssBeforeMb: before?.rssMb ?? null,
  };
}
