import type {
  Action,
  ActorType,
  ContactKind,
  ContactVisibility,
  CreateActorInput,
  GeoPrecision,
  Public,
  TerritoryScope,
} from '@pare/schema';
import { ACTION_LABELS } from '@pare/schema';
import { type ActorTextSource, actorRowWriter } from './actor-rows.ts';
import { batchRead, IDS, sortByOrder } from './batch-read.ts';
import type { Db } from './database.ts';
import { statementCache } from './database.ts';
import { writeInBulk } from './directory-writes.ts';
import { entryRows } from './entry-rows.ts';
import { type ResolvedSite, type ResolvedTerritoryRow, resolveActorGeography } from './geography.ts';
import { slugify } from './name-keys.ts';
import type { TemporaryClosure } from './opening-hours.ts';
import { pick } from './pick.ts';
import { directoryVersion } from './search.ts';

export { SlugConflictError } from './entry-rows.ts';
export { slugify, sortKey } from './name-keys.ts';

/** Everything the database knows about an actor, private fields included. Never sent as is. */
export type ActorRecord = {
  id: number;
  slug: string;
  name: string;
  type: ActorType;
  description: string;
  publics: Public[];
  actions: Action[];
  territory: { scope: TerritoryScope; regions: string[]; departements: string[]; communes: string[] };
  languages: string[];
  acceptsContactRequests: boolean;
  referentEmail: string | null;
  siret: string | null;
  sourceUrl: string | null;
  lastVerifiedAt: string | null;
  verifiedBy: string | null;
  status: 'published' | 'archived';
  generated: boolean;
  createdAt: string;
  updatedAt: string;
  sites: SiteRecord[];
  contacts: ContactRecord[];
};

/** A stored site: what geography resolved, plus its id. */
export type SiteRecord = ResolvedSite & { id: number };

export type ContactRecord = {
  id: number;
  siteId: number | null;
  kind: ContactKind;
  value: string;
  label: string | null;
  visibility: ContactVisibility;
  /** The line's own hours (OSM syntax), e.g. `24/7` for the 119. */
  openingHours: string | null;
};

type ActorRow = {
  id: number;
  slug: string;
  name: string;
  type: ActorType;
  description: string;
  territory_scope: TerritoryScope;
  languages: string;
  accepts_contact_requests: number;
  referent_email: string | null;
  siret: string | null;
  source_url: string | null;
  last_verified_at: string | null;
  verified_by: string | null;
  status: 'published' | 'archived';
  generated: number;
  created_at: string;
  updated_at: string;
};
type SiteRow = {
  id: number;
  actor_id: number;
  label: string | null;
  address: string | null;
  postcode: string | null;
  commune_code: string | null;
  departement_code: string | null;
  lat: number;
  lng: number;
  precision: GeoPrecision;
  public_lat: number;
  public_lng: number;
  confidential: number;
  opening_hours: string | null;
  accessibility: string | null;
  temporary_closures: string;
};
type ContactRow = {
  id: number;
  actor_id: number;
  site_id: number | null;
  kind: ContactKind;
  value: string;
  label: string | null;
  visibility: ContactVisibility;
  opening_hours: string | null;
};

export class ActorValidationError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super('Invalid actor references');
  }
}

type PublicRow = { actor_id: number; public: Public };
type ActionRow = { actor_id: number; action: Action };
type TerritoryCodeRow = { actor_id: number; kind: 'region' | 'departement' | 'commune'; code: string };

/** An actor's own row as its record, its lists (publics, actions, territory codes, sites, contacts) still empty. */
function rowToActor(r: ActorRow): ActorRecord {
  return {
    ...pick(r, 'id', 'slug', 'name', 'type', 'description'),
    publics: [],
    actions: [],
    territory: { scope: r.territory_scope, regions: [], departements: [], communes: [] },
    languages: JSON.parse(r.languages) as string[],
    acceptsContactRequests: r.accepts_contact_requests === 1,
    referentEmail: r.referent_email,
    siret: r.siret,
    sourceUrl: r.source_url,
    lastVerifiedAt: r.last_verified_at,
    verifiedBy: r.verified_by,
    status: r.status,
    generated: r.generated === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sites: [],
    contacts: [],
  };
}

