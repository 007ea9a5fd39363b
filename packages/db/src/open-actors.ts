import type { Db } from './database.ts';
import { hoursState, type TemporaryClosure } from './opening-hours.ts';
import type { OpenSet } from './search-query.ts';
import { type ChangeFeed, directoryChanges } from './search-version.ts';

/** Actors sharing the same hours, closures and département: their hours are evaluated once per instant. */
type Group = {
  hours: string | null;
  closures: TemporaryClosure[];
  departement: string | null;
  actors: Set<number>;
  /** The last state computed: open or not from `from` until `until` (its next change), epoch ms. */
  open: boolean;
  from: number;
  until: number;
};

/** A state is reused for at most an hour, even when the hours say it holds longer. */
const MAX_HOLD_MS = 3600_000;

/**
 * Which published actors are open at an instant: at least one public site or public line whose
 * hours (and closures) say open. Confidential sites and their lines are left out, as their hours
 * are hidden: otherwise trying instants would tell them. Lines reserved to professionals too.
 *
 * The same few hours come back across the directory (« Mo-Fr 09:00-17:00 »): the actors are
 * grouped by distinct (hours, closures, département), and each group is evaluated once per
 * instant. Sets are kept while the directory version holds, by instant (a minute for « now »).
 * After a write on this connection the groups are updated for the actors written; after a commit
 * from elsewhere, read again.
 */
export function openActorsIndex(db: Db) {
  const select = (actor: string) => `
    SELECT s.actor_id, s.opening_hours, s.temporary_closures, s.departement_code
      FROM sites s JOIN actors a ON a.id = s.actor_id
     WHERE a.status = 'published' AND s.confidential = 0 AND (s.opening_hours IS NOT NULL OR s.temporary_closures <> '[]')${actor ? ` AND s.actor_id = ${actor}` : ''}
    UNION ALL
    SELECT c.actor_id, c.opening_hours, '[]',
           COALESCE(cs.departement_code, (SELECT f.departement_code FROM sites f WHERE f.actor_id = c.actor_id ORDER BY f.position LIMIT 1))
      FROM contacts c JOIN actors a ON a.id = c.actor_id LEFT JOIN sites cs ON cs.id = c.site_id
     WHERE a.status = 'published' AND c.opening_hours IS NOT NULL AND c.visibility = 'public'
       AND (cs.id IS NULL OR cs.confidential = 0)${actor ? ` AND c.actor_id = ${actor}` : ''}`;
  const all = db.prepare(select('')).raw();
  const one = db.prepare(select('@id')).raw();
  type Row = [actorId: number, hours: string | null, closures: string, departement: string | null];
  let version: string | undefined;
  let external: number | undefined;
  let feed: ChangeFeed | undefined;
  let groups: Map<string, Group> | null = null;
  /** The largest actor id in a group: the open set's length. */
  let maxId = -1;
  const sets = new Map<string, OpenSet>();
  /** The last set computed, while no group's state or members changed. */
  let previous: Uint8Array | null = null;

  const add = (g: Map<string, Group>, [actor, hours, closures, departement]: Row) => {
    const key = `${departement}\u0000${closures}\u0000${hours}`;
    let group = g.get(key);
    if (!group) {
      group = {
        hours,
        closures: JSON.parse(closures) as TemporaryClosure[],
        departement,
        actors: new Set(),
        open: false,
        from: 0,
        until: 0,
      };
      g.set(key, group);
    }
    group.actors.add(actor);
    if (actor > maxId) maxId = actor;
  };

  /** The groups as the directory is now: patched for this connection's writes, else read again. */
  function current(): Map<string, Group> {
    const changes = directoryChanges(db);
    const v = changes?.version();
    if (v !== undefined && v === version && groups) return groups;
    version = v;
    sets.clear();
    previous = null;
    const ext = changes?.external();
    if (!feed && changes) feed = changes.feed();
    const written = feed?.take();
    if (groups && changes && ext === external && written) {
      for (const group of groups.values()) for (const id of written) group.actors.delete(id);
      for (const id of written) for (const row of one.all({ id }) as Row[]) add(groups, row);
    } else {
      external = ext;
      groups = new Map();
      maxId = -1;
      for (const row of all.all() as Row[]) add(groups, row);
    }
    return groups;
  }

  /** The actors open at `at`; `key` names the instant (the same key gives the same set while the directory holds). */
  function openAt(at: Date, key: string): OpenSet {
    const g = current();
    const known = sets.get(key);
    if (known) return known;
    // A group's state holds until its next change: most instants asked (each minute) evaluate no
    // hours at all, and when no group changed the previous set of ids is the answer.
    const t = at.getTime();
    let moved = previous === null;
    for (const group of g.values()) {
      if (group.actors.size === 0 || (group.from <= t && t < group.until)) continue;
      const state = hoursState(group.hours, group.closures, at, { departement: group.departement });
      const open = state.open_now === true;
      if (open !== group.open) moved = true;
      group.open = open;
      group.from = t;
      group.until = Math.min(state.next_change ? Date.parse(state.next_change) : Number.POSITIVE_INFINITY, t + MAX_HOLD_MS);
    }
    let open = previous;
    if (moved || !open) {
      open = new Uint8Array(maxId + 1);
      for (const group of g.values()) if (group.open) for (const id of group.actors) open[id] = 1;
      previous = open;
    }
    const set = { key, open };
    if (sets.size >= 100) sets.clear();
    sets.set(key, set);
    return set;
  }

  return {
    openAt,
    /** Open at this minute. */
    openNow(now: Date = new Date()): OpenSet {
      const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
      return openAt(minute, `now:${minute.toISOString()}`);
    },
  };
}
export type OpenActorsIndex = ReturnType<typeof openActorsIndex>;
