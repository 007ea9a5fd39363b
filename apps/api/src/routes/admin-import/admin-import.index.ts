import { type ActorType, ImportQuerySchema, RejectedLinesQuerySchema } from '@pare/schema';
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type { AppEnv } from '../../lib/context.ts';
import { createRouter } from '../../lib/create-router.ts';
import { ApiError, validationError, zodIssues } from '../../lib/errors.ts';
import { guard } from '../../lib/policy.ts';
import { authorLabel } from '../../services/curation.ts';
import { runImportApart } from '../../services/import/apart.ts';
import { revertImport } from '../../services/import/executor.ts';
import { importSummaryView } from '../../services/import/read-access.ts';
import { importTemplateCsv, rejectedLinesCsv } from '../../services/import/rejected-lines.ts';
import type { ImportFormat } from '../../services/import/report.ts';
import { ImportFileError, MAX_IMPORT_BYTES, spoolBody, tooLargeMessage } from '../../services/import/source.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import { getImportRoute, importRoute, importTemplateRoute, rejectedLinesRoute, revertImportRoute } from './admin-import.routes.ts';

/** The roles that import: curators, and territorial relays for their own départements. */
const IMPORTERS = ['admin', 'curateur', 'relais'] as const;

/**
 * The import route reads its own body (up to 100 MB, counted as it arrives): app.ts must let it
 * past the general 64 KiB limit of /api/*, as it does for the resource upload.
 */
export function isImportPath(path: string): boolean {
  return path === '/api/admin/import' || path === '/api/admin/import/rejected';
}

const fileIssue = (message: string) => [{ path: 'file', message }];
type SpooledFile = Awaited<ReturnType<typeof spoolBody>>;

function formatOf(query: ImportFormat | undefined, contentType: string): ImportFormat {
  if (/^multipart\//i.test(contentType)) {
    throw validationError(
      fileIssue(
        'Envoyez le fichier lui-même comme corps de la requête (Content-Type text/csv ou application/json), pas un formulaire multipart.',
      ),
    );
  }
  if (query) return query;
  if (/^(text\/csv|application\/csv|text\/plain|application\/vnd\.ms-excel)\b/i.test(contentType)) return 'csv';
  if (/^application\/json\b/i.test(contentType)) return 'data-inclusion';
  throw validationError([
    { path: 'format', message: 'Indiquez format=csv ou format=data-inclusion (ou un Content-Type text/csv ou application/json)' },
  ]);
}

/**
 * The request's body (the file) spooled to a temporary file as it arrives, 100 MB at most (a
 * larger declared length is refused before reading); `use` reads it; the file is removed after.
 */
async function withSpooledFile<R extends Response>(c: Context<AppEnv>, use: (file: SpooledFile) => Promise<R>): Promise<R> {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (declared > MAX_IMPORT_BYTES)
    throw new ApiError('payload_too_large', tooLargeMessage(MAX_IMPORT_BYTES), fileIssue(tooLargeMessage(MAX_IMPORT_BYTES)));
  let file: SpooledFile | undefined;
  try {
    file = await spoolBody(c.req.raw.body);
    return await use(file);
  } catch (err) {
    if (err instanceof ImportFileError) {
      throw new ApiError(err.tooLarge ? 'payload_too_large' : 'validation_error', err.message, fileIssue(err.message));
    }
    throw err;
  } finally {
    file?.dispose();
  }
}

const router = createRouter();
router.openAPIRegistry.registerPath(importRoute);
router.openAPIRegistry.registerPath(rejectedLinesRoute);

const csvAttachment = (name: string) => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${name}"`,
});

// The refused lines of a CSV, to fix and import again: a dry run, then the lines it refused with a « motif ».
router.post('/admin/import/rejected', ...guard(...IMPORTERS), async (c) => {
  const query = RejectedLinesQuerySchema.safeParse(c.req.query());
  if (!query.success) throw validationError(zodIssues(query.error));
  if (formatOf(undefined, c.req.header('content-type') ?? 'text/csv') !== 'csv') {
    throw validationError(fileIssue('Seul un fichier CSV a des lignes à réimporter : envoyez le fichier CSV (Content-Type text/csv).'));
  }
  const user = currentEditor(c);
  return withSpooledFile(c, async (file) => {
    const report = await runImportApart(c.var, file, {
      format: 'csv',
      dryRun: true,
      details: 'rejected',
      defaultType: query.data.type as ActorType | undefined,
      author: { user, authorId: user.id, label: authorLabel(user) },
    });
    const csv = await rejectedLinesCsv(file, report);
    return c.body(csv, 200, csvAttachment('lignes-refusees.csv'));
  });
});

/** The import's query, checked after the role (a refused request is answered before its body is read). */
const importQuery = validator('query', (_value, c) => {
  const query = ImportQuerySchema.safeParse(c.req.query());
  if (!query.success) throw validationError(zodIssues(query.error));
  return query.data;
});

export const adminImportRouter = router
  // Before `{importId}`, which « modele.csv » does not match anyway.
  .openapi(importTemplateRoute, (c) => c.body(importTemplateCsv(), 200, csvAttachment('modele-import-pare.csv')))
  .openapi(getImportRoute, (c) => c.json(importSummaryView(c.var, currentEditor(c), c.req.valid('param').importId), 200))
  .openapi(revertImportRoute, (c) => {
    const user = currentEditor(c);
    const { force, details } = c.req.valid('query');
    const report = revertImport(
      c.var,
      c.req.valid('param').importId,
      { user, authorId: user.id, label: authorLabel(user) },
      {
        force: force ?? false,
        details: details ?? 'auto',
      },
    );
    return c.json(report, 200);
  })
  // The role check comes first, so a refused request is answered before its body is read.
  .post('/admin/import', ...guard(...IMPORTERS), importQuery, async (c) => {
    const query = c.req.valid('query');
    const format = formatOf(query.format, c.req.header('content-type') ?? '');
    const user = currentEditor(c);
    // In a worker thread: the server keeps answering while the file is written (services/import/apart.ts).
    return withSpooledFile(c, async (file) => {
      const report = await runImportApart(c.var, file, {
        format,
        dryRun: query.dry_run ?? false,
        details: query.details ?? 'auto',
        defaultType: query.type as ActorType | undefined,
        author: { user, authorId: user.id, label: authorLabel(user) },
      });
      return c.json(report, 200);
    });
  });
