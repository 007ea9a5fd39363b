/** The resource centre: repository, full-text search and the seed loader (resources + protocols). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getDepartement, getRegion } from '@pare/geo';
import type {
  ActorType,
  CreateResourceInput,
  ErrorIssue,
  Public,
  PublicResource,
  ResourceScope,
  ResourceStatus,
  ResourceTheme,
  ResourceType,
} from '@pare/schema';
import { CreateProtocolInputSchema, CreateResourceInputSchema, PUBLICS, RESOURCE_THEMES } from '@pare/schema';
import { parse } from 'yaml';
import { slugify, sortKey } from './actors.ts';
import { batchRead, IDS, sortByOrder } from './batch-read.ts';
import type { Db } from './database.ts';
import { statementCache } from './database.ts';
import { entryRows } from './entry-rows.ts';
import { pick } from './pick.ts';
import { protocolRepository, protocolToInput } from './protocols.ts';
import { revisionRepository } from './revisions.ts';
import { toFtsQuery } from './search.ts';
import { listSeedFiles } from './seed.ts';

/** A stored file: `key` is its random name in the uploads directory. Never sent as is. */
export type StoredFile = { key: string; name: string; type: string; size: number };

export type ActorRef = { id: number; slug: string; name: string; type: ActorType; status: 'published' | 'archived' };

/** Everything the database knows about a resource. The file key stays on the server. */
export type ResourceRecord = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  type: ResourceType;
  publics: Public[];
  themes: ResourceTheme[];
  territory: { scope: ResourceScope; regions: string[]; departements: string[] };
  date: string | null;
  reference: string | null;
  url: string | null;
  sourceUrl: string | null;
  file: StoredFile | null;
  producers: ActorRef[];
  status: ResourceStatus;
  createdAt: string;
  updatedAt: string;
};

type ResourceRow = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  resource_type: ResourceType;
  resource_scope: ResourceScope;
  published_on: string | null;
  reference: string | null;
  url: string | null;
  source_url: string | null;
  file_key: string | null;
  file_name: string | null;
  file_type: string | null;
  file_size: number | null;
  status: ResourceStatus;
  created_at: string;
  updated_at: string;
};

/** A reference in the input (territory code, producer slug) that the database cannot resolve. */
export class ResourceValidationError extends Error {
  constructor(readonly issues: ErrorIssue[]) {
    super('Invalid resource references');
  }
}

export type ResourceSearch = {
  text?: string | undefined;
  types?: readonly ResourceType[] | undefined;
  publics?: readonly Public[] | undefined;
  themes?: readonly ResourceTheme[] | undefined;
  /** National resources and those covering the département or its région. */
  departement?: { code: string; region: string } | undefined;
  /** Leave national resources out (a département's own page). */
  localOnly?: boolean | undefined;
  producerId?: number | undefined;
  status?: ResourceStatus | 'all' | undefined;
  limit: number;
  offset: number;
};

const PUBLIC_ORDER: readonly string[] = PUBLICS;
const THEME_ORDER: readonly string[] = RESOURCE_THEMES;

/** What a resource says of itself, word for word the same in its input form and its public view. */
const resourceDescription = (r: ResourceRecord) => ({
  slug: r.slug,
  title: r.title,
  summary: r.summary,
  type: r.type,
  publics: r.publics,
  themes: r.themes,
});

/** The input form of a stored resource: what the editor shows and a revision holds. */
export function resourceToInput(r: ResourceRecord): CreateResourceInput {
  return {
    ...resourceDescription(r),
    territory: { scope: r.territory.scope, regions: r.territory.regions, departements: r.territory.departements },
    date: r.date,
    reference: r.reference,
    url: r.url,
    producers: r.producers.map((p) => p.slug),
    source_url: r.sourceUrl,
  };
}

/** What a revision keeps of a resource: its input form and which file it had (not where it is). */
export function resourceSnapshot(r: ResourceRecord): Record<string, unknown> {
  return { ...resourceToInput(r), file: r.file ? { name: r.file.name, type: r.file.type, size: r.file.size } : null, status: r.status };
}

