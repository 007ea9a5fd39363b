import { createRoute, z } from '@hono/zod-openapi';
import {
  ImportIdParamSchema,
  ImportQuerySchema,
  ImportReportSchema,
  ImportSummarySchema,
  QueryFlagSchema,
  RevertReportSchema,
} from '@pare/schema';
import { guard } from '../../lib/policy.ts';
import { errorResponse, guardErrors } from '../admin-actors/admin-guard.ts';

const tags = ['Back-office : import'];
/** Curators, and territorial relays for the actors of their départements. */
const IMPORTERS = guard('admin', 'curateur', 'relais');

const fileError = errorResponse('Fichier illisible : vide, pas un CSV ni un JSON, sans colonne « nom »…');

/** Documented with registerPath: the body is the raw file, read as a stream by a plain handler. */
export const importRoute = createRoute({
  method: 'post',
  path: '/admin/import',
  tags,
  summary: 'Importer des acteurs (CSV ou data·inclusion)',
  description:
    'Le corps de la requête est le fichier lui-même (pas de multipart), 100 Mo au plus : `text/csv` (l’export CSV, séparateur `,` `;` ou tabulation, UTF-8 ou Windows-1252 détectés) ou `application/json` (data·inclusion : tableau de structures, ou `{"structures": […], "services": […]}`). Chaque ligne est validée seule : créée, mise à jour, inchangée ou refusée avec ses raisons ; une ligne refusée n’empêche jamais les autres. Un acteur est retrouvé par slug, puis id de l’export (si le nom concorde), SIRET, nom + commune. Un relais n’importe que des acteurs de ses départements. Voir docs/import.md.',
  request: {
    query: ImportQuerySchema,
    body: {
      required: true,
      content: {
        'text/csv': { schema: z.string() },
        'application/json': { schema: z.unknown() },
      },
    },
  },
  responses: {
    200: { description: 'Le rapport ligne par ligne', content: { 'application/json': { schema: ImportReportSchema } } },
    400: fileError,
    ...guardErrors,
    413: errorResponse('Fichier de plus de 100 Mo'),
  },
});

export const revertImportRoute = createRoute({
  method: 'post',
  path: '/admin/import/{importId}/revert',
  tags,
  middleware: IMPORTERS,
  summary: 'Annuler un import',
  description:
    'Les fiches créées par l’import sont archivées, les fiches modifiées reviennent à leur version d’avant l’import (une révision « retour » chacune). Une fiche modifiée depuis l’import est laissée telle quelle et signalée, sauf avec `force=true`.',
  request: {
    params: ImportIdParamSchema,
    query: z.object({ force: QueryFlagSchema, details: z.enum(['all', 'auto']).optional() }),
  },
  responses: {
    200: { description: 'Ce qui a été annulé', content: { 'application/json': { schema: RevertReportSchema } } },
    ...guardErrors,
    404: errorResponse('Import inconnu'),
  },
});

export const getImportRoute = createRoute({
  method: 'get',
  path: '/admin/import/{importId}',
  tags,
  middleware: IMPORTERS,
  summary: 'Un import : auteur, date, fiches créées et modifiées',
  request: { params: ImportIdParamSchema },
  responses: {
    200: { description: 'Le résumé', content: { 'application/json': { schema: ImportSummarySchema } } },
    ...guardErrors,
    404: errorResponse('Import inconnu'),
  },
});

export const importTemplateRoute = createRoute({
  method: 'get',
  path: '/admin/import/modele.csv',
  tags,
  middleware: IMPORTERS,
  summary: 'Modèle CSV à remplir : les titres de colonnes en français que l’import lit',
  responses: {
    200: { description: 'La ligne de titres (UTF-8, séparateur `;`)', content: { 'text/csv': { schema: z.string() } } },
    ...guardErrors,
  },
});

/** Documented with registerPath: the body is the raw file, as for the import itself. */
export const rejectedLinesRoute = createRoute({
  method: 'post',
  path: '/admin/import/rejected',
  tags,
  summary: 'Les lignes refusées d’un fichier CSV, à corriger puis réimporter',
  description:
    'Le corps est le fichier CSV (comme pour l’import). Rien n’est écrit : un essai est fait, puis les lignes refusées reviennent avec les colonnes du fichier et une colonne « motif » (ignorée à l’import) qui dit pourquoi.',
  request: {
    query: ImportQuerySchema.pick({ type: true }),
    body: { required: true, content: { 'text/csv': { schema: z.string() } } },
  },
  responses: {
    200: { description: 'Les lignes refusées (UTF-8, le séparateur du fichier)', content: { 'text/csv': { schema: z.string() } } },
    400: fileError,
    ...guardErrors,
    413: errorResponse('Fichier de plus de 100 Mo'),
  },
});
