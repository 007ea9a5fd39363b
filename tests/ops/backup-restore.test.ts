/**
 * Backups taken while the server writes, restored on a « fresh machine » (an empty directory) and
 * compared row by row; a corrupted or altered archive refused; a database in use never overwritten.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@pare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, newDeployment, pare, type ServerProcess, startServer } from './server-process.ts';

const request = (i: number) => ({
  name: `Personne de test ${i}`,
  phone: '06 12 34 56 78',
  email: '',
  profile: 'famille',
  commune: '57672',
  message: `Demande de test numéro ${i} (données de test).`,
  consent: true,
});

describe('pnpm pare backup / restore', () => {
  let d: Deployment;
  let server: ServerProcess;
  const upload = randomBytes(200_000);

  beforeAll(async () => {
    d = newDeployment({ PARE_TRUST_PROXY: 'true' });
    mkdirSync(d.env.PARE_UPLOADS_DIR as string, { recursive: true });
    writeFileSync(join(d.env.PARE_UPLOADS_DIR as string, 'f0e1d2c3b4a5.pdf'), upload);
    server = await startServer(d);
  }, 90_000);
  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(d.dir, { recursive: true, force: true });
  });

  let written = 0;
  const send = async (i: number) => {
    const res = await fetch(`${server.url}/api/contact-requests`, {
      method: 'POST',
      // One address per request: the per-client limit is not what is measured here.
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.${i >> 8}.${i & 255}` },
      body: JSON.stringify(request(i)),
    });
    if (res.status !== 201) throw new Error(`contact request ${i}: ${res.status} ${await res.text()}`);
    written++;
  };

  let archive = '';
  it('makes a consistent archive while contact requests keep being written', async () => {
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) await send(i);
    })();
    await new Promise((r) => setTimeout(r, 300));
    const before = written;
    const started = performance.now();
    const out = await pare(d, ['backup']);
    const ms = performance.now() - started;
    const during = written - before;
    stop = true;
    await writer;
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Sauvegarde écrite : .*pare-backup-\d{8}T\d{6}Z\.tar\.gz/);
    // Writes went on during the backup: the server was not stopped nor blocked.
    expect(during).toBeGreaterThan(0);
    // The server made its own daily backup at start; this is the command's archive.
    archive = /Sauvegarde écrite : (\S+\.tar\.gz)/.exec(out.stdout)?.[1] ?? '';
    expect(readdirSync(d.env.PARE_BACKUP_DIR as string)).toContain(archive.split('/').pop());
    console.log(
      `backup during writes: ${(statSync(archive).size / 1024).toFixed(0)} KB in ${ms.toFixed(0)} ms (command included), ${during} contact requests written meanwhile, ${written} in all`,
    );
  }, 120_000);

  it('refuses to restore over the database the running server has open', async () => {
    const out = await pare(d, ['restore', archive]);
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(/ouverte par un autre processus/);
  });

  it('restores on a fresh machine: every row of the copy, each request with its mail, and the uploads', async () => {
    const fresh = newDeployment();
    try {
      const out = await pare(fresh, ['restore', archive]);
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      expect(readFileSync(join(fresh.env.PARE_UPLOADS_DIR as string, 'f0e1d2c3b4a5.pdf')).equals(upload)).toBe(true);

      const restored = openDatabase(fresh.env.PARE_DB as string);
      restored.exec(`ATTACH '${(d.env.PARE_DB as string).replace(/'/g, "''")}' AS live`);
      const manifest = JSON.parse(execFileSync('tar', ['-xzOf', archive, 'manifest.json'], { encoding: 'utf8' })) as {
        tables: Record<string, number>;
      };
      expect(Object.keys(manifest.tables)).toEqual(expect.arrayContaining(['actors', 'contact_requests', 'outbox', 'sites']));
      for (const table of Object.keys(manifest.tables)) {
        const n = restored.prepare(`SELECT count(*) FROM main."${table}"`).pluck().get() as number;
        expect(n, table).toBe(manifest.tables[table]);
        // Rewritten in place by the running server: its job runs, sessions, the background lease it
        // renews every few seconds, rate-limit windows and the shared directory version.
        if (['job_runs', 'sessions', 'leases', 'rate_limit_windows', 'directory_version'].includes(table)) continue;
        // Row by row: every row of the copy is in the live database as it is now (nothing torn, nothing invented).
        const missing = restored
          .prepare(`SELECT count(*) FROM (SELECT * FROM main."${table}" EXCEPT SELECT * FROM live."${table}")`)
          .pluck()
          .get() as number;
        expect(missing, `${table}: rows of the backup not in the live database`).toBe(0);
      }
      // One instant: each request in the copy came with its mail, in the same transaction.
      const requests = restored.prepare('SELECT count(*) FROM main.contact_requests').pluck().get() as number;
      expect(requests).toBeGreaterThan(0);
      expect(requests).toBeLessThan(written);
      const orphan = restored
        .prepare(
          `SELECT count(*) FROM main.contact_requests r WHERE NOT EXISTS (SELECT 1 FROM main.outbox o WHERE o.subject_ref = 'contact_request:' || r.id)`,
        )
        .pluck()
        .get();
      expect(orphan).toBe(0);
      restored.close();
    } finally {
      rmSync(fresh.dir, { recursive: true, force: true });
    }
  });

  it('refuses a corrupted archive and leaves the target untouched', async () => {
    const fresh = newDeployment();
    try {
      const bytes = readFileSync(archive);
      bytes.fill(0x41, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 64);
      const bad = join(fresh.dir, 'corrupted.tar.gz');
      writeFileSync(bad, bytes);
      const out = await pare(fresh, ['restore', bad]);
      expect(out.code).toBe(3);
      expect(out.stderr).toMatch(/Archive (illisible|refusée)/);
      expect(readdirSync(fresh.dir).sort()).toEqual(['corrupted.tar.gz']);
    } finally {
      rmSync(fresh.dir, { recursive: true, force: true });
    }
  });

  it('refuses an archive whose files no longer match their checksums', async () => {
    const fresh = newDeployment();
    try {
      const unpacked = join(fresh.dir, 'unpacked');
      mkdirSync(unpacked);
      execFileSync('tar', ['-xzf', archive, '-C', unpacked]);
      writeFileSync(join(unpacked, 'uploads/f0e1d2c3b4a5.pdf'), Buffer.from('altéré'));
      const altered = join(fresh.dir, 'altered.tar.gz');
      execFileSync('tar', ['-czf', altered, '-C', unpacked, 'manifest.json', 'SHA256SUMS', 'pare.db', 'uploads']);
      const out = await pare(fresh, ['restore', altered]);
      expect(out.code).toBe(3);
      expect(out.stderr).toMatch(/somme de contrôle de uploads\/f0e1d2c3b4a5\.pdf/);
      expect(readdirSync(fresh.dir).sort()).toEqual(['altered.tar.gz', 'unpacked']);
    } finally {
      rmSync(fresh.dir, { recursive: true, force: true });
    }
  });
});
