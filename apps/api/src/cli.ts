/**
 * PARÉ's command line: `pnpm pare <command>`. Works on the database named by PARE_DB.
 *   admin:create --email <address>        creates an administrator; the password is read from stdin
 *   user:create --email <a> --role <r> [--departements 57,54] [--name "…"]   same, any role
 *   user:unlock --email <address>         lifts the sign-in lockout (5 failures) of an account at once
 *   db:migrate                            applies pending migrations
 *   freshness:digest                      queues this week's « à revérifier » digest to the curators
 *   jobs:run [--now <ISO date>]           runs every periodic job (follow-up, purges, digest) as of that instant
 *   seed:report [--seed <dir>]            the shipped seed per département: types, actions, its CRIP; totals
 *   report:quarter --quarter 2026-Q4 [--out <dir>]   writes the quarter's summary (coverage, gaps, activity) as Markdown and CSV
 *   backup [--to <dir>]                   one dated archive of the database (consistent, online) and the uploads
 *   restore <archive>                     verifies an archive, then restores it to PARE_DB and PARE_UPLOADS_DIR
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type Db, openDatabase, userRepository } from '@pare/db';
import { CreateUserInputSchema, type ROLES } from '@pare/schema';
import { loadEnv } from './env.ts';
import { resolveConfig } from './lib/config.ts';
import { hashPassword } from './services/auth.ts';
import { organisationLabel } from './services/curation.ts';

/** Reads one line from stdin without echoing it when stdin is a terminal. */
async function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  const rl = createInterface({ input, terminal: true });
  // Mute the echo of typed characters.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  const line = await new Promise<string>((resolve) => rl.once('line', resolve));
  rl.close();
  process.stderr.write('\n');
  return line;
}

async function createUserCommand(args: string[], forcedRole?: (typeof ROLES)[number]) {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, role: { type: 'string' }, departements: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  const password = await readPassword('Mot de passe (12 caractères au moins) : ');
  const parsed = CreateUserInputSchema.safeParse({
    email: values.email,
    password,
    role: forcedRole ?? values.role,
    departements: values.departements ? values.departements.split(',').map((d) => d.trim()) : [],
    display_name: values.name,
  });
  if (!parsed.success) {
    for (const i of parsed.error.issues) console.error(`${i.path.join('.') || 'entrée'} : ${i.message}`);
    process.exit(2);
  }
  const env = loadEnv();
  const db = openDatabase(env.PARE_DB);
  const users = userRepository(db);
  if (users.findUserByEmail(parsed.data.email)) {
    console.error(`Un compte existe déjà pour ${parsed.data.email}.`);
    process.exit(3);
  }
  const user = users.createUser({
    email: parsed.data.email,
    passwordHash: await hashPassword(password),
    role: parsed.data.role,
    departements: parsed.data.departements,
    // Every account signs the history with a name, never with its login.
    displayName: parsed.data.display_name || organisationLabel(parsed.data),
  });
  db.close();
  console.log(`Compte ${user.role} créé : ${user.email} (id ${user.id}) dans ${env.PARE_DB}`);
}

/**
 * Runs `work` on the database at `file`, then closes it whatever happens. An error of the class
 * `refusal.error` (what the command refuses: a file, a target) is said on stderr and ends with
 * `refusal.exitCode`; any other goes on.
 */
