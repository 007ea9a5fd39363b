/** The only reader of process.env: every setting is parsed and checked here, once. */
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `PARE_SMTP_URL=` (empty) means "not set", as people write it in .env files. */
const emptyIsUnset = (v: unknown) => (v === '' ? undefined : v);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PARE_DB: z.string().min(1).default(resolve(ROOT, 'data/pare.db')),
  PARE_SEED_FILE: z.string().min(1).default(resolve(ROOT, 'data/seed/actors')),
  PARE_WEB_DIST: z.string().min(1).default(resolve(ROOT, 'apps/web/dist')),
  // Uploaded resource files: outside the web root, under random names (see services/uploads.ts).
  PARE_UPLOADS_DIR: z.string().min(1).default(resolve(ROOT, 'data/uploads')),
  PARE_LOG_LEVEL: z.enum(['silent', 'error', 'info']).default('info'),
  /** Server processes sharing the port (cluster.ts); 1: one process, as before. */
  PARE_WORKERS: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
  /** Behind a reverse proxy only: take the client's address from X-Forwarded-For (for throttling). */
  PARE_TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  // Mail: without an SMTP relay, mails wait in the outbox (visible to curators) until one is set.
  PARE_SMTP_URL: z.preprocess(
    emptyIsUnset,
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'expected smtp://host:port or smtps://user:password@host:port')
      .optional(),
  ),
  PARE_MAIL_FROM: z.string().min(3).default('PARÉ <no-reply@pare.invalid>'),
  PARE_TEAM_EMAIL: z.email('expected an e-mail address').default('equipe@pare.invalid'),
  PARE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** An online MapLibre style (with its own tile host) instead of the embedded base map. */
  PARE_MAP_STYLE_URL: z.preprocess(emptyIsUnset, z.url({ protocol: /^https?$/ }).optional()),
  /** An online address geocoder answering like the BAN API, e.g. https://api-adresse.data.gouv.fr/search/ */
  PARE_GEOCODER_URL: z.preprocess(emptyIsUnset, z.url({ protocol: /^https?$/ }).optional()),
  PARE_PUBLIC_URL: z.preprocess(emptyIsUnset, z.url({ protocol: /^https?$/ }).optional()),
  /** Days an answer or update link stays usable (a request's link also ends when the request is closed). */
  PARE_ANSWER_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Working days without an answer before the one reminder to a structure's referent. */
  PARE_REQUEST_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  /** Working days without an answer before the request returns to the team as `sans-reponse`. */
  PARE_REQUEST_ESCALATION_DAYS: z.coerce.number().int().min(1).max(120).default(7),
  /** Where the daily backup (and `pnpm pare backup` without --to) writes its archives. */
  PARE_BACKUP_DIR: z.string().min(1).default(resolve(ROOT, 'data/backups')),
  /** Archives kept in PARE_BACKUP_DIR; older ones are removed after each backup. */
  PARE_BACKUP_KEEP: z.coerce.number().int().min(1).max(3650).default(14),
  /** Unset: no /metrics. Set: /metrics answers only `Authorization: Bearer <this token>`. */
  PARE_METRICS_TOKEN: z.preprocess(emptyIsUnset, z.string().min(16, 'expected 16 characters at least').optional()),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment; on error prints every bad variable and exits. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // Relative paths are the caller's: pnpm runs scripts in the package folder but keeps the
  // directory the command was typed in as INIT_CWD.
  const base = source.INIT_CWD ?? process.cwd();
  const paths = Object.fromEntries(
    (['PARE_DB', 'PARE_SEED_FILE', 'PARE_WEB_DIST', 'PARE_UPLOADS_DIR', 'PARE_BACKUP_DIR'] as const)
      .filter((k) => source[k])
      .map((k) => [k, resolve(base, source[k] as string)]),
  );
  const parsed = EnvSchema.safeParse({ ...source, ...paths });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`Invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
    process.exit(1);
  }
  return parsed.data;
}

/** Every variable's default: the environment of a machine that sets none. */
export const ENV_DEFAULTS: Env = EnvSchema.parse({});

export const PROJECT_ROOT = ROOT;
