/**
 * The submissions queue, and the read queries of the curators' back office (the admin list,
 * freshness counts): one module for what the back office reads beyond the actor repository.
 */
import type { ActorType, SubmissionKind, SubmissionStatus, TerritoryScope } from '@pare/schema';
import type { Db } from './database.ts';
import { statementCache } from './database.ts';
import { pick } from './pick.ts';
import { toFtsQuery } from './search.ts';
import { keptAcrossWrites } from './search-version.ts';

export type SubmissionRecord = {
  id: number;
  kind: SubmissionKind;
  status: SubmissionStatus;
  actorId: number | null;
  title: string;
  proposal: Record<string, unknown>;
  message: string | null;
  departements: string[];
  submitterName: string;
  submitterEmail: string;
  consentAt: string;
  decidedBy: number | null;
  decidedByLabel: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  acceptedFields: string[] | null;
  revisionId: number | null;
  createdAt: string;
};

type SubmissionRow = {
  id: number;
  kind: SubmissionKind;
  status: SubmissionStatus;
  actor_id: number | null;
  title: string;
  proposal: string;
  message: string | null;
  departements: string;
  submitter_name: string;
  submitter_email: string;
  consent_at: string;
  decided_by: number | null;
  decided_by_label: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  accepted_fields: string | null;
  revision_id: number | null;
  created_at: string;
};

function rowToSubmission(r: SubmissionRow): SubmissionRecord {
  return {
    ...pick(r, 'id', 'kind', 'status'),
    actorId: r.actor_id,
    title: r.title,
    proposal: JSON.parse(r.proposal) as Record<string, unknown>,
    message: r.message,
    departements: JSON.parse(r.departements) as string[],
    submitterName: r.submitter_name,
    submitterEmail: r.submitter_email,
    consentAt: r.consent_at,
    decidedBy: r.decided_by,
    decidedByLabel: r.decided_by_label,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    acceptedFields: r.accepted_fields === null ? null : (JSON.parse(r.accepted_fields) as string[]),
    revisionId: r.revision_id,
    createdAt: r.created_at,
  };
}

export type SubmissionFilter = {
  status?: SubmissionStatus | undefined;
  kind?: SubmissionKind | undefined;
  /** Only submissions concerning one of these départements (a relais); all when undefined. */
  departements?: string[] | undefined;
  limit: number;
  offset: number;
};

/** Submissions: written by the public form, read and decided by curators. */
/** The outbox reference of the mails about a submission. */
export const submissionRef = (id: number) => `submission:${id}`;

