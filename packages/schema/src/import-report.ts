/**
 * What an import and its revert answer (`POST /api/admin/import`, `…/{importId}/revert`): types
 * only, shared by the API (which documents them with zod in routes/admin-import) and the back
 * office's import page.
 */

/** A cell or a row that could not be taken, named as the file names it. */
export type RowIssue = { field: string; message: string };

export type ImportFormat = 'csv' | 'data-inclusion';
export type RowAction = 'created' | 'updated' | 'unchanged' | 'rejected';
export type MatchedBy = 'slug' | 'id' | 'siret' | 'nom-commune';

export type RowReport = {
  /** Line of the file the row starts on (the CSV header is line 1; for JSON, the line of the record's `{`). */
  row: number;
  action: RowAction;
  slug?: string;
  id?: number;
  /** How the existing entry was found. */
  matched_by?: MatchedBy;
  /** The same actor appears on this earlier line of the file. */
  duplicate_of?: number;
  /** What an update changes (input-form paths, as in the history). */
  changes?: string[];
  issues?: RowIssue[];
  warnings?: string[];
};

export type ImportSummary = { created: number; updated: number; unchanged: number; rejected: number };

export type ImportReport = {
  /** Null for a dry run; otherwise what `POST /api/admin/import/{importId}/revert` takes. */
  import_id: string | null;
  dry_run: boolean;
  format: ImportFormat;
  encoding: string;
  bom: boolean;
  delimiter?: string;
  summary: ImportSummary;
  /** `all`: one entry per row; `rejected`: only the rejected rows (large files, unless `details=all`). */
  details: 'all' | 'rejected';
  rows: RowReport[];
  /** Rows counted in `summary` but not listed in `rows`. */
  rows_omitted: number;
  /** Columns (CSV) or keys (JSON) the import does not read. */
  ignored_columns: string[];
  warnings: string[];
  ms: number;
};

export type RevertItem = { id: number; slug: string; action: 'reverted' | 'archived' | 'skipped'; reason?: string };

export type RevertReport = {
  import_id: string;
  summary: { reverted: number; archived: number; skipped: number };
  details: 'all' | 'skipped';
  actors: RevertItem[];
  actors_omitted: number;
};
