import type { ActorRepository, Db, actorSearch } from '@pare/db';
import type { Logger } from './logger.ts';

/** What every handler can reach through `c.var`. */
export type AppDeps = {
  db: Db;
  actors: ActorRepository;
  search: ReturnType<typeof actorSearch>;
  log: Logger;
};

export type AppEnv = { Variables: AppDeps & { requestId: string } };
