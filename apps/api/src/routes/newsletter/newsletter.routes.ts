import { createRoute } from '@hono/zod-openapi';
import { NewsletterConfirmResultSchema, NewsletterMessageSchema, NewsletterSubscribeInputSchema, TokenParamSchema } from '@pare/schema';
import { errorResponse } from '../admin-actors/admin-guard.ts';
import { perClientRateLimit } from '../orientation/rate-limit.ts';

const tags = ['Lettre du réseau'];

export const subscribeRoute = createRoute({
  method: 'post',
  path: '/newsletter/subscriptions',
  tags,
  summary: 'S’abonner à la lettre trimestrielle (double confirmation)',
  description:
    'L’adresse reçoit un lien de confirmation valable 7 jours ; sans confirmation, elle est effacée au bout de 7 jours. ' +
    'La réponse est la même que l’adresse soit nouvelle, en attente ou déjà abonnée. 10 demandes par 10 minutes et par client.',
  middleware: [perClientRateLimit('contactRequests')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: NewsletterSubscribeInputSchema } } } },
  responses: {
    202: {
      description: 'Demande reçue (même réponse dans tous les cas)',
      content: { 'application/json': { schema: NewsletterMessageSchema } },
    },
    400: errorResponse('Adresse ou départements invalides'),
    429: errorResponse('Trop de demandes depuis ce client'),
  },
});

export const confirmRoute = createRoute({
  method: 'post',
  path: '/newsletter/subscriptions/confirm/{token}',
  tags,
  summary: 'Confirmer un abonnement par le lien reçu',
  description: 'Réponse `Cache-Control: no-store`. Un jeton inconnu, mal formé ou expiré reçoit le même 404.',
  middleware: [perClientRateLimit('secureLinks')] as const,
  request: { params: TokenParamSchema },
  responses: {
    200: { description: 'Abonnement confirmé', content: { 'application/json': { schema: NewsletterConfirmResultSchema } } },
    404: errorResponse('Lien inconnu ou expiré'),
    429: errorResponse('Trop de tentatives depuis ce client'),
  },
});

export const unsubscribeRoute = createRoute({
  method: 'post',
  path: '/newsletter/subscriptions/unsubscribe/{token}',
  tags,
  summary: 'Se désinscrire en un clic',
  description:
    'L’adresse de l’en-tête `List-Unsubscribe` de chaque lettre (avec `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, RFC 8058) : ' +
    'le corps envoyé par la messagerie (`List-Unsubscribe=One-Click`) est accepté et ignoré. L’adresse est effacée. ' +
    'Un jeton bien formé reçoit toujours la même réponse (un second clic n’est pas une erreur). Sans limite par client : ' +
    'les messageries envoient ces requêtes depuis quelques serveurs, et un jeton de 256 bits ne se devine pas.',
  request: { params: TokenParamSchema },
  responses: {
    200: { description: 'Désinscrit', content: { 'application/json': { schema: NewsletterMessageSchema } } },
    404: errorResponse('Jeton mal formé'),
  },
});
