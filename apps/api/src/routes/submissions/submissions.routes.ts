import {
  AcceptedSubmissionSchema,
  AcceptSubmissionInputSchema,
  RejectSubmissionInputSchema,
  SubmissionDetailSchema,
  SubmissionInputSchema,
  SubmissionListSchema,
  SubmissionReceiptSchema,
  SubmissionSummarySchema,
  SubmissionsQuerySchema,
} from '@pare/schema';
import {
  editorRoutes,
  errorResponse,
  guardErrors,
  idParams,
  invalidFields,
  jsonBody,
  jsonResponse,
  routeGroup,
} from '../../lib/openapi.ts';
import { submissionBodyLimit, submissionRateLimit } from './submission-limits.ts';

const unknown = errorResponse('Proposition inconnue');
const publicRoute = routeGroup({ tags: ['Propositions'], middleware: [submissionBodyLimit(), submissionRateLimit()], errors: {} });

export const createSubmissionRoute = publicRoute('post', '/submissions', 'Proposer un acteur ou signaler une erreur (sans compte)', {
  description:
    '`kind: referencement` (un nouvel acteur : nom, type et lieu requis) ou `kind: correction` (`actor_slug`, des `changes` et/ou un `message`). Nom et e-mail de la personne (pour l’informer de la décision) et `consent: true` requis. 32 Ko au plus ; 10 demandes par heure et par adresse.',
  request: jsonBody(SubmissionInputSchema),
  responses: {
    201: jsonResponse(SubmissionReceiptSchema, 'Reçue, en attente d’examen'),
    400: invalidFields,
    403: errorResponse('Jeton CSRF manquant (personne connectée)'),
    404: errorResponse('Fiche à corriger inconnue'),
    413: errorResponse('Trop volumineuse'),
    429: errorResponse('Trop de demandes depuis cette adresse'),
  },
});

const submissionRoute = editorRoutes(['Back-office : propositions'], guardErrors);

export const listSubmissionsRoute = submissionRoute('get', '/admin/submissions', 'La file des propositions', {
  description: 'Par défaut les nouvelles, les plus anciennes d’abord. Un relais ne voit que celles de ses départements.',
  request: { query: SubmissionsQuerySchema },
  responses: { 200: jsonResponse(SubmissionListSchema, 'Une page de propositions'), 400: invalidFields },
});

export const getSubmissionRoute = submissionRoute('get', '/admin/submissions/{id}', 'Une proposition, face à la fiche actuelle', {
  request: idParams,
  responses: { 200: jsonResponse(SubmissionDetailSchema, 'La proposition et ses différences champ par champ'), 404: unknown },
});

export const acceptSubmissionRoute = submissionRoute('post', '/admin/submissions/{id}/accept', 'Accepter (tout ou partie)', {
  description:
    '`fields` : les chemins acceptés (tous si absent) ; `overrides` : les corrections du curateur par chemin. Crée ou modifie la fiche (révision liée à la proposition) et informe la personne par e-mail.',
  request: { ...idParams, ...jsonBody(AcceptSubmissionInputSchema) },
  responses: {
    200: jsonResponse(AcceptedSubmissionSchema, 'Acceptée'),
    400: invalidFields,
    404: unknown,
    409: errorResponse('Déjà traitée, ou doublons probables (confirmer avec `confirm_duplicates`)'),
  },
});

export const rejectSubmissionRoute = submissionRoute(
  'post',
  '/admin/submissions/{id}/reject',
  'Refuser, avec un motif envoyé à la personne',
  {
    request: { ...idParams, ...jsonBody(RejectSubmissionInputSchema) },
    responses: {
      200: jsonResponse(SubmissionSummarySchema, 'Refusée'),
      400: invalidFields,
      404: unknown,
      409: errorResponse('Déjà traitée'),
    },
  },
);