/** The `resources` columns an input sets, as its INSERT and UPDATE write them. */
function resourceColumns(slug: string, input: CreateResourceInput) {
  return {
    slug,
    title: input.title,
    title_sort: sortKey(input.title),
    summary: input.summary,
    resource_type: input.type,
    resource_scope: input.territory.scope,
    published_on: input.date ?? null,
    reference: input.reference ?? null,
    url: input.url ?? null,
    source_url: input.source_url ?? null,
  };
}

/** A resource's own row as its record, its lists (publics, themes, territory codes, producers) still empty. */
function rowToResource(r: ResourceRow): ResourceRecord {
  return {
    ...pick(r, 'id', 'slug', 'title', 'summary'),
    type: r.resource_type,
    publics: [],
    themes: [],
    territory: { scope: r.resource_scope, regions: [], departements: [] },
    date: r.published_on,
    ...pick(r, 'reference', 'url'),
    sourceUrl: r.source_url,
    file:
      r.file_key && r.file_name && r.file_type && r.file_size !== null
        ? { key: r.file_key, name: r.file_name, type: r.file_type, size: r.file_size }
        : null,
    producers: [],
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The repository of resources on one connection. */
export function resourceRepository(db: Db) {
  const stmt = statementCache(db);
  const rows = entryRows(db, 'resources');

  function loadResources(ids: readonly number[]): ResourceRecord[] {
    if (ids.length === 0) return [];
    const batch = batchRead(stmt, ids);
    const byId = new Map(batch.rows<ResourceRow>(`SELECT * FROM resources WHERE id IN (${IDS})`).map((r) => [r.id, rowToResource(r)]));
    const publics = `SELECT resource_id, resource_public FROM resource_publics WHERE resource_id IN (${IDS})`;
    batch.addTo(byId, 'resource_id', publics, (r, p: { resource_id: number; resource_public: Public }) => {
      r.publics.push(p.resource_public);
    });
    const themes = `SELECT resource_id, theme FROM resource_themes WHERE resource_id IN (${IDS})`;
    batch.addTo(byId, 'resource_id', themes, (r, t: { resource_id: number; theme: ResourceTheme }) => {
      r.themes.push(t.theme);
    });
    const territories = `SELECT resource_id, kind, code FROM resource_territories WHERE resource_id IN (${IDS}) ORDER BY code`;
    batch.addTo(byId, 'resource_id', territories, (r, t: { resource_id: number; kind: 'region' | 'departement'; code: string }) => {
      r.territory[t.kind === 'region' ? 'regions' : 'departements'].push(t.code);
    });
    const producers = `SELECT p.resource_id, a.id, a.slug, a.name, a.type, a.status FROM resource_producers p JOIN actors a ON a.id = p.actor_id
      WHERE p.resource_id IN (${IDS}) ORDER BY p.resource_id, p.position`;
    batch.addTo(byId, 'resource_id', producers, (r, { resource_id, ...actor }: ActorRef & { resource_id: number }) => {
      r.producers.push(actor);
    });
    for (const r of byId.values()) {
      sortByOrder(r.publics, PUBLIC_ORDER);
      sortByOrder(r.themes, THEME_ORDER);
    }
    return ids.map((id) => byId.get(id)).filter((r): r is ResourceRecord => r !== undefined);
  }

  function findResourceBySlug(slug: string): ResourceRecord | undefined {
    const id = stmt('SELECT id FROM resources WHERE slug = ?').pluck().get(slug) as number | undefined;
    return id === undefined ? undefined : loadResources([id])[0];
  }

  function findResourceById(id: number): ResourceRecord | undefined {
    return loadResources([id])[0];
  }

  /** Checks the territory codes and producer slugs; returns the producers' ids. */
  function resolveReferences(input: CreateResourceInput): number[] {
    const issues: ErrorIssue[] = [];
    if (input.territory.scope === 'regions') {
      input.territory.regions.forEach((code, i) => {
        if (!getRegion(code)) issues.push({ path: `territory.regions.${i}`, message: `Région inconnue : ${code}` });
      });
    }
    if (input.territory.scope === 'departements') {
      input.territory.departements.forEach((code, i) => {
        if (!getDepartement(code)) issues.push({ path: `territory.departements.${i}`, message: `Département inconnu : ${code}` });
      });
    }
    const ids: number[] = [];
    input.producers.forEach((slug, i) => {
      const id = stmt('SELECT id FROM actors WHERE slug = ?').pluck().get(slug) as number | undefined;
      if (id === undefined) issues.push({ path: `producers.${i}`, message: `Acteur inconnu : ${slug}` });
      else if (!ids.includes(id)) ids.push(id);
    });
    if (issues.length > 0) throw new ResourceValidationError(issues);
    return ids;
  }

  function writeChildren(id: number, input: CreateResourceInput, producerIds: number[]) {
    for (const p of new Set(input.publics)) stmt('INSERT INTO resource_publics (resource_id, resource_public) VALUES (?, ?)').run(id, p);
    for (const t of new Set(input.themes)) stmt('INSERT INTO resource_themes (resource_id, theme) VALUES (?, ?)').run(id, t);
    if (input.territory.scope === 'regions') {
      for (const code of new Set(input.territory.regions))
        stmt(`INSERT INTO resource_territories (resource_id, kind, code) VALUES (?, 'region', ?)`).run(id, code);
    }
    if (input.territory.scope === 'departements') {
      for (const code of new Set(input.territory.departements))
        stmt(`INSERT INTO resource_territories (resource_id, kind, code) VALUES (?, 'departement', ?)`).run(id, code);
    }
    producerIds.forEach((actorId, position) => {
      stmt('INSERT INTO resource_producers (resource_id, actor_id, position) VALUES (?, ?, ?)').run(id, actorId, position);
    });
    stmt('DELETE FROM resources_fts WHERE rowid = ?').run(id);
    stmt('INSERT INTO resources_fts (rowid, title, summary, reference) VALUES (?, ?, ?, ?)').run(
      id,
      input.title,
      input.summary,
      input.reference ?? '',
    );
  }

  function clearChildren(id: number) {
    for (const table of ['resource_publics', 'resource_themes', 'resource_territories', 'resource_producers']) {
      stmt(`DELETE FROM ${table} WHERE resource_id = ?`).run(id);
    }
  }

  /**
   * Creates a resource from validated input. Throws ResourceValidationError when a code or a
   * producer is unknown, SlugConflictError when an explicit slug is taken.
   */
  const createResource: (input: CreateResourceInput) => ResourceRecord = db.transaction((input: CreateResourceInput): ResourceRecord => {
    const producerIds = resolveReferences(input);
    const id = rows.insert(resourceColumns(rows.slugFor(input.slug, slugify(input.title)), input));
    writeChildren(id, input, producerIds);
    return loadResources([id])[0] as ResourceRecord;
  });

  /** Replaces every field of a resource (its file is kept; its slug unless a new one is given). */
  const replaceResource: (id: number, input: CreateResourceInput) => ResourceRecord = db.transaction(
    (id: number, input: CreateResourceInput): ResourceRecord => {
      const producerIds = resolveReferences(input);
      rows.update(id, resourceColumns(rows.slugFor(input.slug ?? rows.currentSlug(id), '', id), input));
      clearChildren(id);
      writeChildren(id, input, producerIds);
      return loadResources([id])[0] as ResourceRecord;
    },
  );

  function setResourceStatus(id: number, status: ResourceStatus): ResourceRecord | undefined {
    stmt(`UPDATE resources SET status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(status, id);
    return loadResources([id])[0];
  }

  /** Sets (or removes, with null) the resource's file. The caller removes the previous file from disk. */
  function setResourceFile(id: number, file: StoredFile | null): ResourceRecord | undefined {
    stmt(
      `UPDATE resources SET file_key = ?, file_name = ?, file_type = ?, file_size = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
    ).run(file?.key ?? null, file?.name ?? null, file?.type ?? null, file?.size ?? null, id);
    return loadResources([id])[0];
  }

  function build(s: ResourceSearch) {
    const params: Record<string, unknown> = {};
    const where: string[] = [];
    let join = '';
    if (s.status !== 'all') {
      where.push('r.status = @status');
      params.status = s.status ?? 'published';
    }
    const fts = s.text ? toFtsQuery(s.text) : null;
    if (fts) {
      join =
        ' JOIN (SELECT rowid AS id, bm25(resources_fts, 10.0, 2.0, 5.0) AS rank FROM resources_fts WHERE resources_fts MATCH @fts) f ON f.id = r.id';
      params.fts = fts;
    }
    if (s.types?.length) {
      where.push('r.resource_type IN (SELECT value FROM json_each(@types))');
      params.types = JSON.stringify(s.types);
    }
    if (s.publics?.length) {
      where.push(
        'EXISTS (SELECT 1 FROM resource_publics p WHERE p.resource_id = r.id AND p.resource_public IN (SELECT value FROM json_each(@publics)))',
      );
      params.publics = JSON.stringify(s.publics);
    }
    if (s.themes?.length) {
      where.push(
        'EXISTS (SELECT 1 FROM resource_themes t WHERE t.resource_id = r.id AND t.theme IN (SELECT value FROM json_each(@themes)))',
      );
      params.themes = JSON.stringify(s.themes);
    }
    if (s.departement) {
      const local = `EXISTS (SELECT 1 FROM resource_territories rt WHERE rt.resource_id = r.id
        AND ((rt.kind = 'departement' AND rt.code = @dep) OR (rt.kind = 'region' AND rt.code = @region)))`;
      where.push(s.localOnly ? local : `(r.resource_scope = 'national' OR ${local})`);
      params.dep = s.departement.code;
      params.region = s.departement.region;
    }
    if (s.producerId !== undefined) {
      where.push('EXISTS (SELECT 1 FROM resource_producers rp WHERE rp.resource_id = r.id AND rp.actor_id = @producer)');
      params.producer = s.producerId;
    }
    const order = fts ? 'f.rank, r.title_sort, r.id' : 'r.published_on DESC NULLS LAST, r.title_sort, r.id';
    const sql = `FROM resources r${join}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    return { sql, params, order };
  }

  /** One page of matching resource ids (relevance for a text, newest first otherwise) and the total. */
  function searchResources(s: ResourceSearch): { total: number; ids: number[] } {
    const { sql, params, order } = build(s);
    const rows = stmt(`SELECT r.id, count(*) OVER () AS total ${sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({
      ...params,
      limit: s.limit,
      offset: s.offset,
    }) as { id: number; total: number }[];
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && s.offset > 0) total = stmt(`SELECT count(*) ${sql}`).pluck().get(params) as number;
    return { total, ids: rows.map((r) => r.id) };
  }

  function countResources(): number {
    return stmt('SELECT count(*) FROM resources').pluck().get() as number;
  }

  function findActorId(slug: string): number | undefined {
    return stmt('SELECT id FROM actors WHERE slug = ?').pluck().get(slug) as number | undefined;
  }

  /** Every stored file key: the uploads directory holds these and nothing else. */
  function listFileKeys(): string[] {
    return stmt('SELECT file_key FROM resources WHERE file_key IS NOT NULL').pluck().all() as string[];
  }

  return {
    loadResources,
    findResourceBySlug,
    findResourceById,
    createResource,
    replaceResource,
    setResourceStatus,
    setResourceFile,
    searchResources,
    countResources,
    findActorId,
    listFileKeys,
  };
}

export type ResourceRepository = ReturnType<typeof resourceRepository>;

// ---------------------------------------------------------------------------------------------
// Seed
// ---------------------------------------------------------------------------------------------

export type ResourceSeedResult = { resources: number; protocols: number; skipped: boolean; warnings: string[] };

/**
 * Loads the reviewed resource centre (`data/seed/resources.yaml`: `resources:` then `protocols:`)
 * into a database that has none, after the actors. A malformed entry stops the seed with its slug
 * and field (the file is ours and must be right); a producer or member whose actor is not in the
 * directory (a curator renamed or removed it) is left out and reported in `warnings`, so a start
 * never fails because of an edited directory.
 */
export function seedResourcesIfEmpty(db: Db, file: string): ResourceSeedResult {
  const resources = resourceRepository(db);
  const protocols = protocolRepository(db);
  if (resources.countResources() > 0 || protocols.countProtocols() > 0) return { resources: 0, protocols: 0, skipped: true, warnings: [] };
  if (!existsSync(file)) return { resources: 0, protocols: 0, skipped: true, warnings: [`${file} absent`] };
  // `resources.yaml`, then the territories' own files beside it (`protocols/<département>.yaml`,
  // same two lists), so each département's protocols are reviewed with its actors.
  const protocolsDir = join(dirname(file), 'protocols');
  const files = [file, ...(existsSync(protocolsDir) ? listSeedFiles(protocolsDir) : [])];
  const docs = files.map((f) => parse(readFileSync(f, 'utf8')) as { resources?: unknown; protocols?: unknown } | null);
  const rawResources = docs.flatMap((doc) => (Array.isArray(doc?.resources) ? doc.resources : []));
  const rawProtocols = docs.flatMap((doc) => (Array.isArray(doc?.protocols) ? doc.protocols : []));
  const revisions = revisionRepository(db);
  const warnings: string[] = [];
  const author = { authorLabel: 'jeu de données initial' };
  const fail = (what: string, raw: unknown, i: number, issues: { path: PropertyKey[]; message: string }[]) => {
    const where = (raw as { slug?: string } | null)?.slug ?? `#${i}`;
    return new Error(`${file}: ${what} ${where}: ${issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  };
  const created = { resources: 0, protocols: 0 };
  db.transaction(() => {
    rawResources.forEach((raw, i) => {
      const parsed = CreateResourceInputSchema.safeParse(raw);
      if (!parsed.success) throw fail('resource', raw, i, parsed.error.issues);
      const input = parsed.data;
      const known = input.producers.filter((slug) => resources.findActorId(slug) !== undefined);
      for (const slug of input.producers)
        if (!known.includes(slug)) warnings.push(`ressource ${input.slug ?? input.title} : acteur inconnu ${slug}`);
      const r = resources.createResource({ ...input, producers: known });
      revisions.recordRevision({ entity: 'resource', entityId: r.id, action: 'create', snapshot: resourceSnapshot(r), ...author });
      created.resources++;
    });
    // Parents first: a committee names the convention that created it.
    const parsedProtocols = rawProtocols.map((raw, i) => {
      const parsed = CreateProtocolInputSchema.safeParse(raw);
      if (!parsed.success) throw fail('protocol', raw, i, parsed.error.issues);
      return parsed.data;
    });
    for (const input of parsedProtocols) {
      const members = input.members.filter((m) => resources.findActorId(m.actor) !== undefined);
      for (const m of input.members)
        if (!members.includes(m)) warnings.push(`protocole ${input.slug ?? input.title} : acteur inconnu ${m.actor}`);
      const p = protocols.createProtocol({ ...input, members });
      revisions.recordRevision({ entity: 'protocol', entityId: p.id, action: 'create', snapshot: protocolToInput(p), ...author });
      created.protocols++;
    }
  })();
  return { ...created, skipped: false, warnings };
}

// ---------------------------------------------------------------------------------------------
// Public view
// ---------------------------------------------------------------------------------------------

const placeRef = (kind: 'region' | 'departement', code: string) => ({
  code,
  name: (kind === 'region' ? getRegion(code)?.name : getDepartement(code)?.name) ?? code,
});

/**
 * What leaves the API about a resource: never the stored file's key (its place on disk), only
 * its cleaned name, detected type, size and download address; producers only while published.
 */
export function resourcePublicView(r: ResourceRecord): PublicResource {
  return {
    id: r.id,
    ...resourceDescription(r),
    territory: {
      scope: r.territory.scope,
      regions: r.territory.regions.map((c) => placeRef('region', c)),
      departements: r.territory.departements.map((c) => placeRef('departement', c)),
    },
    date: r.date,
    reference: r.reference,
    url: r.url,
    file: r.file
      ? { name: r.file.name, content_type: r.file.type, size: r.file.size, url: `/api/resources/${encodeURIComponent(r.slug)}/file` }
      : null,
    producers: r.producers.filter((p) => p.status === 'published').map((p) => ({ slug: p.slug, name: p.name, type: p.type })),
    source_url: r.sourceUrl,
    updated_at: r.updatedAt,
  };
}
