/**
 * Backups and restore: one dated archive (`pare-backup-<UTC time>.tar.gz`) holding a consistent
 * copy of the database, the uploaded files and a checksum manifest.
 *
 * The copy is made with `VACUUM INTO` on a connection of its own: one read transaction, so the
 * copy is the database as it was at one instant, while the server keeps writing (WAL readers
 * never block writers, and unlike the incremental backup API it never restarts when another
 * connection writes). A file copy of a live WAL database would miss what is still in the WAL, or
 * catch a page half written. The copy is then checked (`PRAGMA integrity_check`) before it is
 * archived. Restore verifies every checksum and the integrity again, refuses a database another
 * process has open, and keeps what it replaces beside it (`*.before-restore-<time>`).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkDatabaseFile, checkpointDatabaseFile, isDatabaseInUse, snapshotDatabase } from '@pare/db';
import * as tar from 'tar';

export const BACKUP_PREFIX = 'pare-backup-';
export const BACKUP_SUFFIX = '.tar.gz';
export const DEFAULT_BACKUP_KEEP = 14;
const DB_ENTRY = 'pare.db';
const UPLOADS_ENTRY = 'uploads';
const MANIFEST = 'manifest.json';
const SUMS = 'SHA256SUMS';

export type BackupFile = { path: string; bytes: number; sha256: string };
export type BackupManifest = {
  format: 'pare-backup';
  version: 1;
  created_at: string;
  /** The last migration applied to the copied database. */
  schema_version: number;
  /** Rows per table at the instant of the copy (a restore is compared against them). */
  tables: Record<string, number>;
  files: BackupFile[];
};
export type BackupResult = {
  file: string;
  bytes: number;
  ms: number;
  created_at: string;
  integrity: 'ok';
  uploads: number;
  tables: Record<string, number>;
  /** Older archives removed to keep PARE_BACKUP_KEEP. */
  pruned: string[];
};
export type RestoreResult = {
  db: string;
  uploadsDir: string;
  created_at: string;
  tables: Record<string, number>;
  uploads: number;
  /** Where the database and uploads that were replaced now are (nothing is deleted). */
  keptAside: string[];
};

/** A refusal with a French message for the person at the terminal (corrupted archive, database in use…). */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly reason: 'corrupted' | 'integrity' | 'in_use' | 'missing' | 'failed',
  ) {
    super(message);
  }
}

/** `2026-12-03T10:15:00.123Z` → `20261203T101500Z` (sorts as time, safe in a file name). */
function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The time an archive's name says it was made, or null for a file that is not one of ours. */
export function backupTimeOf(name: string): Date | null {
  const m = /^pare-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-\d+)?\.tar\.gz$/.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}

/** The archives in a directory, newest first. */
export async function listBackups(dir: string): Promise<{ file: string; at: Date; bytes: number }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const found: { file: string; at: Date; bytes: number }[] = [];
  for (const name of names) {
    const at = backupTimeOf(name);
    if (!at) continue;
    const st = await stat(join(dir, name)).catch(() => null);
    if (st?.isFile()) found.push({ file: join(dir, name), at, bytes: st.size });
  }
  return found.sort((a, b) => b.at.getTime() - a.at.getTime() || b.file.localeCompare(a.file));
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function checkIntegrity(file: string): { tables: Record<string, number>; schemaVersion: number } {
  const report = checkDatabaseFile(file);
  if (!report.ok) {
    throw new BackupError(
      `La base de la sauvegarde est endommagée (PRAGMA integrity_check : ${report.messages.slice(0, 3).join(' ; ')}).`,
      'integrity',
    );
  }
  return report;
}

/**
 * Makes one archive of `dbFile` (a consistent copy, taken while other connections write) and of
 * the files in `uploadsDir`, into `toDir`; then keeps the `keep` newest archives there.
 * The archive is written under a temporary name and renamed once complete.
 */
