/**
 * The services handlers call, each bound once (by `createServices`) to the app's database and
 * settings: a handler passes what the request says, never the database handle.
 */
import type { Db } from '@pare/db';
import type { ResolvedConfig } from '../lib/config.ts';
import { sqliteRateLimitStore } from '../lib/rate-limit-store.ts';
import { healthDetails, type LastBackup } from './health.ts';
import { listOutbox, retryOutboxMail } from './mailer.ts';
import { calendarEvents, feedNews, listEvents, listNews, publishedEvent, publishedNews } from './news.ts';
import { listSubscribers, subscribersCsv } from './newsletter.ts';
import { createIssue, deleteDraftIssue, getIssue, listIssues, updateIssue } from './newsletter-issues.ts';
import { computeActivity } from './stats.ts';

// biome-ignore lint/suspicious/noExplicitAny: any argument list after the database
type OnDb = (db: Db, ...args: any[]) => unknown;
type BoundTo<F extends Record<string, OnDb>> = {
  readonly [K in keyof F]: F[K] extends (db: Db, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/** Functions of `(db, …args)` as functions of `(…args)` on this database. */
function boundTo<F extends Record<string, OnDb>>(db: Db, functions: F): BoundTo<F> {
  return Object.fromEntries(Object.entries(functions).map(([name, f]) => [name, (...args: unknown[]) => f(db, ...args)])) as BoundTo<F>;
}

export function createAppServices(db: Db, config: ResolvedConfig) {
  const { smtpConfigured } = config;
  // Compiled once: compiling it was a tenth of a health check's CPU under load.
  let select1: { get: () => unknown } | undefined;
  return {
    news: boundTo(db, { listNews, publishedNews, listEvents, publishedEvent, feedNews, calendarEvents }),
    newsletterIssues: boundTo(db, { listIssues, createIssue, getIssue, updateIssue, deleteDraftIssue }),
    newsletterSubscribers: boundTo(db, { listSubscribers, subscribersCsv }),
    stats: boundTo(db, { computeActivity }),
    outbox: {
      list: (query: Parameters<typeof listOutbox>[1]) => listOutbox({ db, smtpConfigured }, query),
      retry: (id: number) => retryOutboxMail(db, id),
    },
    health: {
      /** A trivial query: proves the database file is open and readable. */
      ping: (): void => {
        select1 ??= db.prepare('SELECT 1');
        select1.get();
      },
      details: (lastBackup: LastBackup) => healthDetails({ db, smtpConfigured, lastBackup }),
    },
    /** A new store of rate-limit counts in this database (one per limiter: each keeps its window). */
    rateLimitStore: () => sqliteRateLimitStore(db),
  };
}

export type AppServices = ReturnType<typeof createAppServices>;
