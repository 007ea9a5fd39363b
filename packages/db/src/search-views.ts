import type { PublicActor } from '@pare/schema';
import type { ActorRecord } from './actors.ts';
import type { Db } from './database.ts';
import { dayOf, instantOf, timeZoneOf } from './opening-hours.ts';
import { ANONYMOUS, publicView } from './public-view.ts';
import { type ChangeFeed, directoryChanges } from './search-version.ts';

/** A view is kept at most this long, even when its hours say it holds longer. */
const MAX_HOLD_MS = 3600_000;
/**
 * Bytes of view JSON kept per connection: about 150,000 views (1.7 KB each). Kept as UTF-8 bytes
 * outside the JavaScript heap, a view is one small object for the collector to walk (instead of
 * some thirty) and none of its bytes to mark or move: with 100,000 views kept as strings, the
 * collector took a fifth of a search's time.
 */
const MAX_VIEW_BYTES = 256_000_000;

/**
 * A view as JSON (UTF-8), true from `from` until `until`, with what its own answer's validity
 * needs: its first next change and its time zones. `after`: the view as it will be from `until`,
 * made ahead (`renewAnonymousListViews`); its `json` is this one's when the bytes are the same.
 * The instants are whole seconds (`keptSecond`), the zones a list shared by the views that have
 * the same: a view is then two objects for the collector to mark (its record and its Buffer)
 * where instants in epoch ms were three more (numbers beyond the small integers are boxed).
 */
type Kept = { json: Buffer; from: number; until: number; next: number; zones: readonly string[]; after: Kept | undefined };

const SECONDS_BASE_MS = Date.UTC(2020, 0, 1);
/** The largest small integer V8 keeps unboxed (2088): an instant beyond, or none (Infinity). */
const NEVER = 2 ** 31 - 1;
/**
 * An instant (epoch ms) as a kept view holds it: whole seconds since 2020, rounded down. Rounding
 * `until` and `next` down ends a view a little early, never late; rounding `from` down is exact,
 * as every instant a view changes at (its hours' changes, a local midnight) is a whole second.
 */
const keptSecond = (ms: number): number => (ms >= SECONDS_BASE_MS + NEVER * 1000 ? NEVER : Math.floor((ms - SECONDS_BASE_MS) / 1000));
/** A kept instant back in epoch ms. */
const keptMs = (second: number): number => (second === NEVER ? Number.POSITIVE_INFINITY : SECONDS_BASE_MS + second * 1000);
/** An instant (epoch ms) on the kept views' scale, not rounded: what `from` and `until` are compared with. */
const onKeptScale = (ms: number): number => (ms - SECONDS_BASE_MS) / 1000;

/** One list per set of time zones, shared by every view with those zones. */
const zoneLists = new Map<string, readonly string[]>();
function sharedZones(zones: string[]): readonly string[] {
  const key = zones.join('|');
  let list = zoneLists.get(key);
  if (!list) {
    list = Object.freeze(zones);
    zoneLists.set(key, list);
  }
  return list;
}
type Cache = {
  views: Map<number, Kept>;
  bytes: number;
  feed: ChangeFeed | undefined;
  external: number | undefined;
  version: string | undefined;
};
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
    until = Math.min(until, firstChange(a));
    for (const zone of zonesOf(a)) zones.add(zone);
  }
  return Math.min(until, nextMidnight(zones, now));
}

/** The first `next_change` of an actor's sites and lines (epoch ms; Infinity: none). */
function firstChange(a: PublicActor): number {
  let until = Number.POSITIVE_INFINITY;
  for (const s of a.sites) if (s.next_change) until = Math.min(until, Date.parse(s.next_change));
  for (const c of a.contacts) if (c.next_change) until = Math.min(until, Date.parse(c.next_change));
  return until;
}

/** The time zones of an actor's sites. */
function zonesOf(a: PublicActor): string[] {
  const zones: string[] = [];
  for (const s of a.sites) if (s.departement) zones.push(timeZoneOf({ departement: s.departement.code }));
  return zones;
}

