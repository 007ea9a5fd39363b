/**
 * Territorial protocols (conventions, follow-up committees, commissions) and the per-département
 * counts the national page needs.
 */

import { getDepartement } from '@pare/geo';
import type {
  ActorType,
  CreateProtocolInput,
  ErrorIssue,
  MeetingFrequency,
  MemberRole,
  ProtocolKind,
  PublicProtocol,
  ResourceStatus,
  ResourceType,
} from '@pare/schema';
import { slugify } from './actors.ts';
import { batchRead, IDS } from './batch-read.ts';
import type { Db } from './database.ts';
import { statementCache } from './database.ts';
import { entryRows } from './entry-rows.ts';
import { pick } from './pick.ts';

export type ProtocolMemberRecord = {
  actor: { id: number; slug: string; name: string; type: ActorType; status: 'published' | 'archived' };
  role: MemberRole;
  note: string | null;
};

export type ProtocolRecord = {
  id: number;
  slug: string;
  kind: ProtocolKind;
  title: string;
  summary: string;
  departements: string[];
  date: string | null;
  frequency: MeetingFrequency | null;
  parent: { id: number; slug: string; title: string; status: ResourceStatus } | null;
  members: ProtocolMemberRecord[];
  meetings: { date: string; summary: string }[];
  resources: { id: number; slug: string; title: string; type: ResourceType; status: ResourceStatus }[];
  sourceUrl: string | null;
  status: ResourceStatus;
  createdAt: string;
  updatedAt: string;
};

type ProtocolRow = {
  id: number;
  slug: string;
  protocol_kind: ProtocolKind;
  title: string;
  summary: string;
  signed_on: string | null;
  frequency: MeetingFrequency | null;
  parent_id: number | null;
  source_url: string | null;
  status: ResourceStatus;
  created_at: string;
  updated_at: string;
};

export class ProtocolValidationError extends Error {
  constructor(readonly issues: ErrorIssue[]) {
    super('Invalid protocol references');
  }
}

/** The input form of a stored protocol (what the editor shows and a revision holds). */
export function protocolToInput(p: ProtocolRecord): CreateProtocolInput {
  return {
    slug: p.slug,
    kind: p.kind,
    title: p.title,
    summary: p.summary,
    departements: p.departements,
    date: p.date,
    frequency: p.frequency,
    parent: p.parent?.slug ?? null,
    members: p.members.map((m) => ({ actor: m.actor.slug, role: m.role, note: m.note })),
    meetings: p.meetings.map((m) => ({ date: m.date, summary: m.summary })),
    resources: p.resources.map((r) => r.slug),
    source_url: p.sourceUrl,
  };
}

export type ProtocolListCriteria = {
  departement?: string | undefined;
  kinds?: readonly ProtocolKind[] | undefined;
  text?: string | undefined;
  status?: ResourceStatus | 'all' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
};

/** The `protocols` columns an input sets, as its INSERT and UPDATE write them. */
function protocolColumns(slug: string, input: CreateProtocolInput, parentId: number | null) {
  return {
    slug,
    protocol_kind: input.kind,
    title: input.title,
    summary: input.summary,
    signed_on: input.date ?? null,
    frequency: input.frequency ?? null,
    parent_id: parentId,
    source_url: input.source_url ?? null,
  };
}

type ProtocolRef = { id: number; slug: string; title: string; status: ResourceStatus };
type MemberRow = {
  protocol_id: number;
  member_role: MemberRole;
  note: string | null;
  id: number;
  slug: string;
  name: string;
  type: ActorType;
  status: 'published' | 'archived';
};
type LinkedResourceRow = { protocol_id: number; id: number; slug: string; title: string; type: ResourceType; status: ResourceStatus };

