/** Reads the published directory for the open-data exports: in id batches, always through publicView(). */
import { type ActorRepository, ANONYMOUS, type Db, publicView, statementCache } from '@pare/db';
import type { ContactKind, PublicActor, PublicSite } from '@pare/schema';

/** What the open-data services need from the app: the connection and the actor repository. */
export type OpenDataDeps = { db: Db; actors: Pick<ActorRepository, 'loadActors'> };

/** 500 actors are a few hundred kilobytes of output: small enough to hold, large enough to be fast. */
export const EXPORT_BATCH_SIZE = 500;

// The queries below are the open-data side's only SQL: ids of published actors, in id order, so a
// batch is one index range and an export never holds more than one batch of records.
const stmts = new WeakMap<Db, ReturnType<typeof statementCache>>();
function stmt(db: Db, sql: string) {
  let cache = stmts.get(db);
  if (!cache) {
    cache = statementCache(db);
    stmts.set(db, cache);
  }
  return cache(sql);
}

/**
 * The public view of every published actor, `batchSize` at a time, in id order. Keyset paging
 * (`id > last`) keeps each batch one index range however far the export has gone, and an actor
 * published or archived during a long download cannot shift the later batches.
 */
export function* publishedActorBatches(deps: OpenDataDeps, batchSize = EXPORT_BATCH_SIZE): Generator<PublicActor[]> {
  let after = 0;
  for (;;) {
    const ids = stmt(deps.db, `SELECT id FROM actors WHERE status = 'published' AND id > ? ORDER BY id LIMIT ?`)
      .pluck()
      .all(after, batchSize) as number[];
    if (ids.length === 0) return;
    const records = deps.actors.loadActors(ids).filter((r) => r.status === 'published');
    yield records.map((r) => publicView(r, ANONYMOUS));
    after = ids[ids.length - 1] as number;
    if (ids.length < batchSize) return;
  }
}

/** How many actors are published. */
export function countPublishedActors(db: Db): number {
  return stmt(db, `SELECT count(*) FROM actors WHERE status = 'published'`).pluck().get() as number;
}

/** One page of published actors in id order (the order harvesters page through), as public views. */
export function publishedActorsPage(deps: OpenDataDeps, offset: number, limit: number): PublicActor[] {
  const ids = stmt(deps.db, `SELECT id FROM actors WHERE status = 'published' ORDER BY id LIMIT ? OFFSET ?`)
    .pluck()
    .all(limit, offset) as number[];
  return deps.actors
    .loadActors(ids)
    .filter((r) => r.status === 'published')
    .map((r) => publicView(r, ANONYMOUS));
}

/** The public views of the published actors among `ids`, in the order given. */
export function publishedActorsByIds(deps: OpenDataDeps, ids: readonly number[]): PublicActor[] {
  return deps.actors
    .loadActors(ids)
    .filter((r) => r.status === 'published')
    .map((r) => publicView(r, ANONYMOUS));
}

/** The public view of one published actor by id, or undefined. */
export function findPublishedActor(deps: OpenDataDeps, id: number): PublicActor | undefined {
  const record = deps.actors.loadActors([id])[0];
  return record && record.status === 'published' ? publicView(record, ANONYMOUS) : undefined;
}

/** Ids of every actor (any status) above `after`, in order: used to index derived identifiers. */
export function actorIdsAfter(db: Db, after: number): number[] {
  return stmt(db, 'SELECT id FROM actors WHERE id > ? ORDER BY id').pluck().all(after) as number[];
}

/** The page of an actor on the public web client, from the origin the request came to. */
export function actorPageUrl(origin: string, slug: string): string {
  return `${origin}/acteurs/${encodeURIComponent(slug)}`;
}

/**
 * The values of an actor's public contacts of one kind. publicView() already removed what an
 * anonymous visitor may not see; the second filter keeps an export safe even if a caller ever
 * passed a wider view.
 */
export function contactValues(actor: PublicActor, kind: ContactKind): string[] {
  return actor.contacts.filter((c) => c.kind === kind && !c.professional_only).map((c) => c.value);
}

/** The sites whose address may be published: confidential ones are never located, even at commune level. */
export function publicSites(actor: PublicActor): PublicSite[] {
  return actor.sites.filter((s) => !s.confidential);
}