function rowToSite(r: SiteRow): SiteRecord {
  return {
    ...pick(r, 'id', 'label', 'address', 'postcode'),
    communeCode: r.commune_code,
    departementCode: r.departement_code,
    ...pick(r, 'lat', 'lng', 'precision'),
    publicLat: r.public_lat,
    publicLng: r.public_lng,
    confidential: r.confidential === 1,
    openingHours: r.opening_hours,
    accessibility: r.accessibility,
    temporaryClosures: JSON.parse(r.temporary_closures) as TemporaryClosure[],
  };
}

function rowToContact(r: ContactRow): ContactRecord {
  return {
    id: r.id,
    siteId: r.site_id,
    ...pick(r, 'kind', 'value', 'label', 'visibility'),
    openingHours: r.opening_hours,
  };
}

/**
 * The input form of a stored actor: what an editor or a revision holds. Creating an actor from
 * it gives the same actor back (a revert is `replaceActor(id, actorToInput(snapshot))`).
 */
export function actorToInput(a: ActorRecord): CreateActorInput {
  const siteIndex = new Map(a.sites.map((s, i) => [s.id, i]));
  return {
    slug: a.slug,
    name: a.name,
    type: a.type,
    description: a.description,
    publics: a.publics,
    actions: a.actions,
    territory: {
      scope: a.territory.scope,
      regions: a.territory.regions,
      departements: a.territory.departements,
      communes: a.territory.communes,
    },
    languages: a.languages,
    accepts_contact_requests: a.acceptsContactRequests,
    referent_email: a.referentEmail,
    siret: a.siret,
    sites: a.sites.map((s) => ({
      label: s.label,
      address: s.address,
      postcode: s.postcode,
      commune_code: s.communeCode,
      // Coordinates typed by a person are kept; those derived from the commune are derived again.
      lat: s.precision === 'address' ? s.lat : null,
      lng: s.precision === 'address' ? s.lng : null,
      confidential: s.confidential,
      opening_hours: s.openingHours,
      accessibility: s.accessibility,
      ...(s.temporaryClosures.length > 0 ? { temporary_closures: s.temporaryClosures.map((c) => ({ ...c })) } : {}),
    })),
    contacts: a.contacts.map((c) => ({
      kind: c.kind,
      value: c.value,
      label: c.label,
      visibility: c.visibility,
      opening_hours: c.openingHours,
      site: c.siteId === null ? null : (siteIndex.get(c.siteId) ?? null),
    })),
    provenance: { source_url: a.sourceUrl, last_verified_at: a.lastVerifiedAt, verified_by: a.verifiedBy },
  };
}

/**
 * The record the repository would read back after writing `input` under `slug`, without reading
 * it: codes deduplicated and in their canonical order, territory codes sorted, sites placed
 * (postcode of a one-postcode commune filled in, coordinates derived), contacts' hours trimmed as
 * written. Its ids are positions (sites and contacts from 1), its dates empty: what it is for is
 * `actorToInput` (a revision's snapshot, the import's « unchanged ») and the full-text entry.
 * `actors.test.ts` checks it against what is read back.
 */
export function recordAsStored(
  input: CreateActorInput,
  slug: string,
  geography: Pick<ReturnType<typeof resolveActorGeography>, 'sites' | 'territory'> = resolveActorGeography(input),
): ActorRecord {
  const { sites, territory } = geography;
  const codes = (kind: 'region' | 'departement' | 'commune') =>
    [...new Set(territory.filter((t) => t.kind === kind).map((t) => t.code))].sort();
  return {
    id: 0,
    slug,
    name: input.name,
    type: input.type,
    description: input.description,
    publics: [...new Set(input.publics)].sort((a, b) => PUBLIC_ORDER.indexOf(a) - PUBLIC_ORDER.indexOf(b)),
    actions: [...new Set(input.actions)].sort((a, b) => ACTION_ORDER.indexOf(a) - ACTION_ORDER.indexOf(b)),
    territory: { scope: input.territory.scope, regions: codes('region'), departements: codes('departement'), communes: codes('commune') },
    languages: input.languages,
    acceptsContactRequests: input.accepts_contact_requests,
    referentEmail: input.referent_email ?? null,
    siret: input.siret ?? null,
    sourceUrl: input.provenance.source_url ?? null,
    lastVerifiedAt: input.provenance.last_verified_at ?? null,
    verifiedBy: input.provenance.verified_by ?? null,
    status: 'published',
    generated: false,
    createdAt: '',
    updatedAt: '',
    sites: sites.map((s, i) => ({ ...s, id: i + 1 })),
    contacts: input.contacts.map((c, i) => ({
      id: i + 1,
      siteId: c.site != null && c.site < sites.length ? c.site + 1 : null,
      kind: c.kind,
      value: c.value,
      label: c.label ?? null,
      visibility: c.visibility,
      openingHours: c.opening_hours?.trim() ? c.opening_hours.trim() : null,
    })),
  };
}

