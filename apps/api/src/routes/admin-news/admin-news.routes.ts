import { createRoute, z } from '@hono/zod-openapi';
import {
  AdminContentQuerySchema,
  AdminEventListSchema,
  AdminEventSchema,
  AdminNewsListSchema,
  AdminNewsSchema,
  ContentRevisionListSchema,
  EventInputSchema,
  IdParamSchema,
  MAX_UPLOAD_BYTES,
  NewsInputSchema,
} from '@pare/schema';
import { EDITORS, guard } from '../../lib/policy.ts';
import { errorResponse, guardErrors } from '../admin-actors/admin-guard.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const invalid = errorResponse('Champ invalide : `issues` nomme chaque champ en cause');
const conflict = errorResponse('Identifiant déjà pris');
const RevertParamSchema = IdParamSchema.extend({
  revisionId: z
    .string()
    .regex(/^\d{1,12}$/, 'Identifiant numérique attendu')
    .transform(Number),
});

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
  const tags = [o.tag];
  const one = json(o.one, `${o.what}, avec sa forme de saisie et son HTML rendu`);
  const unknown = errorResponse(o.unknown);
  const status = <N extends string>(name: N, summary: string) =>
    createRoute({
      method: 'post',
      path: `${o.base}/{id}/${name}` as const,
      tags,
      middleware: guard(...EDITORS),
      summary,
      request: { params: IdParamSchema },
      responses: { 200: one, 400: invalid, ...guardErrors, 404: unknown },
    });
  return {
    list: createRoute({
      method: 'get',
      path: o.base,
      tags,
      middleware: guard(...EDITORS),
      summary: `Lister (brouillons et archives compris)`,
      description: 'Un relais ne voit que les entrées de ses départements. Filtres : `q` (titre), `status`.',
      request: { query: AdminContentQuerySchema },
      responses: { 200: json(o.list, 'Une page'), 400: invalid, ...guardErrors },
    }),
    create: createRoute({
      method: 'post',
      path: o.base,
      tags,
      middleware: guard(...EDITORS),
      summary: 'Créer (en brouillon)',
      description:
        'Le texte est en Markdown, rendu et nettoyé à l’enregistrement (liste blanche de balises, liens http, https et mailto seulement). Un relais ne crée que pour ses départements.',
      request: body(o.input),
      responses: { 201: one, 400: invalid, ...guardErrors, 409: conflict },
    }),
    get: createRoute({
      method: 'get',
      path: `${o.base}/{id}` as const,
      tags,
      middleware: guard(...EDITORS),
      summary: 'Une entrée',
      request: { params: IdParamSchema },
      responses: { 200: one, 400: invalid, ...guardErrors, 404: unknown },
    }),
    update: createRoute({
      method: 'put',
      path: `${o.base}/{id}` as const,
      tags,
      middleware: guard(...EDITORS),
      summary: 'Remplacer le contenu',
      description: 'La forme de saisie entière remplace celle de l’entrée ; une révision garde la différence. Le statut ne change pas.',
      request: { params: IdParamSchema, ...body(o.input) },
      responses: { 200: one, 400: invalid, ...guardErrors, 404: unknown, 409: conflict },
    }),
    remove: createRoute({
      method: 'delete',
      path: `${o.base}/{id}` as const,
      tags,
      middleware: guard(...EDITORS),
      summary: 'Supprimer un brouillon jamais publié',
      description: 'Avec son historique. Une entrée déjà publiée ne se supprime pas : elle s’archive (409).',
      request: { params: IdParamSchema },
      responses: {
        200: json(z.object({ deleted: z.literal(true) }), 'Supprimé'),
        400: invalid,
        ...guardErrors,
        404: unknown,
        409: errorResponse('Déjà publié : à archiver'),
      },
    }),
    publish: status('publish', 'Publier'),
    archive: status('archive', 'Archiver (retirer du site et des flux)'),
    unpublish: status('unpublish', 'Repasser en brouillon'),
    revisions: createRoute({
      method: 'get',
      path: `${o.base}/{id}/revisions` as const,
      tags,
      middleware: guard(...EDITORS),
      summary: 'Historique des modifications',
      request: { params: IdParamSchema },
      responses: {
        200: json(ContentRevisionListSchema, 'Les révisions, la plus récente d’abord'),
        400: invalid,
        ...guardErrors,
        404: unknown,
      },
    }),
    revert: createRoute({
      method: 'post',
      path: `${o.base}/{id}/revisions/{revisionId}/revert` as const,
      tags,
      middleware: guard(...EDITORS),
      summary: 'Revenir au contenu d’une révision',
      description:
        'Le contenu de la révision redevient celui de l’entrée (son statut ne change pas) ; le retour est lui-même une révision.',
      request: { params: RevertParamSchema },
      responses: { 200: one, 400: invalid, ...guardErrors, 404: errorResponse('Entrée ou révision inconnue') },
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
  request: {
    params: IdParamSchema,
    body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.string().meta({ format: 'binary' }) }) } } },
  },
  responses: {
    200: json(AdminNewsSchema, 'L’actualité'),
    400: invalid,
    ...guardErrors,
    404: errorResponse('Actualité inconnue'),
    413: errorResponse('Fichier trop volumineux'),
  },
};

export const deleteNewsImageRoute = createRoute({
  method: 'delete',
  path: '/admin/news/{id}/image',
  tags: ['Back-office : actualités'],
  middleware: guard(...EDITORS),
  summary: 'Retirer l’image d’une actualité',
  request: { params: IdParamSchema },
  responses: { 200: json(AdminNewsSchema, 'L’actualité'), 400: invalid, ...guardErrors, 404: errorResponse('Actualité inconnue') },
});
