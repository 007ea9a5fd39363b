/**
 * The application's settings, resolved in one place: `resolveConfig` turns the environment
 * (env.ts, parsed) and a caller's overrides into the config every service reads — server.ts and
 * the CLI give the environment, tests a partial (through `createApp` → `createServices`). The
 * defaults are env.ts's own; no other file restates one.
 */
import { ENV_DEFAULTS, type Env } from '../env.ts';
import type { AppConfig, RateLimit } from './context.ts';

export type RateLimitName = keyof NonNullable<AppConfig['rateLimits']>;
type FollowUp = NonNullable<AppConfig['followUp']>;

/** A person asks a few questions a minute; a script asks hundreds. */
export const DEFAULT_RATE_LIMITS: Record<RateLimitName, RateLimit> = {
  orientation: { limit: 60, windowMs: 60_000 },
  contactRequests: { limit: 10, windowMs: 10 * 60_000 },
  // Answer and update links: a referent opens a page and clicks once or twice; a guesser tries thousands.
  secureLinks: { limit: 30, windowMs: 10 * 60_000 },
  // « Où en est ma demande ? »: a person checks a few times; a guesser of references is stopped.
  requestStatus: { limit: 10, windowMs: 10 * 60_000 },
};

/** The settings the environment gives (every variable already parsed and defaulted by env.ts). */
function fromEnv(env: Env) {
  return {
    secureCookies: env.NODE_ENV !== 'development',
    trustProxy: env.PARE_TRUST_PROXY,
    teamEmail: env.PARE_TEAM_EMAIL,
    retentionDays: env.PARE_RETENTION_DAYS,
    followUp: {
      answerLinkDays: env.PARE_ANSWER_LINK_DAYS,
      reminderWorkingDays: env.PARE_REQUEST_REMINDER_DAYS,
      escalationWorkingDays: env.PARE_REQUEST_ESCALATION_DAYS,
    },
    publicUrl: env.PARE_PUBLIC_URL,
    localOrigin: `http://localhost:${env.PORT}`,
    smtpConfigured: Boolean(env.PARE_SMTP_URL),
    uploadsDir: env.PARE_UPLOADS_DIR,
    backupDir: env.PARE_BACKUP_DIR,
    ...(env.PARE_GEOCODER_URL ? { geocoderUrl: env.PARE_GEOCODER_URL } : {}),
    ...(env.PARE_METRICS_TOKEN ? { metricsToken: env.PARE_METRICS_TOKEN } : {}),
  } satisfies Partial<AppConfig>;
}

const envDefaults = fromEnv(ENV_DEFAULTS);

/**
 * What an app built without an environment (tests, commands) starts from: env.ts's defaults of
 * the settings that have one; no path, address or relay is assumed.
 */
export const CONFIG_DEFAULTS = {
  secureCookies: envDefaults.secureCookies,
  trustProxy: envDefaults.trustProxy,
  sessionTtlMs: 12 * 60 * 60 * 1000,
  sessionIdleMs: 2 * 60 * 60 * 1000,
  teamEmail: envDefaults.teamEmail,
  retentionDays: envDefaults.retentionDays,
  followUp: envDefaults.followUp,
  rateLimits: DEFAULT_RATE_LIMITS,
} satisfies Partial<AppConfig>;

/** The settings with every default filled in: what `c.var.config` holds. */
export type ResolvedConfig = AppConfig & {
  teamEmail: string;
  retentionDays: number;
  followUp: Required<FollowUp>;
  rateLimits: Record<RateLimitName, RateLimit>;
};

const defined = <T extends object>(o: T | undefined) =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * The fully resolved settings: `given` over the environment's values (when `env` is given, as
 * server.ts and the CLI do) over the defaults. An absent or `undefined` value takes the next
 * layer's; nested settings are filled key by key.
 */
export function resolveConfig(given: Partial<AppConfig> = {}, env?: Env): ResolvedConfig {
  const base = env ? { ...CONFIG_DEFAULTS, ...fromEnv(env) } : CONFIG_DEFAULTS;
  return {
    ...base,
    ...defined(given),
    followUp: { ...base.followUp, ...defined(given.followUp) },
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...defined(given.rateLimits) },
  };
}