/** The first of the next local midnights of `zones` after `now` (epoch ms). */
function nextMidnight(zones: Iterable<string>, now: Date): number {
  const t = now.getTime();
  let until = Number.POSITIVE_INFINITY;
  for (const zone of zones) until = Math.min(until, nextMidnightIn(zone, t));
  return until;
}

/**
 * Per time zone, the last next midnight found and the instant it was found at: from that instant
 * to that midnight, every instant is in the same local day and has it for next midnight. Every
 * answer asks (1.3 % of a distinct search's CPU for three time-zone conversions, §20).
 */
const midnights = new Map<string, { from: number; until: number }>();

/**
 * The start of the local day after `t`'s in `zone` (epoch ms). Not `t + 24 h`'s day: on the eve of
 * the spring change (a 23-hour day next), that one is two days on from 23:00 to midnight.
 */
function nextMidnightIn(zone: string, t: number): number {
  const known = midnights.get(zone);
  if (known && known.from <= t && t < known.until) return known.until;
  const [y, mo, d] = dayOf(new Date(t), zone).split('-').map(Number) as [number, number, number];
  const after = new Date(Date.UTC(y, mo - 1, d + 1, 12));
  const until = instantOf(
    { y: after.getUTCFullYear(), mo: after.getUTCMonth() + 1, d: after.getUTCDate(), h: 0, mi: 0, s: 0 },
    zone,
  ).getTime();
  midnights.set(zone, { from: t, until });
  return until;
}

/**
 * The public views (as a list of results shows them: state now, no week) of the actors `ids` for
 * an anonymous visitor at `at`, as JSON (UTF-8 bytes) in the order given, unknown ids skipped: what
 * `JSON.stringify(publicView(record, ANONYMOUS, { at, week: false }))` gives, kept per actor
 * until it would change (its hours' next change, midnight) or the actor is written. Searches
 * that differ still show the same actors: a page of 20 is then mostly views already made,
 * without reading the records again. A write on this connection (or another, when the shared
 * counter names its actors) drops the views of the actors written; any other commit, all of
 * them. `validUntil(now, cap)` is `viewsValidUntil` of these views.
 */
export function anonymousListViewsJson(
  db: Db,
  load: (ids: readonly number[]) => ActorRecord[],
  ids: readonly number[],
  at: Date,
): { views: Buffer[]; validUntil: (now: Date, cap?: number) => number } {
  const changes = db.inTransaction ? undefined : directoryChanges(db);
  const t = at.getTime();
  const found = new Map<number, Kept>();
  const cache = changes ? keptViews(db, changes) : undefined;
  const missing: number[] = [];
  for (const id of ids) {
    const kept = cache ? validView(cache, id, t) : undefined;
    if (kept) found.set(id, kept);
    else missing.push(id);
  }
  if (missing.length > 0) {
    for (const record of load(missing)) {
      const kept = makeView(record, at);
      found.set(record.id, kept);
      if (cache) keep(cache, record.id, kept);
    }
  }
  const views: Buffer[] = [];
  const chosen: Kept[] = [];
  for (const id of ids) {
    const kept = found.get(id);
    if (!kept) continue;
    views.push(kept.json);
    chosen.push(kept);
  }
  return {
    views,
    validUntil: (now, cap) => {
      let until = cap ?? Number.POSITIVE_INFINITY;
      const zones = new Set<string>(['Europe/Paris']);
      for (const kept of chosen) {
        until = Math.min(until, keptMs(kept.next));
        for (const zone of kept.zones) zones.add(zone);
      }
      return Math.min(until, nextMidnight(zones, now));
    },
  };
}

/** An actor's public view at `at`, kept until it would change (at most `MAX_HOLD_MS`). */
function makeView(record: ActorRecord, at: Date): Kept {
  const view = publicView(record, ANONYMOUS, { at, week: false });
  const t = at.getTime();
  return {
    json: Buffer.from(JSON.stringify(view)),
    from: keptSecond(t),
    until: keptSecond(viewsValidUntil([view], at, t + MAX_HOLD_MS)),
    next: keptSecond(firstChange(view)),
    zones: sharedZones(zonesOf(view)),
    // Present from the start, so that every kept view has one shape when `after` is set later.
    after: undefined,
  };
}

