import type { Db } from './database.ts';
import { statementCache } from './database.ts';
import { pick } from './pick.ts';

export type OutboxMessage = {
  id: number;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  sentAt: string | null;
  subjectRef: string | null;
  createdAt: string;
  /** An HTML part beside the plain text (the newsletter), and extra headers (List-Unsubscribe…). */
  html: string | null;
  headers: Record<string, string> | null;
};

type Row = {
  id: number;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  status: OutboxMessage['status'];
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  sent_at: string | null;
  subject_ref: string | null;
  created_at: string;
  html: string | null;
  headers: string | null;
};

const toMessage = (r: Row): OutboxMessage => ({
  ...pick(r, 'id', 'kind', 'recipient', 'subject', 'body', 'status', 'attempts'),
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  sentAt: r.sent_at,
  subjectRef: r.subject_ref,
  createdAt: r.created_at,
  html: r.html,
  headers: r.headers ? (JSON.parse(r.headers) as Record<string, string>) : null,
});

/** The outbox: mails are queued in the same transaction as what caused them, sent later. */
/** A mail to queue: what it is about (`kind`), to whom, and its plain-text subject and body. */
export type QueuedMail = { kind: string; recipient: string; subject: string; body: string };

export function outboxRepository(db: Db) {
  const stmt = statementCache(db);
  return {
    /** Queues a mail; call inside the transaction that records the event it reports. */
    enqueueMail(m: QueuedMail & { subjectRef?: string | null; html?: string | null; headers?: Record<string, string> | null }): number {
      const info = stmt('INSERT INTO outbox (kind, recipient, subject, body, subject_ref, html, headers) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        m.kind,
        m.recipient,
        m.subject,
        m.body,
        m.subjectRef ?? null,
        m.html ?? null,
        m.headers ? JSON.stringify(m.headers) : null,
      );
      return Number(info.lastInsertRowid);
    },
    /** Messages due for a (re)try, oldest first. */
    listDue(now: Date, limit = 50): OutboxMessage[] {
      return (
        stmt(`SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?`).all(
          now.toISOString(),
          limit,
        ) as Row[]
      ).map(toMessage);
    },
    /**
     * Marks a mail sent; `body` and `html`, when given, replace the stored ones (links to act without
     * an account are cut once sent); the extra headers (which may hold such a link) are dropped.
     */
    markSent(id: number, now: Date, body?: string, html?: string) {
      stmt(
        `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL, body = coalesce(?, body),
           html = CASE WHEN html IS NULL THEN NULL ELSE coalesce(?, html) END, headers = NULL WHERE id = ?`,
      ).run(now.toISOString(), body ?? null, html ?? null, id);
    },
    /** Records a failure; gives up (status failed) after `maxAttempts`, else schedules the next try. */
    markFailed(id: number, error: string, nextAttemptAt: Date | null) {
      if (nextAttemptAt) {
        stmt(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`).run(
          error.slice(0, 500),
          nextAttemptAt.toISOString(),
          id,
        );
      } else {
        stmt(`UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?`).run(error.slice(0, 500), id);
      }
    },
    list(filter: { status?: OutboxMessage['status']; limit?: number } = {}): OutboxMessage[] {
      const rows = filter.status
        ? stmt('SELECT * FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?').all(filter.status, filter.limit ?? 100)
        : stmt('SELECT * FROM outbox ORDER BY id DESC LIMIT ?').all(filter.limit ?? 100);
      return (rows as Row[]).map(toMessage);
    },
    countByStatus(): Record<OutboxMessage['status'], number> {
      const counts = { pending: 0, sent: 0, failed: 0 };
      for (const r of stmt('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as {
        status: OutboxMessage['status'];
        n: number;
      }[])
        counts[r.status] = r.n;
      return counts;
    },
    deleteByRef(subjectRef: string) {
      return stmt('DELETE FROM outbox WHERE subject_ref = ?').run(subjectRef).changes;
    },
    /** Puts a failed message back in the queue (a curator's "retry"). */
    retry(id: number, now: Date) {
      return stmt(`UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status = 'failed'`).run(now.toISOString(), id)
        .changes;
    },
  };
}

export type OutboxRepository = ReturnType<typeof outboxRepository>;
