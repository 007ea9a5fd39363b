/**
 * Runs an import: reads the file row by row, finds the entry each row describes, validates the
 * result with the shared schema, and — unless it is a dry run — writes the rows 500 at a time,
 * one transaction per batch, one `import` revision per created or updated actor. Also the revert.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  type ActorRecord,
  type ActorRepository,
  ActorValidationError,
  actorToInput,
  type Db,
  diffSnapshots,
  type ImportSummaryRecord,
  importQueries,
  resolveActorGeography,
  revisionRepository,
  SlugConflictError,
  snapshotBefore,
  sortKey,
  type UserRecord,
  withPageCache,
} from '@pare/db';
import { type ActorType, type CreateActorInput, CreateActorInputSchema } from '@pare/schema';
import { ApiError } from '../../lib/errors.ts';
import { assertMayWrite, inputDepartements, mayHandle } from '../curation.ts';
import { CsvRow, readCsvHeader } from './csv-format.ts';
import { csvRecords, detectDelimiter } from './csv-reader.ts';
import { DataInclusionRow, type DiService, isDiService } from './data-inclusion-format.ts';
import { jsonRecords, NotJsonError } from './json-reader.ts';
import { type ActorPatch, applyPatch, type FieldNames, fieldOfPath, type RowIdentity, storedForm } from './patch.ts';
import type { ImportFormat, ImportReport, MatchedBy, RevertItem, RevertReport, RowReport } from './report.ts';
import { type DetectedEncoding, firstCharacters, ImportFileError, readText } from './source.ts';
import type { RowIssue } from './values.ts';

export type ImportDeps = { db: Db; actors: ActorRepository };

/** Who imports: the rights are the user's (a relais only in their départements); the revisions carry the author. */
export type ImportAuthor = { user: UserRecord; authorId: number | null; label: string };

export type ImportOptions = {
  format: ImportFormat;
  dryRun: boolean;
  /** `auto` (default): every row while the file has at most 1,000; beyond, the rejected ones only. */
  details?: 'all' | 'rejected' | 'auto';
  author: ImportAuthor;
  /** data·inclusion: the type of the new actors whose structure does not say it. */
  defaultType?: ActorType | undefined;
  batchSize?: number;
  /** Called after each batch with the number of rows read so far (progress on the command line). */
  onBatch?: (rows: number) => void;
};

/**
 * Rows per transaction by default, for an import run on the caller's thread: a batch of 500
 * takes ~0.15 s, during which that thread does nothing else. The route runs its imports in a
 * worker thread with larger batches (apart.ts).
 */
export const IMPORT_BATCH_SIZE = 500;
/**
 * Rows per transaction from the command line, where no visitor waits on the process: fewer
 * commits write each index page fewer times (100,000 rows: ~27 s instead of ~32 s, docs/PERFORMANCE.md).
 */
export const CLI_IMPORT_BATCH_SIZE = 5000;
/**
 * SQLite's page cache during an import (the default is 2 MB). Each new actor goes into a dozen
 * indexes at places all over the file (name order, slug, territories, full text): with a small
 * cache those pages are read again and again, and the import slows down as the directory grows.
 */
export const IMPORT_PAGE_CACHE_MB = 64;
/** Up to this many rows, a report lists every row; beyond, only the rejected ones (unless `details=all`). */
export const AUTO_DETAILS_LIMIT = 1000;
/** The most rows a summarised report lists. */
export const MAX_REPORTED_ROWS = 10_000;

/** A row of either format, read lazily. */
type ImportRow = {
  line: number;
  names: FieldNames;
  identity(): RowIdentity;
  sameName(existingName: string): boolean;
  patch(existing: ActorRecord | null): ActorPatch;
};
type RowItem = { row: ImportRow } | { line: number; issues: RowIssue[] };

/** 48 bits of SHA-1: fingerprints of keys and contents to find duplicates within a file, in little memory. */
function fingerprint(s: string): number {
  return Number.parseInt(createHash('sha1').update(s).digest('hex').slice(0, 12), 16);
}