/** The view kept for `id` that holds at `t`: the one kept, or the one made ahead for after it (which then replaces it). */
function validView(cache: Cache, id: number, at: number): Kept | undefined {
  const kept = cache.views.get(id);
  if (!kept) return undefined;
  const t = onKeptScale(at);
  if (kept.from <= t && t < kept.until) return kept;
  const after = kept.after;
  if (!after || !(after.from <= t && t < after.until)) return undefined;
  if (after.json !== kept.json) cache.bytes -= kept.json.byteLength;
  cache.views.set(id, after);
  return after;
}

/**
 * How a background pass over the views shares the event loop with the searches: `chunk` actors
 * at a time (`stop()` asked before each), for at most `sliceMs` of the loop, then the loop free
 * for `pauseMs` (0: for one turn). A pass at the next local midnight remakes every view: in
 * chunks of 200 with one turn between, searches waited 0.4–0.8 s each for 18 s at 100,000
 * actors, a request needing many turns of the loop to be answered (docs/PERFORMANCE.md §16).
 */
export type ViewsPace = { chunk?: number; sliceMs?: number; pauseMs?: number; stop?: () => boolean; now?: () => Date };

/**
 * Runs `step` over `ids` at `pace`; stops when `stop()` says so, when the connection is closed,
 * or when `step` returns false. Waits out a transaction under way (a save in progress).
 */
async function paced(db: Db, ids: readonly number[], pace: ViewsPace, step: (ids: number[]) => boolean): Promise<void> {
  const chunk = pace.chunk ?? 25;
  const sliceMs = pace.sliceMs ?? 4;
  const pauseMs = pace.pauseMs ?? 0;
  let i = 0;
  while (i < ids.length) {
    if (!db.open) return;
    if (db.inTransaction) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      continue;
    }
    const started = performance.now();
    do {
      if (pace.stop?.() || !step(ids.slice(i, i + chunk))) return;
      i += chunk;
    } while (i < ids.length && performance.now() - started < sliceMs);
    await new Promise((resolve) => (pauseMs > 0 ? setTimeout(resolve, pauseMs) : setImmediate(resolve)));
  }
}

/**
 * Makes the views of every published actor ahead of the searches that will show them, a slice at
 * a time with the event loop free in between (searches go on answering meanwhile). What a server
 * that has run a while has kept anyway: without it, the first minutes after a start read each
 * actor's six tables on a visitor's request (~50 µs an actor, most of a fresh search's time at
 * 100,000 actors). Stops where the kept views would pass 85 % of what may be kept, when
 * `stop()` says so, or when the directory is rewritten meanwhile by another process (the views
 * are then read again on demand). Returns how many views it made.
 */
export async function warmAnonymousListViews(
  db: Db,
  load: (ids: readonly number[]) => ActorRecord[],
  pace: ViewsPace = {},
): Promise<number> {
  const changes = directoryChanges(db);
  if (!changes) return 0;
  const clock = pace.now ?? (() => new Date());
  const ids = db.prepare("SELECT id FROM actors WHERE status = 'published' ORDER BY id").pluck().all() as number[];
  const external = keptViews(db, changes).external;
  let made = 0;
  await paced(db, ids, pace, (some) => {
    const now = clock();
    const t = now.getTime();
    const fresh = keptViews(db, changes);
    if (fresh.external !== external || fresh.bytes > MAX_VIEW_BYTES * 0.85) return false;
    const missing = some.filter((id) => !validView(fresh, id, t));
    if (missing.length > 0) made += anonymousListViewsJson(db, load, missing, now).views.length;
    return true;
  });
  return made;
}

/**
 * Makes ahead, as they will be from the instant they run out, the kept views that run out within
 * `withinMs` (default 30 minutes). At a local midnight every view runs out at once (the new day's
 * closures, the week moving on), and at 09:00 on a weekday those of every « Mo-Fr 09:00-… »
 * site: without this, the searches after it read again each actor they show, and the warmer's
 * next pass remade them all at once (docs/PERFORMANCE.md §16).
 *
 * Passes come every `everyMs` (default a minute). Each makes the views running out within
 * `mustWithinMs` (default 3 minutes) and, of the others, the soonest share that spreads them over
 * the passes left before they must be made: 100,000 views running out at midnight are made some
 * 3,700 a pass from 23:30. The view made ahead takes the old one's place at the first search
 * after it ran out; when its bytes are the same (most views: neither the state nor the closures
 * changed) it shares them. At `pace` (default: 4 ms slices, 10 ms apart); stops as
 * `warmAnonymousListViews` does. Returns how many views it made.
 */
