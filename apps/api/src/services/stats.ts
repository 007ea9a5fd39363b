/**
 * The team's view of the network (issue 19): coverage per département (what the public directory
 * shows there, and the gaps), and activity per département and month (counts only).
 *
 * Coverage is computed from `publicView()` records only: a confidential site counts in its
 * département (the public coordinates are the commune's centre), never located further. It is
 * kept per directory version, protocol counts and day, so a change (a CRIP archived) shows at once.
 */
import { createHash } from 'node:crypto';
import { ANONYMOUS, curationQueries, type Db, directoryVersion, publicView } from '@pare/db';
import { distanceKm, getCommune, getDepartement, listDepartements } from '@pare/geo';
import { isCrip } from '@pare/routing';
import { ACTIONS, ACTOR_TYPES, type Action, PUBLICS, type PublicActor } from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { isStale, mayHandle, staleBefore, todayIn } from './curation.ts';
import { resourceRepos } from './resources.ts';

/** Beyond this, « the nearest actor » is reported as none. */
export const NEAREST_MAX_KM = 200;
/** A listening service for young people farther than this from the préfecture is a gap. */
export const LISTENING_YOUNG_KM = 50;
/** Counts under this are shown as `"<5"` in any export of activity. */
export const SMALL_COUNT = 5;

export const GAP_CODES = ['no-crip', 'no-listening-young', 'no-shelter-region', 'no-specialised-association', 'stale-majority'] as const;
export type GapCode = (typeof GAP_CODES)[number];

export type DepartementCoverage = {
  code: string;
  name: string;
  region: string;
  actors: number;
  stale: number;
  by_type: Record<string, number>;
  by_action: Record<string, number>;
  by_public: Record<string, number>;
  has_crip: boolean;
  has_protocol: boolean;
  nearest_km: Record<Action, number | null>;
  gaps: GapCode[];
};

export type Coverage = {
  generated_at: string;
  national: { actors: number; by_action: Record<string, number> };
  departements: DepartementCoverage[];
};

const zeroes = (codes: readonly string[]) => Object.fromEntries(codes.map((c) => [c, 0])) as Record<string, number>;

type Point = { lat: number; lng: number; publics: readonly string[] };

/** The local départements of a public actor: its sites' and its territory's (régions, communes included). */
function departementsOf(a: PublicActor, regionDeps: Map<string, string[]>): Set<string> {
  const out = new Set<string>();
  for (const s of a.sites) if (s.departement) out.add(s.departement.code);
  for (const d of a.territory.departements) out.add(d.code);
  for (const r of a.territory.regions) for (const d of regionDeps.get(r.code) ?? []) out.add(d);
  for (const c of a.territory.communes) {
    const d = getCommune(c.code)?.departement;
    if (d) out.add(d);
  }
  return out;
}

/**
 * What the coverage needs of one published actor, taken from its `publicView()` (public
 * coordinates only: a confidential site at its commune's centre).
 */
type ActorFacts = {
  national: boolean;
  type: string;
  actions: readonly Action[];
  publics: readonly string[];
  departements: readonly string[];
  /** Departements named by its territory (a CRIP covers exactly these). */
  territoryDepartements: readonly string[];
  sites: readonly { lat: number; lng: number }[];
  lastVerifiedAt: string | null;
  crip: boolean;
};

function factsOf(a: PublicActor, regionDeps: Map<string, string[]>): ActorFacts {
  return {
    national: a.territory.scope === 'national',
    type: a.type,
    actions: a.actions,
    publics: a.publics,
    departements: [...departementsOf(a, regionDeps)],
    territoryDepartements: a.territory.departements.map((d) => d.code),
    sites: a.sites.map((s) => ({ lat: s.lat, lng: s.lng })),
    lastVerifiedAt: a.provenance.last_verified_at,
    crip: isCrip(a) && a.contacts.length > 0,
  };
}

/**
 * Facts of every published actor, kept between rebuilds: only the actors whose row changed
 * (`updated_at`, which every write of an actor moves, or `last_verified_at`) are read again.
 */
const factsKept = new WeakMap<Db, Map<number, { stamp: string; facts: ActorFacts }>>();

