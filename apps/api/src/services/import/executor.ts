/**
 * Runs an import: the readers (readers.ts) read the file row by row, the importer (importer.ts)
 * handles the rows 500 at a time — one transaction per batch unless it is a dry run — and the
 * report (report.ts) lists what became of each. The revert is in revert.ts.
 */
import { withPageCache } from '@pare/db';
import { Importer, type RowItem } from './importer.ts';
import { IMPORT_BATCH_SIZE, IMPORT_PAGE_CACHE_MB, type ImportDeps, type ImportOptions } from './options.ts';
import { csvItems, dataInclusionItems, type ReadContext } from './readers.ts';
import type { ImportReport } from './report.ts';
import type { DetectedEncoding } from './source.ts';

export * from './options.ts';
export { assertMayReadImport } from './read-access.ts';
export { AUTO_DETAILS_LIMIT, MAX_REPORTED_ROWS } from './report.ts';
export { revertImport } from './revert.ts';

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
    rows: report.items,
    rows_omitted: report.omitted,
    ignored_columns: [...ctx.ignored],
    warnings: ctx.warnings,
    ms: Math.round(performance.now() - started),
  };
}
