/** What an import is asked and answers (`POST /api/admin/import`, its revert and summary). */
import { z } from 'zod';
import { ACTOR_TYPES } from './codes.ts';

/** A yes/no query flag: `true`, `false`, `1` or `0`. */
export const QueryFlagSchema = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const ImportQuerySchema = z.object({
  format: z
    .enum(['csv', 'data-inclusion'])
    .optional()
    .meta({ description: 'Par défaut : d’après le Content-Type (`text/csv` → csv, `application/json` → data-inclusion)' }),
  dry_run: QueryFlagSchema.meta({ description: '`true` : rien n’est écrit, le rapport dit ce qui serait fait' }),
  details: z
    .enum(['all', 'rejected', 'auto'])
    .optional()
    .meta({ description: '`auto` (défaut) : toutes les lignes jusqu’à 1 000, au-delà les seules lignes refusées ; `all` : toutes' }),
  type: z.enum(ACTOR_TYPES).optional().meta({ description: 'data·inclusion : type des nouveaux acteurs dont la structure ne le dit pas' }),
});

/** Only the type of new entries: the refused lines of a CSV (`/admin/import/rejected`). */
export const RejectedLinesQuerySchema = ImportQuerySchema.pick({ type: true });

/** The file itself as the body: a CSV, or data·inclusion's JSON. */
export const ImportFileSchema = z.unknown();

export const RevertImportQuerySchema = z.object({ force: QueryFlagSchema, details: z.enum(['all', 'auto']).optional() });

export const ImportIdParamSchema = z.object({
  importId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'Identifiant d’import invalide'),
});

const IssueSchema = z.object({
  field: z.string().meta({ description: 'La colonne (CSV) ou le champ (JSON) en cause' }),
  message: z.string(),
});

export const ImportReportSchema = z
  .object({
    import_id: z.string().nullable().meta({ description: 'À donner à /revert ; null pour un essai ou quand rien n’a été écrit' }),
    dry_run: z.boolean(),
    format: z.enum(['csv', 'data-inclusion']),
    encoding: z.string().meta({ description: '`utf-8`, `windows-1252`, `utf-16le` ou `utf-16be` : détecté' }),
    bom: z.boolean(),
    delimiter: z.string().optional(),
    summary: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() }),
    details: z.enum(['all', 'rejected']),
    rows: z.array(
      z.object({
        row: z.number().int().meta({ description: 'Ligne du fichier où commence l’enregistrement (en-tête CSV = 1)' }),
        action: z.enum(['created', 'updated', 'unchanged', 'rejected']),
        slug: z.string().optional(),
        id: z.number().int().optional(),
        matched_by: z.enum(['slug', 'id', 'siret', 'nom-commune']).optional(),
        duplicate_of: z.number().int().optional(),
        changes: z.array(z.string()).optional(),
        issues: z.array(IssueSchema).optional(),
        warnings: z.array(z.string()).optional(),
      }),
    ),
    rows_omitted: z.number().int(),
    ignored_columns: z.array(z.string()),
    warnings: z.array(z.string()),
    ms: z.number().int(),
  })
  .meta({ id: 'ImportReport' });

export const RevertReportSchema = z
  .object({
    import_id: z.string(),
    summary: z.object({ reverted: z.number().int(), archived: z.number().int(), skipped: z.number().int() }),
    details: z.enum(['all', 'skipped']),
    actors: z.array(
      z.object({
        id: z.number().int(),
        slug: z.string(),
        action: z.enum(['reverted', 'archived', 'skipped']),
        reason: z.string().optional(),
      }),
    ),
    actors_omitted: z.number().int(),
  })
  .meta({ id: 'ImportRevertReport' });

export const ImportSummarySchema = z
  .object({
    import_id: z.string(),
    created_at: z.string(),
    author: z.string().nullable(),
    actors: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
  })
  .meta({ id: 'ImportSummary' });
export type ImportSummaryView = z.infer<typeof ImportSummarySchema>;
