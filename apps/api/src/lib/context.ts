import type { ActorRepository, Db, UserRecord, UserRepository, Viewer, actorSearch } from '@pare/db';
import type { Logger } from './logger.ts';

/** What every handler can reach through `c.var`. */
export type AppDeps = {
  db: Db;
  actors: ActorRepository;
  users: UserRepository;
  search: ReturnType<typeof actorSearch>;
  log: Logger;
  config: AppConfig;
};

export type AppConfig = {
  /** `Secure` on the session cookie: off only for local development over plain http. */
  secureCookies: boolean;
  /** Use the first X-Forwarded-For address as the client's (behind a reverse proxy only). */
  trustProxy: boolean;
  sessionTtlMs: number;
  sessionIdleMs: number;
};

export type RequestAuth = {
  user: UserRecord | null;
  /** The session's CSRF token, when signed in. */
  csrfToken: string | null;
  sessionToken: string | null;
  viewer: Viewer;
};

export type AppEnv = { Variables: AppDeps & RequestAuth & { requestId: string } };
