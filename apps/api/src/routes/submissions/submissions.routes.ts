import { createRoute, z } from '@hono/zod-openapi';
import {
  AcceptSubmissionInputSchema,
  IdParamSchema,
  RejectSubmissionInputSchema,
  SubmissionDetailSchema,
  SubmissionInputSchema,
  SubmissionListSchema,
  SubmissionReceiptSchema,
  SubmissionSummarySchema,
  SubmissionsQuerySchema,
} from '@pare/schema';
import { EDITORS, guard } from '../../lib/policy.ts';
import { errorResponse, guardErrors } from '../admin-actors/admin-guard.ts';
import { submissionBodyLimit, submissionRateLimit } from './submission-limits.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const invalid = errorResponse('Champ invalide : `issues` nomme chaque champ en cause');
const unknown = errorResponse('Proposition inconnue');

export const createSubmissionRoute = createRoute({
  method: 'post',
  path: '/submissions',
  tags: ['Propositions'],
  middleware: [submissionBodyLimit(), submissionRateLimit()],
  summary: 'Proposer un acteur ou signaler une erreur (sans compte)',
  description:
    '`kind: referencement` (un nouvel acteur : nom, type et lieu requis) ou `kind: correction` (`actor_slug`, des `changes` et/ou un `message`). Nom et e-mail de la personne (pour l’informer de la décision) et `consent: true` requis. 32 Ko au plus ; 10 demandes par heure et par adresse.',
  request: body(SubmissionInputSchema),
  responses: {
    201: json(SubmissionReceiptSchema, 'Reçue, en attente d’examen'),
    400: invalid,
    403: errorResponse('Jeton CSRF manquant (personne connectée)'),
    404: errorResponse('Fiche à corriger inconnue'),
    413: errorResponse('Trop volumineuse'),
    429: errorResponse('Trop de demandes depuis cette adresse'),
  },
});

const tags = ['Back-office : propositions'];

export const listSubmissionsRoute = createRoute({
  method: 'get',
  path: '/admin/submissions',
  tags,
  middleware: guard(...EDITORS),
  summary: 'La file des propositions',
  description: 'Par défaut les nouvelles, les plus anciennes d’abord. Un relais ne voit que celles de ses départements.',
  request: { query: SubmissionsQuerySchema },
  responses: { 200: json(SubmissionListSchema, 'Une page de propositions'), 400: invalid, ...guardErrors },
});

export const getSubmissionRoute = createRoute({
  method: 'get',
  path: '/admin/submissions/{id}',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Une proposition, face à la fiche actuelle',
  request: { params: IdParamSchema },
  responses: { 200: json(SubmissionDetailSchema, 'La proposition et ses différences champ par champ'), ...guardErrors, 404: unknown },
});

export const acceptSubmissionRoute = createRoute({
  method: 'post',
  path: '/admin/submissions/{id}/accept',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Accepter (tout ou partie)',
  description:
    '`fields` : les chemins acceptés (tous si absent) ; `overrides` : les corrections du curateur par chemin. Crée ou modifie la fiche (révision liée à la proposition) et informe la personne par e-mail.',
  request: { params: IdParamSchema, ...body(AcceptSubmissionInputSchema) },
  responses: {
    200: json(
      z.object({
        submission: SubmissionSummarySchema,
        actor_id: z.number().int().nullable(),
        revision_id: z.number().int().nullable(),
        accepted_fields: z.array(z.string()),
      }),
      'Acceptée',
    ),
    400: invalid,
    ...guardErrors,
    404: unknown,
    409: errorResponse('Déjà traitée, ou doublons probables (confirmer avec `confirm_duplicates`)'),
  },
});

export const rejectSubmissionRoute = createRoute({
  method: 'post',
  path: '/admin/submissions/{id}/reject',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Refuser, avec un motif envoyé à la personne',
  request: { params: IdParamSchema, ...body(RejectSubmissionInputSchema) },
  responses: {
    200: json(SubmissionSummarySchema, 'Refusée'),
    400: invalid,
    ...guardErrors,
    404: unknown,
    409: errorResponse('Déjà traitée'),
  },
});