/** The form the rights check compares: national or not, and the départements. */
const reachOf = (input: CreateActorInput) => ({ national: input.territory.scope === 'national', departements: inputDepartements(input) });

class ReportBuilder {
  rows: RowReport[] = [];
  omitted = 0;
  summarised = false;
  readonly summary = { created: 0, updated: 0, unchanged: 0, rejected: 0 };

  constructor(private readonly details: 'all' | 'rejected' | 'auto') {
    this.summarised = details === 'rejected';
  }

  add(r: RowReport): void {
    this.summary[r.action]++;
    if (this.details === 'all') {
      this.rows.push(r);
      return;
    }
    if (!this.summarised) {
      this.rows.push(r);
      if (this.rows.length > AUTO_DETAILS_LIMIT) {
        this.summarised = true;
        const kept = this.rows.filter((x) => x.action === 'rejected');
        this.omitted += this.rows.length - kept.length;
        this.rows = kept;
      }
      return;
    }
    if (r.action === 'rejected' && this.rows.length < MAX_REPORTED_ROWS) this.rows.push(r);
    else this.omitted++;
  }
}

/** The import of one file. */
class Importer {
  readonly importId: string | null;
  private readonly queries;
  private readonly revisions;
  /** Fingerprint of an actor's key (`a:<id>`, `s:<slug>`, `n:<name>|<commune>`) → the row that wrote it, and its content's fingerprint. */
  private readonly seen = new Map<number, { row: number; content: number }>();
  readonly report: ReportBuilder;
  private readonly unrestricted: boolean;
  /** Entries created so far by this import. */
  private created = 0;

  constructor(
    private readonly deps: ImportDeps,
    private readonly options: ImportOptions,
  ) {
    this.importId = options.dryRun ? null : randomBytes(9).toString('base64url');
    this.queries = importQueries(deps.db);
    this.revisions = revisionRepository(deps.db);
    this.report = new ReportBuilder(options.details ?? 'auto');
    this.unrestricted = options.author.user.role === 'admin' || options.author.user.role === 'curateur';
  }

  /**
   * Handles a batch: in one transaction for a real run (each row in its own savepoint). The
   * entries the rows match are found first and loaded together (one read of 500, not 500 reads);
   * a row that matched nothing is matched again if an earlier row of the batch created an entry.
   */
  processBatch(items: RowItem[]): void {
    const run = () => {
      const prepared = items.map((item) => {
        if (!('row' in item)) return { item };
        const identity = item.row.identity();
        return { item, identity, matched: this.match(item.row, identity) };
      });
      const ids = [...new Set(prepared.flatMap((p) => (p.matched && 'id' in p.matched ? [p.matched.id] : [])))];
      const loaded = new Map(this.deps.actors.loadActors(ids).map((a) => [a.id, a]));
      const createdBefore = this.created;
      for (const p of prepared) {
        if (!('row' in p.item) || !p.identity) {
          const { line, issues } = p.item as { line: number; issues: RowIssue[] };
          this.report.add({ row: line, action: 'rejected', issues });
          continue;
        }
        let matched = p.matched ?? null;
        if (!matched && this.created > createdBefore) matched = this.match(p.item.row, p.identity);
        const existing =
          matched && 'id' in matched ? (loaded.get(matched.id) ?? this.deps.actors.loadActors([matched.id])[0] ?? null) : null;
        this.report.add(this.handle(p.item.row, p.identity, matched, existing));
      }
    };
    if (this.options.dryRun) run();
    else this.deps.actors.batch(run);
  }

