/**
 * What the back office's curated entries (resources, protocols, news, events) share: who may edit
 * an entry of given départements, the refusal, the author of a revision, the slug conflict said
 * in French, and one page of a list already filtered.
 */
import { type ContentRevisionRecord, type Db, type Revision, SlugConflictError, type UserRecord } from '@pare/db';
import type { ContentRevision, RevisionOut } from '@pare/schema';
import { ApiError } from '../lib/errors.ts';
import { seesAll } from '../lib/policy.ts';
import { authorLabel } from './curation.ts';

/** Administrators and curators: every entry is theirs to edit (the policy's rule). */
export const isCurator = seesAll;

/**
 * Admins and curators edit everything. A relais edits an entry all of whose départements are
 * theirs — never a national (or regional) one, which has none.
 */
export function mayEditDepartements(user: UserRecord, departements: readonly string[]): boolean {
  if (isCurator(user)) return true;
  if (user.role !== 'relais' || departements.length === 0) return false;
  return departements.every((d) => user.departements.includes(d));
}

/** A 403 saying that `what` is outside the user's départements. */
export function refuse(what: string): never {
  throw new ApiError('forbidden', `${what} ne relève pas de vos départements.`);
}

/** Who a revision names. */
export const authorOf = (user: UserRecord) => ({ authorId: user.id, authorLabel: authorLabel(user) });

/** A slug already taken becomes a 409 on the `slug` field; any other error goes on. */
export function rethrowSlugConflict(err: unknown): never {
  if (err instanceof SlugConflictError)
    throw new ApiError('conflict', `L’identifiant « ${err.slug} » est déjà pris.`, [{ path: 'slug', message: 'Identifiant déjà pris' }]);
  throw err;
}

/** The départements an entry belongs to, as `mayEditDepartements` reads them. */
type DepartementsOf<R> = (entry: R) => readonly string[];

/** The départements of an entry that lists its own (news, events, protocols). */
export const ownDepartements = (entry: { departements: readonly string[] }) => entry.departements;

/**
 * The entry a user asked to edit: a 404 saying `unknown` when there is none, a 403 naming `what`
 * when it is outside the user's départements.
 */
export function editableEntry<R>(
  entry: R | undefined,
  user: UserRecord,
  departementsOf: DepartementsOf<R>,
  unknown: string,
  what: string,
): R {
  if (!entry) throw new ApiError('not_found', unknown);
  if (!mayEditDepartements(user, departementsOf(entry))) refuse(what);
  return entry;
}

/** One page of the entries of `all` the user may edit, each as `view` shows it. */
export function editablePage<R, Out>(
  all: readonly R[],
  user: UserRecord,
  departementsOf: DepartementsOf<R>,
  q: { page: number; per_page: number },
  view: (entry: R) => Out,
) {
  const p = pageOf(
    all.filter((r) => mayEditDepartements(user, departementsOf(r))),
    q,
  );
  return { ...p, items: p.items.map(view) };
}

/** One page of a list the caller has already filtered (a relais's own entries). */
export function pageOf<T>(all: readonly T[], q: { page: number; per_page: number }) {
  const start = (q.page - 1) * q.per_page;
  return { total: all.length, page: q.page, per_page: q.per_page, items: all.slice(start, start + q.per_page) };
}

/** Runs a change and its revision in one transaction; an error goes through `translate` (a 409, a 422…) or on. */
export function inTransaction<T>(db: Db, translate: (err: unknown) => never, change: () => T): T {
  try {
    return db.transaction(change)();
  } catch (err) {
    translate(err);
  }
}

/**
 * Publishing, unpublishing or archiving an entry, with its revision, in one transaction: the
 * revision holds the entry's input form with its status, after and before.
 */
export function changeStatus<R extends { status: string }, Out>(
  db: Db,
  current: R,
  status: R['status'],
  steps: {
    set: () => R;
    inputOf: (r: R) => object;
    record: (change: { snapshot: unknown; previous: unknown }) => void;
    out: (r: R) => Out;
  },
): Out {
  return db.transaction(() => {
    const r = steps.set();
    steps.record({ snapshot: { ...steps.inputOf(r), status }, previous: { ...steps.inputOf(current), status: current.status } });
    return steps.out(r);
  })();
}

/** What every history table's records have; the directory's also have a submission and a note. */
type RevisionLike = Pick<Revision, 'id' | 'createdAt' | 'authorLabel' | 'changes' | 'revertedTo'> & {
  action: string;
  submissionId?: number | null;
  note?: string | null;
};

/**
 * The history of an entry as the back office reads it, newest first: a directory entry's
 * (actor, resource, protocol: with its submission and note) or a news entry's or an event's.
 */
export function revisionsOut(list: Revision[]): { items: RevisionOut[] };
export function revisionsOut(list: ContentRevisionRecord[]): { items: ContentRevision[] };
export function revisionsOut(list: RevisionLike[]): { items: unknown[] } {
  return {
    items: list.map((r) => ({
      id: r.id,
      action: r.action,
      created_at: r.createdAt,
      author: r.authorLabel,
      changes: r.changes,
      ...('submissionId' in r ? { submission_id: r.submissionId } : {}),
      reverted_to: r.revertedTo,
      ...('note' in r ? { note: r.note } : {}),
    })),
  };
}
