import type { PublicActor } from '@pare/schema';
import type { ActorRecord } from './actors.ts';
import type { Db } from './database.ts';
import { dayOf, instantOf, timeZoneOf } from './opening-hours.ts';
import { ANONYMOUS, publicView } from './public-view.ts';
import { type ChangeFeed, directoryChanges } from './search-version.ts';

/** A view is kept at most this long, even when its hours say it holds longer. */
const MAX_HOLD_MS = 3600_000;
/** Views kept per connection (about 1.5 KB each as JSON). */
const MAX_VIEWS = 30_000;

type Kept = { view: PublicActor; from: number; until: number };
type Cache = { views: Map<number, Kept>; feed: ChangeFeed | undefined; external: number | undefined; version: string | undefined };
const caches = new WeakMap<Db, Cache>();

/**
 * Until when answers holding the time stay true: the first `next_change` of their sites and
 * lines, the next local midnight of each (their closures and week move on), and at most `cap`
 * (epoch ms). Used for one kept view here and for whole answers by the API's public cache.
 */
export function viewsValidUntil(actors: readonly PublicActor[], now: Date, cap?: number): number {
  let until = cap ?? Number.POSITIVE_INFINITY;
  const zones = new Set<string>(['Europe/Paris']);
  for (const a of actors) {
    for (const s of a.sites) {
      if (s.next_change) until = Math.min(until, Date.parse(s.next_change));
      if (s.departement) zones.add(timeZoneOf({ departement: s.departement.code }));
    }
    for (const c of a.contacts) if (c.next_change) until = Math.min(until, Date.parse(c.next_change));
  }
  for (const zone of zones) {
    const [y, mo, d] = dayOf(new Date(now.getTime() + 24 * 3600 * 1000), zone)
      .split('-')
      .map(Number) as [number, number, number];
    until = Math.min(until, instantOf({ y, mo, d, h: 0, mi: 0, s: 0 }, zone).getTime());
  }
  return until;
}

/**
 * The public views (as a list of results shows them: state now, no week) of the actors `ids` for
 * an anonymous visitor at `at`, in the order given, unknown ids skipped: what
 * `publicView(record, ANONYMOUS, { at, week: false })` gives, kept per actor until it would
 * change (its hours' next change, midnight) or the actor is written. Searches that differ still
 * show the same actors: a page of 20 is then mostly views already made, without reading the
 * records again. A write on this connection drops the views of the actors written; a commit from
 * elsewhere, all of them. Do not change what is returned: it is shared with the next caller.
 */
export function anonymousListViews(
  db: Db,
  load: (ids: readonly number[]) => ActorRecord[],
  ids: readonly number[],
  at: Date,
): PublicActor[] {
  const changes = db.inTransaction ? undefined : directoryChanges(db);
  const make = (record: ActorRecord) => publicView(record, ANONYMOUS, { at, week: false });
  if (!changes) return load(ids).map(make);
  let cache = caches.get(db);
  if (!cache) {
    cache = { views: new Map(), feed: changes.feed(), external: changes.external(), version: changes.version() };
    caches.set(db, cache);
  }
  const version = changes.version();
  if (version !== cache.version) {
    cache.version = version;
    const external = changes.external();
    const written = cache.feed?.take();
    if (external !== cache.external || !written) cache.views.clear();
    else for (const id of written) cache.views.delete(id);
    cache.external = external;
  }
  const t = at.getTime();
  const out = new Map<number, PublicActor>();
  const missing: number[] = [];
  for (const id of ids) {
    const kept = cache.views.get(id);
    if (kept && kept.from <= t && t < kept.until) out.set(id, kept.view);
    else missing.push(id);
  }
  if (missing.length > 0) {
    for (const record of load(missing)) {
      const view = make(record);
      out.set(record.id, view);
      cache.views.delete(record.id);
      cache.views.set(record.id, { view, from: t, until: viewsValidUntil([view], at, t + MAX_HOLD_MS) });
      if (cache.views.size > MAX_VIEWS) cache.views.delete(cache.views.keys().next().value as number);
    }
  }
  const views: PublicActor[] = [];
  for (const id of ids) {
    const view = out.get(id);
    if (view) views.push(view);
  }
  return views;
}
