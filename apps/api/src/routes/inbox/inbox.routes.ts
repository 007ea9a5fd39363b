import { createRoute, z } from '@hono/zod-openapi';
import {
  ChangeContactRequestStatusInputSchema,
  ContactRequestCountsSchema,
  ContactRequestDetailSchema,
  ErrorBodySchema,
  ListContactRequestsQuerySchema,
  ListContactRequestsResponseSchema,
  OutboxListSchema,
  OutboxStatusSchema,
  ReferenceParamSchema,
  TransmitCandidateSchema,
  TransmitCandidatesQuerySchema,
  TransmitContactRequestInputSchema,
} from '@pare/schema';
import { CURATORS, EDITORS, guard } from '../../lib/policy.ts';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });
const guarded = {
  401: error('Connexion requise'),
  403: error('Rôle insuffisant, département hors périmètre, ou jeton CSRF manquant'),
};

/** Curators and admins see every request; a relais those of its départements. */
const inboxRoles = guard(...EDITORS);
/** The outbox holds every mail of the app: curators and admins only. */
const outboxRoles = guard(...CURATORS);

export const listContactRequestsRoute = createRoute({
  method: 'get',
  path: '/admin/contact-requests',
  tags: ['Équipe'],
  summary: 'Boîte de l’équipe : les demandes de contact',
  description:
    'Les plus récentes d’abord. Filtres : statut, département, acteur (identifiant). Un relais ne voit que les demandes de ses départements.',
  middleware: inboxRoles,
  request: { query: ListContactRequestsQuerySchema },
  responses: {
    200: { description: 'Une page de demandes', content: { 'application/json': { schema: ListContactRequestsResponseSchema } } },
    400: error('Filtre invalide'),
    ...guarded,
  },
});

export const getContactRequestRoute = createRoute({
  method: 'get',
  path: '/admin/contact-requests/{reference}',
  tags: ['Équipe'],
  summary: 'Une demande de contact, son historique et ses courriels',
  middleware: inboxRoles,
  request: { params: ReferenceParamSchema },
  responses: {
    200: { description: 'La demande', content: { 'application/json': { schema: ContactRequestDetailSchema } } },
    404: error('Référence inconnue'),
    ...guarded,
  },
});

export const changeContactRequestStatusRoute = createRoute({
  method: 'patch',
  path: '/admin/contact-requests/{reference}',
  tags: ['Équipe'],
  summary: 'Changer le statut d’une demande (transmise, en-cours, cloturee)',
  description: 'Chaque changement est gardé dans l’historique : qui, quand, de quel statut à quel statut, et la note.',
  middleware: inboxRoles,
  request: {
    params: ReferenceParamSchema,
    body: { required: true, content: { 'application/json': { schema: ChangeContactRequestStatusInputSchema } } },
  },
  responses: {
    200: { description: 'La demande après le changement', content: { 'application/json': { schema: ContactRequestDetailSchema } } },
    400: error('Statut invalide'),
    404: error('Référence inconnue'),
    409: error('La demande a déjà ce statut, ou a changé entre-temps'),
    ...guarded,
  },
});

export const countContactRequestsRoute = createRoute({
  method: 'get',
  path: '/admin/contact-requests/counts',
  tags: ['Équipe'],
  summary: 'Combien de demandes par statut, dont combien de plus de 48 h, et d’urgentes ouvertes',
  description: 'Pour le tableau de bord. Un relais ne compte que les demandes de ses départements.',
  middleware: inboxRoles,
  responses: {
    200: { description: 'Les comptes', content: { 'application/json': { schema: ContactRequestCountsSchema } } },
    ...guarded,
  },
});

export const listTransmitCandidatesRoute = createRoute({
  method: 'get',
  path: '/admin/contact-requests/{reference}/structures',
  tags: ['Équipe'],
  summary: 'Les structures à qui transmettre une demande (publiées, avec un référent)',
  description:
    'Celles qui interviennent dans le département de la demande (ou au niveau national) d’abord ; 20 au plus ; `q` cherche dans le nom.',
  middleware: inboxRoles,
  request: { params: ReferenceParamSchema, query: TransmitCandidatesQuerySchema },
  responses: {
    200: {
      description: 'Les structures possibles',
      content: { 'application/json': { schema: z.object({ items: z.array(TransmitCandidateSchema) }) } },
    },
    400: error('Recherche invalide'),
    404: error('Référence inconnue'),
    ...guarded,
  },
});

export const transmitContactRequestRoute = createRoute({
  method: 'post',
  path: '/admin/contact-requests/{reference}/transmit',
  tags: ['Équipe'],
  summary: 'Transmettre une demande à une structure',
  description:
    'Le référent de la structure reçoit la demande par courriel avec son lien de réponse ; la demande passe « transmise » ; l’historique garde qui l’a transmise, à qui et quand.',
  middleware: inboxRoles,
  request: {
    params: ReferenceParamSchema,
    body: { required: true, content: { 'application/json': { schema: TransmitContactRequestInputSchema } } },
  },
  responses: {
    200: { description: 'La demande transmise', content: { 'application/json': { schema: ContactRequestDetailSchema } } },
    400: error('Structure invalide ou sans référent'),
    404: error('Référence inconnue'),
    409: error('Demande close, ou changée entre-temps'),
    ...guarded,
  },
});

export const listOutboxRoute = createRoute({
  method: 'get',
  path: '/admin/outbox',
  tags: ['Équipe'],
  summary: 'File d’envoi des courriels (sans leur contenu)',
  middleware: outboxRoles,
  request: {
    query: z.object({
      status: OutboxStatusSchema.optional(),
      limit: z
        .string()
        .regex(/^\d+$/, 'limit doit être un nombre entier')
        .transform(Number)
        .pipe(z.number().int().min(1, 'limit doit valoir au moins 1').max(500, 'limit ne peut pas dépasser 500'))
        .optional(),
    }),
  },
  responses: {
    200: {
      description: 'Les courriels les plus récents et le nombre par statut',
      content: {
        'application/json': {
          schema: OutboxListSchema,
        },
      },
    },
    400: error('Filtre invalide'),
    ...guarded,
  },
});

export const retryOutboxRoute = createRoute({
  method: 'post',
  path: '/admin/outbox/{id}/retry',
  tags: ['Équipe'],
  summary: 'Renvoyer maintenant un courriel en échec ou en attente',
  middleware: outboxRoles,
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^\d{1,12}$/, 'Identifiant invalide')
        .transform(Number)
        .meta({ param: { name: 'id', in: 'path' }, example: '12' }),
    }),
  },
  responses: {
    200: {
      description: 'Le courriel est de nouveau dans la file, dû maintenant',
      content: {
        'application/json': { schema: z.object({ id: z.number().int(), status: z.literal('pending'), next_attempt_at: z.string() }) },
      },
    },
    404: error('Courriel inconnu'),
    409: error('Courriel déjà envoyé'),
    ...guarded,
  },
});