export async function renewAnonymousListViews(
  db: Db,
  load: (ids: readonly number[]) => ActorRecord[],
  opts: ViewsPace & { withinMs?: number; mustWithinMs?: number; everyMs?: number } = {},
): Promise<number> {
  const changes = directoryChanges(db);
  if (!changes) return 0;
  const clock = opts.now ?? (() => new Date());
  const start = clock().getTime();
  const everyMs = opts.everyMs ?? 60_000;
  const must = start + (opts.mustWithinMs ?? 3 * 60_000);
  const cache = keptViews(db, changes);
  const external = cache.external;
  const due: { id: number; until: number }[] = [];
  for (const [id, kept] of cache.views) {
    const until = keptMs(kept.until);
    if (!kept.after && keptMs(kept.from) <= start && until < start + (opts.withinMs ?? 30 * 60_000)) due.push({ id, until });
  }
  due.sort((x, y) => x.until - y.until);
  const soonest = due[0]?.until ?? start;
  const passesLeft = Math.max(1, Math.floor((soonest - must) / everyMs));
  const urgent = due.findIndex((d) => d.until >= must);
  const count = Math.max(urgent === -1 ? due.length : urgent, Math.ceil(due.length / passesLeft));
  let made = 0;
  const ids = due.slice(0, count).map((d) => d.id);
  await paced(db, ids, { pauseMs: 10, ...opts }, (some) => {
    const fresh = keptViews(db, changes);
    if (fresh.external !== external || fresh.bytes > MAX_VIEW_BYTES * 0.85) return false;
    // A write since may have dropped some (they are then made on demand or by the next pass).
    const still = some.filter((id) => fresh.views.has(id) && fresh.views.get(id)?.after === undefined);
    for (const record of still.length > 0 ? load(still) : []) {
      const kept = fresh.views.get(record.id);
      if (!kept || kept.after) continue;
      const after = makeView(record, new Date(keptMs(kept.until)));
      if (after.json.equals(kept.json)) after.json = kept.json;
      else fresh.bytes += after.json.byteLength;
      kept.after = after;
      made++;
    }
    return true;
  });
  return made;
}

/** `anonymousListViewsJson`'s views as objects (for callers that change or merge them), from the same arguments. */
export function anonymousListViews(...args: Parameters<typeof anonymousListViewsJson>): PublicActor[] {
  return anonymousListViewsJson(...args).views.map((json) => JSON.parse(json.toString()) as PublicActor);
}

/** The views kept for a connection, emptied of what changed since they were last looked at. */
function keptViews(db: Db, changes: NonNullable<ReturnType<typeof directoryChanges>>): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { views: new Map(), bytes: 0, feed: changes.feed(), external: changes.external(), version: changes.version() };
    caches.set(db, cache);
  }
  const version = changes.version();
  if (version !== cache.version) {
    cache.version = version;
    const external = changes.external();
    const written = cache.feed?.take();
    if (external !== cache.external || !written) {
      cache.views.clear();
      cache.bytes = 0;
    } else for (const id of written) drop(cache, id);
    cache.external = external;
  }
  return cache;
}

function drop(cache: Cache, id: number): void {
  const kept = cache.views.get(id);
  if (!kept) return;
  cache.bytes -= kept.json.byteLength + (kept.after && kept.after.json !== kept.json ? kept.after.json.byteLength : 0);
  cache.views.delete(id);
}

/** Keeps a view, the least recently made ones leaving beyond `MAX_VIEW_BYTES`. */
function keep(cache: Cache, id: number, kept: Kept): void {
  drop(cache, id);
  cache.views.set(id, kept);
  cache.bytes += kept.json.byteLength;
  while (cache.bytes > MAX_VIEW_BYTES) {
    const oldest = cache.views.keys().next().value;
    if (oldest === undefined) break;
    drop(cache, oldest);
  }
}
