/**
 * docs/OPERATIONS.md followed step by step: every `sh ops-test` block is run (the `ops-test:prod`
 * ones by operations-production.test.ts), and the `not-run` ones are listed, in a temporary
 * deployment standing for /srv/pare (a running server, `pnpm pare` through a shim on PATH), and
 * the systemd unit is checked with `systemd-analyze verify` when the machine has it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, GUIDE, GUIDE_BLOCKS, newDeployment, ROOT, type ServerProcess, startServer } from './server-process.ts';

const run = promisify(execFile);
const blocks = GUIDE_BLOCKS;
const TOKEN = 'metrics-token-of-the-guide-0123456789';

let d: Deployment;
let server: ServerProcess;
let bin = '';
beforeAll(async () => {
  d = newDeployment({ PARE_METRICS_TOKEN: TOKEN });
  d.env.PARE_BACKUP_DIR = join(d.dir, 'backups');
  bin = join(d.dir, 'bin');
  mkdirSync(bin);
  // `pnpm pare …` as on the server, run from the sources.
  writeFileSync(
    join(bin, 'pnpm'),
    `#!/bin/sh\nif [ "$1" = pare ]; then shift; export INIT_CWD="$PWD"; cd "${join(ROOT, 'apps/api')}" && exec "${process.execPath}" --import tsx src/cli.ts "$@"; fi\necho "pnpm $*: not in this test" >&2; exit 1\n`,
  );
  chmodSync(join(bin, 'pnpm'), 0o755);
  server = await startServer(d);
}, 90_000);
afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(d.dir, { recursive: true, force: true });
});

describe('docs/OPERATIONS.md', () => {
  it('marks its shell commands and the systemd unit for this test', () => {
    expect(blocks.filter((b) => b.lang === 'sh').length).toBeGreaterThanOrEqual(5);
    expect(blocks.some((b) => b.kind === 'systemd')).toBe(true);
  });

  it('runs or names every block: the ones no test runs are the three marked not-run, for a stated reason', () => {
    const fences = [...GUIDE.matchAll(/^```(.*)$/gm)].map((m) => m[1] as string).filter((_, i) => i % 2 === 0);
    const notRun = fences.filter((info) => / not-run:/.test(info));
    // useradd/apt/git clone (root, the network), systemctl (no systemd here), the Caddyfile (no caddy offline).
    expect(notRun).toEqual(['sh not-run:root', 'sh not-run:systemd', 'caddyfile not-run:caddy']);
    expect(fences.filter((info) => !/ (ops-test|not-run:)/.test(info))).toEqual([]);
    expect(GUIDE.match(/[*_]Not (run|checked) by a test[*_]/g)?.length).toBe(3);
  });

  it('every `sh ops-test` block runs as written (paths moved to a temporary deployment)', { timeout: 180_000 }, async () => {
    const port = new URL(server.url).port;
    for (const block of blocks.filter((b) => b.lang === 'sh' && b.kind === undefined)) {
      const code = block.code
        .replaceAll('/tmp/', `${d.dir}/tmp-`)
        .replaceAll('/srv/pare/backups', d.env.PARE_BACKUP_DIR as string)
        .replaceAll('/srv/pare', d.dir)
        .replaceAll('127.0.0.1:8080', `127.0.0.1:${port}`);
      const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', code], {
        cwd: d.dir,
        env: { ...process.env, ...d.env, PATH: `${bin}:${process.env.PATH}`, INIT_CWD: d.dir },
        encoding: 'utf8',
      }).catch((err: { stderr?: string; stdout?: string }) => {
        throw new Error(`block failed:\n${code}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
      });
      if (code.includes('health/details')) expect(JSON.parse(stdout).status).toMatch(/ok|degraded/);
      if (code.includes('/metrics')) expect(stdout).toMatch(/pare_http_requests_total/);
      if (code.includes('sha256sum -c')) expect(stdout).toMatch(/pare\.db: OK/);
      if (code.includes('integrity_check')) expect(stdout.trim().split('\n').pop()).toBe('ok');
    }
  });

  it('the systemd unit passes systemd-analyze verify', async (ctx) => {
    let has = true;
    try {
      execFileSync('systemd-analyze', ['--version']);
    } catch {
      has = false;
    }
    if (!has) ctx.skip();
    const unit = blocks.find((b) => b.kind === 'systemd')?.code ?? '';
    const file = join(d.dir, 'pare.service');
    // The unit as written, its paths pointed at what this machine has.
    writeFileSync(file, unit.replace('/usr/bin/npx', process.execPath.replace(/node$/, 'npx')).replace(/^User=pare\nGroup=pare\n/m, ''));
    const out = await run('systemd-analyze', ['verify', file], { encoding: 'utf8' }).then(
      (r) => ({ ok: true, text: r.stderr }),
      (e: { stderr: string }) => ({ ok: false, text: e.stderr }),
    );
    // Units of the host (dbus, …) may be reported in a container; the unit itself must not be.
    expect(
      out.text
        .split('\n')
        .filter((l) => l.includes('pare.service') && !/WorkingDirectory|EnvironmentFile|ReadWritePaths|not executable/.test(l)),
    ).toEqual([]);
  });
});
