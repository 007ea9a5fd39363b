/** Routed contact requests, their status history and the mail that carries each one (via the outbox). */
import {
  CONTACT_REQUEST_STATUSES,
  type ContactRequestProfile,
  type ContactRequestRecipient,
  type ContactRequestStatus,
  type ContactRequestUrgency,
} from '@pare/schema/codes';
import type { Db } from './database.ts';
import { statementCache } from './database.ts';
import { outboxRepository } from './outbox.ts';

/** The outbox's `subject_ref` of a request's mails: the retention purge deletes them with it. */
export const contactRequestRef = (id: number) => `contact_request:${id}`;
const REF_PATTERN = /^contact_request:(\d+)$/;

/** The request id a mail is about, when it is about a contact request. */
export function contactRequestIdOfRef(subjectRef: string | null): number | null {
  const m = subjectRef ? REF_PATTERN.exec(subjectRef) : null;
  return m?.[1] ? Number(m[1]) : null;
}

/** What the person wrote, and to whom: the same when a request is made and when it is read back. */
type ContactRequestWritten = {
  reference: string;
  recipient: ContactRequestRecipient;
  name: string;
  phone: string | null;
  email: string | null;
  profile: ContactRequestProfile;
  communeCode: string;
  departementCode: string;
  message: string;
};

export type ContactRequestRecord = ContactRequestWritten & {
  id: number;
  status: ContactRequestStatus;
  actor: { id: number; slug: string; name: string } | null;
  /** What the person answered in the orientation, if the request came from it. */
  urgency: ContactRequestUrgency | null;
  needs: string[];
  /** Derived when the request was made (see the API's contact-requests service): first in the inbox. */
  urgent: boolean;
  consentAt: string;
  createdAt: string;
  updatedAt: string;
  /** When it was handed to a structure's referent; null while only the team has it. */
  routedAt: string | null;
  /** The referent's first answer through the answer link. */
  answeredAt: string | null;
  reminderSentAt: string | null;
  escalatedAt: string | null;
};

export type ContactRequestHistoryEntry = {
  fromStatus: ContactRequestStatus | null;
  toStatus: ContactRequestStatus;
  userId: number | null;
  byLabel: string;
  note: string | null;
  at: string;
};

export type NewContactRequest = ContactRequestWritten & {
  actorId: number | null;
  urgency?: ContactRequestUrgency | null | undefined;
  needs?: readonly string[] | undefined;
  urgent?: boolean | undefined;
};

export type ContactRequestFilter = {
  status?: ContactRequestStatus | undefined;
  departement?: string | undefined;
  /** Restricts to these départements (a relais); undefined means every département. */
  departements?: readonly string[] | undefined;
  actorSlug?: string | undefined;
  urgent?: boolean | undefined;
  profile?: ContactRequestProfile | undefined;
  /** Only requests created before this instant (« de plus de 48 h »). */
  createdBefore?: string | undefined;
  limit: number;
  offset: number;
};

/**
 * The inbox's filters, in the order their conditions are written: the condition, its parameter,
 * and the parameter's value from the filter (undefined when that filter is not asked).
 */
const INBOX_FILTERS: readonly (readonly [string, string, (f: ContactRequestFilter) => unknown])[] = [
  ['r.status = @status', 'status', (f) => f.status || undefined],
  ['r.departement_code = @departement', 'departement', (f) => f.departement || undefined],
  [
    'r.departement_code IN (SELECT value FROM json_each(@departements))',
    'departements',
    (f) => (f.departements ? JSON.stringify(f.departements) : undefined),
  ],
  ['a.slug = @actor', 'actor', (f) => f.actorSlug || undefined],
  ['r.urgent = @urgent', 'urgent', (f) => (f.urgent === undefined ? undefined : f.urgent ? 1 : 0)],
  ['r.profile = @profile', 'profile', (f) => f.profile || undefined],
  ['r.created_at < @createdBefore', 'createdBefore', (f) => f.createdBefore || undefined],
];

