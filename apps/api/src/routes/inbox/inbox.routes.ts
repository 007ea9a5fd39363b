import {
  ChangeContactRequestStatusInputSchema,
  ContactRequestCountsSchema,
  ContactRequestDetailSchema,
  ListContactRequestsQuerySchema,
  ListContactRequestsResponseSchema,
  OutboxIdParamSchema,
  OutboxListSchema,
  OutboxQuerySchema,
  OutboxRetrySchema,
  ReferenceParamSchema,
  TransmitCandidateListSchema,
  TransmitCandidatesQuerySchema,
  TransmitContactRequestInputSchema,
} from '@pare/schema';
import { answers, errorResponse, jsonBody, routeGroup } from '../../lib/openapi.ts';
import { CURATORS, EDITORS, guard } from '../../lib/policy.ts';

const guarded = {
  401: errorResponse('Connexion requise'),
  403: errorResponse('Rôle insuffisant, département hors périmètre, ou jeton CSRF manquant'),
};

/** Curators and admins see every request; a relais those of its départements. */
const inboxRoles = guard(...EDITORS);
/** The outbox holds every mail of the app: curators and admins only. */
const outboxRoles = guard(...CURATORS);
const inboxRoute = routeGroup({ tags: ['Équipe'], middleware: inboxRoles, errors: guarded });
const outboxRoute = routeGroup({ tags: ['Équipe'], middleware: outboxRoles, errors: guarded });

export const listContactRequestsRoute = inboxRoute('get', '/admin/contact-requests', 'Boîte de l’équipe : les demandes de contact', {
  description:
    'Les plus récentes d’abord. Filtres : statut, département, acteur (identifiant). Un relais ne voit que les demandes de ses départements.',
  request: { query: ListContactRequestsQuerySchema },
  responses: answers(ListContactRequestsResponseSchema, 'Une page de demandes', { 400: 'Filtre invalide' }),
});

export const getContactRequestRoute = inboxRoute(
  'get',
  '/admin/contact-requests/{reference}',
  'Une demande de contact, son historique et ses courriels',
  {
    request: { params: ReferenceParamSchema },
    responses: answers(ContactRequestDetailSchema, 'La demande', { 404: 'Référence inconnue' }),
  },
);

export const changeContactRequestStatusRoute = inboxRoute(
  'patch',
  '/admin/contact-requests/{reference}',
  'Changer le statut d’une demande (transmise, en-cours, cloturee)',
  {
    description: 'Chaque changement est gardé dans l’historique : qui, quand, de quel statut à quel statut, et la note.',
    request: {
      params: ReferenceParamSchema,
      ...jsonBody(ChangeContactRequestStatusInputSchema),
    },
    responses: answers(ContactRequestDetailSchema, 'La demande après le changement', {
      400: 'Statut invalide',
      404: 'Référence inconnue',
      409: 'La demande a déjà ce statut, ou a changé entre-temps',
    }),
  },
);

export const countContactRequestsRoute = inboxRoute(
  'get',
  '/admin/contact-requests/counts',
  'Combien de demandes par statut, dont combien de plus de 48 h, et d’urgentes ouvertes',
  {
    description: 'Pour le tableau de bord. Un relais ne compte que les demandes de ses départements.',
    responses: answers(ContactRequestCountsSchema, 'Les comptes'),
  },
);

export const listTransmitCandidatesRoute = inboxRoute(
  'get',
  '/admin/contact-requests/{reference}/structures',
  'Les structures à qui transmettre une demande (publiées, avec un référent)',
  {
    description:
      'Celles qui interviennent dans le département de la demande (ou au niveau national) d’abord ; 20 au plus ; `q` cherche dans le nom.',
    request: { params: ReferenceParamSchema, query: TransmitCandidatesQuerySchema },
    responses: {
      200: {
        description: 'Les structures possibles',
        content: { 'application/json': { schema: TransmitCandidateListSchema } },
      },
      400: errorResponse('Recherche invalide'),
      404: errorResponse('Référence inconnue'),
    },
  },
);

export const transmitContactRequestRoute = inboxRoute(
  'post',
  '/admin/contact-requests/{reference}/transmit',
  'Transmettre une demande à une structure',
  {
    description:
      'Le référent de la structure reçoit la demande par courriel avec son lien de réponse ; la demande passe « transmise » ; l’historique garde qui l’a transmise, à qui et quand.',
    request: {
      params: ReferenceParamSchema,
      ...jsonBody(TransmitContactRequestInputSchema),
    },
    responses: answers(ContactRequestDetailSchema, 'La demande transmise', {
      400: 'Structure invalide ou sans référent',
      404: 'Référence inconnue',
      409: 'Demande close, ou changée entre-temps',
    }),
  },
);

export const listOutboxRoute = outboxRoute('get', '/admin/outbox', 'File d’envoi des courriels (sans leur contenu)', {
  request: { query: OutboxQuerySchema },
  responses: answers(OutboxListSchema, 'Les courriels les plus récents et le nombre par statut', { 400: 'Filtre invalide' }),
});

export const retryOutboxRoute = outboxRoute('post', '/admin/outbox/{id}/retry', 'Renvoyer maintenant un courriel en échec ou en attente', {
  request: { params: OutboxIdParamSchema },
  responses: answers(OutboxRetrySchema, 'Le courriel est de nouveau dans la file, dû maintenant', {
    404: 'Courriel inconnu',
    409: 'Courriel déjà envoyé',
  }),
});
