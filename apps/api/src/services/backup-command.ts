/** `pnpm pare backup [--to <dir>]` and `pnpm pare restore <archive>` (see services/backup.ts, docs/OPERATIONS.md). */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { recordRunInFile } from '@pare/db';
import type { Env } from '../env.ts';
import { BackupError, createBackup, restoreBackup } from './backup.ts';
import { BACKUP_JOB, backupRunRecord } from './backup-job.ts';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} Mo`;

/** Runs the command; returns the exit code (0 done, 2 bad usage, 3 refused). */
export async function runBackupCommand(command: 'backup' | 'restore', args: string[], env: Env): Promise<number> {
  // biome-ignore lint/style/noProcessEnv: the directory the command was typed in (pnpm runs it in apps/api), as env.ts does
  const base = process.env.INIT_CWD ?? process.cwd();
  try {
    if (command === 'backup') {
      const { values } = parseArgs({ args, options: { to: { type: 'string' } }, strict: true });
      const toDir = values.to ? resolve(base, values.to) : env.PARE_BACKUP_DIR;
      const now = new Date();
      const result = await createBackup({ dbFile: env.PARE_DB, uploadsDir: env.PARE_UPLOADS_DIR, toDir, keep: env.PARE_BACKUP_KEEP, now });
      recordRunInFile(env.PARE_DB, BACKUP_JOB, now, backupRunRecord(result));
      const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
      console.log(
        `Sauvegarde écrite : ${result.file} (${mb(result.bytes)}, ${rows} lignes, ${result.uploads} fichier(s) déposé(s), intégrité ok, ${(result.ms / 1000).toFixed(1)} s).`,
      );
      if (result.pruned.length > 0)
        console.log(`Anciennes sauvegardes retirées (PARE_BACKUP_KEEP=${env.PARE_BACKUP_KEEP}) : ${result.pruned.join(', ')}`);
      return 0;
    }
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {}, strict: true });
    const given = positionals[0];
    if (!given || positionals.length > 1) {
      console.error('Usage : pnpm pare restore <archive pare-backup-….tar.gz>');
      return 2;
    }
    const result = await restoreBackup({ archive: resolve(base, given), dbFile: env.PARE_DB, uploadsDir: env.PARE_UPLOADS_DIR });
    const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
    console.log(
      `Restauration faite : sauvegarde du ${result.created_at}, sommes de contrôle et intégrité vérifiées, ${rows} lignes dans ${result.db}, ${result.uploads} fichier(s) dans ${result.uploadsDir}.`,
    );
    for (const p of result.keptAside) console.log(`Conservé à côté (à supprimer quand tout est vérifié) : ${p}`);
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(err.message);
      return 3;
    }
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
}