type Row = {
  id: number;
  reference: string;
  status: ContactRequestStatus;
  recipient: ContactRequestRecipient;
  actor_id: number | null;
  actor_slug: string | null;
  actor_name: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  profile: ContactRequestProfile;
  commune_code: string;
  departement_code: string;
  message: string;
  urgency: ContactRequestUrgency | null;
  needs: string;
  urgent: number;
  consent_at: string;
  created_at: string;
  updated_at: string;
  routed_at: string | null;
  answered_at: string | null;
  reminder_sent_at: string | null;
  escalated_at: string | null;
};
type HistoryRow = {
  from_status: ContactRequestStatus | null;
  to_status: ContactRequestStatus;
  user_id: number | null;
  by_label: string;
  note: string | null;
  at: string;
};

function parseNeeds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

const toRecord = (r: Row): ContactRequestRecord => ({
  id: r.id,
  reference: r.reference,
  status: r.status,
  recipient: r.recipient,
  actor: r.actor_id !== null && r.actor_slug !== null ? { id: r.actor_id, slug: r.actor_slug, name: r.actor_name ?? r.actor_slug } : null,
  name: r.name,
  phone: r.phone,
  email: r.email,
  profile: r.profile,
  communeCode: r.commune_code,
  departementCode: r.departement_code,
  message: r.message,
  urgency: r.urgency,
  needs: parseNeeds(r.needs),
  urgent: r.urgent === 1,
  consentAt: r.consent_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  routedAt: r.routed_at,
  answeredAt: r.answered_at,
  reminderSentAt: r.reminder_sent_at,
  escalatedAt: r.escalated_at,
});

const toHistoryEntry = (r: HistoryRow): ContactRequestHistoryEntry => ({
  fromStatus: r.from_status,
  toStatus: r.to_status,
  userId: r.user_id,
  byLabel: r.by_label,
  note: r.note,
  at: r.at,
});

const SELECT = `SELECT r.*, a.slug AS actor_slug, a.name AS actor_name FROM contact_requests r LEFT JOIN actors a ON a.id = r.actor_id`;

/** The inbox's priority: 0 urgent and open, 1 back with the team, 2 the rest. */
const PRIORITY_ORDER = `CASE WHEN q.status = 'cloturee' THEN 2 WHEN q.urgent = 1 THEN 0
  WHEN q.status IN ('a-reorienter', 'sans-reponse') THEN 1 ELSE 2 END`;

export type ContactRequestCounts = {
  byStatus: Record<ContactRequestStatus, number>;
  /** Per status, those created before the cutoff (« de plus de 48 h »). */
  olderByStatus: Record<ContactRequestStatus, number>;
  /** Urgent requests not closed yet. */
  urgentOpen: number;
};

/** The label the history shows when the mailer, not a person, moved a request on. */
export const SYSTEM_MAIL_LABEL = 'envoi automatique du courriel';

export class DuplicateReferenceError extends Error {
  constructor() {
    super('contact request reference already used');
  }
}

