/**
 * The composition root: every repository is built here, once per database, and reaches handlers
 * through `c.var` (see app.ts) and services through their `deps`. Nothing else constructs one.
 */
import {
  accountRequestRepository,
  actorRepository,
  actorSearch,
  campaignRepository,
  contactRequestRepository,
  curationQueries,
  type Db,
  jobRunRepository,
  newsletterRepository,
  newsRepository,
  openActorsIndex,
  outboxRepository,
  protocolRepository,
  resourceRepository,
  revisionRepository,
  secureLinkRepository,
  submissionRepository,
  userRepository,
} from '@pare/db';
import { resolveConfig } from '../lib/config.ts';
import type { AppConfig, AppDeps } from '../lib/context.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { createAppServices } from './app-services.ts';

const builders = {
  accountRequests: accountRequestRepository,
  actors: actorRepository,
  campaigns: campaignRepository,
  contactRequests: contactRequestRepository,
  curation: curationQueries,
  jobRuns: jobRunRepository,
  news: newsRepository,
  newsletter: newsletterRepository,
  openActors: openActorsIndex,
  outbox: outboxRepository,
  protocols: protocolRepository,
  resources: resourceRepository,
  revisions: revisionRepository,
  search: actorSearch,
  secureLinks: secureLinkRepository,
  submissions: submissionRepository,
  users: userRepository,
} satisfies Record<string, (db: Db) => unknown>;

/** Every repository of one database. */
export type Repositories = { readonly [K in keyof typeof builders]: ReturnType<(typeof builders)[K]> };

/**
 * The repositories of `db`, each built on first use and then kept: a job or a command that never
 * reads the search index does not pay for building it.
 */
export function createRepositories(db: Db): Repositories {
  const built: Partial<Record<keyof Repositories, unknown>> = {};
  const repos = {} as Repositories;
  for (const key of Object.keys(builders) as (keyof Repositories)[]) {
    Object.defineProperty(repos, key, {
      enumerable: true,
      get: () => {
        if (!(key in built)) built[key] = builders[key](db);
        return built[key];
      },
    });
  }
  return repos;
}

export type CreateServicesOptions = {
  db: Db;
  /** Resolved here: a partial (tests) gets every default from `resolveConfig`. */
  config?: Partial<AppConfig>;
  log?: Logger;
};

/** What the application runs on: the database, its repositories, the resolved config and the log. */
export function createServices(options: CreateServicesOptions): AppDeps {
  const repos = createRepositories(options.db);
  const config = resolveConfig(options.config);
  return {
    db: options.db,
    repos,
    // The four the handlers read most, at the top of `c.var` as before.
    actors: repos.actors,
    users: repos.users,
    search: repos.search,
    openActors: repos.openActors,
    log: options.log ?? createLogger('silent'),
    config,
    services: createAppServices(options.db, config),
  };
}

/**
 * The repositories a service works with. Inside the app they are the composition root's; a job,
 * the CLI or a test calling a service with only `{ db }` gets them built for that call.
 */
export function reposOf(deps: { db: Db; repos?: Repositories }): Repositories {
  return deps.repos ?? createRepositories(deps.db);
}
