/** The real server (`apps/api/src/server.ts`) in its own process, on a temporary deployment: what systemd runs. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** docs/OPERATIONS.md, and its fenced blocks marked `ops-test` (```sh ops-test:prod → lang `sh`, kind `prod`): the commands the ops tests run. */
export const GUIDE = readFileSync(join(ROOT, 'docs/OPERATIONS.md'), 'utf8');
export const GUIDE_BLOCKS = [...GUIDE.matchAll(/```(\w+) ops-test(?::(\w+))?\n([\s\S]*?)```/g)].map((m) => ({
  lang: m[1],
  kind: m[2],
  code: m[3] as string,
}));

/** Reads a node:http answer to its end: its status and its body as text. */
export function readAnswer(res: IncomingMessage, resolve: (answer: { status: number; text: string }) => void): void {
  let text = '';
  res.on('data', (c: Buffer) => {
    text += c.toString('utf8');
  });
  res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
}

export type Deployment = { dir: string; env: Record<string, string> };

/** A fresh deployment directory: its database, uploads and backups, logs silenced but errors. */
export function newDeployment(extra: Record<string, string> = {}): Deployment {
  const dir = mkdtempSync(join(tmpdir(), 'pare-ops-'));
  return {
    dir,
    env: {
      PARE_DB: join(dir, 'pare.db'),
      PARE_UPLOADS_DIR: join(dir, 'uploads'),
      PARE_BACKUP_DIR: join(dir, 'backups'),
      PARE_WEB_DIST: join(dir, 'no-web-client'),
      PARE_LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'development',
      // One process, as these tests were written for; workers.test.ts runs several.
      PARE_WORKERS: '1',
      ...extra,
    },
  };
}

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  logs: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Starts server.ts and waits for its « listening » line. */
export async function startServer(d: Deployment, extra: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/api/src/server.ts')], {
    cwd: join(ROOT, 'apps/api'),
    env: { ...process.env, ...d.env, ...extra, INIT_CWD: d.dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  // 'close', not 'exit': the process may exit before its last lines are read from its pipes (a
  // busy CI machine missed a worker's « stopped », written just before it ended); 'close' comes
  // once every process holding them (the primary, its workers) is gone and all was read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('close', (code, signal) => r({ code, signal })),
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const m = /"msg":"listening","url":"([^"]+)"/.exec(line);
        if (m?.[1]) resolveUrl(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => logs.push(c.toString('utf8')));
    void exited.then(() => reject(new Error(`server exited before listening:\n${logs.join('\n')}`)));
    // Two minutes: with PARE_WORKERS > 1 every process loads the app.
    setTimeout(() => reject(new Error(`server not listening after 120 s:\n${logs.join('\n')}`)), 120_000).unref();
  });
  return { url, child, logs, exited };
}

/** `pnpm pare <args>` as the guide writes it (the same CLI, run by Node with tsx). */
export async function pare(d: Deployment, args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const child = execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/api/src/cli.ts'), ...args], {
    cwd: join(ROOT, 'apps/api'),
    env: { ...process.env, ...d.env, ...opts.env, INIT_CWD: d.dir },
    encoding: 'utf8',
  });
  if (opts.input !== undefined) child.stdin?.end(opts.input);
  const [code, stdout, stderr] = await new Promise<[number, string, string]>((r) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: string) => {
      out += c;
    });
    child.stderr?.on('data', (c: string) => {
      err += c;
    });
    child.once('exit', (c) => r([c ?? -1, out, err]));
  });
  return { code, stdout, stderr };
}

export { run };