export async function createBackup(opts: {
  dbFile: string;
  uploadsDir: string;
  toDir: string;
  keep?: number;
  now?: Date;
}): Promise<BackupResult> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  await stat(opts.dbFile).catch(() => {
    throw new BackupError(`Aucune base à sauvegarder : ${opts.dbFile} n’existe pas.`, 'missing');
  });
  // The archives hold personal data (contact requests, accounts): readable by the service's user only.
  await mkdir(opts.toDir, { recursive: true, mode: 0o700 });
  const staging = await mkdtemp(join(opts.toDir, '.pare-backup-'));
  try {
    // The consistent copy, while the server writes (see snapshotDatabase).
    snapshotDatabase(opts.dbFile, join(staging, DB_ENTRY));
    const { tables, schemaVersion } = checkIntegrity(join(staging, DB_ENTRY));

    // Uploads after the copy: a file the copy names cannot vanish meanwhile (only files no row
    // names are ever removed, see removeOrphanUploads); a file added since is simply extra.
    await mkdir(join(staging, UPLOADS_ENTRY));
    const uploads = (await readdir(opts.uploadsDir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isFile());
    for (const e of uploads) await cp(join(opts.uploadsDir, e.name), join(staging, UPLOADS_ENTRY, e.name));

    const paths = [DB_ENTRY, ...uploads.map((e) => `${UPLOADS_ENTRY}/${e.name}`)];
    const files: BackupFile[] = [];
    for (const p of paths) {
      const full = join(staging, p);
      files.push({ path: p, bytes: (await stat(full)).size, sha256: await sha256Of(full) });
    }
    const manifest: BackupManifest = {
      format: 'pare-backup',
      version: 1,
      created_at: now.toISOString(),
      schema_version: schemaVersion,
      tables,
      files,
    };
    await writeFile(join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    // The same checksums in `sha256sum -c` form, for a check by hand (docs/OPERATIONS.md).
    await writeFile(join(staging, SUMS), files.map((f) => `${f.sha256}  ${f.path}\n`).join(''));

    let name = `${BACKUP_PREFIX}${stamp(now)}${BACKUP_SUFFIX}`;
    for (let i = 2; await stat(join(opts.toDir, name)).catch(() => null); i++) name = `${BACKUP_PREFIX}${stamp(now)}-${i}${BACKUP_SUFFIX}`;
    const file = join(opts.toDir, name);
    const partial = join(staging, `${name}.partial`);
    await tar.c({ gzip: true, file: partial, cwd: staging, portable: true }, [MANIFEST, SUMS, DB_ENTRY, UPLOADS_ENTRY]);
    await chmod(partial, 0o600);
    await rename(partial, file);

    const pruned: string[] = [];
    const keep = opts.keep ?? DEFAULT_BACKUP_KEEP;
    for (const old of (await listBackups(opts.toDir)).slice(keep)) {
      await rm(old.file, { force: true });
      pruned.push(basename(old.file));
    }
    return {
      file,
      bytes: (await stat(file)).size,
      ms: Math.round(performance.now() - started),
      created_at: manifest.created_at,
      integrity: 'ok',
      uploads: uploads.length,
      tables,
      pruned,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

const ENTRY_PATTERN = /^(?:manifest\.json|SHA256SUMS|pare\.db|uploads\/?|uploads\/[A-Za-z0-9._-]+)$/;

/** Unpacks and checks an archive into `dir`: only our entries, every checksum right, the database sound. */
export async function verifyBackup(archive: string, dir: string): Promise<BackupManifest & { schemaVersion: number }> {
  const refused: string[] = [];
  try {
    await tar.x({
      file: archive,
      cwd: dir,
      strict: true,
      filter: (path, entry) => {
        const ok = ENTRY_PATTERN.test(path) && ('type' in entry ? entry.type === 'File' || entry.type === 'Directory' : true);
        if (!ok) refused.push(path);
        return ok;
      },
    });
  } catch (err) {
    throw new BackupError(`Archive illisible ou tronquée (${archive}) : ${err instanceof Error ? err.message : String(err)}.`, 'corrupted');
  }
  if (refused.length > 0) throw new BackupError(`Archive refusée : entrées inattendues (${refused.slice(0, 3).join(', ')}).`, 'corrupted');
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError('Archive refusée : manifeste absent ou illisible.', 'corrupted');
  }
  if (manifest.format !== 'pare-backup' || manifest.version !== 1 || !Array.isArray(manifest.files)) {
    throw new BackupError('Archive refusée : ce n’est pas une sauvegarde PARÉ.', 'corrupted');
  }
  const listed = new Set<string>();
  for (const f of manifest.files) {
    if (!ENTRY_PATTERN.test(f.path))
      throw new BackupError(`Archive refusée : chemin inattendu dans le manifeste (${f.path}).`, 'corrupted');
    const full = join(dir, f.path);
    const st = await stat(full).catch(() => null);
    if (!st?.isFile()) throw new BackupError(`Archive refusée : ${f.path} manque.`, 'corrupted');
    if (st.size !== f.bytes || (await sha256Of(full)) !== f.sha256) {
      throw new BackupError(`Archive refusée : la somme de contrôle de ${f.path} ne correspond pas (fichier altéré).`, 'corrupted');
    }
    listed.add(f.path);
  }
  if (!listed.has(DB_ENTRY)) throw new BackupError('Archive refusée : elle ne contient pas de base.', 'corrupted');
  const extra = (await readdir(join(dir, UPLOADS_ENTRY)).catch(() => [] as string[])).filter((n) => !listed.has(`${UPLOADS_ENTRY}/${n}`));
  if (extra.length > 0)
    throw new BackupError(`Archive refusée : fichiers absents du manifeste (${extra.slice(0, 3).join(', ')}).`, 'corrupted');
  const { schemaVersion } = checkIntegrity(join(dir, DB_ENTRY));
  return { ...manifest, schemaVersion };
}

/** Moves a file or directory, across file systems if needed. */
async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}

/**
 * Restores an archive to `dbFile` and `uploadsDir`, once its checksums and integrity are verified
 * and nobody has `dbFile` open. What was there is renamed `<name>.before-restore-<time>`.
 */
export async function restoreBackup(opts: { archive: string; dbFile: string; uploadsDir: string; now?: Date }): Promise<RestoreResult> {
  const now = opts.now ?? new Date();
  if (!(await stat(opts.archive).catch(() => null))?.isFile()) throw new BackupError(`Archive introuvable : ${opts.archive}.`, 'missing');
  await mkdir(dirname(opts.dbFile), { recursive: true });
  // Unpacked beside the target, so that putting the database in place is a rename.
  const staging = await mkdtemp(join(dirname(opts.dbFile), '.pare-restore-'));
  try {
    const manifest = await verifyBackup(opts.archive, staging);
    if (isDatabaseInUse(opts.dbFile)) {
      throw new BackupError(
        `${opts.dbFile} est ouverte par un autre processus (le serveur ?) : arrêtez-le avant de restaurer (systemctl stop pare).`,
        'in_use',
      );
    }
    const keptAside: string[] = [];
    const aside = `.before-restore-${stamp(now)}`;
    if (await stat(opts.dbFile).catch(() => null)) {
      // Fold the WAL into the file first, so the database kept aside is whole by itself.
      checkpointDatabaseFile(opts.dbFile);
      await rename(opts.dbFile, `${opts.dbFile}${aside}`);
      keptAside.push(`${opts.dbFile}${aside}`);
      for (const ext of ['-wal', '-shm']) await rm(`${opts.dbFile}${ext}`, { force: true });
    }
    await rename(join(staging, DB_ENTRY), opts.dbFile);

    const uploads = manifest.files.filter((f) => f.path.startsWith(`${UPLOADS_ENTRY}/`)).length;
    const existing = await readdir(opts.uploadsDir).catch(() => null);
    if (existing && existing.length > 0) {
      await move(opts.uploadsDir, `${opts.uploadsDir}${aside}`);
      keptAside.push(`${opts.uploadsDir}${aside}`);
    } else if (existing) await rm(opts.uploadsDir, { recursive: true, force: true });
    await mkdir(dirname(opts.uploadsDir), { recursive: true });
    await mkdir(join(staging, UPLOADS_ENTRY), { recursive: true });
    await move(join(staging, UPLOADS_ENTRY), opts.uploadsDir);
    return { db: opts.dbFile, uploadsDir: opts.uploadsDir, created_at: manifest.created_at, tables: manifest.tables, uploads, keptAside };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
