/**
 * Every default of the application's settings, in one place. `createApp` (through
 * `createServices`) resolves what it is given — the environment's values from server.ts, or a
 * test's partial — here; services read the resolved values and restate no default.
 */
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

/** The same values as env.ts's defaults, for apps built without an environment (tests, commands). */
export const CONFIG_DEFAULTS = {
  secureCookies: true,
  trustProxy: false,
  sessionTtlMs: 12 * 60 * 60 * 1000,
  sessionIdleMs: 2 * 60 * 60 * 1000,
  /** PARE_TEAM_EMAIL */
  teamEmail: 'equipe@pare.invalid',
  /** PARE_RETENTION_DAYS */
  retentionDays: 180,
  followUp: {
    /** PARE_ANSWER_LINK_DAYS */
    answerLinkDays: 30,
    /** PARE_REQUEST_REMINDER_DAYS */
    reminderWorkingDays: 3,
    /** PARE_REQUEST_ESCALATION_DAYS */
    escalationWorkingDays: 7,
  },
  rateLimits: DEFAULT_RATE_LIMITS,
} as const satisfies Partial<AppConfig>;

/** The settings with every default filled in: what `c.var.config` holds. */
export type ResolvedConfig = AppConfig & {
  teamEmail: string;
  retentionDays: number;
  followUp: Required<FollowUp>;
  rateLimits: Record<RateLimitName, RateLimit>;
};

/** An absent or `undefined` value takes its default; nested settings are filled key by key. */
export function resolveConfig(given: Partial<AppConfig> = {}): ResolvedConfig {
  const defined = <T extends object>(o: T | undefined) =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    ...CONFIG_DEFAULTS,
    ...defined(given),
    followUp: { ...CONFIG_DEFAULTS.followUp, ...defined(given.followUp) },
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...defined(given.rateLimits) },
  };
}
