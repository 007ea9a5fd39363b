import { createRoute, z } from '@hono/zod-openapi';
import {
  AdminListQuerySchema,
  AdminProtocolListSchema,
  AdminProtocolSchema,
  AdminResourceListSchema,
  AdminResourceSchema,
  CreateProtocolInputSchema,
  CreateResourceInputSchema,
  IdParamSchema,
  MAX_UPLOAD_BYTES,
  RevisionListSchema,
  UpdateProtocolInputSchema,
  UpdateResourceInputSchema,
} from '@pare/schema';
import { EDITORS, guard } from '../../lib/policy.ts';
import { errorResponse, guardErrors } from '../admin-actors/admin-guard.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const invalid = errorResponse('Champ invalide : `issues` nomme chaque champ en cause');
const conflict = errorResponse('Identifiant déjà pris');

// --- resources ---------------------------------------------------------------------------------

const rTags = ['Back-office : ressources'];
const resource = json(AdminResourceSchema, 'La ressource, sous sa forme de saisie');
const unknownResource = errorResponse('Ressource inconnue');

export const listAdminResourcesRoute = createRoute({
  method: 'get',
  path: '/admin/resources',
  tags: rTags,
  middleware: guard(...EDITORS),
  summary: 'Lister les ressources (archivées comprises)',
  description:
    'Filtres : `q`, `departement` (ressources propres au département), `status`. Chaque ressource dit si le compte connecté peut la modifier (`editable`).',
  request: { query: AdminListQuerySchema },
  responses: { 200: json(AdminResourceListSchema, 'Une page de ressources'), 400: invalid, ...guardErrors },
});

export const createAdminResourceRoute = createRoute({
  method: 'post',
  path: '/admin/resources',
  tags: rTags,
  middleware: guard(...EDITORS),
  summary: 'Créer une ressource',
  description: 'Un relais ne crée que des ressources de ses départements. Le fichier se dépose ensuite sur `/admin/resources/{id}/file`.',
  request: body(CreateResourceInputSchema),
  responses: { 201: resource, 400: invalid, ...guardErrors, 409: conflict },
});

export const getAdminResourceRoute = createRoute({
  method: 'get',
  path: '/admin/resources/{id}',
  tags: rTags,
  middleware: guard(...EDITORS),
  summary: 'Une ressource',
  request: { params: IdParamSchema },
  responses: { 200: resource, 400: invalid, ...guardErrors, 404: unknownResource },
});

export const updateAdminResourceRoute = createRoute({
  method: 'patch',
  path: '/admin/resources/{id}',
  tags: rTags,
  middleware: guard(...EDITORS),
  summary: 'Modifier une ressource',
  description: 'Les champs donnés remplacent ceux de la ressource ; le tout est validé, et une révision garde la différence.',
  request: { params: IdParamSchema, ...body(UpdateResourceInputSchema) },
  responses: { 200: resource, 400: invalid, ...guardErrors, 404: unknownResource, 409: conflict },
});

export const archiveAdminResourceRoute = createRoute({
  method: 'post',
  path: '/admin/resources/{id}/archive',
  tags: rTags,
  middleware: guard(...EDITORS),
  summary: 'Retirer une ressource du centre de ressources public',
  request: { params: IdParamSchema },
  responses: { 200: resource, 400: invalid, ...guardErrors, 404: unknownResource },
});

export const restoreAdminResourceRoute = createRoute({
  method: 'post',
  path: '/admin/resources/{id}/restore',
  tags: rTags,
  middleware: guard(...EDITORS),
  summary: 'Remettre une ressource en ligne',
  request: { params: IdParamSchema },
  responses: { 200: resource, 400: invalid, ...guardErrors, 404: unknownResource },
});

export const deleteAdminResourceFileRoute = createRoute({
  method: 'delete',
  path: '/admin/resources/{id}/file',
  tags: rTags,
  middleware: guard(...EDITORS),
  summary: 'Retirer le fichier d’une ressource',
  request: { params: IdParamSchema },
  responses: { 200: resource, 400: invalid, ...guardErrors, 404: errorResponse('Ressource inconnue ou sans fichier') },
});

export const resourceRevisionsRoute = createRoute({
  method: 'get',
  path: '/admin/resources/{id}/revisions',
  tags: rTags,
  middleware: guard(...EDITORS),
  summary: 'Historique d’une ressource',
  request: { params: IdParamSchema },
  responses: {
    200: json(RevisionListSchema, 'Les révisions, la plus récente d’abord'),
    400: invalid,
    ...guardErrors,
    404: unknownResource,
  },
});

/**
 * The upload route is implemented by hand (its multipart body is read after its own size limit,
 * with French errors on `file`); this only describes it in the OpenAPI document.
 */