/** Contact requests on one connection. Writes that go together (request, history, mail) share a transaction. */
export function contactRequestRepository(db: Db) {
  const stmt = statementCache(db);
  const outbox = outboxRepository(db);

  function addHistory(
    id: number,
    e: {
      from: ContactRequestStatus | null;
      to: ContactRequestStatus;
      userId: number | null;
      byLabel: string;
      note: string | null;
      at: string;
    },
  ) {
    stmt(
      `INSERT INTO contact_request_history (contact_request_id, from_status, to_status, user_id, by_label, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, e.from, e.to, e.userId, e.byLabel, e.note, e.at);
  }

  /**
   * Records a request with status `nouvelle`, its first history line, and queues its mail in the
   * same transaction: a stored request always has its mail waiting, and a failed insert sends nothing.
   * Throws DuplicateReferenceError when the reference is taken (the caller draws another).
   */
  type QueuedMail = { kind: string; recipient: string; subject: string; body: string };
  const createContactRequest: (
    input: NewContactRequest,
    mail: QueuedMail | ((id: number) => QueuedMail),
    now: Date,
  ) => { id: number; outboxId: number } = db.transaction(
    (input: NewContactRequest, mailOrBuild: QueuedMail | ((id: number) => QueuedMail), now: Date): { id: number; outboxId: number } => {
      const at = now.toISOString();
      let id: number;
      try {
        id = Number(
          stmt(`INSERT INTO contact_requests (reference, status, recipient, actor_id, name, phone, email, profile, commune_code, departement_code,
            message, consent_at, created_at, updated_at, routed_at, urgency, needs, urgent)
            VALUES (?, 'nouvelle', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
            input.reference,
            input.recipient,
            input.actorId,
            input.name,
            input.phone,
            input.email,
            input.profile,
            input.communeCode,
            input.departementCode,
            input.message,
            at,
            at,
            at,
            input.recipient === 'acteur' ? at : null,
            input.urgency ?? null,
            JSON.stringify(input.needs ?? []),
            input.urgent ? 1 : 0,
          ).lastInsertRowid,
        );
      } catch (err) {
        if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateReferenceError();
        throw err;
      }
      addHistory(id, { from: null, to: 'nouvelle', userId: null, byLabel: 'formulaire public', note: null, at });
      // A builder runs inside the transaction: an answer link made for this request is stored with it.
      const mail = typeof mailOrBuild === 'function' ? mailOrBuild(id) : mailOrBuild;
      const outboxId = outbox.enqueueMail({ ...mail, subjectRef: contactRequestRef(id) });
      return { id, outboxId };
    },
  );

  function findContactRequestByReference(reference: string): ContactRequestRecord | undefined {
    const row = stmt(`${SELECT} WHERE r.reference = ?`).get(reference) as Row | undefined;
    return row && toRecord(row);
  }

  function findContactRequestById(id: number): ContactRequestRecord | undefined {
    const row = stmt(`${SELECT} WHERE r.id = ?`).get(id) as Row | undefined;
    return row && toRecord(row);
  }

  /**
   * Urgent open requests first, then those back with the team (« à réorienter », « sans réponse »),
   * then the newest — across every page, so page 2 never hides an urgent request. With the total for
   * paging. The SQL varies only by which filters are present.
   */
  function listContactRequests(f: ContactRequestFilter): { total: number; items: ContactRequestRecord[] } {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: f.limit, offset: f.offset };
    for (const [condition, param, valueIn] of INBOX_FILTERS) {
      const value = valueIn(f);
      if (value === undefined) continue;
      where.push(condition);
      params[param] = value;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = stmt(
      `SELECT q.*, count(*) OVER () AS total FROM (${SELECT} ${clause}) q ORDER BY ${PRIORITY_ORDER}, q.created_at DESC, q.id DESC LIMIT @limit OFFSET @offset`,
    ).all(params) as (Row & { total: number })[];
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && f.offset > 0) total = stmt(`SELECT count(*) FROM (${SELECT} ${clause})`).pluck().get(params) as number;
    return { total, items: rows.map(toRecord) };
  }

  /** The dashboard's counts: by status, by status and older than `olderThan`, urgent and open. */
  function countContactRequests(f: { departements?: readonly string[] | undefined; olderThan: string }): ContactRequestCounts {
    const scope = f.departements ? 'WHERE departement_code IN (SELECT value FROM json_each(@departements))' : '';
    const rows = stmt(
      `SELECT status, count(*) AS n, sum(created_at < @olderThan) AS older, sum(urgent = 1 AND status <> 'cloturee') AS urgent
        FROM contact_requests ${scope} GROUP BY status`,
    ).all({ olderThan: f.olderThan, ...(f.departements ? { departements: JSON.stringify(f.departements) } : {}) }) as {
      status: ContactRequestStatus;
      n: number;
      older: number;
      urgent: number;
    }[];
    const zero = () => Object.fromEntries(CONTACT_REQUEST_STATUSES.map((s) => [s, 0])) as Record<ContactRequestStatus, number>;
    const out: ContactRequestCounts = { byStatus: zero(), olderByStatus: zero(), urgentOpen: 0 };
    for (const r of rows) {
      out.byStatus[r.status] = r.n;
      out.olderByStatus[r.status] = r.older;
      out.urgentOpen += r.urgent;
    }
    return out;
  }

  function listHistory(id: number): ContactRequestHistoryEntry[] {
    const rows = stmt('SELECT * FROM contact_request_history WHERE contact_request_id = ? ORDER BY id').all(id) as HistoryRow[];
    return rows.map(toHistoryEntry);
  }

  /** The request's mails, without their bodies (status only). */
  function listMails(
    id: number,
  ): { id: number; status: 'pending' | 'sent' | 'failed'; attempts: number; sentAt: string | null; nextAttemptAt: string }[] {
    const rows = stmt('SELECT id, status, attempts, sent_at, next_attempt_at FROM outbox WHERE subject_ref = ? ORDER BY id').all(
      contactRequestRef(id),
    ) as {
      id: number;
      status: 'pending' | 'sent' | 'failed';
      attempts: number;
      sent_at: string | null;
      next_attempt_at: string;
    }[];
    return rows.map((r) => ({ id: r.id, status: r.status, attempts: r.attempts, sentAt: r.sent_at, nextAttemptAt: r.next_attempt_at }));
  }

  /**
   * Moves a request to `to` and writes the history line, if it is still in `from` (optimistic:
   * false when someone changed it in between).
   */
  type StatusChange = {
    from: ContactRequestStatus;
    to: ContactRequestStatus;
    userId: number | null;
    byLabel: string;
    note: string | null;
    now: Date;
    /** What else the change marks: the referent's answer, the escalation, a new routing (and its clock). */
    mark?: { answered?: boolean; escalated?: boolean; routedTo?: { actorId: number } };
    /** Mails that go with the change (the person told, the team told), queued in the same transaction. */
    mails?: QueuedMail[];
  };
  const changeContactRequestStatus: (id: number, change: StatusChange) => boolean = db.transaction(
    (id: number, change: StatusChange): boolean => {
      const at = change.now.toISOString();
      const done = stmt('UPDATE contact_requests SET status = ?, updated_at = ? WHERE id = ? AND status = ?').run(
        change.to,
        at,
        id,
        change.from,
      ).changes;
      if (done === 0) return false;
      if (change.mark?.answered) stmt('UPDATE contact_requests SET answered_at = coalesce(answered_at, ?) WHERE id = ?').run(at, id);
      if (change.mark?.escalated) stmt('UPDATE contact_requests SET escalated_at = ? WHERE id = ?').run(at, id);
      if (change.mark?.routedTo) {
        // A new structure: its own clock for the reminder and the escalation.
        stmt(
          `UPDATE contact_requests SET recipient = 'acteur', actor_id = ?, routed_at = ?, answered_at = NULL, reminder_sent_at = NULL,
            escalated_at = NULL WHERE id = ?`,
        ).run(change.mark.routedTo.actorId, at, id);
      }
      addHistory(id, { from: change.from, to: change.to, userId: change.userId, byLabel: change.byLabel, note: change.note, at });
      for (const mail of change.mails ?? []) outbox.enqueueMail({ ...mail, subjectRef: contactRequestRef(id) });
      return true;
    },
  );

  /** Routed requests the referent has not answered, still open: the follow-up job's candidates. */
  function listAwaitingAnswer(): ContactRequestRecord[] {
    const rows = stmt(
      `${SELECT} WHERE r.routed_at IS NOT NULL AND r.answered_at IS NULL AND r.escalated_at IS NULL AND r.status IN ('nouvelle', 'transmise')
        ORDER BY r.routed_at`,
    ).all() as Row[];
    return rows.map(toRecord);
  }

  /** Records the reminder sent to a referent, with its mail, once. False if it was already sent. */
  const recordReminder: (id: number, mail: QueuedMail, now: Date) => boolean = db.transaction(
    (id: number, mail: QueuedMail, now: Date): boolean => {
      const done = stmt('UPDATE contact_requests SET reminder_sent_at = ? WHERE id = ? AND reminder_sent_at IS NULL').run(
        now.toISOString(),
        id,
      );
      if (done.changes === 0) return false;
      outbox.enqueueMail({ ...mail, subjectRef: contactRequestRef(id) });
      return true;
    },
  );

  /** The last history line of each request, for the inbox's « dernier événement ». */
  function lastEvents(ids: readonly number[]): Map<number, ContactRequestHistoryEntry> {
    const out = new Map<number, ContactRequestHistoryEntry>();
    if (ids.length === 0) return out;
    const rows = stmt(
      `SELECT h.* FROM contact_request_history h JOIN (SELECT contact_request_id, max(id) AS id FROM contact_request_history
        WHERE contact_request_id IN (SELECT value FROM json_each(?)) GROUP BY contact_request_id) last ON last.id = h.id`,
    ).all(JSON.stringify(ids)) as (HistoryRow & { contact_request_id: number })[];
    for (const r of rows) out.set(r.contact_request_id, toHistoryEntry(r));
    return out;
  }

  /** After its mail went out: a `nouvelle` request becomes `transmise` (its recipient has it). */
  function markTransmittedByMail(id: number, now: Date): boolean {
    return changeContactRequestStatus(id, { from: 'nouvelle', to: 'transmise', userId: null, byLabel: SYSTEM_MAIL_LABEL, note: null, now });
  }

  /**
   * Deletes the requests created before `cutoff`, with their history and their mails (sent or not).
   * Returns how many of each went.
   */
  const purgeContactRequestsCreatedBefore: (cutoff: Date) => { requests: number; mails: number } = db.transaction(
    (cutoff: Date): { requests: number; mails: number } => {
      const ids = stmt('SELECT id FROM contact_requests WHERE created_at < ?').pluck().all(cutoff.toISOString()) as number[];
      let mails = 0;
      for (const id of ids) {
        mails += outbox.deleteByRef(contactRequestRef(id));
        stmt('DELETE FROM contact_request_history WHERE contact_request_id = ?').run(id);
        stmt('DELETE FROM contact_requests WHERE id = ?').run(id);
      }
      return { requests: ids.length, mails };
    },
  );

  return {
    createContactRequest,
    findContactRequestByReference,
    findContactRequestById,
    listContactRequests,
    countContactRequests,
    listHistory,
    listMails,
    changeContactRequestStatus,
    listAwaitingAnswer,
    recordReminder,
    lastEvents,
    markTransmittedByMail,
    purgeContactRequestsCreatedBefore,
  };
}

export type ContactRequestRepository = ReturnType<typeof contactRequestRepository>;

/** What a curator needs to act on the outbox beyond what outboxRepository offers. */
export function outboxAdministration(db: Db) {
  const stmt = statementCache(db);
  return {
    /** One message without its body, or undefined. */
    findOutboxMessage(id: number): { id: number; status: 'pending' | 'sent' | 'failed' } | undefined {
      return stmt('SELECT id, status FROM outbox WHERE id = ?').get(id) as
        | { id: number; status: 'pending' | 'sent' | 'failed' }
        | undefined;
    },
    /**
     * "Retry now": a failed message goes back in the queue, a pending one waiting for its back-off is
     * due at once. The next failure follows the back-off from the attempts already made.
     */
    retryOutboxMessageNow(id: number, now: Date): boolean {
      return (
        stmt(`UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status IN ('pending', 'failed')`).run(
          now.toISOString(),
          id,
        ).changes > 0
      );
    },
  };
}
