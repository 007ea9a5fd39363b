/**
 * A hono-rate-limiter store that counts in SQLite (`rate_limit_windows`, migration 0022) rather
 * than in the process's memory: with several server processes (PARE_WORKERS), a client spreading
 * its requests over them meets one limit, not one per process. The windows are those of the
 * library's memory store (a fixed window per key from its first hit), so the limits, the
 * `RateLimit-*` headers and the 429 answers are unchanged. One indexed upsert per request; the
 * ended windows are deleted now and then.
 */
import { type Db, rateLimitWindows } from '@pare/db';
import type { Store } from 'hono-rate-limiter';
import type { AppEnv } from './context.ts';

/** How often, at most, the ended windows are deleted. */
const PURGE_EVERY_MS = 60_000;

export function sqliteRateLimitStore(db: Db, now: () => number = Date.now): Store<AppEnv> {
  const windows = rateLimitWindows(db);
  let windowMs = 60_000;
  let purgedAt = 0;
  return {
    init(options) {
      windowMs = options.windowMs;
    },
    increment(key) {
      const at = now();
      if (at - purgedAt >= PURGE_EVERY_MS) {
        purgedAt = at;
        windows.purgeEnded(at);
      }
      const w = windows.hit(key, at, windowMs);
      return { totalHits: w.hits, resetTime: new Date(w.resetAt) };
    },
    get(key) {
      const w = windows.find(key, now());
      return w ? { totalHits: w.hits, resetTime: new Date(w.resetAt) } : undefined;
    },
    decrement(key) {
      windows.unhit(key);
    },
    resetKey(key) {
      windows.reset(key);
    },
  };
}