export const uploadAdminResourceFileDoc = {
  method: 'put' as const,
  path: '/admin/resources/{id}/file',
  tags: rTags,
  summary: 'Déposer (ou remplacer) le fichier d’une ressource',
  description: `\`multipart/form-data\` avec le champ \`file\`. Acceptés : PDF, images PNG, JPEG ou WebP, documents docx, xlsx, pptx, odt, ${MAX_UPLOAD_BYTES / 1024 / 1024} Mo au plus. Le type est lu dans le contenu du fichier ; une extension ou un type déclaré qui ne lui correspond pas, un nom contenant « / », « \\\\ » ou « .. », un fichier vide ou contenant du code sont refusés (400 sur \`file\`), un fichier trop lourd aussi (413). Une ressource a un lien ou un fichier, pas les deux.`,
  request: {
    params: IdParamSchema,
    body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.string().meta({ format: 'binary' }) }) } } },
  },
  responses: { 200: resource, 400: invalid, ...guardErrors, 404: unknownResource, 413: errorResponse('Fichier trop volumineux') },
};

// --- protocols ---------------------------------------------------------------------------------

const pTags = ['Back-office : protocoles territoriaux'];
const protocol = json(AdminProtocolSchema, 'Le protocole, sous sa forme de saisie');
const unknownProtocol = errorResponse('Protocole inconnu');

export const listAdminProtocolsRoute = createRoute({
  method: 'get',
  path: '/admin/protocols',
  tags: pTags,
  middleware: guard(...EDITORS),
  summary: 'Lister les protocoles (archivés compris)',
  request: { query: AdminListQuerySchema },
  responses: { 200: json(AdminProtocolListSchema, 'Une page de protocoles'), 400: invalid, ...guardErrors },
});

export const createAdminProtocolRoute = createRoute({
  method: 'post',
  path: '/admin/protocols',
  tags: pTags,
  middleware: guard(...EDITORS),
  summary: 'Créer un protocole',
  request: body(CreateProtocolInputSchema),
  responses: { 201: protocol, 400: invalid, ...guardErrors, 409: conflict },
});

export const getAdminProtocolRoute = createRoute({
  method: 'get',
  path: '/admin/protocols/{id}',
  tags: pTags,
  middleware: guard(...EDITORS),
  summary: 'Un protocole',
  request: { params: IdParamSchema },
  responses: { 200: protocol, 400: invalid, ...guardErrors, 404: unknownProtocol },
});

export const updateAdminProtocolRoute = createRoute({
  method: 'patch',
  path: '/admin/protocols/{id}',
  tags: pTags,
  middleware: guard(...EDITORS),
  summary: 'Modifier un protocole (membres, réunions, ressources liées…)',
  request: { params: IdParamSchema, ...body(UpdateProtocolInputSchema) },
  responses: { 200: protocol, 400: invalid, ...guardErrors, 404: unknownProtocol, 409: conflict },
});

export const archiveAdminProtocolRoute = createRoute({
  method: 'post',
  path: '/admin/protocols/{id}/archive',
  tags: pTags,
  middleware: guard(...EDITORS),
  summary: 'Retirer un protocole des pages publiques',
  request: { params: IdParamSchema },
  responses: { 200: protocol, 400: invalid, ...guardErrors, 404: unknownProtocol },
});

export const restoreAdminProtocolRoute = createRoute({
  method: 'post',
  path: '/admin/protocols/{id}/restore',
  tags: pTags,
  middleware: guard(...EDITORS),
  summary: 'Remettre un protocole en ligne',
  request: { params: IdParamSchema },
  responses: { 200: protocol, 400: invalid, ...guardErrors, 404: unknownProtocol },
});

export const protocolRevisionsRoute = createRoute({
  method: 'get',
  path: '/admin/protocols/{id}/revisions',
  tags: pTags,
  middleware: guard(...EDITORS),
  summary: 'Historique d’un protocole',
  request: { params: IdParamSchema },
  responses: {
    200: json(RevisionListSchema, 'Les révisions, la plus récente d’abord'),
    400: invalid,
    ...guardErrors,
    404: unknownProtocol,
  },
});

const RevertParamSchema = IdParamSchema.extend({
  revisionId: z
    .string()
    .regex(/^\d{1,12}$/, 'Identifiant numérique attendu')
    .transform(Number),
});

export const revertResourceRoute = createRoute({
  method: 'post',
  path: '/admin/resources/{id}/revisions/{revisionId}/revert',
  tags: rTags,
  middleware: guard(...EDITORS),
  summary: 'Revenir à une version d’une ressource',
  request: { params: RevertParamSchema },
  responses: { 200: resource, 400: invalid, ...guardErrors, 404: errorResponse('Ressource ou version inconnue') },
});

export const revertProtocolRoute = createRoute({
  method: 'post',
  path: '/admin/protocols/{id}/revisions/{revisionId}/revert',
  tags: pTags,
  middleware: guard(...EDITORS),
  summary: 'Revenir à une version d’un protocole',
  request: { params: RevertParamSchema },
  responses: { 200: protocol, 400: invalid, ...guardErrors, 404: errorResponse('Protocole ou version inconnu') },
});
