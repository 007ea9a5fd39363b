import {
  ImportFileSchema,
  ImportIdParamSchema,
  ImportQuerySchema,
  ImportReportSchema,
  ImportSummarySchema,
  RejectedLinesQuerySchema,
  RevertImportQuerySchema,
  RevertReportSchema,
} from '@pare/schema';
import { answers, errorResponse, guardErrors, jsonResponse, routeGroup, textContent, textResponse } from '../../lib/openapi.ts';
import { guard } from '../../lib/policy.ts';

const tags = ['Back-office : import'];
/** Curators, and territorial relays for the actors of their départements. */
const IMPORTERS = guard('admin', 'curateur', 'relais');
const importerRoute = routeGroup({ tags, middleware: IMPORTERS, errors: guardErrors });
/** The routes whose body is the file: documented with registerPath, their guard in the plain handler. */
const fileRoute = routeGroup({ tags, errors: guardErrors });

const fileError = errorResponse('Fichier illisible : vide, pas un CSV ni un JSON, sans colonne « nom »…');

/** Documented with registerPath: the body is the raw file, read as a stream by a plain handler. */
export const importRoute = fileRoute('post', '/admin/import', 'Importer des acteurs (CSV ou data·inclusion)', {
  description:
    'Le corps de la requête est le fichier lui-même (pas de multipart), 100 Mo au plus : `text/csv` (l’export CSV, séparateur `,` `;` ou tabulation, UTF-8 ou Windows-1252 détectés) ou `application/json` (data·inclusion : tableau de structures, ou `{"structures": […], "services": […]}`). Chaque ligne est validée seule : créée, mise à jour, inchangée ou refusée avec ses raisons ; une ligne refusée n’empêche jamais les autres. Un acteur est retrouvé par slug, puis id de l’export (si le nom concorde), SIRET, nom + commune. Un relais n’importe que des acteurs de ses départements. Voir docs/import.md.',
  request: {
    query: ImportQuerySchema,
    body: {
      required: true,
      content: { ...textContent('text/csv'), 'application/json': { schema: ImportFileSchema } },
    },
  },
  responses: {
    200: jsonResponse(ImportReportSchema, 'Le rapport ligne par ligne'),
    400: fileError,
    413: errorResponse('Fichier de plus de 100 Mo'),
  },
});

export const revertImportRoute = importerRoute('post', '/admin/import/{importId}/revert', 'Annuler un import', {
  description:
    'Les fiches créées par l’import sont archivées, les fiches modifiées reviennent à leur version d’avant l’import (une révision « retour » chacune). Une fiche modifiée depuis l’import est laissée telle quelle et signalée, sauf avec `force=true`.',
  request: {
    params: ImportIdParamSchema,
    query: RevertImportQuerySchema,
  },
  responses: answers(RevertReportSchema, 'Ce qui a été annulé', { 404: 'Import inconnu' }),
});

export const getImportRoute = importerRoute('get', '/admin/import/{importId}', 'Un import : auteur, date, fiches créées et modifiées', {
  request: { params: ImportIdParamSchema },
  responses: answers(ImportSummarySchema, 'Le résumé', { 404: 'Import inconnu' }),
});

export const importTemplateRoute = importerRoute(
  'get',
  '/admin/import/modele.csv',
  'Modèle CSV à remplir : les titres de colonnes en français que l’import lit',
  {
    responses: {
      200: textResponse('text/csv', 'La ligne de titres (UTF-8, séparateur `;`)'),
    },
  },
);

/** Documented with registerPath: the body is the raw file, as for the import itself. */
export const rejectedLinesRoute = fileRoute(
  'post',
  '/admin/import/rejected',
  'Les lignes refusées d’un fichier CSV, à corriger puis réimporter',
  {
    description:
      'Le corps est le fichier CSV (comme pour l’import). Rien n’est écrit : un essai est fait, puis les lignes refusées reviennent avec les colonnes du fichier et une colonne « motif » (ignorée à l’import) qui dit pourquoi.',
    request: {
      query: RejectedLinesQuerySchema,
      body: { required: true, content: textContent('text/csv') },
    },
    responses: {
      200: textResponse('text/csv', 'Les lignes refusées (UTF-8, le séparateur du fichier)'),
      400: fileError,
      413: errorResponse('Fichier de plus de 100 Mo'),
    },
  },
);
