import {
  CreateNewsletterIssueInputSchema,
  NewsletterIssueDetailSchema,
  NewsletterIssueListSchema,
  NewsletterPreviewSchema,
  NewsletterSubscriberListSchema,
  type Role,
  TestSentSchema,
  UpdateNewsletterIssueInputSchema,
} from '@pare/schema';
import { answers, errorResponse, guardErrors, idParams, jsonBody, jsonResponse, routeGroup, textResponse } from '../../lib/openapi.ts';
import { guard } from '../../lib/policy.ts';

/** The letter and its subscribers' addresses are the national team's: admins and curators. */
export const NEWSLETTER_ROLES: Role[] = ['admin', 'curateur'];

const letterRoute = routeGroup({ tags: ['Back-office : lettre du réseau'], middleware: guard(...NEWSLETTER_ROLES), errors: guardErrors });
const notFound = { 404: errorResponse('Lettre inconnue') };

export const listIssuesRoute = letterRoute('get', '/admin/newsletter/issues', 'Les lettres, brouillons et envoyées', {
  responses: answers(NewsletterIssueListSchema, 'Les lettres'),
});

export const createIssueRoute = letterRoute('post', '/admin/newsletter/issues', 'Composer une lettre à partir d’une période', {
  description:
    'L’agenda, les actualités et les nouvelles ressources de la période (pour une édition départementale : celles du département) sont présélectionnés dans l’ordre Agenda, Actualités, Ressources.',
  request: jsonBody(CreateNewsletterIssueInputSchema),
  responses: { 201: jsonResponse(NewsletterIssueDetailSchema, 'Le brouillon'), 400: errorResponse('Période ou titre invalide') },
});

export const getIssueRoute = letterRoute(
  'get',
  '/admin/newsletter/issues/{id}',
  'Une lettre, ses éléments retenus et tout ce que sa période offre',
  {
    request: idParams,
    responses: { 200: jsonResponse(NewsletterIssueDetailSchema, 'La lettre'), ...notFound },
  },
);

export const updateIssueRoute = letterRoute(
  'patch',
  '/admin/newsletter/issues/{id}',
  'Modifier un brouillon : titre, introduction (Markdown), éléments et leur ordre',
  {
    request: { ...idParams, ...jsonBody(UpdateNewsletterIssueInputSchema) },
    responses: {
      200: jsonResponse(NewsletterIssueDetailSchema, 'La lettre'),
      400: errorResponse('Élément hors de la période, en double, ou texte invalide'),
      ...notFound,
      409: errorResponse('Lettre déjà envoyée'),
    },
  },
);

export const deleteIssueRoute = letterRoute('delete', '/admin/newsletter/issues/{id}', 'Supprimer un brouillon', {
  request: idParams,
  responses: { 204: { description: 'Supprimé' }, ...notFound, 409: errorResponse('Lettre déjà envoyée') },
});

export const previewIssueRoute = letterRoute(
  'get',
  '/admin/newsletter/issues/{id}/preview',
  'Aperçu : l’objet, le HTML et le texte de la lettre',
  {
    request: idParams,
    responses: { 200: jsonResponse(NewsletterPreviewSchema, 'La lettre telle qu’elle partira'), ...notFound },
  },
);

export const testIssueRoute = letterRoute(
  'post',
  '/admin/newsletter/issues/{id}/test',
  'M’envoyer un test (à l’adresse du compte connecté)',
  {
    request: idParams,
    responses: { 202: jsonResponse(TestSentSchema, 'Test mis dans la file d’envoi'), ...notFound },
  },
);

export const sendIssueRoute = letterRoute(
  'post',
  '/admin/newsletter/issues/{id}/send',
  'Envoyer la lettre à ses abonnés (ou reprendre un envoi interrompu)',
  {
    description:
      'Une distribution par abonné confirmé (unique par lettre) ; les courriels entrent dans la file d’envoi par lots, chaque lot dans une transaction avec ses distributions. ' +
      'Un envoi interrompu reprend là où il s’était arrêté (cette route de nouveau, ou les tâches périodiques), sans doublon.',
    request: idParams,
    responses: {
      200: jsonResponse(NewsletterIssueDetailSchema, 'La lettre après l’envoi'),
      ...notFound,
      409: errorResponse('Lettre déjà envoyée, ou vide'),
    },
  },
);

export const listSubscribersRoute = letterRoute('get', '/admin/newsletter/subscribers', 'Les abonnés (confirmés et en attente)', {
  responses: answers(NewsletterSubscriberListSchema, 'Les abonnés'),
});

export const exportSubscribersRoute = letterRoute(
  'get',
  '/admin/newsletter/subscribers.csv',
  'Exporter les abonnés (CSV ; séparateur point-virgule)',
  {
    responses: { 200: textResponse('text/csv', 'CSV') },
  },
);

export const deleteSubscriberRoute = letterRoute(
  'delete',
  '/admin/newsletter/subscribers/{id}',
  'Supprimer un abonné (et ses courriels en attente)',
  {
    request: idParams,
    responses: { 204: { description: 'Supprimé' }, 404: errorResponse('Abonné inconnu') },
  },
);
