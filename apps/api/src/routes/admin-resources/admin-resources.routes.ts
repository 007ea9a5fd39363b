import {
  AdminListQuerySchema,
  AdminProtocolListSchema,
  AdminProtocolSchema,
  AdminResourceListSchema,
  AdminResourceSchema,
  CreateProtocolInputSchema,
  CreateResourceInputSchema,
  MAX_UPLOAD_BYTES,
  RevertParamSchema,
  RevisionListSchema,
  UpdateProtocolInputSchema,
  UpdateResourceInputSchema,
} from '@pare/schema';
import {
  answers,
  editorErrors,
  editorRoutes,
  errorResponse,
  fileUploadBody,
  identifierTaken,
  idParams,
  jsonBody,
  jsonResponse,
} from '../../lib/openapi.ts';

const revisionList = jsonResponse(RevisionListSchema, 'Les révisions, la plus récente d’abord');

/** Archive, restore, history and revert: the same four routes for a resource and a protocol. */
function lifecycleRoutes<const B extends string, O extends ReturnType<typeof jsonResponse>>(
  group: ReturnType<typeof editorRoutes<typeof editorErrors>>,
  base: B,
  one: O,
  unknown: ReturnType<typeof errorResponse>,
  say: { archive: string; restore: string; history: string; revert: string; unknownVersion: string },
) {
  return {
    archive: group('post', `${base}/{id}/archive` as const, say.archive, { request: idParams, responses: { 200: one, 404: unknown } }),
    restore: group('post', `${base}/{id}/restore` as const, say.restore, { request: idParams, responses: { 200: one, 404: unknown } }),
    revisions: group('get', `${base}/{id}/revisions` as const, say.history, {
      request: idParams,
      responses: { 200: revisionList, 404: unknown },
    }),
    revert: group('post', `${base}/{id}/revisions/{revisionId}/revert` as const, say.revert, {
      request: { params: RevertParamSchema },
      responses: { 200: one, 404: errorResponse(say.unknownVersion) },
    }),
  };
}

// --- resources ---------------------------------------------------------------------------------

const rTags = ['Back-office : ressources'];
const resourceRoute = editorRoutes(rTags, editorErrors);
const resource = jsonResponse(AdminResourceSchema, 'La ressource, sous sa forme de saisie');
const unknownResource = errorResponse('Ressource inconnue');

export const listAdminResourcesRoute = resourceRoute('get', '/admin/resources', 'Lister les ressources (archivées comprises)', {
  description:
    'Filtres : `q`, `departement` (ressources propres au département), `status`. Chaque ressource dit si le compte connecté peut la modifier (`editable`).',
  request: { query: AdminListQuerySchema },
  responses: answers(AdminResourceListSchema, 'Une page de ressources'),
});

export const createAdminResourceRoute = resourceRoute('post', '/admin/resources', 'Créer une ressource', {
  description: 'Un relais ne crée que des ressources de ses départements. Le fichier se dépose ensuite sur `/admin/resources/{id}/file`.',
  request: jsonBody(CreateResourceInputSchema),
  responses: { 201: resource, 409: identifierTaken },
});

export const getAdminResourceRoute = resourceRoute('get', '/admin/resources/{id}', 'Une ressource', {
  request: idParams,
  responses: { 200: resource, 404: unknownResource },
});

export const updateAdminResourceRoute = resourceRoute('patch', '/admin/resources/{id}', 'Modifier une ressource', {
  description: 'Les champs donnés remplacent ceux de la ressource ; le tout est validé, et une révision garde la différence.',
  request: { ...idParams, ...jsonBody(UpdateResourceInputSchema) },
  responses: { 200: resource, 404: unknownResource, 409: identifierTaken },
});

export const deleteAdminResourceFileRoute = resourceRoute('delete', '/admin/resources/{id}/file', 'Retirer le fichier d’une ressource', {
  request: idParams,
  responses: { 200: resource, 404: errorResponse('Ressource inconnue ou sans fichier') },
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
  request: { ...idParams, ...fileUploadBody() },
  responses: { 200: resource, ...editorErrors, 404: unknownResource, 413: errorResponse('Fichier trop volumineux') },
};

// --- protocols ---------------------------------------------------------------------------------

const protocolRoute = editorRoutes(['Back-office : protocoles territoriaux'], editorErrors);
const protocol = jsonResponse(AdminProtocolSchema, 'Le protocole, sous sa forme de saisie');
const unknownProtocol = errorResponse('Protocole inconnu');

export const listAdminProtocolsRoute = protocolRoute('get', '/admin/protocols', 'Lister les protocoles (archivés compris)', {
  request: { query: AdminListQuerySchema },
  responses: answers(AdminProtocolListSchema, 'Une page de protocoles'),
});

export const createAdminProtocolRoute = protocolRoute('post', '/admin/protocols', 'Créer un protocole', {
  request: jsonBody(CreateProtocolInputSchema),
  responses: { 201: protocol, 409: identifierTaken },
});

export const getAdminProtocolRoute = protocolRoute('get', '/admin/protocols/{id}', 'Un protocole', {
  request: idParams,
  responses: { 200: protocol, 404: unknownProtocol },
});

export const updateAdminProtocolRoute = protocolRoute(
  'patch',
  '/admin/protocols/{id}',
  'Modifier un protocole (membres, réunions, ressources liées…)',
  {
    request: { ...idParams, ...jsonBody(UpdateProtocolInputSchema) },
    responses: { 200: protocol, 404: unknownProtocol, 409: identifierTaken },
  },
);

export const {
  archive: archiveAdminResourceRoute,
  restore: restoreAdminResourceRoute,
  revisions: resourceRevisionsRoute,
  revert: revertResourceRoute,
} = lifecycleRoutes(resourceRoute, '/admin/resources', resource, unknownResource, {
  archive: 'Retirer une ressource du centre de ressources public',
  restore: 'Remettre une ressource en ligne',
  history: 'Historique d’une ressource',
  revert: 'Revenir à une version d’une ressource',
  unknownVersion: 'Ressource ou version inconnue',
});

export const {
  archive: archiveAdminProtocolRoute,
  restore: restoreAdminProtocolRoute,
  revisions: protocolRevisionsRoute,
  revert: revertProtocolRoute,
} = lifecycleRoutes(protocolRoute, '/admin/protocols', protocol, unknownProtocol, {
  archive: 'Retirer un protocole des pages publiques',
  restore: 'Remettre un protocole en ligne',
  history: 'Historique d’un protocole',
  revert: 'Revenir à une version d’un protocole',
  unknownVersion: 'Protocole ou version inconnu',
});