  private match(row: ImportRow, identity: RowIdentity): { id: number; by: MatchedBy } | { issue: RowIssue } | null {
    const q = this.queries;
    if (identity.slug) {
      const id = q.findActorIdBySlug(identity.slug);
      if (id !== undefined) return { id, by: 'slug' };
    }
    // An id means something only in the directory that exported it: it is trusted when the row's
    // page link still shows that entry's slug (the slug column was edited), or, in a hand-made file
    // without slug nor link, when the names agree.
    if (identity.externalId !== null) {
      const found = q.findActorIdentity(identity.externalId);
      const confirmed = identity.exportedSlug ? found?.slug === identity.exportedSlug : !identity.slug && found && row.sameName(found.name);
      if (found && confirmed) return { id: found.id, by: 'id' };
    }
    if (identity.siret) {
      const ids = q.findActorIdsBySiret(identity.siret);
      if (ids.length === 1) return { id: ids[0] as number, by: 'siret' };
    }
    // A row that gives a slug names its entry: two actors of one name in one commune are distinct when their slugs are.
    if (identity.name && !identity.slug) {
      const ids = q.findActorIdsByNameAndCommune(sortKey(identity.name), identity.commune);
      if (ids.length === 1) return { id: ids[0] as number, by: 'nom-commune' };
      if (ids.length > 1) {
        return {
          issue: {
            field: row.names.fields.name ?? 'nom',
            message: `${ids.length} fiches portent ce nom à cet endroit : indiquez le slug de celle à mettre à jour`,
          },
        };
      }
    }
    return null;
  }

  private handle(
    row: ImportRow,
    identity: RowIdentity,
    matched: { id: number; by: MatchedBy } | { issue: RowIssue } | null,
    existing: ActorRecord | null,
  ): RowReport {
    const reject = (issues: RowIssue[], extra: Partial<RowReport> = {}): RowReport => ({
      row: row.line,
      action: 'rejected',
      ...(identity.slug ? { slug: identity.slug } : {}),
      ...extra,
      issues,
    });
    if (matched && 'issue' in matched) return reject([matched.issue]);
    const found = matched && existing ? { id: existing.id, slug: existing.slug, matched_by: matched.by } : {};

    const patch = row.patch(existing);
    const warnings = patch.warnings.length > 0 ? { warnings: patch.warnings } : {};
    const base = existing ? actorToInput(existing) : null;
    const raw = applyPatch(base, patch);
    if (existing) raw.slug = matched?.by === 'id' && identity.slug ? identity.slug : existing.slug;
    else if (identity.slug) raw.slug = identity.slug;
    else delete raw.slug;

    // Each row is validated on its own with the shared schema; a cell already reported is not reported twice.
    const issues = [...patch.issues];
    const parsed = CreateActorInputSchema.safeParse(raw);
    if (!parsed.success) {
      const already = new Set(issues.map((i) => i.field));
      for (const i of parsed.error.issues) {
        const field = fieldOfPath(i.path.map(String).join('.') || 'nom', raw, row.names);
        if (!already.has(field)) issues.push({ field, message: i.message });
      }
    }
    if (issues.length > 0 || !parsed.success) return reject(issues, { ...found, ...warnings });
    const input = parsed.data;
    const geography = resolveActorGeography(input);
    if (geography.issues.length > 0)
      return reject(
        geography.issues.map((i) => ({ field: fieldOfPath(i.path, raw, row.names), message: i.message })),
        { ...found, ...warnings },
      );

    if (!this.unrestricted) {
      try {
        assertMayWrite(this.options.author.user, base ? reachOf(base) : null, reachOf(input));
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        return reject([{ field: fieldOfPath('territory.departements', raw, row.names), message: err.message }], found);
      }
    }

    const planned = storedForm(input, input.slug ?? '', geography);
    // Without the slug: a new row without one has none yet, the same row read again has the one it was given.
    const content = fingerprint(JSON.stringify({ ...planned, slug: undefined }));
    // Keys of the entry within this file: its id once it has one; in a dry run, where nothing is
    // created, a new row's slug (or, without a slug, its name and commune, as the matching does).
    const nameKey = identity.name ? `n:${sortKey(identity.name)}|${identity.commune ?? ''}` : null;
    const keys = existing
      ? [`a:${existing.id}`]
      : this.options.dryRun
        ? [...(identity.slug ? [`s:${identity.slug}`] : []), ...(nameKey ? [nameKey] : [])]
        : [];
    const lookups = existing ? keys : identity.slug ? [`s:${identity.slug}`] : nameKey ? [nameKey] : [];
    for (const key of this.options.dryRun || existing ? lookups : []) {
      const prior = this.seen.get(fingerprint(key));
      if (!prior) continue;
      if (prior.content === content) return { row: row.line, action: 'unchanged', ...found, duplicate_of: prior.row, ...warnings };
      return reject(
        [
          {
            field: identity.slug ? 'slug' : (row.names.fields.name ?? 'nom'),
            message: `Même acteur que la ligne ${prior.row} de ce fichier, avec d’autres valeurs : gardez une seule ligne par acteur`,
          },
        ],
        { ...found, duplicate_of: prior.row },
      );
    }
    const remember = (extraKeys: string[] = []) => {
      for (const key of [...keys, ...extraKeys]) this.seen.set(fingerprint(key), { row: row.line, content });
    };

    let changes: string[] = [];
    if (existing) {
      changes = diffSnapshots(actorToInput(existing), planned).map((c) => c.path);
      if (changes.length === 0) {
        remember();
        return { row: row.line, action: 'unchanged', ...found, ...warnings };
      }
    }
    const action = existing ? 'updated' : 'created';
    const shownChanges = changes.length > 0 ? { changes: changes.slice(0, 50) } : {};
    if (this.options.dryRun) {
      remember();
      return { row: row.line, action, ...(input.slug ? { slug: input.slug } : {}), ...found, ...shownChanges, ...warnings };
    }

    try {
      const saved = this.write(existing, input);
      if (!existing) this.created++;
      remember([`a:${saved.id}`]);
      this.queries.rememberSiret(saved.siret, saved.id);
      return {
        row: row.line,
        action,
        id: saved.id,
        slug: saved.slug,
        ...(existing ? { matched_by: matched?.by } : {}),
        ...shownChanges,
        ...warnings,
      } as RowReport;
    } catch (err) {
      if (err instanceof SlugConflictError) {
        return reject([{ field: 'slug', message: `L’identifiant « ${err.slug} » est déjà celui d’une autre fiche` }], found);
      }
      if (err instanceof ActorValidationError) {
        return reject(
          err.issues.map((i) => ({ field: fieldOfPath(i.path, raw, row.names), message: i.message })),
          found,
        );
      }
      throw err;
    }
  }

