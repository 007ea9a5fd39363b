/** Professionals asking for an account: the administrators' queue (`account_requests`). */
import type { AccountRequestStatus } from '@pare/schema/codes';
import type { Db } from './database.ts';
import { statementCache } from './database.ts';

export type AccountRequestRecord = {
  id: number;
  name: string;
  organisation: string;
  function: string;
  email: string;
  departements: string[];
  message: string | null;
  status: AccountRequestStatus;
  createdAt: string;
  handledAt: string | null;
  handledBy: number | null;
  userId: number | null;
};

type Row = {
  id: number;
  name: string;
  organisation: string;
  function: string;
  email: string;
  departements: string;
  message: string | null;
  status: AccountRequestStatus;
  created_at: string;
  handled_at: string | null;
  handled_by: number | null;
  user_id: number | null;
};

const toRecord = (r: Row): AccountRequestRecord => ({
  id: r.id,
  name: r.name,
  organisation: r.organisation,
  function: r.function,
  email: r.email,
  departements: JSON.parse(r.departements) as string[],
  message: r.message,
  status: r.status,
  createdAt: r.created_at,
  handledAt: r.handled_at,
  handledBy: r.handled_by,
  userId: r.user_id,
});

export function accountRequestRepository(db: Db) {
  const stmt = statementCache(db);
  function find(id: number): AccountRequestRecord | undefined {
    const row = stmt('SELECT * FROM account_requests WHERE id = ?').get(id) as Row | undefined;
    return row && toRecord(row);
  }
  return {
    find,
    create(r: { name: string; organisation: string; function: string; email: string; departements: string[]; message: string | null }) {
      const info = stmt(
        'INSERT INTO account_requests (name, organisation, function, email, departements, message) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(r.name, r.organisation, r.function, r.email.toLowerCase(), JSON.stringify(r.departements), r.message);
      return find(Number(info.lastInsertRowid)) as AccountRequestRecord;
    },
    /** The waiting requests first (oldest first), then the handled ones (latest first, at most 50). */
    list(): AccountRequestRecord[] {
      const waiting = stmt("SELECT * FROM account_requests WHERE status = 'nouvelle' ORDER BY created_at, id").all() as Row[];
      const handled = stmt(
        "SELECT * FROM account_requests WHERE status <> 'nouvelle' ORDER BY handled_at DESC, id DESC LIMIT 50",
      ).all() as Row[];
      return [...waiting, ...handled].map(toRecord);
    },
    countWaiting(): number {
      return stmt("SELECT count(*) FROM account_requests WHERE status = 'nouvelle'").pluck().get() as number;
    },
    /**
     * Deletes the requests handled before `cutoff` (a waiting one is kept until handled), and the
     * mails about requests queued before it. Returns the counts.
     */
    purgeHandledBefore(cutoff: Date, mailKinds: readonly string[]): { requests: number; mails: number } {
      return db.transaction(() => {
        const requests = stmt("DELETE FROM account_requests WHERE status <> 'nouvelle' AND handled_at < ?").run(
          cutoff.toISOString(),
        ).changes;
        let mails = 0;
        for (const kind of mailKinds)
          mails += stmt('DELETE FROM outbox WHERE kind = ? AND created_at < ?').run(kind, cutoff.toISOString()).changes;
        return { requests, mails };
      })();
    },
    /** Closes a waiting request; false when it was already handled. */
    close(id: number, status: 'acceptee' | 'refusee', by: number, now: Date, userId: number | null = null): boolean {
      return (
        stmt(
          "UPDATE account_requests SET status = ?, handled_at = ?, handled_by = ?, user_id = ? WHERE id = ? AND status = 'nouvelle'",
        ).run(status, now.toISOString(), by, userId, id).changes > 0
      );
    },
  };
}
export type AccountRequestRepository = ReturnType<typeof accountRequestRepository>;
