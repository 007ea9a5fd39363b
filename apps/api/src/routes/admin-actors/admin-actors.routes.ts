import { createRoute, z } from '@hono/zod-openapi';
import {
  AdminActorListSchema,
  AdminActorSchema,
  AdminActorsQuerySchema,
  CreateAdminActorInputSchema,
  DuplicateListSchema,
  DuplicatesQuerySchema,
  ForceQuerySchema,
  GeocodeQuerySchema,
  GeocodeResultSchema,
  IdParamSchema,
  RevisionListSchema,
  UpdateActorInputSchema,
} from '@pare/schema';
import { EDITORS, guard } from '../../lib/policy.ts';
import { errorResponse, guardErrors } from './admin-guard.ts';

const tags = ['Back-office : acteurs'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const actor = json(AdminActorSchema, 'La fiche complète, champs privés compris');
const invalid = errorResponse('Champ invalide : `issues` nomme chaque champ en cause');
const unknown = errorResponse('Fiche inconnue');

export const listAdminActorsRoute = createRoute({
  method: 'get',
  path: '/admin/actors',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Lister les fiches (archivées comprises)',
  description:
    'Filtres : `q`, `departement`, `status`, `stale=true` (à revérifier : non vérifiée depuis 12 mois). Un relais ne voit que ses départements.',
  request: { query: AdminActorsQuerySchema },
  responses: { 200: json(AdminActorListSchema, 'Une page de fiches'), 400: invalid, ...guardErrors },
});

export const duplicatesRoute = createRoute({
  method: 'get',
  path: '/admin/actors/duplicates',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Doublons probables',
  description: 'Même SIRET, même site web, même téléphone, ou nom très proche (≥ 0,8) dans la même commune ou le même département.',
  request: { query: DuplicatesQuerySchema },
  responses: { 200: json(DuplicateListSchema, 'Les fiches semblables'), 400: invalid, ...guardErrors },
});

export const geocodeRoute = createRoute({
  method: 'get',
  path: '/admin/geocode',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Centre d’une commune (aperçu cartographique)',
  request: { query: GeocodeQuerySchema },
  responses: { 200: json(GeocodeResultSchema, 'La commune et son centre'), 400: invalid, ...guardErrors },
});

export const createAdminActorRoute = createRoute({
  method: 'post',
  path: '/admin/actors',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Créer une fiche',
  description: 'Répond 409 `conflict` avec les doublons probables dans `issues`, sauf avec `?force=true` ou `confirm_duplicates: true`.',
  request: { query: ForceQuerySchema, ...body(CreateAdminActorInputSchema) },
  responses: { 201: actor, 400: invalid, ...guardErrors, 409: errorResponse('Doublons probables, ou identifiant déjà pris') },
});

export const getAdminActorRoute = createRoute({
  method: 'get',
  path: '/admin/actors/{id}',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Une fiche complète (e-mail du référent, adresses confidentielles)',
  request: { params: IdParamSchema },
  responses: { 200: actor, ...guardErrors, 404: unknown },
});

export const updateAdminActorRoute = createRoute({
  method: 'patch',
  path: '/admin/actors/{id}',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Modifier une fiche',
  description:
    'Les champs donnés remplacent ceux de la fiche (`provenance` champ par champ) ; le tout est validé, et une révision garde la différence.',
  request: { params: IdParamSchema, ...body(UpdateActorInputSchema) },
  responses: { 200: actor, 400: invalid, ...guardErrors, 404: unknown, 409: errorResponse('Identifiant déjà pris') },
});

const action = <P extends string>(path: P, summary: string) =>
  createRoute({
    method: 'post',
    path,
    tags,
    middleware: guard(...EDITORS),
    summary,
    request: { params: IdParamSchema },
    responses: { 200: actor, ...guardErrors, 404: unknown },
  });

export const archiveRoute = action('/admin/actors/{id}/archive', 'Archiver (retirer de l’annuaire public)');
export const restoreRoute = action('/admin/actors/{id}/restore', 'Remettre en ligne');
export const verifyRoute = action('/admin/actors/{id}/verify', 'Marquer comme vérifiée aujourd’hui');

export const revisionsRoute = createRoute({
  method: 'get',
  path: '/admin/actors/{id}/revisions',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Historique d’une fiche',
  request: { params: IdParamSchema },
  responses: { 200: json(RevisionListSchema, 'Les révisions, la plus récente d’abord'), ...guardErrors, 404: unknown },
});

export const revertRoute = createRoute({
  method: 'post',
  path: '/admin/actors/{id}/revisions/{revisionId}/revert',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Revenir à une version',
  request: {
    params: IdParamSchema.extend({
      revisionId: z
        .string()
        .regex(/^\d{1,12}$/, 'Identifiant numérique attendu')
        .transform(Number),
    }),
  },
  responses: {
    200: actor,
    400: invalid,
    ...guardErrors,
    404: errorResponse('Fiche ou version inconnue'),
    409: errorResponse('Identifiant repris entre-temps'),
  },
});
