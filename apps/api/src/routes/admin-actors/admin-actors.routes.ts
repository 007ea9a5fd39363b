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
  RevertParamSchema,
  RevisionListSchema,
  UpdateActorInputSchema,
} from '@pare/schema';
import {
  editorRoutes,
  errorResponse,
  guardErrors,
  identifierTaken,
  idParams,
  invalidFields,
  jsonBody,
  jsonResponse,
} from '../../lib/openapi.ts';

const actorRoute = editorRoutes(['Back-office : acteurs'], guardErrors);
const actor = jsonResponse(AdminActorSchema, 'La fiche complète, champs privés compris');
const unknown = errorResponse('Fiche inconnue');

export const listAdminActorsRoute = actorRoute('get', '/admin/actors', 'Lister les fiches (archivées comprises)', {
  description:
    'Filtres : `q`, `departement`, `status`, `stale=true` (à revérifier : non vérifiée depuis 12 mois). Un relais ne voit que ses départements.',
  request: { query: AdminActorsQuerySchema },
  responses: { 200: jsonResponse(AdminActorListSchema, 'Une page de fiches'), 400: invalidFields },
});

export const duplicatesRoute = actorRoute('get', '/admin/actors/duplicates', 'Doublons probables', {
  description: 'Même SIRET, même site web, même téléphone, ou nom très proche (≥ 0,8) dans la même commune ou le même département.',
  request: { query: DuplicatesQuerySchema },
  responses: { 200: jsonResponse(DuplicateListSchema, 'Les fiches semblables'), 400: invalidFields },
});

export const geocodeRoute = actorRoute('get', '/admin/geocode', 'Centre d’une commune (aperçu cartographique)', {
  request: { query: GeocodeQuerySchema },
  responses: { 200: jsonResponse(GeocodeResultSchema, 'La commune et son centre'), 400: invalidFields },
});

export const createAdminActorRoute = actorRoute('post', '/admin/actors', 'Créer une fiche', {
  description: 'Répond 409 `conflict` avec les doublons probables dans `issues`, sauf avec `?force=true` ou `confirm_duplicates: true`.',
  request: { query: ForceQuerySchema, ...jsonBody(CreateAdminActorInputSchema) },
  responses: { 201: actor, 400: invalidFields, 409: errorResponse('Doublons probables, ou identifiant déjà pris') },
});

export const getAdminActorRoute = actorRoute(
  'get',
  '/admin/actors/{id}',
  'Une fiche complète (e-mail du référent, adresses confidentielles)',
  {
    request: idParams,
    responses: { 200: actor, 404: unknown },
  },
);

export const updateAdminActorRoute = actorRoute('patch', '/admin/actors/{id}', 'Modifier une fiche', {
  description:
    'Les champs donnés remplacent ceux de la fiche (`provenance` champ par champ) ; le tout est validé, et une révision garde la différence.',
  request: { ...idParams, ...jsonBody(UpdateActorInputSchema) },
  responses: { 200: actor, 400: invalidFields, 404: unknown, 409: identifierTaken },
});

const action = <P extends string>(path: P, summary: string) =>
  actorRoute('post', path, summary, {
    request: idParams,
    responses: { 200: actor, 404: unknown },
  });

export const archiveRoute = action('/admin/actors/{id}/archive', 'Archiver (retirer de l’annuaire public)');
export const restoreRoute = action('/admin/actors/{id}/restore', 'Remettre en ligne');
export const verifyRoute = action('/admin/actors/{id}/verify', 'Marquer comme vérifiée aujourd’hui');

export const revisionsRoute = actorRoute('get', '/admin/actors/{id}/revisions', 'Historique d’une fiche', {
  request: idParams,
  responses: { 200: jsonResponse(RevisionListSchema, 'Les révisions, la plus récente d’abord'), 404: unknown },
});

export const revertRoute = actorRoute('post', '/admin/actors/{id}/revisions/{revisionId}/revert', 'Revenir à une version', {
  request: {
    params: RevertParamSchema,
  },
  responses: {
    200: actor,
    400: invalidFields,
    404: errorResponse('Fiche ou version inconnue'),
    409: errorResponse('Identifiant repris entre-temps'),
  },
});