  /**
   * Creates or replaces the entry and records its one `import` revision, inside the batch's
   * transaction (`actors.batch`): a row refused by the repository throws before anything is
   * written, any other error rolls the whole batch back.
   */
  private write(existing: ActorRecord | null, input: CreateActorInput): ActorRecord {
    const { author } = this.options;
    const saved = existing ? this.deps.actors.replaceActor(existing.id, input) : this.deps.actors.createActor(input);
    this.revisions.recordRevision({
      entity: 'actor',
      entityId: saved.id,
      action: 'import',
      snapshot: actorToInput(saved),
      ...(existing ? { previous: actorToInput(existing) } : {}),
      authorId: author.authorId,
      authorLabel: author.label,
      importId: this.importId,
      note: existing ? 'Mise à jour par import' : 'Création par import',
    });
    return saved;
  }
}

type ReadContext = { delimiter?: string; ignored: Set<string>; warnings: string[] };

/** CSV rows, the header first (a file without one, or whose first line is unreadable, is refused). */
async function* csvItems(path: string, detected: DetectedEncoding, ctx: ReadContext): AsyncGenerator<RowItem> {
  const start = await firstCharacters(path, detected);
  if (/^\s*[[{]/.test(start)) throw new ImportFileError('Ce fichier est du JSON : importez-le avec format=data-inclusion.');
  const delimiter = detectDelimiter(start);
  ctx.delimiter = delimiter;
  let header: ReturnType<typeof readCsvHeader> | null = null;
  for await (const record of csvRecords(readText(path, detected), delimiter)) {
    if (!header) {
      if ('error' in record) throw new ImportFileError(`La première ligne (les noms des colonnes) est illisible : ${record.error}`);
      header = readCsvHeader(record.cells);
      for (const c of header.ignored) ctx.ignored.add(c);
      continue;
    }
    if ('error' in record) {
      yield { line: record.line, issues: [{ field: 'ligne', message: record.error }] };
      continue;
    }
    const row = new CsvRow(record.line, record.cells, header);
    const broken = row.brokenIssues(record.endLine);
    yield broken ? { line: record.line, issues: broken } : { row };
  }
  if (!header) throw new ImportFileError('Le fichier est vide.');
}

const NOT_DI_JSON =
  'Ce fichier n’est pas un JSON data·inclusion : un tableau de structures, ou {"structures": […], "services": […]}, est attendu.';

/**
 * data·inclusion records. Services may come before or after their structure (or in another
 * array), so a first pass stores them in a temporary table of this connection, and a second pass
 * reads each structure with its services: the file is never held in memory.
 */
async function* dataInclusionItems(
  deps: ImportDeps,
  path: string,
  detected: DetectedEncoding,
  options: ImportOptions,
  ctx: ReadContext,
): AsyncGenerator<RowItem> {
  const start = await firstCharacters(path, detected);
  if (!/^\s*[[{]/.test(start)) throw new ImportFileError(`${NOT_DI_JSON} Pour un CSV, indiquez format=csv.`);
  const table = `import_services_${randomBytes(6).toString('hex')}`;
  const db = deps.db;
  db.exec(`CREATE TEMP TABLE ${table} (structure_id TEXT NOT NULL, line INTEGER NOT NULL, payload TEXT NOT NULL)`);
  db.exec(`CREATE INDEX temp.${table}_structure ON ${table} (structure_id, line)`);
  const known = (group: string | null) => group === null || group === 'structures' || group === 'services';
  try {
    const insert = db.prepare(`INSERT INTO temp.${table} (structure_id, line, payload) VALUES (?, ?, ?)`);
    const insertMany = db.transaction((rows: [string, number, string][]) => {
      for (const r of rows) insert.run(...r);
    });
    let structures = 0;
    let services = 0;
    let pending: [string, number, string][] = [];
    try {
      for await (const record of jsonRecords(readText(path, detected))) {
        if (!known(record.group)) {
          ctx.ignored.add(String(record.group));
          continue;
        }
        if ('error' in record) continue; // reported by the second pass
        if (record.group === 'services' || (record.group === null && isDiService(record.value))) {
          if (!isDiService(record.value)) continue;
          services++;
          pending.push([String(record.value.structure_id), record.line, JSON.stringify(record.value)]);
          if (pending.length >= IMPORT_BATCH_SIZE) {
            insertMany(pending);
            pending = [];
          }
        } else structures++;
      }
    } catch (err) {
      if (err instanceof NotJsonError) throw new ImportFileError(NOT_DI_JSON);
      throw err;
    }
    insertMany(pending);
    if (structures === 0 && services > 0) {
      throw new ImportFileError(
        'Ce fichier ne contient que des services data·inclusion : envoyez-les avec leurs structures, {"structures": […], "services": […]}.',
      );
    }

    const select = db.prepare(`SELECT payload FROM temp.${table} WHERE structure_id = ? ORDER BY line`).pluck();
    const remove = db.prepare(`DELETE FROM temp.${table} WHERE structure_id = ?`);
    for await (const record of jsonRecords(readText(path, detected))) {
      if (!known(record.group)) continue;
      if ('error' in record) {
        yield { line: record.line, issues: [{ field: 'json', message: record.error }] };
        continue;
      }
      const value = record.value;
      if (record.group === 'services' || (record.group === null && isDiService(value))) {
        if (!isDiService(value))
          yield { line: record.line, issues: [{ field: 'structure_id', message: 'Service sans structure_id : ignoré' }] };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { line: record.line, issues: [{ field: 'json', message: 'Cet enregistrement n’est pas un objet JSON' }] };
        continue;
      }
      const id = String((value as { id?: unknown }).id ?? '');
      const own = (select.all(id) as string[]).map((p) => JSON.parse(p) as DiService);
      if (own.length > 0) remove.run(id);
      yield { row: new DataInclusionRow(record.line, value as Record<string, unknown>, own, { defaultType: options.defaultType }) };
    }
    const orphans = db.prepare(`SELECT count(*) FROM temp.${table}`).pluck().get() as number;
    if (orphans > 0) ctx.warnings.push(`${orphans} service(s) rattaché(s) à aucune structure du fichier : ignoré(s).`);
  } finally {
    db.exec(`DROP TABLE IF EXISTS temp.${table}`);
  }
}

/**
 * Imports a file already received (see source.ts): every row is created, updated, left
 * unchanged or rejected with its reasons; a rejected row never stops the others. Throws
 * ImportFileError when the file as a whole cannot be read (not a CSV, no header, not JSON).
 */
export async function runImport(
  deps: ImportDeps,
  file: { path: string; detected: DetectedEncoding },
  options: ImportOptions,
): Promise<ImportReport> {
  const started = performance.now();
  const importer = new Importer(deps, options);
  const ctx: ReadContext = { ignored: new Set(), warnings: [] };
  const items =
    options.format === 'csv' ? csvItems(file.path, file.detected, ctx) : dataInclusionItems(deps, file.path, file.detected, options, ctx);
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  let batch: RowItem[] = [];
  let rows = 0;
  await withPageCache(deps.db, IMPORT_PAGE_CACHE_MB, async () => {
    for await (const item of items) {
      batch.push(item);
      if (batch.length >= batchSize) {
        importer.processBatch(batch);
        rows += batch.length;
        batch = [];
        options.onBatch?.(rows);
      }
    }
    importer.processBatch(batch);
    options.onBatch?.(rows + batch.length);
  });
  const { report } = importer;
  return {
    import_id: report.summary.created + report.summary.updated > 0 ? importer.importId : null,
    dry_run: options.dryRun,
    format: options.format,
    encoding: file.detected.encoding,
    bom: file.detected.bom,
    ...(ctx.delimiter ? { delimiter: ctx.delimiter } : {}),
    summary: report.summary,
    details: report.summarised ? 'rejected' : 'all',
    rows: report.rows,
    rows_omitted: report.omitted,
    ignored_columns: [...ctx.ignored],
    warnings: ctx.warnings,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Who may read an import's summary: administrators and curators; a relais when they ran it, or
 * when every actor it wrote is within their départements (now). 404 when it wrote nothing.
 */
export function assertMayReadImport(deps: ImportDeps, user: UserRecord, importId: string): ImportSummaryRecord {
  const queries = importQueries(deps.db);
  const summary = queries.importSummary(importId);
  if (!summary) throw new ApiError('not_found', 'Cet import n’existe pas (ou n’a rien écrit).');
  if (user.role === 'admin' || user.role === 'curateur') return summary;
  if (user.role === 'relais' && summary.authorId === user.id) return summary;
  let after = 0;
  for (;;) {
    const batch = queries.listImportRevisions(importId, after, IMPORT_BATCH_SIZE);
    if (batch.length === 0) return summary;
    for (const revision of batch) {
      const actor = deps.actors.findActorById(revision.entityId);
      if (!actor || !mayHandle(user, reachOf(actorToInput(actor)))) {
        throw new ApiError('forbidden', 'Cet import touche des fiches qui ne relèvent pas de vos départements.');
      }
    }
    after = (batch[batch.length - 1] as { id: number }).id;
  }
}

/**
 * Undoes an import: every actor it created is archived, every actor it updated goes back to its
 * content before the import (a `revert` revision; the history keeps everything). An actor changed
 * since the import is left alone and reported, unless `force`. Running it twice changes nothing.
 */
export function revertImport(
  deps: ImportDeps,
  importId: string,
  author: ImportAuthor,
  options: { force?: boolean; details?: 'all' | 'auto' } = {},
): RevertReport {
  const queries = importQueries(deps.db);
  if (!queries.importSummary(importId)) throw new ApiError('not_found', 'Cet import n’existe pas (ou n’a rien écrit).');
  const revisions = revisionRepository(deps.db);
  const unrestricted = author.user.role === 'admin' || author.user.role === 'curateur';
  const note = `Annulation de l’import ${importId}`;
  const summary = { reverted: 0, archived: 0, skipped: 0 };
  let items: RevertItem[] = [];
  let omitted = 0;
  let summarised = false;
  const add = (item: RevertItem) => {
    summary[item.action]++;
    if (options.details === 'all' || (!summarised && items.length < AUTO_DETAILS_LIMIT)) {
      items.push(item);
      return;
    }
    if (!summarised) {
      summarised = true;
      const kept = items.filter((i) => i.action === 'skipped');
      omitted += items.length - kept.length;
      items = kept;
    }
    if (item.action === 'skipped' && items.length < MAX_REPORTED_ROWS) items.push(item);
    else omitted++;
  };
  const modified = 'Modifiée depuis l’import : voyez son historique, ou relancez avec force=true';

  const revertOne = (revision: {
    id: number;
    entityId: number;
    snapshot: unknown;
    changes: { path: string; before: unknown; after: unknown }[];
  }) => {
    const actor = deps.actors.findActorById(revision.entityId);
    if (!actor) return add({ id: revision.entityId, slug: '', action: 'skipped', reason: 'Fiche introuvable' });
    const skip = (reason: string) => add({ id: actor.id, slug: actor.slug, action: 'skipped', reason });
    const current = actorToInput(actor);
    if (!unrestricted) {
      try {
        assertMayWrite(author.user, reachOf(current), reachOf(current));
      } catch (err) {
        if (err instanceof ApiError) return skip(err.message);
        throw err;
      }
    }
    const untouched = diffSnapshots(current, revision.snapshot).length === 0;
    const signature = { authorId: author.authorId, authorLabel: author.label, note };
    if (revision.changes.length === 0) {
      // Created by the import: archived (never deleted: the history stays readable).
      if (actor.status === 'archived') return skip('Déjà archivée');
      if (!untouched && !options.force) return skip(modified);
      deps.actors.setActorStatus(actor.id, 'archived');
      revisions.recordRevision({ entity: 'actor', entityId: actor.id, action: 'archive', snapshot: current, ...signature });
      return add({ id: actor.id, slug: actor.slug, action: 'archived' });
    }
    const before = CreateActorInputSchema.safeParse(snapshotBefore(revision.snapshot, revision.changes));
    if (!before.success) return skip('La version d’avant l’import est illisible');
    if (!unrestricted) {
      // The version put back must stay within the relais's départements too (the import may have moved it in).
      try {
        assertMayWrite(author.user, reachOf(current), reachOf(before.data));
      } catch (err) {
        if (err instanceof ApiError) return skip(err.message);
        throw err;
      }
    }
    if (diffSnapshots(current, storedForm(before.data, before.data.slug ?? actor.slug)).length === 0)
      return skip('Déjà revenue à sa version d’avant l’import');
    if (!untouched && !options.force) return skip(modified);
    try {
      const saved = deps.db.transaction(() => {
        const restored = deps.actors.replaceActor(actor.id, before.data);
        revisions.recordRevision({
          entity: 'actor',
          entityId: actor.id,
          action: 'revert',
          snapshot: actorToInput(restored),
          previous: current,
          revertedTo: queries.previousRevisionId(actor.id, revision.id),
          ...signature,
        });
        return restored;
      })();
      return add({ id: saved.id, slug: saved.slug, action: 'reverted' });
    } catch (err) {
      if (err instanceof SlugConflictError) return skip(`L’identifiant d’avant l’import, « ${err.slug} », est repris par une autre fiche`);
      if (err instanceof ActorValidationError) return skip('La version d’avant l’import n’est plus valide (code de territoire inconnu)');
      throw err;
    }
  };

  let after = 0;
  for (;;) {
    const batch = queries.listImportRevisions(importId, after, IMPORT_BATCH_SIZE);
    if (batch.length === 0) break;
    deps.db.transaction(() => {
      for (const revision of batch) revertOne(revision);
    })();
    after = (batch[batch.length - 1] as { id: number }).id;
  }
  return { import_id: importId, summary, details: summarised ? 'skipped' : 'all', actors: items, actors_omitted: omitted };
}