function publishedFacts(deps: Pick<AppDeps, 'db' | 'actors'>, regionDeps: Map<string, string[]>): ActorFacts[] {
  const rows = deps.db
    .prepare(`SELECT id, updated_at || '|' || coalesce(last_verified_at, '') FROM actors WHERE status = 'published'`)
    .raw()
    .all() as [number, string][];
  const kept = factsKept.get(deps.db) ?? new Map<number, { stamp: string; facts: ActorFacts }>();
  const next = new Map<number, { stamp: string; facts: ActorFacts }>();
  const toLoad: number[] = [];
  for (const [id, stamp] of rows) {
    const k = kept.get(id);
    if (k?.stamp === stamp) next.set(id, k);
    else toLoad.push(id);
  }
  const stampOf = new Map(rows);
  for (let i = 0; i < toLoad.length; i += 2000) {
    for (const r of deps.actors.loadActors(toLoad.slice(i, i + 2000))) {
      if (r.status !== 'published') continue;
      next.set(r.id, { stamp: stampOf.get(r.id) as string, facts: factsOf(publicView(r, ANONYMOUS), regionDeps) });
    }
  }
  if (!deps.db.inTransaction) factsKept.set(deps.db, next);
  return [...next.values()].map((k) => k.facts);
}

/** Computes the coverage of every département; see `coverage()` for the kept answer. */
export function computeCoverage(deps: Pick<AppDeps, 'db' | 'actors'>, now = new Date()): Coverage {
  const departements = listDepartements();
  const regionDeps = new Map<string, string[]>();
  for (const d of departements) regionDeps.set(d.region, [...(regionDeps.get(d.region) ?? []), d.code]);
  const protocolCounts = resourceRepos(deps.db).protocols.protocolCountsByDepartement();
  const before = staleBefore(now);

  const rows = new Map<string, DepartementCoverage>();
  for (const d of departements) {
    rows.set(d.code, {
      code: d.code,
      name: d.name,
      region: d.region,
      actors: 0,
      stale: 0,
      by_type: zeroes(ACTOR_TYPES),
      by_action: zeroes(ACTIONS),
      by_public: zeroes(PUBLICS),
      has_crip: false,
      has_protocol: (protocolCounts.get(d.code) ?? 0) > 0,
      nearest_km: Object.fromEntries(ACTIONS.map((a) => [a, null])) as Record<Action, number | null>,
      gaps: [],
    });
  }
  const national = { actors: 0, by_action: zeroes(ACTIONS) };
  const sitesByAction = new Map<Action, Point[]>(ACTIONS.map((a) => [a, []]));
  const shelterRegions = new Set<string>();
  const specialised = new Set<string>();

  for (const a of publishedFacts(deps, regionDeps)) {
    if (a.national) {
      national.actors++;
      for (const act of a.actions) national.by_action[act] = (national.by_action[act] ?? 0) + 1;
      continue;
    }
    const stale = isStale(a.lastVerifiedAt, before);
    const crip = a.crip;
    const isSpecialised = a.type === 'association' && (a.actions.includes('accompagnement') || a.actions.includes('reperage'));
    for (const code of a.departements) {
      const row = rows.get(code);
      if (!row) continue;
      row.actors++;
      if (stale) row.stale++;
      row.by_type[a.type] = (row.by_type[a.type] ?? 0) + 1;
      for (const act of a.actions) row.by_action[act] = (row.by_action[act] ?? 0) + 1;
      for (const p of a.publics) row.by_public[p] = (row.by_public[p] ?? 0) + 1;
      // A CRIP covers its own département only (a site across the border does not make it ours).
      if (crip && a.territoryDepartements.includes(code)) row.has_crip = true;
      if (isSpecialised) specialised.add(code);
      if (a.actions.includes('hebergement')) shelterRegions.add(row.region);
    }
    for (const s of a.sites) {
      for (const act of a.actions) sitesByAction.get(act)?.push({ lat: s.lat, lng: s.lng, publics: a.publics });
    }
  }

  // Points sorted by latitude: a département looks only at the band within 200 km north and south,
  // ranks candidates by the flat (equirectangular) distance, and measures the best one exactly.
  const maxDLat = NEAREST_MAX_KM / 110;
  type Band = { lat: Float64Array; lng: Float64Array; young: Uint8Array };
  const band = (points: Point[]): Band => {
    points.sort((p, q) => p.lat - q.lat);
    return {
      lat: Float64Array.from(points, (p) => p.lat),
      lng: Float64Array.from(points, (p) => p.lng),
      young: Uint8Array.from(points, (p) => (p.publics.includes('jeunes') ? 1 : 0)),
    };
  };
  const bands = new Map<Action, Band>([...sitesByAction].map(([act, points]) => [act, band(points)]));
  const lowerBound = (xs: Float64Array, v: number) => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((xs[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const nearest = (from: { lat: number; lng: number }, b: Band | undefined, youngOnly = false): number | null => {
    if (!b) return null;
    const cos = Math.cos((from.lat * Math.PI) / 180);
    let best = -1;
    let bestD2 = Number.POSITIVE_INFINITY;
    for (let i = lowerBound(b.lat, from.lat - maxDLat); i < b.lat.length && (b.lat[i] as number) <= from.lat + maxDLat; i++) {
      if (youngOnly && !b.young[i]) continue;
      const dy = (b.lat[i] as number) - from.lat;
      const dx = ((b.lng[i] as number) - from.lng) * cos;
      const d2 = dx * dx + dy * dy;
      if (d2 < bestD2) {
        bestD2 = d2;
        best = i;
      }
    }
    if (best < 0) return null;
    const km = distanceKm(from, { lat: b.lat[best] as number, lng: b.lng[best] as number });
    return km <= NEAREST_MAX_KM ? Math.round(km * 10) / 10 : null;
  };

  for (const row of rows.values()) {
    const d = getDepartement(row.code);
    const prefecture = d ? getCommune(d.chefLieu) : undefined;
    const from = prefecture ?? d;
    if (from) for (const act of ACTIONS) row.nearest_km[act] = nearest(from, bands.get(act));
    const young = from ? nearest(from, bands.get('ecoute'), true) : null;
    if (!row.has_crip) row.gaps.push('no-crip');
    if (young === null || young > LISTENING_YOUNG_KM) row.gaps.push('no-listening-young');
    if (!shelterRegions.has(row.region)) row.gaps.push('no-shelter-region');
    if (!specialised.has(row.code)) row.gaps.push('no-specialised-association');
    if (row.actors > 0 && row.stale * 2 > row.actors) row.gaps.push('stale-majority');
  }
  return { generated_at: now.toISOString(), national, departements: [...rows.values()] };
}

type Kept = { key: string; coverage: Coverage; json: string; csv: string; etag: string };
const kept = new WeakMap<Db, Kept>();

/** What the kept answer depends on: the directory, the published protocols, the day (freshness). */
function coverageKey(db: Db, now: Date): string | undefined {
  const version = db.inTransaction ? undefined : directoryVersion(db)?.();
  if (version === undefined) return undefined;
  const counts = [...resourceRepos(db).protocols.protocolCountsByDepartement()].sort().join(';');
  return `${version}|${counts}|${todayIn(now)}`;
}

/** The coverage, built once per directory version and kept with its JSON and CSV bodies. */
export function coverage(deps: Pick<AppDeps, 'db' | 'actors'>, now = new Date()): Kept {
  const key = coverageKey(deps.db, now);
  const found = kept.get(deps.db);
  if (key !== undefined && found?.key === key) return found;
  const c = computeCoverage(deps, now);
  recordGaps(deps.db, c, now);
  const json = JSON.stringify(c);
  const etag = `W/"${createHash('sha1').update(json).digest('base64url').slice(0, 22)}"`;
  const entry = { key: key ?? '', coverage: c, json, csv: coverageCsv(c), etag };
  if (key !== undefined) kept.set(deps.db, entry);
  return entry;
}

/**
 * Opens an episode for every gap not yet open and closes those that disappeared (table
 * coverage_gaps). Skipped inside a transaction or on a read-only database: the report then works
 * from what was recorded before.
 */
export function recordGaps(db: Db, c: Coverage, now = new Date()): { opened: number; closed: number } {
  if (db.inTransaction || db.readonly) return { opened: 0, closed: 0 };
  const at = now.toISOString();
  const current = new Set(c.departements.flatMap((d) => d.gaps.map((g) => `${d.code}|${g}`)));
  const open = db.prepare('SELECT id, departement, code FROM coverage_gaps WHERE closed_at IS NULL').all() as {
    id: number;
    departement: string;
    code: string;
  }[];
  const openKeys = new Set(open.map((o) => `${o.departement}|${o.code}`));
  const close = db.prepare('UPDATE coverage_gaps SET closed_at = ? WHERE id = ?');
  const insert = db.prepare('INSERT INTO coverage_gaps (departement, code, opened_at) VALUES (?, ?, ?)');
  let opened = 0;
  let closed = 0;
  db.transaction(() => {
    for (const o of open) {
      if (!current.has(`${o.departement}|${o.code}`)) {
        close.run(at, o.id);
        closed++;
      }
    }
    for (const key of current) {
      if (openKeys.has(key)) continue;
      const [d, g] = key.split('|') as [string, string];
      insert.run(d, g, at);
      opened++;
    }
  })();
  return { opened, closed };
}

/** RFC 4180: quoted when needed; a leading =, +, -, @ is neutralised for spreadsheets. */
export function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvLines = (rows: (string | number | boolean | null)[][]) => `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

export function coverageCsv(c: Coverage): string {
  const header = [
    'departement',
    'nom',
    'region',
    'acteurs',
    'a_reverifier',
    ...ACTOR_TYPES.map((t) => `type_${t}`),
    ...ACTIONS.map((a) => `action_${a}`),
    ...PUBLICS.map((p) => `public_${p}`),
    'crip',
    'protocole',
    ...ACTIONS.map((a) => `km_${a}`),
    'manques',
  ];
  return csvLines([
    header,
    ...c.departements.map((d) => [
      d.code,
      d.name,
      d.region,
      d.actors,
      d.stale,
      ...ACTOR_TYPES.map((t) => d.by_type[t] ?? 0),
      ...ACTIONS.map((a) => d.by_action[a] ?? 0),
      ...PUBLICS.map((p) => d.by_public[p] ?? 0),
      d.has_crip ? 'oui' : 'non',
      d.has_protocol ? 'oui' : 'non',
      ...ACTIONS.map((a) => d.nearest_km[a]),
      d.gaps.join(' '),
    ]),
  ]);
}

// --- activity ------------------------------------------------------------------------------------

export const ACTIVITY_MEASURES = [
  'requests_received',
  'requests_routed_actor',
  'requests_routed_team',
  'requests_closed',
  'submissions_received',
  'submissions_decided',
  'entries_created',
  'entries_edited',
  'entries_verified',
] as const;
export type ActivityMeasure = (typeof ACTIVITY_MEASURES)[number];
export type ActivityRow = { departement: string; month: string; median_days_to_close: number | null } & Record<ActivityMeasure, number>;
export type Activity = { from: string | null; to: string | null; rows: ActivityRow[] };

type Viewer = Parameters<typeof mayHandle>[0];

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const v = s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  return Math.round(v * 10) / 10;
};

/**
 * Activity per département and month. Only counts leave: no name, message, reference or email is
 * read. `from`/`to` are months (AAAA-MM), inclusive. A relais gets their départements only.
 */
export function computeActivity(db: Db, user: Viewer, range: { from?: string; to?: string } = {}): Activity {
  const rows = new Map<string, ActivityRow & { closeDays: number[] }>();
  const inRange = (month: string) => (!range.from || month >= range.from) && (!range.to || month <= range.to);
  const allowed = (d: string) => mayHandle(user, { national: false, departements: [d] });
  const row = (d: string, month: string) => {
    const key = `${d}|${month}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        departement: d,
        month,
        median_days_to_close: null,
        closeDays: [],
        ...(zeroes(ACTIVITY_MEASURES) as Record<ActivityMeasure, number>),
      };
      rows.set(key, r);
    }
    return r;
  };
  const add = (departements: readonly string[], at: string | null, measure: ActivityMeasure) => {
    if (!at) return;
    const month = at.slice(0, 7);
    if (!inRange(month)) return;
    for (const d of new Set(departements)) if (allowed(d)) row(d, month)[measure]++;
  };

  const requests = db
    .prepare(
      `SELECT r.departement_code AS d, r.created_at AS created, r.recipient, r.routed_at AS routed,
         (SELECT min(h.at) FROM contact_request_history h WHERE h.contact_request_id = r.id AND h.to_status = 'cloturee') AS closed
       FROM contact_requests r`,
    )
    .all() as { d: string; created: string; recipient: string; routed: string | null; closed: string | null }[];
  for (const r of requests) {
    add([r.d], r.created, 'requests_received');
    if (r.recipient === 'acteur') add([r.d], r.routed ?? r.created, 'requests_routed_actor');
    else add([r.d], r.created, 'requests_routed_team');
    if (r.closed) {
      add([r.d], r.closed, 'requests_closed');
      const month = r.closed.slice(0, 7);
      if (inRange(month) && allowed(r.d)) row(r.d, month).closeDays.push((Date.parse(r.closed) - Date.parse(r.created)) / 86_400_000);
    }
  }

  const submissions = db.prepare(`SELECT departements, created_at, decided_at FROM submissions`).all() as {
    departements: string;
    created_at: string;
    decided_at: string | null;
  }[];
  for (const s of submissions) {
    const ds = JSON.parse(s.departements) as string[];
    add(ds, s.created_at, 'submissions_received');
    add(ds, s.decided_at, 'submissions_decided');
  }

  const reach = new Map(
    curationQueries(db)
      .listActorSummaries()
      .map((a) => [a.id, a.departements]),
  );
  const revisions = db.prepare(`SELECT entity_id AS id, action, created_at FROM revisions WHERE entity = 'actor'`).all() as {
    id: number;
    action: string;
    created_at: string;
  }[];
  for (const r of revisions) {
    const ds = reach.get(r.id) ?? [];
    const measure: ActivityMeasure | null =
      r.action === 'create' || r.action === 'import'
        ? 'entries_created'
        : r.action === 'verify'
          ? 'entries_verified'
          : r.action === 'update'
            ? 'entries_edited'
            : null;
    if (measure) add(ds, r.created_at, measure);
  }

  return {
    from: range.from ?? null,
    to: range.to ?? null,
    rows: [...rows.values()]
      .map(({ closeDays, ...r }) => ({ ...r, median_days_to_close: median(closeDays) }))
      .sort((a, b) => a.departement.localeCompare(b.departement) || a.month.localeCompare(b.month)),
  };
}

