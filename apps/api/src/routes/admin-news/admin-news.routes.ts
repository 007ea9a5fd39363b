import type { z } from '@hono/zod-openapi';
import {
  AdminContentQuerySchema,
  AdminEventListSchema,
  AdminEventSchema,
  AdminNewsListSchema,
  AdminNewsSchema,
  ContentRevisionListSchema,
  DeletedSchema,
  EventInputSchema,
  MAX_UPLOAD_BYTES,
  NewsInputSchema,
  RevertParamSchema,
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

/** The same CRUD, status and history routes for news (`/admin/news`) and events (`/admin/events`). */
function contentRoutes<B extends string, I extends z.ZodType, O extends z.ZodType, L extends z.ZodType>(o: {
  base: B;
  tag: string;
  input: I;
  one: O;
  list: L;
  what: string;
  unknown: string;
}) {
  const group = editorRoutes([o.tag], editorErrors);
  const one = jsonResponse(o.one, `${o.what}, avec sa forme de saisie et son HTML rendu`);
  const unknown = errorResponse(o.unknown);
  const status = <N extends string>(name: N, summary: string) =>
    group('post', `${o.base}/{id}/${name}` as const, summary, {
      request: idParams,
      responses: { 200: one, 404: unknown },
    });
  return {
    list: group('get', o.base, `Lister (brouillons et archives compris)`, {
      description: 'Un relais ne voit que les entrées de ses départements. Filtres : `q` (titre), `status`.',
      request: { query: AdminContentQuerySchema },
      responses: { 200: jsonResponse(o.list, 'Une page') },
    }),
    create: group('post', o.base, 'Créer (en brouillon)', {
      description:
        'Le texte est en Markdown, rendu et nettoyé à l’enregistrement (liste blanche de balises, liens http, https et mailto seulement). Un relais ne crée que pour ses départements.',
      request: jsonBody(o.input),
      responses: { 201: one, 409: identifierTaken },
    }),
    get: group('get', `${o.base}/{id}` as const, 'Une entrée', {
      request: idParams,
      responses: { 200: one, 404: unknown },
    }),
    update: group('put', `${o.base}/{id}` as const, 'Remplacer le contenu', {
      description: 'La forme de saisie entière remplace celle de l’entrée ; une révision garde la différence. Le statut ne change pas.',
      request: { ...idParams, ...jsonBody(o.input) },
      responses: { 200: one, 404: unknown, 409: identifierTaken },
    }),
    remove: group('delete', `${o.base}/{id}` as const, 'Supprimer un brouillon jamais publié', {
      description: 'Avec son historique. Une entrée déjà publiée ne se supprime pas : elle s’archive (409).',
      request: idParams,
      responses: {
        200: jsonResponse(DeletedSchema, 'Supprimé'),
        404: unknown,
        409: errorResponse('Déjà publié : à archiver'),
      },
    }),
    publish: status('publish', 'Publier'),
    archive: status('archive', 'Archiver (retirer du site et des flux)'),
    unpublish: status('unpublish', 'Repasser en brouillon'),
    revisions: group('get', `${o.base}/{id}/revisions` as const, 'Historique des modifications', {
      request: idParams,
      responses: {
        200: jsonResponse(ContentRevisionListSchema, 'Les révisions, la plus récente d’abord'),
        404: unknown,
      },
    }),
    revert: group('post', `${o.base}/{id}/revisions/{revisionId}/revert` as const, 'Revenir au contenu d’une révision', {
      description:
        'Le contenu de la révision redevient celui de l’entrée (son statut ne change pas) ; le retour est lui-même une révision.',
      request: { params: RevertParamSchema },
      responses: { 200: one, 404: errorResponse('Entrée ou révision inconnue') },
    }),
  };
}

export const newsAdminRoutes = contentRoutes({
  base: '/admin/news',
  tag: 'Back-office : actualités',
  input: NewsInputSchema,
  one: AdminNewsSchema,
  list: AdminNewsListSchema,
  what: 'L’actualité',
  unknown: 'Actualité inconnue',
});

export const eventAdminRoutes = contentRoutes({
  base: '/admin/events',
  tag: 'Back-office : agenda',
  input: EventInputSchema,
  one: AdminEventSchema,
  list: AdminEventListSchema,
  what: 'L’événement',
  unknown: 'Événement inconnu',
});

export const uploadNewsImageDoc = {
  method: 'put' as const,
  path: '/admin/news/{id}/image',
  tags: ['Back-office : actualités'],
  summary: 'Déposer (ou remplacer) l’image d’une actualité',
  description: `\`multipart/form-data\` avec le champ \`file\` : PNG, JPEG ou WebP, ${MAX_UPLOAD_BYTES / 1024 / 1024} Mo au plus, avec les mêmes contrôles que les fichiers des ressources (type lu dans le contenu, extension et type déclaré concordants, pas de code caché).`,
  request: { ...idParams, ...fileUploadBody() },
  responses: {
    200: jsonResponse(AdminNewsSchema, 'L’actualité'),
    ...editorErrors,
    404: errorResponse('Actualité inconnue'),
    413: errorResponse('Fichier trop volumineux'),
  },
};

const newsImageRoute = editorRoutes(['Back-office : actualités'], editorErrors);

export const deleteNewsImageRoute = newsImageRoute('delete', '/admin/news/{id}/image', 'Retirer l’image d’une actualité', {
  request: idParams,
  responses: answers(AdminNewsSchema, 'L’actualité', { 404: 'Actualité inconnue' }),
});
