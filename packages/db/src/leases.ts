import type { Db } from './database.ts';
import { statementCache } from './database.ts';

/**
 * Leases (migration 0022): work that one process alone may do — among several server processes
 * on one database (PARE_WORKERS), the outbox worker and the periodic jobs — is done by the holder
 * of a lease it renews; once it stops renewing (its process died), another takes it over when
 * `expires_at` is past. Times are epoch milliseconds.
 */
export function leaseRepository(db: Db) {
  const stmt = statementCache(db);
  return {
    /**
     * Takes the lease `name` for `holder` until `now + ttlMs`, or renews it: true when `holder`
     * holds it now (it was free, expired, or already its own), false when another holds it.
     */
    acquireLease(name: string, holder: string, now: number, ttlMs: number): boolean {
      return (
        stmt(
          `INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @until)
           ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
           WHERE leases.holder = excluded.holder OR leases.expires_at <= @now`,
        ).run({ name, holder, until: now + ttlMs, now }).changes === 1
      );
    },
    /** Gives the lease back, if `holder` holds it, so another can take it at once. */
    releaseLease(name: string, holder: string): boolean {
      return stmt('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder).changes === 1;
    },
    /** Gives back every lease of a holder (its process is known dead). */
    releaseLeasesOf(holder: string): number {
      return stmt('DELETE FROM leases WHERE holder = ?').run(holder).changes;
    },
    findLease(name: string): { holder: string; expiresAt: number } | undefined {
      const row = stmt('SELECT holder, expires_at FROM leases WHERE name = ?').get(name) as
        | { holder: string; expires_at: number }
        | undefined;
      return row ? { holder: row.holder, expiresAt: row.expires_at } : undefined;
    },
  };
}

export type LeaseRepository = ReturnType<typeof leaseRepository>;

/**
 * The per-client rate limits' counts (migration 0022), shared by every process: one fixed window
 * per key, from its first hit to `resetAt` (epoch ms), as hono-rate-limiter's memory store counts.
 */
export function rateLimitWindows(db: Db) {
  const stmt = statementCache(db);
  type Row = { hits: number; reset_at: number };
  const toInfo = (r: Row) => ({ hits: r.hits, resetAt: r.reset_at });
  return {
    /** Counts one hit (a new window when there is none or it ended) and returns the window. */
    hit(key: string, now: number, windowMs: number): { hits: number; resetAt: number } {
      const row = stmt(
        `INSERT INTO rate_limit_windows (key, hits, reset_at) VALUES (@key, 1, @until)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN reset_at <= @now THEN 1 ELSE hits + 1 END,
           reset_at = CASE WHEN reset_at <= @now THEN @until ELSE reset_at END
         RETURNING hits, reset_at`,
      ).get({ key, now, until: now + windowMs }) as Row;
      return toInfo(row);
    },
    find(key: string, now: number): { hits: number; resetAt: number } | undefined {
      const row = stmt('SELECT hits, reset_at FROM rate_limit_windows WHERE key = ? AND reset_at > ?').get(key, now) as Row | undefined;
      return row ? toInfo(row) : undefined;
    },
    /** Takes one hit back (a request that is not to count). */
    unhit(key: string): void {
      stmt('UPDATE rate_limit_windows SET hits = hits - 1 WHERE key = ? AND hits > 0').run(key);
    },
    reset(key: string): void {
      stmt('DELETE FROM rate_limit_windows WHERE key = ?').run(key);
    },
    /** Deletes the windows that ended before `now`. */
    purgeEnded(now: number): number {
      return stmt('DELETE FROM rate_limit_windows WHERE reset_at <= ?').run(now).changes;
    },
  };
}

export type RateLimitWindows = ReturnType<typeof rateLimitWindows>;