/** A count as exported: under 5 shown as `"<5"` (0 stays 0: nothing to protect). */
export const exportCount = (n: number): string | number => (n > 0 && n < SMALL_COUNT ? `<${SMALL_COUNT}` : n);

export function activityCsv(a: Activity): string {
  return csvLines([
    ['departement', 'mois', ...ACTIVITY_MEASURES, 'mediane_jours_cloture'],
    ...a.rows.map((r) => [r.departement, r.month, ...ACTIVITY_MEASURES.map((m) => exportCount(r[m])), r.median_days_to_close]),
  ]);
}

// --- quarterly report ----------------------------------------------------------------------------

/** `2026-Q4` → its first and last months and its bounds as ISO instants. */
export function quarterBounds(quarter: string): { from: string; to: string; start: string; end: string } {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`Trimestre attendu au format AAAA-QN (2026-Q4), reçu : ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const first = (q - 1) * 3 + 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  const next = q === 4 ? `${year + 1}-01` : `${year}-${pad(first + 3)}`;
  return {
    from: `${year}-${pad(first)}`,
    to: `${year}-${pad(first + 2)}`,
    start: `${year}-${pad(first)}-01T00:00:00.000Z`,
    end: `${next}-01T00:00:00.000Z`,
  };
}

export type QuarterReport = { markdown: string; csv: string };

const GAP_LABELS: Record<GapCode, string> = {
  'no-crip': 'sans CRIP joignable directement',
  'no-listening-young': 'sans écoute pour les jeunes à moins de 50 km de la préfecture',
  'no-shelter-region': 'sans hébergement dans la région',
  'no-specialised-association': 'sans association d’accompagnement ou de repérage',
  'stale-majority': 'plus de la moitié des fiches à revérifier',
};

/**
 * The quarter's summary for the newsletter: coverage now, gaps opened and closed in the quarter,
 * activity counts summed over the quarter (under 5 written `<5`). National figures; no name.
 */
export function quarterReport(deps: Pick<AppDeps, 'db' | 'actors'>, quarter: string, now = new Date()): QuarterReport {
  const b = quarterBounds(quarter);
  const cov = coverage(deps, now).coverage;
  const admin = { role: 'admin', departements: [] } as unknown as Viewer;
  const activity = computeActivity(deps.db, admin, { from: b.from, to: b.to });
  const episodes = (column: 'opened_at' | 'closed_at') =>
    deps.db
      .prepare(`SELECT departement, code FROM coverage_gaps WHERE ${column} >= ? AND ${column} < ? ORDER BY departement, code`)
      .all(b.start, b.end) as { departement: string; code: GapCode }[];
  const opened = episodes('opened_at');
  const closed = episodes('closed_at');
  const totals = Object.fromEntries(ACTIVITY_MEASURES.map((m) => [m, activity.rows.reduce((n, r) => n + r[m], 0)])) as Record<
    ActivityMeasure,
    number
  >;
  const nameOf = new Map(cov.departements.map((d) => [d.code, d.name]));
  const gapCount = (g: GapCode) => cov.departements.filter((d) => d.gaps.includes(g)).length;
  const withoutGap = cov.departements.filter((d) => d.gaps.length === 0).length;
  const list = (xs: { departement: string; code: GapCode }[]) =>
    xs.length === 0
      ? ['- aucun']
      : xs.map((x) => `- ${nameOf.get(x.departement) ?? x.departement} (${x.departement}) : ${GAP_LABELS[x.code]}`);
  const fmt = (n: number) => String(exportCount(n));
  const md = [
    `# PARÉ — le réseau au ${quarter}`,
    '',
    `Du ${b.start.slice(0, 10)} au ${new Date(Date.parse(b.end) - 86_400_000).toISOString().slice(0, 10)}. Chiffres au ${todayIn(now)}.`,
    '',
    '## Couverture',
    '',
    `- ${cov.departements.reduce((n, d) => n + d.actors, 0)} présences locales d’acteurs publiés dans ${cov.departements.length} départements, et ${cov.national.actors} acteurs nationaux.`,
    `- ${cov.departements.filter((d) => d.has_crip).length} départements avec une CRIP joignable directement ; ${cov.departements.filter((d) => d.has_protocol).length} avec un protocole.`,
    `- ${withoutGap} départements sans aucun manque.`,
    '',
    '| Manque | Départements |',
    '| --- | ---: |',
    ...GAP_CODES.map((g) => `| ${GAP_LABELS[g]} (\`${g}\`) | ${gapCount(g)} |`),
    '',
    '## Manques ouverts dans le trimestre',
    '',
    ...list(opened),
    '',
    '## Manques comblés dans le trimestre',
    '',
    ...list(closed),
    '',
    '## Activité du trimestre',
    '',
    '| Mesure | Nombre |',
    '| --- | ---: |',
    `| Demandes de mise en relation reçues | ${fmt(totals.requests_received)} |`,
    `| … orientées vers un acteur | ${fmt(totals.requests_routed_actor)} |`,
    `| … orientées vers l’équipe | ${fmt(totals.requests_routed_team)} |`,
    `| … clôturées | ${fmt(totals.requests_closed)} |`,
    `| Propositions reçues | ${fmt(totals.submissions_received)} |`,
    `| Propositions décidées | ${fmt(totals.submissions_decided)} |`,
    `| Fiches créées | ${fmt(totals.entries_created)} |`,
    `| Fiches modifiées | ${fmt(totals.entries_edited)} |`,
    `| Fiches vérifiées | ${fmt(totals.entries_verified)} |`,
    '',
    'Un nombre inférieur à 5 est écrit « <5 ».',
    '',
  ].join('\n');
  const byDep = new Map<string, Record<ActivityMeasure, number>>();
  for (const r of activity.rows) {
    const t = byDep.get(r.departement) ?? (zeroes(ACTIVITY_MEASURES) as Record<ActivityMeasure, number>);
    for (const m of ACTIVITY_MEASURES) t[m] += r[m];
    byDep.set(r.departement, t);
  }
  const csv = csvLines([
    [
      'trimestre',
      'departement',
      'nom',
      'acteurs',
      'crip',
      'protocole',
      'manques',
      'manques_ouverts',
      'manques_combles',
      ...ACTIVITY_MEASURES,
    ],
    ...cov.departements.map((d) => {
      const a = byDep.get(d.code) ?? (zeroes(ACTIVITY_MEASURES) as Record<ActivityMeasure, number>);
      return [
        quarter,
        d.code,
        d.name,
        d.actors,
        d.has_crip ? 'oui' : 'non',
        d.has_protocol ? 'oui' : 'non',
        d.gaps.join(' '),
        opened
          .filter((o) => o.departement === d.code)
          .map((o) => o.code)
          .join(' '),
        closed
          .filter((o) => o.departement === d.code)
          .map((o) => o.code)
          .join(' '),
        ...ACTIVITY_MEASURES.map((m) => exportCount(a[m])),
      ];
    }),
  ]);
  return { markdown: md, csv };
}