/** A copy of a record that shares nothing mutable with it. */
function copyRecord(a: ActorRecord): ActorRecord {
  return {
    ...a,
    publics: [...a.publics],
    actions: [...a.actions],
    territory: {
      scope: a.territory.scope,
      regions: [...a.territory.regions],
      departements: [...a.territory.departements],
      communes: [...a.territory.communes],
    },
    languages: [...a.languages],
    sites: a.sites.map((x) => ({ ...x, temporaryClosures: x.temporaryClosures.map((c) => ({ ...c })) })),
    contacts: a.contacts.map((x) => ({ ...x })),
  };
}

/** The repository of actors on one connection: prepared statements are made once here. */
export function actorRepository(db: Db) {
  const stmt = statementCache(db);
  const writer = actorRowWriter(db);
  const entries = entryRows(db, 'actors');

  /** Reads full records from the database, in the order given; unknown ids are skipped. */
  function readActors(ids: readonly number[]): ActorRecord[] {
    if (ids.length === 0) return [];
    const batch = batchRead(stmt, ids);
    const byId = new Map(batch.rows<ActorRow>(`SELECT * FROM actors WHERE id IN (${IDS})`).map((r) => [r.id, rowToActor(r)]));
    batch.addTo(byId, 'actor_id', `SELECT actor_id, public FROM actor_publics WHERE actor_id IN (${IDS})`, (a, p: PublicRow) => {
      a.publics.push(p.public);
    });
    batch.addTo(byId, 'actor_id', `SELECT actor_id, action FROM actor_actions WHERE actor_id IN (${IDS})`, (a, x: ActionRow) => {
      a.actions.push(x.action);
    });
    const territories = `SELECT actor_id, kind, code FROM actor_territories WHERE actor_id IN (${IDS}) ORDER BY code`;
    batch.addTo(byId, 'actor_id', territories, (a, t: TerritoryCodeRow) => {
      a.territory[t.kind === 'region' ? 'regions' : t.kind === 'departement' ? 'departements' : 'communes'].push(t.code);
    });
    const sites = `SELECT * FROM sites WHERE actor_id IN (${IDS}) ORDER BY actor_id, position, id`;
    batch.addTo(byId, 'actor_id', sites, (a, s: SiteRow) => a.sites.push(rowToSite(s)));
    const contacts = `SELECT * FROM contacts WHERE actor_id IN (${IDS}) ORDER BY actor_id, position, id`;
    batch.addTo(byId, 'actor_id', contacts, (a, c: ContactRow) => a.contacts.push(rowToContact(c)));
    // Keep code lists in their canonical order whatever the insertion order was.
    for (const a of byId.values()) {
      sortByOrder(a.actions, ACTION_ORDER);
      sortByOrder(a.publics, PUBLIC_ORDER);
    }
    return ids.map((id) => byId.get(id)).filter((a): a is ActorRecord => a !== undefined);
  }

  // Recently read actors, kept while `directoryVersion` (search.ts) stays the same; not used
  // inside a transaction. Callers get copies, so nothing they do reaches the cache. Only small
  // reads (a page of results, one actor) go through it: exports read batches of 500.
  const RECENT_MAX = 5000;
  const recent = new Map<number, ActorRecord>();
  let recentVersion = '';

  /** Loads full records for the given ids, in the order given; unknown ids are skipped. */
  function loadActors(ids: readonly number[]): ActorRecord[] {
    const tracker = ids.length > 100 || db.inTransaction ? undefined : directoryVersion(db);
    if (!tracker) return readActors(ids);
    const version = tracker();
    if (version !== recentVersion) {
      recent.clear();
      recentVersion = version;
    }
    const missing = ids.filter((id) => !recent.has(id));
    if (missing.length > 0) {
      for (const record of readActors(missing)) {
        recent.set(record.id, record);
        if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value as number);
      }
    }
    const out: ActorRecord[] = [];
    for (const id of ids) {
      const record = recent.get(id);
      if (record) out.push(copyRecord(record));
    }
    return out;
  }

  function findActorBySlug(slug: string): ActorRecord | undefined {
    const id = stmt('SELECT id FROM actors WHERE slug = ?').pluck().get(slug) as number | undefined;
    return id === undefined ? undefined : loadActors([id])[0];
  }

  function findActorById(id: number): ActorRecord | undefined {
    return loadActors([id])[0];
  }

  function writeChildren(id: number, input: CreateActorInput, sites: ResolvedSite[], territory: ResolvedTerritoryRow[]) {
    writer.writeChildren(id, input, sites, territory);
    indexActorText(id, input, sites);
  }

  /**
   * Inside `batch`: the actors whose full-text entry is written when the batch ends, with the
   * record read back after their last write (null until then).
   */
  let deferredText: Map<number, ActorRecord | null> | null = null;

  function indexActorText(id: number, actor: ActorTextSource, sites: ResolvedSite[]) {
    if (deferredText) deferredText.set(id, null);
    else writer.writeText(id, actor, sites);
  }

  /** The actor `id` as stored, read back after a write (and kept for the batch's text entries). */
  function readBack(id: number): ActorRecord {
    const record = loadActors([id])[0] as ActorRecord;
    deferredText?.set(id, record);
    return record;
  }

  /**
   * Inside `batch`: creates the actor (`id` null) or replaces it, without reading it back, and
   * gives its input form as stored (`recordAsStored`: what `actorToInput` of the record read back
   * gives). An import of 100,000 rows spent a fifth of its time reading each actor back for its
   * revision's snapshot, then a tenth reading them back with the batch (docs/PERFORMANCE.md §23,
   * §25). Its full-text entry is written at the batch's end from that form. `geography`: the
   * input's, when the caller resolved it already. Throws as `createActor` and `replaceActor` do,
   * before writing anything.
   */
  function writeInBatch(
    id: number | null,
    input: CreateActorInput,
    geography = resolveActorGeography(input),
  ): { id: number; slug: string; stored: CreateActorInput } {
    if (!deferredText) throw new Error('writeInBatch is for the inside of a batch');
    const written = writeRows(id, input, false, geography);
    const record = recordAsStored(input, written.slug, geography);
    deferredText.set(written.id, record);
    return { ...written, stored: actorToInput(record) };
  }

  /**
   * The rows of an actor created (`id` null) or replaced, its children and (or, in a batch, at its
   * end) its full-text entry. Throws ActorValidationError or SlugConflictError before writing.
   */
  function writeRows(
    id: number | null,
    input: CreateActorInput,
    generated: boolean,
    geography = resolveActorGeography(input),
  ): { id: number; slug: string } {
    const { issues, sites, territory } = geography;
    if (issues.length > 0) throw new ActorValidationError(issues);
    if (id === null) {
      const slug = entries.slugFor(input.slug, slugify(input.name));
      const created = writer.insertActor(slug, input, generated);
      writeChildren(created, input, sites, territory);
      return { id: created, slug };
    }
    const slug = entries.slugFor(input.slug ?? entries.currentSlug(id), '', id);
    writer.updateActor(id, slug, input);
    writer.clearChildren(id);
    writeChildren(id, input, sites, territory);
    return { id, slug };
  }

  /**
   * Runs `fn` in one transaction and writes the full-text entries of the actors it created or
   * replaced once, at its end, from what is then stored (a row rolled back inside leaves nothing
   * behind). FTS5 flushes its pending terms at every savepoint: a bulk write with a savepoint per
   * row, as the import does, would otherwise write one index segment per row and spend most of
   * its time merging them (docs/PERFORMANCE.md). Nested, it just runs `fn`.
   *
   * Inside a batch, `createActor` and `replaceActor` open no savepoint of their own (in WAL mode a
   * savepoint copies every page it touches to a sub-journal): they throw their errors
   * (`ActorValidationError`, `SlugConflictError`) before writing anything, and any other error
   * rolls the whole batch back.
   *
   * A batch is a bulk write (`writeInBulk`): the shared version's row triggers are set aside and
   * the actors it created or replaced are recorded once at its end, so only `createActor` and
   * `replaceActor` may write the directory inside it.
   */
  function batch<T>(fn: () => T): T {
    if (deferredText) return fn();
    return writeInBulk(db, () => {
      const pending = new Map<number, ActorRecord | null>();
      deferredText = pending;
      try {
        const result = fn();
        deferredText = null;
        // Each actor's text from its record after its last write in the batch: as read back, or
        // as stored (`writeInBatch`); read back 500 at a time when neither is known.
        const unread: number[] = [];
        for (const [id, record] of pending) {
          if (record) writer.writeText(id, record, record.sites);
          else unread.push(id);
        }
        for (let i = 0; i < unread.length; i += 500)
          for (const record of readActors(unread.slice(i, i + 500))) writer.writeText(record.id, record, record.sites);
        return { result, touched: [...pending.keys()] };
      } finally {
        deferredText = null;
      }
    });
  }

  /**
   * Creates an actor from validated input. Throws ActorValidationError when a territory or
   * commune code is unknown, SlugConflictError when an explicit slug is taken.
   */
  const createActorTx = db.transaction(writeNewActor);
  const createActor = (input: CreateActorInput, opts: { generated?: boolean } = {}): ActorRecord =>
    deferredText ? writeNewActor(input, opts) : createActorTx(input, opts);

  function writeNewActor(input: CreateActorInput, opts: { generated?: boolean } = {}): ActorRecord {
    return readBack(writeRows(null, input, opts.generated === true).id);
  }

  /** Replaces every field of an existing actor (its slug is kept unless a new one is given). */
  const replaceActorTx = db.transaction(writeActorOver);
  const replaceActor = (id: number, input: CreateActorInput): ActorRecord =>
    deferredText ? writeActorOver(id, input) : replaceActorTx(id, input);

  function writeActorOver(id: number, input: CreateActorInput): ActorRecord {
    return readBack(writeRows(id, input, false).id);
  }

  function countActors(): number {
    return stmt('SELECT count(*) FROM actors').pluck().get() as number;
  }

  /** Publishes or archives an actor (an archived actor leaves every public answer). False when unknown. */
  function setActorStatus(id: number, status: 'published' | 'archived'): boolean {
    return (
      stmt(`UPDATE actors SET status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(status, id).changes === 1
    );
  }

  /**
   * What duplicate detection compares, for every actor (archived ones too: re-referencing an
   * archived actor is worth knowing): SIRET, websites, phones, communes and départements.
   */
  function listDuplicateCandidates(): DuplicateCandidate[] {
    const rows = stmt(`SELECT a.id, a.slug, a.name, a.status, a.siret, a.territory_scope,
        (SELECT json_group_array(json_array(kind, value)) FROM contacts WHERE actor_id = a.id AND kind IN ('website','phone','sms')) AS contacts,
        (SELECT json_group_array(c) FROM (SELECT commune_code AS c FROM sites WHERE actor_id = a.id AND commune_code IS NOT NULL
          UNION SELECT code FROM actor_territories WHERE actor_id = a.id AND kind = 'commune')) AS communes,
        (SELECT json_group_array(d) FROM (SELECT departement_code AS d FROM sites WHERE actor_id = a.id AND departement_code IS NOT NULL
          UNION SELECT departement FROM actor_territories WHERE actor_id = a.id AND departement IS NOT NULL)) AS departements
      FROM actors a ORDER BY a.id`).all() as {
      id: number;
      slug: string;
      name: string;
      status: 'published' | 'archived';
      siret: string | null;
      territory_scope: TerritoryScope;
      contacts: string;
      communes: string;
      departements: string;
    }[];
    return rows.map((r) => {
      const contacts = JSON.parse(r.contacts) as [ContactKind, string][];
      return {
        id: r.id,
        slug: r.slug,
        name: r.name,
        status: r.status,
        siret: r.siret,
        national: r.territory_scope === 'national',
        websites: contacts.filter(([k]) => k === 'website').map(([, v]) => v),
        phones: contacts.filter(([k]) => k !== 'website').map(([, v]) => v),
        communes: JSON.parse(r.communes) as string[],
        departements: JSON.parse(r.departements) as string[],
      };
    });
  }

  return {
    loadActors,
    findActorBySlug,
    findActorById,
    createActor,
    writeInBatch,
    replaceActor,
    batch,
    countActors,
    setActorStatus,
    listDuplicateCandidates,
  };
}

export type ActorRepository = ReturnType<typeof actorRepository>;

/** The fields duplicate detection compares (see `listDuplicateCandidates`). */
export type DuplicateCandidate = {
  id: number;
  slug: string;
  name: string;
  status: 'published' | 'archived';
  siret: string | null;
  national: boolean;
  websites: string[];
  phones: string[];
  communes: string[];
  departements: string[];
};

const ACTION_ORDER: readonly string[] = Object.keys(ACTION_LABELS);
const PUBLIC_ORDER: readonly string[] = ['jeunes', 'familles', 'professionnels'];