/** A protocol's own row as its record (its parent from `parents`), its lists still empty. */
function rowToProtocol(r: ProtocolRow, parents: Map<number, ProtocolRef>): ProtocolRecord {
  return {
    ...pick(r, 'id', 'slug'),
    kind: r.protocol_kind,
    ...pick(r, 'title', 'summary'),
    departements: [],
    date: r.signed_on,
    frequency: r.frequency,
    parent: r.parent_id === null ? null : (parents.get(r.parent_id) ?? null),
    members: [],
    meetings: [],
    resources: [],
    sourceUrl: r.source_url,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The repository of protocols on one connection. */
export function protocolRepository(db: Db) {
  const stmt = statementCache(db);
  const rows = entryRows(db, 'protocols');

  function loadProtocols(ids: readonly number[]): ProtocolRecord[] {
    if (ids.length === 0) return [];
    const batch = batchRead(stmt, ids);
    const rows = batch.rows<ProtocolRow>(`SELECT * FROM protocols WHERE id IN (${IDS})`);
    const parentsSql = `SELECT id, slug, title, status FROM protocols WHERE id IN (SELECT parent_id FROM protocols WHERE id IN (${IDS}))`;
    const parents = new Map(batch.rows<ProtocolRef>(parentsSql).map((p) => [p.id, p]));
    const byId = new Map(rows.map((r) => [r.id, rowToProtocol(r, parents)]));
    const departements = `SELECT protocol_id, departement FROM protocol_departements WHERE protocol_id IN (${IDS}) ORDER BY departement`;
    batch.addTo(byId, 'protocol_id', departements, (p, d: { protocol_id: number; departement: string }) => {
      p.departements.push(d.departement);
    });
    const members = `SELECT m.protocol_id, m.member_role, m.note, a.id, a.slug, a.name, a.type, a.status FROM protocol_members m
      JOIN actors a ON a.id = m.actor_id WHERE m.protocol_id IN (${IDS}) ORDER BY m.protocol_id, m.position`;
    batch.addTo(byId, 'protocol_id', members, (p, m: MemberRow) => {
      p.members.push({
        actor: { id: m.id, slug: m.slug, name: m.name, type: m.type, status: m.status },
        role: m.member_role,
        note: m.note,
      });
    });
    const meetings = `SELECT protocol_id, held_on, summary FROM protocol_meetings WHERE protocol_id IN (${IDS}) ORDER BY protocol_id, held_on, position`;
    batch.addTo(byId, 'protocol_id', meetings, (p, m: { protocol_id: number; held_on: string; summary: string }) => {
      p.meetings.push({ date: m.held_on, summary: m.summary });
    });
    const linked = `SELECT pr.protocol_id, r.id, r.slug, r.title, r.resource_type AS type, r.status FROM protocol_resources pr
      JOIN resources r ON r.id = pr.resource_id WHERE pr.protocol_id IN (${IDS}) ORDER BY pr.protocol_id, pr.position`;
    batch.addTo(byId, 'protocol_id', linked, (p, { protocol_id, ...r }: LinkedResourceRow) => p.resources.push(r));
    return ids.map((id) => byId.get(id)).filter((p): p is ProtocolRecord => p !== undefined);
  }

  function findProtocolBySlug(slug: string): ProtocolRecord | undefined {
    const id = stmt('SELECT id FROM protocols WHERE slug = ?').pluck().get(slug) as number | undefined;
    return id === undefined ? undefined : loadProtocols([id])[0];
  }

  function findProtocolById(id: number): ProtocolRecord | undefined {
    return loadProtocols([id])[0];
  }

  type Resolved = { memberIds: number[]; resourceIds: number[]; parentId: number | null };

  function resolveReferences(input: CreateProtocolInput, selfId?: number): Resolved {
    const issues: ErrorIssue[] = [];
    input.departements.forEach((code, i) => {
      if (!getDepartement(code)) issues.push({ path: `departements.${i}`, message: `Département inconnu : ${code}` });
    });
    const memberIds: number[] = [];
    input.members.forEach((m, i) => {
      const id = stmt('SELECT id FROM actors WHERE slug = ?').pluck().get(m.actor) as number | undefined;
      if (id === undefined) issues.push({ path: `members.${i}.actor`, message: `Acteur inconnu : ${m.actor}` });
      memberIds.push(id ?? -1);
    });
    const resourceIds: number[] = [];
    input.resources.forEach((slug, i) => {
      const id = stmt('SELECT id FROM resources WHERE slug = ?').pluck().get(slug) as number | undefined;
      if (id === undefined) issues.push({ path: `resources.${i}`, message: `Ressource inconnue : ${slug}` });
      else if (!resourceIds.includes(id)) resourceIds.push(id);
    });
    let parentId: number | null = null;
    if (input.parent) {
      parentId = (stmt('SELECT id FROM protocols WHERE slug = ?').pluck().get(input.parent) as number | undefined) ?? null;
      if (parentId === null) issues.push({ path: 'parent', message: `Instance inconnue : ${input.parent}` });
      else if (parentId === selfId)
        issues.push({ path: 'parent', message: 'Une instance ne peut pas être sa propre instance de rattachement' });
      else if (selfId !== undefined) {
        // No cycle: walking up from the parent must never reach this protocol.
        for (let at: number | null = parentId, steps = 0; at !== null && steps < 50; steps++) {
          at = (stmt('SELECT parent_id FROM protocols WHERE id = ?').pluck().get(at) as number | null | undefined) ?? null;
          if (at === selfId) {
            issues.push({ path: 'parent', message: 'Rattachement circulaire' });
            break;
          }
        }
      }
    }
    if (issues.length > 0) throw new ProtocolValidationError(issues);
    return { memberIds, resourceIds, parentId };
  }

  function writeChildren(id: number, input: CreateProtocolInput, r: Resolved) {
    for (const d of new Set(input.departements))
      stmt('INSERT INTO protocol_departements (protocol_id, departement) VALUES (?, ?)').run(id, d);
    input.members.forEach((m, position) => {
      stmt('INSERT INTO protocol_members (protocol_id, actor_id, member_role, note, position) VALUES (?,?,?,?,?)').run(
        id,
        r.memberIds[position],
        m.role,
        m.note ?? null,
        position,
      );
    });
    input.meetings.forEach((m, position) => {
      stmt('INSERT INTO protocol_meetings (protocol_id, held_on, summary, position) VALUES (?,?,?,?)').run(id, m.date, m.summary, position);
    });
    r.resourceIds.forEach((resourceId, position) => {
      stmt('INSERT INTO protocol_resources (protocol_id, resource_id, position) VALUES (?,?,?)').run(id, resourceId, position);
    });
  }

  function clearChildren(id: number) {
    for (const table of ['protocol_departements', 'protocol_members', 'protocol_meetings', 'protocol_resources']) {
      stmt(`DELETE FROM ${table} WHERE protocol_id = ?`).run(id);
    }
  }

  const createProtocol: (input: CreateProtocolInput) => ProtocolRecord = db.transaction((input: CreateProtocolInput): ProtocolRecord => {
    const resolved = resolveReferences(input);
    const id = rows.insert(protocolColumns(rows.slugFor(input.slug, slugify(input.title)), input, resolved.parentId));
    writeChildren(id, input, resolved);
    return loadProtocols([id])[0] as ProtocolRecord;
  });

  const replaceProtocol: (id: number, input: CreateProtocolInput) => ProtocolRecord = db.transaction(
    (id: number, input: CreateProtocolInput): ProtocolRecord => {
      const resolved = resolveReferences(input, id);
      rows.update(id, protocolColumns(rows.slugFor(input.slug ?? rows.currentSlug(id), '', id), input, resolved.parentId));
      clearChildren(id);
      writeChildren(id, input, resolved);
      return loadProtocols([id])[0] as ProtocolRecord;
    },
  );

  function setProtocolStatus(id: number, status: ResourceStatus): ProtocolRecord | undefined {
    stmt(`UPDATE protocols SET status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(status, id);
    return loadProtocols([id])[0];
  }

  /**
   * Protocol ids, by département then date (oldest first: a convention before the committees it
   * created), with the total. Published ones only unless `status` says otherwise.
   */
  function listProtocols(c: ProtocolListCriteria = {}): { total: number; ids: number[] } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (c.status !== 'all') {
      where.push('p.status = @status');
      params.status = c.status ?? 'published';
    }
    if (c.departement) {
      where.push('EXISTS (SELECT 1 FROM protocol_departements d WHERE d.protocol_id = p.id AND d.departement = @dep)');
      params.dep = c.departement;
    }
    if (c.kinds?.length) {
      where.push('p.protocol_kind IN (SELECT value FROM json_each(@kinds))');
      params.kinds = JSON.stringify(c.kinds);
    }
    if (c.text) {
      where.push(`(p.title LIKE @text ESCAPE '\\' OR p.summary LIKE @text ESCAPE '\\')`);
      params.text = `%${c.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    }
    const sql = `FROM protocols p${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const order = `(SELECT min(departement) FROM protocol_departements d WHERE d.protocol_id = p.id), coalesce(p.parent_id, p.id), p.parent_id IS NOT NULL, p.signed_on, p.id`;
    const rows = stmt(`SELECT p.id, count(*) OVER () AS total ${sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({
      ...params,
      limit: c.limit ?? -1,
      offset: c.offset ?? 0,
    }) as { id: number; total: number }[];
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && (c.offset ?? 0) > 0) total = stmt(`SELECT count(*) ${sql}`).pluck().get(params) as number;
    return { total, ids: rows.map((r) => r.id) };
  }

  function countProtocols(): number {
    return stmt('SELECT count(*) FROM protocols').pluck().get() as number;
  }

  /** Published protocols per département code. */
  function protocolCountsByDepartement(): Map<string, number> {
    const rows = stmt(`SELECT d.departement AS code, count(*) AS n FROM protocol_departements d JOIN protocols p ON p.id = d.protocol_id
      WHERE p.status = 'published' GROUP BY d.departement`).all() as { code: string; n: number }[];
    return new Map(rows.map((r) => [r.code, r.n]));
  }

  /**
   * The published, non-national actors of each département (a site there, or a territory naming
   * the département or one of its communes) and of each région (a territory naming it). The
   * caller adds a région's actors to each of its départements.
   */
  function localActorIds(): { byDepartement: Map<string, Set<number>>; byRegion: Map<string, Set<number>> } {
    const rows = stmt(`SELECT 'd' AS k, s.departement_code AS code, s.actor_id AS id FROM sites s JOIN actors a ON a.id = s.actor_id
        WHERE a.status = 'published' AND a.territory_scope <> 'national' AND s.departement_code IS NOT NULL
      UNION SELECT 'd', t.departement, t.actor_id FROM actor_territories t JOIN actors a ON a.id = t.actor_id
        WHERE a.status = 'published' AND t.kind IN ('departement','commune') AND t.departement IS NOT NULL
      UNION SELECT 'r', t.code, t.actor_id FROM actor_territories t JOIN actors a ON a.id = t.actor_id
        WHERE a.status = 'published' AND t.kind = 'region'`).all() as { k: 'd' | 'r'; code: string; id: number }[];
    const byDepartement = new Map<string, Set<number>>();
    const byRegion = new Map<string, Set<number>>();
    for (const r of rows) {
      const map = r.k === 'd' ? byDepartement : byRegion;
      const set = map.get(r.code) ?? new Set<number>();
      set.add(r.id);
      map.set(r.code, set);
    }
    return { byDepartement, byRegion };
  }

  return {
    loadProtocols,
    findProtocolBySlug,
    findProtocolById,
    createProtocol,
    replaceProtocol,
    setProtocolStatus,
    listProtocols,
    countProtocols,
    protocolCountsByDepartement,
    localActorIds,
  };
}

export type ProtocolRepository = ReturnType<typeof protocolRepository>;

/** What leaves the API about a protocol: published members, parent and resources only. */
export function protocolPublicView(p: ProtocolRecord): PublicProtocol {
  return {
    id: p.id,
    slug: p.slug,
    kind: p.kind,
    title: p.title,
    summary: p.summary,
    departements: p.departements.map((code) => ({ code, name: getDepartement(code)?.name ?? code })),
    date: p.date,
    frequency: p.frequency,
    parent: p.parent && p.parent.status === 'published' ? { slug: p.parent.slug, title: p.parent.title } : null,
    members: p.members
      .filter((m) => m.actor.status === 'published')
      .map((m) => ({ actor: { slug: m.actor.slug, name: m.actor.name, type: m.actor.type }, role: m.role, note: m.note })),
    meetings: p.meetings,
    resources: p.resources.filter((r) => r.status === 'published').map((r) => ({ slug: r.slug, title: r.title, type: r.type })),
    source_url: p.sourceUrl,
    updated_at: p.updatedAt,
  };
}
