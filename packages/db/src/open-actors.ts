import type { Db } from './database.ts';
import { hoursState, type TemporaryClosure } from './opening-hours.ts';
import { directoryVersion, type OpenSet } from './search.ts';

/**
 * Which published actors are open at an instant: at least one public site or public line whose
 * hours (and closures) say open. Confidential sites and their lines are left out, as their hours
 * are hidden: otherwise trying instants would tell them. Lines reserved to professionals too.
 *
 * The same few hours come back across the directory (« Mo-Fr 09:00-17:00 »): each distinct
 * (hours, closures, département) is evaluated once per instant. Sets are kept while the directory
 * version holds, by instant (a minute for « now »).
 */
export function openActorsIndex(db: Db) {
  const rows = db.prepare(`
    SELECT s.actor_id, s.opening_hours, s.temporary_closures, s.departement_code
      FROM sites s JOIN actors a ON a.id = s.actor_id
     WHERE a.status = 'published' AND s.confidential = 0 AND (s.opening_hours IS NOT NULL OR s.temporary_closures <> '[]')
    UNION ALL
    SELECT c.actor_id, c.opening_hours, '[]',
           COALESCE(cs.departement_code, (SELECT f.departement_code FROM sites f WHERE f.actor_id = c.actor_id ORDER BY f.position LIMIT 1))
      FROM contacts c JOIN actors a ON a.id = c.actor_id LEFT JOIN sites cs ON cs.id = c.site_id
     WHERE a.status = 'published' AND c.opening_hours IS NOT NULL AND c.visibility = 'public'
       AND (cs.id IS NULL OR cs.confidential = 0)`);
  type Row = { actor_id: number; opening_hours: string | null; temporary_closures: string; departement_code: string | null };
  let version: string | undefined;
  let hours: Row[] | null = null;
  const sets = new Map<string, OpenSet>();

  /** The actors open at `at`; `key` names the instant (the same key gives the same set while the directory holds). */
  function openAt(at: Date, key: string): OpenSet {
    const v = directoryVersion(db)?.();
    if (v === undefined || v !== version || !hours) {
      version = v;
      hours = rows.all() as Row[];
      sets.clear();
    }
    const known = sets.get(key);
    if (known) return known;
    const memo = new Map<string, boolean>();
    const ids = new Set<number>();
    for (const r of hours) {
      if (ids.has(r.actor_id)) continue;
      const memoKey = `${r.departement_code}\u0000${r.temporary_closures}\u0000${r.opening_hours}`;
      let open = memo.get(memoKey);
      if (open === undefined) {
        const closures = JSON.parse(r.temporary_closures) as TemporaryClosure[];
        open = hoursState(r.opening_hours, closures, at, { departement: r.departement_code }).open_now === true;
        memo.set(memoKey, open);
      }
      if (open) ids.add(r.actor_id);
    }
    const set = { key, ids };
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