export function submissionRepository(db: Db) {
  const stmt = statementCache(db);

  function findSubmission(id: number): SubmissionRecord | undefined {
    const row = stmt('SELECT * FROM submissions WHERE id = ?').get(id) as SubmissionRow | undefined;
    return row && rowToSubmission(row);
  }

  function createSubmission(s: {
    kind: SubmissionKind;
    actorId: number | null;
    title: string;
    proposal: unknown;
    message: string | null;
    departements: string[];
    submitterName: string;
    submitterEmail: string;
    consentAt: string;
  }): SubmissionRecord {
    const info =
      stmt(`INSERT INTO submissions (kind, actor_id, title, proposal, message, departements, submitter_name, submitter_email, consent_at)
      VALUES (?,?,?,?,?,?,?,?,?)`).run(
        s.kind,
        s.actorId,
        s.title,
        JSON.stringify(s.proposal ?? {}),
        s.message,
        JSON.stringify(s.departements),
        s.submitterName,
        s.submitterEmail,
        s.consentAt,
      );
    return findSubmission(Number(info.lastInsertRowid)) as SubmissionRecord;
  }

  function where(f: Omit<SubmissionFilter, 'limit' | 'offset'>) {
    return {
      sql: `(@status IS NULL OR status = @status) AND (@kind IS NULL OR kind = @kind)
        AND (@deps IS NULL OR EXISTS (SELECT 1 FROM json_each(submissions.departements) d WHERE d.value IN (SELECT value FROM json_each(@deps))))`,
      params: { status: f.status ?? null, kind: f.kind ?? null, deps: f.departements ? JSON.stringify(f.departements) : null },
    };
  }

  /** Newest first for decided ones, oldest first for the queue (first come, first served). */
  function listSubmissions(f: SubmissionFilter): { total: number; items: SubmissionRecord[] } {
    const w = where(f);
    const order = f.status === 'nouvelle' ? 'id ASC' : 'id DESC';
    const total = stmt(`SELECT count(*) FROM submissions WHERE ${w.sql}`).pluck().get(w.params) as number;
    const rows = stmt(`SELECT * FROM submissions WHERE ${w.sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({
      ...w.params,
      limit: f.limit,
      offset: f.offset,
    }) as SubmissionRow[];
    return { total, items: rows.map(rowToSubmission) };
  }

  function countSubmissions(f: Omit<SubmissionFilter, 'limit' | 'offset'>): number {
    const w = where(f);
    return stmt(`SELECT count(*) FROM submissions WHERE ${w.sql}`).pluck().get(w.params) as number;
  }

  /** Records the decision; only a submission still `nouvelle` can be decided (false otherwise). */
  function decideSubmission(
    id: number,
    d: {
      status: 'acceptee' | 'rejetee';
      decidedBy: number | null;
      decidedByLabel: string | null;
      decidedAt: string;
      reason?: string | null;
      acceptedFields?: string[] | null;
      revisionId?: number | null;
      actorId?: number | null;
    },
  ): boolean {
    const info = stmt(`UPDATE submissions SET status = ?, decided_by = ?, decided_by_label = ?, decided_at = ?, decision_reason = ?,
      accepted_fields = ?, revision_id = ?, actor_id = coalesce(?, actor_id) WHERE id = ? AND status = 'nouvelle'`).run(
      d.status,
      d.decidedBy,
      d.decidedByLabel,
      d.decidedAt,
      d.reason ?? null,
      d.acceptedFields ? JSON.stringify(d.acceptedFields) : null,
      d.revisionId ?? null,
      d.actorId ?? null,
      id,
    );
    return info.changes === 1;
  }

  /**
   * Erases who sent the submissions decided before `cutoff` — name, e-mail, free message — and
   * deletes the mails sent to them (they hold the same). What was proposed and decided stays:
   * it is the history of the entry. A submission awaiting a decision keeps them (to answer).
   */
  const eraseSubmittersDecidedBefore: (cutoff: Date) => { submissions: number; mails: number } = db.transaction((cutoff: Date) => {
    const ids = stmt(`SELECT id FROM submissions WHERE status <> 'nouvelle' AND decided_at < ? AND submitter_email <> ''`)
      .pluck()
      .all(cutoff.toISOString()) as number[];
    let mails = 0;
    for (const id of ids) {
      stmt(`UPDATE submissions SET submitter_name = '', submitter_email = '', message = NULL WHERE id = ?`).run(id);
      mails += stmt('DELETE FROM outbox WHERE subject_ref = ?').run(submissionRef(id)).changes;
    }
    return { submissions: ids.length, mails };
  });

  return { createSubmission, findSubmission, listSubmissions, countSubmissions, decideSubmission, eraseSubmittersDecidedBefore };
}

export type SubmissionRepository = ReturnType<typeof submissionRepository>;

/** One actor as the back office lists it: no contacts, no sites, just where it belongs. */
export type ActorSummaryRecord = {
  id: number;
  slug: string;
  name: string;
  nameSort: string;
  type: ActorType;
  status: 'published' | 'archived';
  scope: TerritoryScope;
  /** Départements of its sites and territory (a région alone gives none). */
  departements: string[];
  lastVerifiedAt: string | null;
  verifiedBy: string | null;
  updatedAt: string;
};

type SummaryRow = {
  id: number;
  slug: string;
  name: string;
  name_sort: string;
  type: ActorType;
  status: 'published' | 'archived';
  territory_scope: TerritoryScope;
  last_verified_at: string | null;
  verified_by: string | null;
  updated_at: string;
};

/** Where the summaries sort: the actors' SQL order (`name_sort`, then id; `name_sort` is ASCII). */
const bySummaryOrder = (a: ActorSummaryRecord, b: ActorSummaryRecord) =>
  a.nameSort < b.nameSort ? -1 : a.nameSort > b.nameSort ? 1 : a.id - b.id;

/** The summaries of every actor, or of the actors `ids` only, in the actors' order. */
function readSummaries(db: Db, ids?: number[]): ActorSummaryRecord[] {
  // The actors asked first, by id (the planner would otherwise read every actor in name order).
  const from = (table: string, id: string) => (ids ? `json_each(@ids) j CROSS JOIN ${table} t ON t.${id} = j.value` : `${table} t`);
  const args = ids ? [{ ids: JSON.stringify(ids) }] : [];
  const deps = new Map<number, Set<string>>();
  const add = ([id, d]: [number, string]) => {
    const set = deps.get(id);
    if (set) set.add(d);
    else deps.set(id, new Set([d]));
  };
  // Two flat reads rather than two correlated subqueries per actor.
  for (const r of db
    .prepare(`SELECT t.actor_id, t.departement_code FROM ${from('sites', 'actor_id')} WHERE t.departement_code IS NOT NULL`)
    .raw()
    .all(...args))
    add(r as [number, string]);
  for (const r of db
    .prepare(`SELECT t.actor_id, t.departement FROM ${from('actor_territories', 'actor_id')} WHERE t.departement IS NOT NULL`)
    .raw()
    .all(...args))
    add(r as [number, string]);
  const rows = db
    .prepare(`SELECT t.id, t.slug, t.name, t.name_sort, t.type, t.status, t.territory_scope, t.last_verified_at, t.verified_by,
      t.updated_at FROM ${from('actors', 'id')} ORDER BY t.name_sort, t.id`)
    .all(...args) as SummaryRow[];
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    nameSort: r.name_sort,
    type: r.type,
    status: r.status,
    scope: r.territory_scope,
    departements: [...(deps.get(r.id) ?? [])].sort(),
    lastVerifiedAt: r.last_verified_at,
    verifiedBy: r.verified_by,
    updatedAt: r.updated_at,
  }));
}

/** The summaries after the actors `written` changed: theirs taken out, read again and merged in at their place. */
function patchSummaries(db: Db, kept: readonly ActorSummaryRecord[], written: number[]): readonly ActorSummaryRecord[] {
  const touched = new Set(written);
  const fresh = readSummaries(db, written);
  const out: ActorSummaryRecord[] = [];
  let j = 0;
  for (const row of kept) {
    if (touched.has(row.id)) continue;
    while (j < fresh.length && bySummaryOrder(fresh[j] as ActorSummaryRecord, row) < 0) out.push(fresh[j++] as ActorSummaryRecord);
    out.push(row);
  }
  while (j < fresh.length) out.push(fresh[j++] as ActorSummaryRecord);
  return out;
}

/** The actor summaries of each connection, patched for the actors written since they were read. */
const summariesKept = new WeakMap<Db, ReturnType<typeof keptAcrossWrites<readonly ActorSummaryRecord[]>>>();

/**
 * Read queries of the back office. Lists are filtered in memory from the kept summaries: a pass
 * over 100,000 of them takes a few milliseconds.
 */
export function curationQueries(db: Db) {
  const stmt = statementCache(db);

  /**
   * Every actor (archived ones included), sorted by name, with the départements it belongs to.
   * Read once (~0.8 s at 100,000 actors), then patched for the actors each write touches (a few
   * ms): the back office asks for it on every page of its list. Callers only read the records
   * (they are shared).
   */
  function listActorSummaries(): readonly ActorSummaryRecord[] {
    let kept = summariesKept.get(db);
    if (!kept) {
      kept = keptAcrossWrites<readonly ActorSummaryRecord[]>(
        db,
        () => readSummaries(db),
        (rows, written) => patchSummaries(db, rows, written),
      );
      summariesKept.set(db, kept);
    }
    return kept.read();
  }

  /** How many times the summaries were read whole (not patched) on this connection. */
  const summaryBuilds = () => summariesKept.get(db)?.builds() ?? 0;

  /** Ids of the actors (any status) whose name, description, actions or places match the words typed. */
  function matchActorText(text: string): Set<number> {
    const fts = toFtsQuery(text);
    if (!fts) return new Set();
    return new Set(stmt('SELECT rowid FROM actors_fts WHERE actors_fts MATCH ?').pluck().all(fts) as number[]);
  }

  /** Has a mail with this reference already been queued for this recipient? (the weekly digest runs once a week) */
  function mailQueued(subjectRef: string, recipient: string): boolean {
    return stmt('SELECT 1 FROM outbox WHERE subject_ref = ? AND recipient = ? LIMIT 1').get(subjectRef, recipient) !== undefined;
  }

  return { listActorSummaries, summaryBuilds, matchActorText, mailQueued };
}

export type CurationQueries = ReturnType<typeof curationQueries>;
