/**
 * The one writer of an actor's rows (actors, publics, actions, territories, sites and their
 * R-tree entries, contacts, full-text entry): the repository (`actors.ts`) and the generator's
 * bulk load (`generate/bulk-writer.ts`) both write through it, so they cannot drift apart.
 */
import { getCommune, getDepartement, getRegion } from '@pare/geo';
import { ACTION_LABELS, type CreateActorInput } from '@pare/schema';
import { type Db, statementCache } from './database.ts';
import type { ResolvedSite, ResolvedTerritoryRow } from './geography.ts';
import { sortKey } from './name-keys.ts';

/** What the full-text index reads of an actor: an input or a stored record. */
export type ActorTextSource = Pick<CreateActorInput, 'name' | 'description' | 'actions'> & {
  territory: Pick<CreateActorInput['territory'], 'communes' | 'departements' | 'regions'>;
};

/** The `actors` columns an input sets, in the order both the INSERT and the UPDATE name them. */
function actorColumns(slug: string, input: CreateActorInput): unknown[] {
  return [
    slug,
    input.name,
    sortKey(input.name),
    input.type,
    input.description,
    input.territory.scope,
    JSON.stringify(input.languages),
    input.accepts_contact_requests ? 1 : 0,
    input.referent_email ?? null,
    input.siret ?? null,
    input.provenance.source_url ?? null,
    input.provenance.last_verified_at ?? null,
    input.provenance.verified_by ?? null,
  ];
}

/** The writer of actor rows on one connection (statements prepared once, on first use). */
export function actorRowWriter(db: Db) {
  const stmt = statementCache(db);

  /** Inserts the `actors` row and returns its id. */
  function insertActor(slug: string, input: CreateActorInput, generated: boolean): number {
    const info = stmt(`INSERT INTO actors (slug, name, name_sort, type, description, territory_scope, languages, accepts_contact_requests,
    referent_email, siret, source_url, last_verified_at, verified_by, generated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`).run(
      ...actorColumns(slug, input),
      generated ? 1 : 0,
    );
    return Number(info.lastInsertRowid);
  }

  /** Overwrites the `actors` row (its status and creation date are kept). */
  function updateActor(id: number, slug: string, input: CreateActorInput): void {
    stmt(`UPDATE actors SET slug=?, name=?, name_sort=?, type=?, description=?, territory_scope=?, languages=?, accepts_contact_requests=?,
    referent_email=?, siret=?, source_url=?, last_verified_at=?, verified_by=?, updated_at=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id=?`).run(
      ...actorColumns(slug, input),
      id,
    );
  }

  /** Writes the rows that hang off an actor: code lists, territory, sites (with their R-tree entries), contacts. */
  function writeChildren(id: number, input: CreateActorInput, sites: ResolvedSite[], territory: ResolvedTerritoryRow[]): void {
    for (const p of input.publics) stmt('INSERT OR IGNORE INTO actor_publics (actor_id, public) VALUES (?, ?)').run(id, p);
    for (const a of input.actions) stmt('INSERT OR IGNORE INTO actor_actions (actor_id, action) VALUES (?, ?)').run(id, a);
    for (const t of territory) {
      stmt('INSERT OR IGNORE INTO actor_territories (actor_id, kind, code, departement) VALUES (?, ?, ?, ?)').run(
        id,
        t.kind,
        t.code,
        t.departement,
      );
    }
    const siteIds: number[] = [];
    sites.forEach((s, position) => {
      const info =
        stmt(`INSERT INTO sites (actor_id, position, label, address, postcode, commune_code, departement_code, lat, lng, precision,
        public_lat, public_lng, confidential, opening_hours, accessibility, temporary_closures) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`).run(
          id,
          position,
          s.label,
          s.address,
          s.postcode,
          s.communeCode,
          s.departementCode,
          s.lat,
          s.lng,
          s.precision,
          s.publicLat,
          s.publicLng,
          s.confidential ? 1 : 0,
          s.openingHours,
          s.accessibility,
          JSON.stringify(s.temporaryClosures),
        );
      const siteId = Number(info.lastInsertRowid);
      siteIds.push(siteId);
      stmt('INSERT INTO sites_rtree (id, min_lat, max_lat, min_lng, max_lng) VALUES (?, ?, ?, ?, ?)').run(
        siteId,
        s.publicLat,
        s.publicLat,
        s.publicLng,
        s.publicLng,
      );
    });
    input.contacts.forEach((c, position) => {
      stmt(
        'INSERT INTO contacts (actor_id, site_id, position, kind, value, label, visibility, opening_hours) VALUES (?,?,?,?,?,?,?,?)',
      ).run(
        id,
        c.site != null ? (siteIds[c.site] ?? null) : null,
        position,
        c.kind,
        c.value,
        c.label ?? null,
        c.visibility,
        c.opening_hours?.trim() ? c.opening_hours.trim() : null,
      );
    });
  }

  /** Removes what `writeChildren` wrote, before it writes again. */
  function clearChildren(id: number): void {
    const siteIds = stmt('SELECT id FROM sites WHERE actor_id = ?').pluck().all(id) as number[];
    for (const s of siteIds) stmt('DELETE FROM sites_rtree WHERE id = ?').run(s);
    stmt('DELETE FROM contacts WHERE actor_id = ?').run(id);
    stmt('DELETE FROM sites WHERE actor_id = ?').run(id);
    stmt('DELETE FROM actor_publics WHERE actor_id = ?').run(id);
    stmt('DELETE FROM actor_actions WHERE actor_id = ?').run(id);
    stmt('DELETE FROM actor_territories WHERE actor_id = ?').run(id);
  }

  /** Writes (or rewrites) the actor's full-text entry: name, description, actions and the names of its places. */
  function writeText(id: number, actor: ActorTextSource, sites: readonly ResolvedSite[], replace = true): void {
    const places = new Set<string>();
    for (const s of sites) {
      if (s.communeCode) places.add(getCommune(s.communeCode)?.name ?? '');
      if (s.departementCode) places.add(getDepartement(s.departementCode)?.name ?? '');
      if (s.postcode && !s.confidential) places.add(s.postcode);
    }
    for (const code of actor.territory.communes) places.add(getCommune(code)?.name ?? '');
    for (const code of actor.territory.departements) places.add(getDepartement(code)?.name ?? '');
    for (const code of actor.territory.regions) places.add(getRegion(code)?.name ?? '');
    if (replace) stmt('DELETE FROM actors_fts WHERE rowid = ?').run(id);
    stmt('INSERT INTO actors_fts (rowid, name, description, actions, places) VALUES (?, ?, ?, ?, ?)').run(
      id,
      actor.name,
      actor.description,
      actor.actions.map((a) => ACTION_LABELS[a]).join(' · '),
      [...places].filter(Boolean).join(' · '),
    );
  }

  return { insertActor, updateActor, writeChildren, clearChildren, writeText };
}

export type ActorRowWriter = ReturnType<typeof actorRowWriter>;