async function withDatabase(
  file: string,
  work: (db: Db) => void | Promise<void>,
  refusal?: { error: abstract new (...args: never[]) => Error; exitCode: number },
): Promise<void> {
  const db = openDatabase(file);
  try {
    await work(db);
  } catch (error) {
    if (!refusal || !(error instanceof refusal.error)) throw error;
    console.error(error.message);
    process.exitCode = refusal.exitCode;
  } finally {
    db.close();
  }
}

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'admin:create':
    await createUserCommand(rest, 'admin');
    break;
  case 'user:create':
    await createUserCommand(rest);
    break;
  case 'user:unlock': {
    const { values } = parseArgs({ args: rest, options: { email: { type: 'string' } }, strict: true });
    if (!values.email) {
      console.error('Indiquez le compte avec --email <adresse>.');
      process.exit(2);
    }
    const env = loadEnv();
    const db = openDatabase(env.PARE_DB);
    const users = userRepository(db);
    const found = users.findUserByEmail(values.email);
    if (found) users.clearLoginFailures(found.email);
    db.close();
    console.log(found ? `Compte débloqué : ${found.email}` : `Aucun compte pour ${values.email}.`);
    if (!found) process.exit(3);
    break;
  }
  case 'jobs:run': {
    // jobs:run [--now <ISO date>]: every periodic job (request reminders and escalation, retention
    // purges, the weekly digest) as if it were that instant, against PARE_DB; the server's timer runs the same code.
    const { values } = parseArgs({ args: rest, options: { now: { type: 'string' } }, strict: true });
    const now = values.now ? new Date(values.now) : new Date();
    if (Number.isNaN(now.getTime())) {
      console.error('--now attend une date ISO 8601 (ex. 2026-12-15T09:00:00+01:00).');
      process.exit(2);
    }
    const env = loadEnv();
    const { actorRepository } = await import('@pare/db');
    const { runJobs } = await import('./services/jobs.ts');
    const { createLogger } = await import('./lib/logger.ts');
    const db = openDatabase(env.PARE_DB);
    const log = createLogger(env.PARE_LOG_LEVEL);
    const reports = runJobs({ db, log, actors: actorRepository(db), config: resolveConfig({}, env) }, now, { force: true });
    db.close();
    for (const r of reports) console.log(`${r.name} : ${r.error ? `ÉCHEC ${r.error}` : JSON.stringify(r.result)}`);
    if (reports.some((r) => r.error)) process.exit(1);
    break;
  }
  case 'seed:report': {
    // seed:report [--seed <dir>]: per département, the entries of the shipped seed, their types and
    // actions, and whether its CRIP publishes a direct contact; then the totals.
    const { values } = parseArgs({ args: rest, options: { seed: { type: 'string' } }, strict: true });
    const { formatSeedReport, readSeedEntries, seedReport } = await import('@pare/db');
    console.log(formatSeedReport(seedReport(readSeedEntries(values.seed ?? loadEnv().PARE_SEED_FILE))));
    break;
  }
  case 'db:migrate': {
    const env = loadEnv();
    openDatabase(env.PARE_DB).close();
    console.log(`Base à jour : ${env.PARE_DB}`);
    break;
  }
  case 'generate': {
    // generate --actors <n> --db <file> [--seed <n>]: a synthetic directory for benchmarks,
    // every record marked generated. Never into the directory's own database (see generate.ts).
    const { resolve } = await import('node:path');
    const { GenerationRefusedError, assertGenerationFile, generateDirectory } = await import('@pare/db');
    const { values } = parseArgs({
      args: rest,
      options: { actors: { type: 'string' }, db: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
    });
    const actors = Number(values.actors ?? '1000');
    const seed = Number(values.seed ?? '1');
    if (!values.db) {
      console.error('Indiquez le fichier à remplir avec --db <fichier> (jamais la base de l’annuaire).');
      process.exit(2);
    }
    if (!Number.isInteger(actors) || actors < 1 || !Number.isInteger(seed)) {
      console.error('--actors et --seed attendent des nombres entiers (--actors 100000 --seed 1).');
      process.exit(2);
    }
    const env = loadEnv();
    // Relative paths are the caller's: pnpm runs this script in apps/api but keeps INIT_CWD.
    // biome-ignore lint/style/noProcessEnv: the directory the command was typed in, as env.ts does for PARE_DB
    const file = resolve(process.env.INIT_CWD ?? process.cwd(), values.db);
    try {
      assertGenerationFile(file, [env.PARE_DB]);
    } catch (error) {
      console.error((error as Error).message);
      process.exit(3);
    }
    await withDatabase(
      file,
      (db) => {
        const report = generateDirectory(db, {
          actors,
          seed,
          protectedFiles: [env.PARE_DB],
          onProgress: (done, total) => process.stderr.write(`\r${done} / ${total} acteurs`),
        });
        process.stderr.write('\n');
        console.log(
          `${report.actors} acteurs générés dans ${file} en ${(report.ms / 1000).toFixed(1)} s : ${report.sites} lieux (dont ${report.confidentialSites} confidentiels), ` +
            `${report.contacts} contacts, ${report.nationalActors} acteurs nationaux, ` +
            (report.resourcesSkipped ? `pas de ressource (${report.resourcesSkipped}).` : `${report.resources} ressources.`),
        );
      },
      { error: GenerationRefusedError, exitCode: 3 },
    );
    break;
  }
  case 'import': {
    // import <file> [--format csv|data-inclusion] [--dry-run] [--type <code>] [--json]: the import of
    // POST /api/admin/import into PARE_DB, by the author « import CLI » (docs/import.md).
    const { resolve } = await import('node:path');
    const { actorRepository } = await import('@pare/db');
    const { ACTOR_TYPES } = await import('@pare/schema');
    const { CLI_IMPORT_BATCH_SIZE, runImport } = await import('./services/import/executor.ts');
    const { ImportFileError, probeFile } = await import('./services/import/source.ts');
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { format: { type: 'string' }, 'dry-run': { type: 'boolean' }, type: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
    });
    const given = positionals[0];
    const format = values.format ?? (given && /\.json$/i.test(given) ? 'data-inclusion' : 'csv');
    if (!given || (format !== 'csv' && format !== 'data-inclusion')) {
      console.error('Usage : pnpm pare import <fichier> [--format csv|data-inclusion] [--dry-run] [--type <type>] [--json]');
      process.exit(2);
    }
    if (values.type && !(ACTOR_TYPES as readonly string[]).includes(values.type)) {
      console.error(`--type : valeurs possibles ${ACTOR_TYPES.join(', ')}`);
      process.exit(2);
    }
    // biome-ignore lint/style/noProcessEnv: the directory the command was typed in (pnpm runs it in apps/api)
    const file = resolve(process.env.INIT_CWD ?? process.cwd(), given);
    const env = loadEnv();
    // The command line has the database in hand: it imports with a curator's reach.
    const cliUser = {
      id: 0,
      email: 'import-cli',
      passwordHash: '',
      role: 'admin' as const,
      departements: [],
      displayName: 'import CLI',
      active: true,
    };
    await withDatabase(
      env.PARE_DB,
      async (db) => {
        const { detected } = await probeFile(file);
        const report = await runImport(
          { db, actors: actorRepository(db) },
          { path: file, detected },
          {
            format,
            dryRun: values['dry-run'] === true,
            details: values.json ? 'all' : 'rejected',
            defaultType: values.type as (typeof ACTOR_TYPES)[number] | undefined,
            author: { user: cliUser, authorId: null, label: 'import CLI' },
            batchSize: CLI_IMPORT_BATCH_SIZE,
          },
        );
        if (values.json) console.log(JSON.stringify(report, null, 2));
        else {
          const s = report.summary;
          console.log(
            `${report.dry_run ? 'Essai (rien n’est écrit)' : 'Import'} de ${file} (${report.format}, ${report.encoding}${report.bom ? ' avec BOM' : ''}) en ${(report.ms / 1000).toFixed(1)} s : ` +
              `${s.created} créé(s), ${s.updated} mis à jour, ${s.unchanged} inchangé(s), ${s.rejected} refusé(s).`,
          );
          for (const r of report.rows.filter((x) => x.action === 'rejected')) {
            console.log(`  ligne ${r.row} : ${(r.issues ?? []).map((i) => `${i.field} — ${i.message}`).join(' ; ')}`);
          }
          if (report.rows_omitted > 0 && report.rows.length >= 10_000)
            console.log('  (seules les 10 000 premières lignes refusées sont listées)');
          for (const w of report.warnings) console.log(`  ${w}`);
          if (report.ignored_columns.length > 0) console.log(`  Colonnes ignorées : ${report.ignored_columns.join(', ')}`);
          if (report.import_id)
            console.log(`Identifiant de l’import : ${report.import_id} (annulation : POST /api/admin/import/${report.import_id}/revert)`);
        }
      },
      { error: ImportFileError, exitCode: 2 },
    );
    break;
  }
  case 'freshness:digest': {
    // Queues this week's « à revérifier » digest now (the server also does it weekly); once per week and recipient.
    const { queueFreshnessDigest } = await import('./services/freshness.ts');
    const env = loadEnv();
    const db = openDatabase(env.PARE_DB);
    const { week, queued } = queueFreshnessDigest({ db, publicUrl: env.PARE_PUBLIC_URL });
    db.close();
    console.log(`Point hebdomadaire ${week} : ${queued} message(s) mis en file d’envoi.`);
    break;
  }
  case 'report:quarter': {
    // report:quarter --quarter 2026-Q4 [--out <dir>]: pare-2026-Q4.md and pare-2026-Q4.csv (services/stats.ts).
    const { resolve, join } = await import('node:path');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { actorRepository } = await import('@pare/db');
    const { quarterReport } = await import('./services/stats.ts');
    const { values } = parseArgs({ args: rest, options: { quarter: { type: 'string' }, out: { type: 'string' } }, strict: true });
    if (!values.quarter || !/^\d{4}-Q[1-4]$/.test(values.quarter)) {
      console.error('Indiquez le trimestre : --quarter 2026-Q4');
      process.exit(2);
    }
    const quarter = values.quarter;
    const env = loadEnv();
    // biome-ignore lint/style/noProcessEnv: the directory the command was typed in, as for generate
    const dir = resolve(process.env.INIT_CWD ?? process.cwd(), values.out ?? '.');
    await withDatabase(env.PARE_DB, (db) => {
      const report = quarterReport({ db, actors: actorRepository(db) }, quarter);
      mkdirSync(dir, { recursive: true });
      const base = join(dir, `pare-${quarter}`);
      writeFileSync(`${base}.md`, report.markdown);
      writeFileSync(`${base}.csv`, report.csv);
      console.log(`Bilan ${quarter} écrit : ${base}.md et ${base}.csv`);
    });
    break;
  }
  case 'backup':
  case 'restore': {
    // backup [--to <dir>] / restore <archive>: services/backup.ts; docs/OPERATIONS.md says when and how.
    const { runBackupCommand } = await import('./services/backup-command.ts');
    process.exitCode = await runBackupCommand(command, rest, loadEnv());
    break;
  }
  default:
    console.error('Commandes : admin:create --email <adresse> | user:create --email <a> --role <rôle> [--departements 57,54] | db:migrate');
    process.exit(command ? 1 : 0);
}
