import type { ActorRepository, actorSearch, Db, OpenActorsIndex, UserRecord, UserRepository, Viewer } from '@pare/db';
import type { AppServices } from '../services/app-services.ts';
import type { Repositories } from '../services/index.ts';
import type { OnlineMapStyle } from '../services/online-map-style.ts';
import type { ResolvedConfig } from './config.ts';
import type { JsonParts } from './json-parts.ts';
import type { Logger } from './logger.ts';

/** What every handler can reach through `c.var`. */
export type AppDeps = {
  db: Db;
  /** Every repository, built once by the composition root (services/index.ts). */
  repos: Repositories;
  /** The services handlers call, bound to this database and config (services/app-services.ts). */
  services: AppServices;
  actors: ActorRepository;
  users: UserRepository;
  search: ReturnType<typeof actorSearch>;
  /** Which actors are open at an instant (« Ouvert maintenant », `open_at`). */
  openActors: OpenActorsIndex;
  log: Logger;
  /** Resolved once (lib/config.ts): every default filled in. */
  config: ResolvedConfig;
};

export type AppConfig = {
  /** `Secure` on the session cookie: off only for local development over plain http. */
  secureCookies: boolean;
  /** Use the first X-Forwarded-For address as the client's (behind a reverse proxy only). */
  trustProxy: boolean;
  sessionTtlMs: number;
  sessionIdleMs: number;
  /** Where contact requests go when not to an actor's referent (PARE_TEAM_EMAIL). */
  teamEmail?: string;
  /** PARE_GEOCODER_URL: an online address geocoder (BAN API); unset, sites sit at their commune's centre. */
  geocoderUrl?: string;
  /** PARE_MAP_STYLE_URL's style, fetched at start; its hosts are added to the CSP. */
  onlineMapStyle?: OnlineMapStyle;
  /** Days a contact request is kept before the purge (PARE_RETENTION_DAYS, default 180). */
  retentionDays?: number;
  /** The site's public address, for links in mails and exports (PARE_PUBLIC_URL); no link in mails when absent. */
  publicUrl?: string;
  /**
   * The base of export links when PARE_PUBLIC_URL is not set: the server's own address on this
   * machine (`http://localhost:<PORT>`), never the request's Host header.
   */
  localOrigin?: string;
  /** Whether an SMTP relay is configured (PARE_SMTP_URL), shown to curators with the outbox. */
  smtpConfigured?: boolean;
  /** Per-client limits of the public POST routes (tests lower them); defaults in lib/config.ts. */
  rateLimits?: { orientation?: RateLimit; contactRequests?: RateLimit; secureLinks?: RateLimit; requestStatus?: RateLimit };
  /** Follow-up of routed requests and campaign links (PARE_ANSWER_LINK_DAYS, PARE_REQUEST_REMINDER_DAYS, PARE_REQUEST_ESCALATION_DAYS). */
  followUp?: { answerLinkDays?: number; reminderWorkingDays?: number; escalationWorkingDays?: number };
  /** Where uploaded resource files are kept, outside the web root (PARE_UPLOADS_DIR). */
  uploadsDir?: string;
  /** Where backup archives are written (PARE_BACKUP_DIR): health details read the newest one there. */
  backupDir?: string;
  /** PARE_METRICS_TOKEN: `/metrics` exists only when set, and answers only this bearer token. */
  metricsToken?: string;
  /** The clock of the hours (« ouvert maintenant ») and of the public cache's expiry; tests set it. Default: the system's. */
  now?: () => Date;
};

/** At most `limit` requests per `windowMs`, per client address. */
export type RateLimit = { limit: number; windowMs: number };

export type RequestAuth = {
  user: UserRecord | null;
  /** The session's CSRF token, when signed in. */
  csrfToken: string | null;
  sessionToken: string | null;
  viewer: Viewer;
};

export type AppEnv = {
  Variables: AppDeps &
    RequestAuth & {
      requestId: string;
      /** Set by a handler whose answer holds the time (open now, next 7 days): the public cache keeps it until then (epoch ms). */
      cacheUntil?: number;
      /**
       * Set by the public cache for a handler that makes its JSON answer as parts: given them,
       * the cache hashes and compresses them itself, and the handler's response has no body.
       */
      takeAnswer?: (parts: JsonParts) => void;
    };
};
