import { createRoute, z } from '@hono/zod-openapi';
import {
  CreateNewsletterIssueInputSchema,
  IdParamSchema,
  NewsletterIssueDetailSchema,
  NewsletterIssueListSchema,
  NewsletterPreviewSchema,
  NewsletterSubscriberListSchema,
  type Role,
  UpdateNewsletterIssueInputSchema,
} from '@pare/schema';
import { guard } from '../../lib/policy.ts';
import { errorResponse, guardErrors } from '../admin-actors/admin-guard.ts';

/** The letter and its subscribers' addresses are the national team's: admins and curators. */
export const NEWSLETTER_ROLES: Role[] = ['admin', 'curateur'];

const tags = ['Back-office : lettre du réseau'];
const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const notFound = { 404: errorResponse('Lettre inconnue') };

export const listIssuesRoute = createRoute({
  method: 'get',
  path: '/admin/newsletter/issues',
  tags,
  middleware: guard(...NEWSLETTER_ROLES),
  summary: 'Les lettres, brouillons et envoyées',
  responses: { 200: json('Les lettres', NewsletterIssueListSchema), ...guardErrors },
});

export const createIssueRoute = createRoute({
  method: 'post',
  path: '/admin/newsletter/issues',
  tags,
  middleware: guard(...NEWSLETTER_ROLES),
  summary: 'Composer une lettre à partir d’une période',
  description:
    'L’agenda, les actualités et les nouvelles ressources de la période (pour une édition départementale : celles du département) sont présélectionnés dans l’ordre Agenda, Actualités, Ressources.',
  request: { body: { required: true, content: { 'application/json': { schema: CreateNewsletterIssueInputSchema } } } },
  responses: { 201: json('Le brouillon', NewsletterIssueDetailSchema), 400: errorResponse('Période ou titre invalide'), ...guardErrors },
});

export const getIssueRoute = createRoute({
  method: 'get',
  path: '/admin/newsletter/issues/{id}',
  tags,
  middleware: guard(...NEWSLETTER_ROLES),
  summary: 'Une lettre, ses éléments retenus et tout ce que sa période offre',
  request: { params: IdParamSchema },
  responses: { 200: json('La lettre', NewsletterIssueDetailSchema), ...notFound, ...guardErrors },
});

export const updateIssueRoute = createRoute({
  method: 'patch',
  path: '/admin/newsletter/issues/{id}',
  tags,
  middleware: guard(...NEWSLETTER_ROLES),
  summary: 'Modifier un brouillon : titre, introduction (Markdown), éléments et leur ordre',
  request: {
    params: IdParamSchema,
    body: { required: true, content: { 'application/json': { schema: UpdateNewsletterIssueInputSchema } } },
  },
  responses: {
    200: json('La lettre', NewsletterIssueDetailSchema),
    400: errorResponse('Élément hors de la période, en double, ou texte invalide'),
    ...notFound,
    409: errorResponse('Lettre déjà envoyée'),
    ...guardErrors,
  },
});

export const deleteIssueRoute = createRoute({
  method: 'delete',
  path: '/admin/newsletter/issues/{id}',
  tags,
  middleware: guard(...NEWSLETTER_ROLES),
  summary: 'Supprimer un brouillon',
  request: { params: IdParamSchema },
  responses: { 204: { description: 'Supprimé' }, ...notFound, 409: errorResponse('Lettre déjà envoyée'), ...guardErrors },
});

export const previewIssueRoute = createRoute({
  method: 'get',
  path: '/admin/newsletter/issues/{id}/preview',
  tags,
  middleware: guard(...NEWSLETTER_ROLES),
  summary: 'Aperçu : l’objet, le HTML et le texte de la lettre',
  request: { params: IdParamSchema },
  responses: { 200: json('La lettre telle qu’elle partira', NewsletterPreviewSchema), ...notFound, ...guardErrors },
});

export const testIssueRoute = createRoute({
  method: 'post',
  path: '/admin/newsletter/issues/{id}/test',
  tags,
  middleware: guard(...NEWSLETTER_ROLES),
  summary: 'M’envoyer un test (à l’adresse du compte connecté)',
  request: { params: IdParamSchema },
  responses: { 202: json('Test mis dans la file d’envoi', z.object({ recipient: z.string() })), ...notFound, ...guardErrors },
});

export const sendIssueRoute = createRoute({
  method: 'post',
  path: '/admin/newsletter/issues/{id}/send',
  tags,
  middleware: guard(...NEWSLETTER_ROLES),
  summary: 'Envoyer la lettre à ses abonnés (ou reprendre un envoi interrompu)',
  description:
    'Une distribution par abonné confirmé (unique par lettre) ; les courriels entrent dans la file d’envoi par lots, chaque lot dans une transaction avec ses distributions. ' +
    'Un envoi interrompu reprend là où il s’était arrêté (cette route de nouveau, ou les tâches périodiques), sans doublon.',
  request: { params: IdParamSchema },
  responses: {
    200: json('La lettre après l’envoi', NewsletterIssueDetailSchema),
    ...notFound,
    409: errorResponse('Lettre déjà envoyée, ou vide'),
    ...guardErrors,
  },
});

export const listSubscribersRoute = createRoute({
  method: 'get',
  path: '/admin/newsletter/subscribers',
  tags,
  middleware: guard(...NEWSLETTER_ROLES),
  summary: 'Les abonnés (confirmés et en attente)',
  responses: { 200: json('Les abonnés', NewsletterSubscriberListSchema), ...guardErrors },
});

export const exportSubscribersRoute = createRoute({
  method: 'get',
  path: '/admin/newsletter/subscribers.csv',
  tags,
  middleware: guard(...NEWSLETTER_ROLES),
  summary: 'Exporter les abonnés (CSV ; séparateur point-virgule)',
  responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...guardErrors },
});

export const deleteSubscriberRoute = createRoute({
  method: 'delete',
  path: '/admin/newsletter/subscribers/{id}',
  tags,
  middleware: guard(...NEWSLETTER_ROLES),
  summary: 'Supprimer un abonné (et ses courriels en attente)',
  request: { params: IdParamSchema },
  responses: { 204: { description: 'Supprimé' }, 404: errorResponse('Abonné inconnu'), ...guardErrors },
});
