/**
 * docs/OPERATIONS.md's production steps (blocks `sh ops-test:prod`: restore on the server, upgrade)
 * run line by line against a temporary deployment standing for /srv/pare, with the guide's
 * /etc/pare/pare.env (block `ini ops-test:env`) written there and sourced as written.
 * What this machine cannot do is stood in for, and said so:
 * - `systemctl stop|start|restart pare`: no systemd as PID 1 here; the test sends SIGTERM to its
 *   server, or starts server.ts, as the unit would;
 * - `sudo -u pare`: the command runs as the test's user (no `pare` account is created on the host);
 * - `npx -y pnpm@10 install --frozen-lockfile`: offline, a no-op (the sources are already installed);
 *   `npx -y pnpm@10 pare …` runs the same CLI from the sources;
 * - `git pull --ff-only`: from a small local repository standing for the project's remote.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, GUIDE_BLOCKS, newDeployment, ROOT, type ServerProcess, startServer } from './server-process.ts';

const run = promisify(execFile);
const blocks = GUIDE_BLOCKS;
const prodBlocks = blocks.filter((b) => b.lang === 'sh' && b.kind === 'prod');
const [restoreBlock, upgradeBlock] = prodBlocks;

let d: Deployment;
let server: ServerProcess | undefined;
let bin = '';
let cwd = '';
let envFile = '';
const backups = () => join(d.dir, 'backups');
const archives = () => (existsSync(backups()) ? readdirSync(backups()) : []);
const newest = () =>
  archives()
    .filter((f) => /^pare-backup-.*\.tar\.gz$/.test(f))
    .sort()
    .pop() as string;

beforeAll(async () => {
  d = newDeployment();
  d.env.PARE_DB = join(d.dir, 'data/pare.db');
  d.env.PARE_UPLOADS_DIR = join(d.dir, 'data/uploads');
  mkdirSync(join(d.dir, 'data'));
  // The guide's /etc/pare/pare.env, its paths moved; the port left to the system (several test files run at once).
  const ini = blocks.find((b) => b.kind === 'env')?.code ?? '';
  envFile = join(d.dir, 'pare.env');
  writeFileSync(envFile, ini.replaceAll('/srv/pare', d.dir).replace(/^PORT=8080$/m, 'PORT=0'), { mode: 0o600 });
  // Local stand-ins for sudo and npx (see the header), and `pnpm pare` run from the sources.
  bin = join(d.dir, 'bin');
  mkdirSync(bin);
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  script('sudo', '[ "$1" = -u ] && shift 2; exec "$@"');
  script('npx', '[ "$1" = -y ] && shift; shift; exec pnpm "$@"');
  script(
    'pnpm',
    `if [ "$1" = pare ]; then shift; export INIT_CWD="$PWD"; cd "${join(ROOT, 'apps/api')}" && exec "${process.execPath}" --import tsx src/cli.ts "$@"; fi\n` +
      'if [ "$1" = install ]; then echo "pnpm install: already installed (offline test)"; exit 0; fi\necho "pnpm $*: not in this test" >&2; exit 1',
  );
  // /srv/pare/app: a clone of a repository standing for the project's remote, one commit behind it.
  const git = (args: string[], dir: string) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir });
  mkdirSync(join(d.dir, 'origin'));
  git(['init', '-q', '-b', 'main'], join(d.dir, 'origin'));
  writeFileSync(join(d.dir, 'origin/VERSION'), '1\n');
  git(['add', 'VERSION'], join(d.dir, 'origin'));
  git(['commit', '-qm', 'v1'], join(d.dir, 'origin'));
  git(['clone', '-q', join(d.dir, 'origin'), join(d.dir, 'app')], d.dir);
  writeFileSync(join(d.dir, 'origin/VERSION'), '2\n');
  git(['commit', '-qam', 'v2'], join(d.dir, 'origin'));
  server = await startServer(d);
}, 90_000);
afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(d.dir, { recursive: true, force: true });
});

/** Runs a block line by line: `systemctl` and `cd` by the test, every other line by bash. */
async function follow(code: string) {
  const out: string[] = [];
  for (const raw of code.split('\n').filter((l) => l.trim() !== '')) {
    const line = raw
      .replaceAll('/etc/pare/pare.env', envFile)
      .replace(/pare-backup-\d{8}T\d{6}Z\.tar\.gz/, () => newest())
      .replaceAll('/srv/pare', d.dir)
      .replaceAll('127.0.0.1:8080', server ? `127.0.0.1:${new URL(server.url).port}` : '127.0.0.1:1');
    const systemctl = /^systemctl (stop|start|restart) pare$/.exec(line.trim());
    if (systemctl) {
      if (systemctl[1] !== 'start' && server) {
        server.child.kill('SIGTERM');
        expect((await server.exited).code, 'the server stops with 0 on SIGTERM').toBe(0);
        server = undefined;
      }
      if (systemctl[1] !== 'stop') server = await startServer(d);
      continue;
    }
    const cd = /^cd (\S+)$/.exec(line.trim());
    if (cd?.[1]) {
      cwd = cd[1];
      continue;
    }
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', line], {
      cwd: cwd || d.dir,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, INIT_CWD: cwd || d.dir, PARE_DB: '', PARE_UPLOADS_DIR: '' },
      encoding: 'utf8',
    }).catch((err: { stderr?: string; stdout?: string }) => {
      throw new Error(`line failed:\n${line}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    });
    out.push(stdout);
  }
  return out.join('');
}

const sql = (query: string) => execFileSync('sqlite3', [d.env.PARE_DB as string, query], { encoding: 'utf8' }).trim();
const count = (table: string) => Number(sql(`SELECT count(*) FROM ${table}`));

describe('docs/OPERATIONS.md, production steps', () => {
  it('has the restore and the upgrade blocks, and the settings file', () => {
    expect(prodBlocks.length).toBe(2);
    expect(restoreBlock?.code).toMatch(/pare restore/);
    expect(upgradeBlock?.code).toMatch(/git pull/);
    expect(blocks.some((b) => b.kind === 'env')).toBe(true);
  });

  it('the upgrade: a backup of the running database, git pull, install, restart, health answers', { timeout: 180_000 }, async () => {
    const before = archives().length;
    const out = await follow(upgradeBlock?.code ?? '');
    // The backup went to PARE_BACKUP_DIR read from the settings file, not to a default directory.
    expect(archives().length).toBeGreaterThan(before);
    expect(readFileSync(join(d.dir, 'app/VERSION'), 'utf8')).toBe('2\n');
    expect(JSON.parse(out.trim().split('\n').pop() as string).status).toBe('ok');
  });

  it('the restore on the server: stop, restore the newest archive into PARE_DB, start', { timeout: 180_000 }, async () => {
    // The restarted server makes its start-up backup: let it land before changing the database.
    for (let seen = -1; seen !== archives().length; ) {
      seen = archives().length;
      await new Promise((r) => setTimeout(r, 1500));
    }
    const actors = count('actors');
    expect(actors).toBeGreaterThan(0);
    // A change made after the backup: the restore takes it away.
    sql('PRAGMA foreign_keys = OFF; DELETE FROM actors WHERE rowid = (SELECT min(rowid) FROM actors)');
    expect(count('actors')).toBe(actors - 1);
    await follow(restoreBlock?.code ?? '');
    expect(server).toBeDefined();
    expect(count('actors')).toBe(actors);
    expect(readdirSync(join(d.dir, 'data')).some((f) => f.includes('before-restore'))).toBe(true);
  });
});
