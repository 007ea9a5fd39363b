/**
 * The import of one file, row by row: finds the entry each row describes, validates the result
 * with the shared schema, checks the author's rights and — unless it is a dry run — writes it
 * with its one `import` revision. The rows come from the readers (readers.ts).
 */
import { hash, randomBytes } from 'node:crypto';
import {
  type ActorRecord,
  ActorValidationError,
  actorToInput,
  diffSnapshots,
  importQueries,
  resolveActorGeography,
  revisionRepository,
  SlugConflictError,
  sortKey,
} from '@pare/db';
import { type CreateActorInput, CreateActorInputSchema } from '@pare/schema';
import type { ImportDeps, ImportOptions } from './options.ts';
import { type ActorPatch, applyPatch, type FieldNames, fieldOfPath, type RowIdentity, storedForm } from './patch.ts';
import { isUnrestricted, writeRefusal } from './reach.ts';
import { importReportRows, type MatchedBy, type RowReport } from './report.ts';
import type { RowIssue } from './values.ts';

/** A row of either format, read lazily. */
export type ImportRow = {
  line: number;
  names: FieldNames;
  identity(): RowIdentity;
  sameName(existingName: string): boolean;
  patch(existing: ActorRecord | null): ActorPatch;
};
export type RowItem = { row: ImportRow } | { line: number; issues: RowIssue[] };

/**
 * 48 bits of SHA-1: fingerprints of keys and contents to find duplicates within a file, in little
 * memory. `hash` is node's one-shot form: no Hash object a call (2.8 % of an import of 100,000 rows).
 */
function fingerprint(s: string): number {
  return Number.parseInt(hash('sha1', s, 'hex').slice(0, 12), 16);
}

/** The import of one file. */
export class Importer {
  readonly importId: string | null;
  private readonly queries;
  private readonly revisions;
  /** Fingerprint of an actor's key (`a:<id>`, `s:<slug>`, `n:<name>|<commune>`) → the row that wrote it, and its content's fingerprint. */
  private readonly seen = new Map<number, { row: number; content: number }>();
  readonly report: ReturnType<typeof importReportRows>;
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
    this.report = importReportRows(options.details ?? 'auto');
    this.unrestricted = isUnrestricted(options.author.user);
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

    const refusal = this.unrestricted ? null : writeRefusal(this.options.author.user, base, input);
    if (refusal) return reject([{ field: fieldOfPath('territory.departements', raw, row.names), message: refusal }], found);

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
      const saved = this.write(existing, input, geography);
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
  private write(
    existing: ActorRecord | null,
    input: CreateActorInput,
    geography: ReturnType<typeof resolveActorGeography>,
  ): { id: number; slug: string; siret: string | null } {
    const { author } = this.options;
    // The revision's snapshot is the entry as stored, given by the write without reading it back.
    const saved = this.deps.actors.writeInBatch(existing?.id ?? null, input, geography);
    this.revisions.recordRevision({
      entity: 'actor',
      entityId: saved.id,
      action: 'import',
      snapshot: saved.stored,
      ...(existing ? { previous: actorToInput(existing) } : {}),
      authorId: author.authorId,
      authorLabel: author.label,
      importId: this.importId,
      note: existing ? 'Mise à jour par import' : 'Création par import',
    });
    return { id: saved.id, slug: saved.slug, siret: input.siret ?? null };
  }
}
