import { NewsletterConfirmResultSchema, NewsletterMessageSchema, NewsletterSubscribeInputSchema, TokenParamSchema } from '@pare/schema';
import { answers, errorResponse, jsonBody, routeGroup } from '../../lib/openapi.ts';
import { perClientRateLimit } from '../orientation/rate-limit.ts';
import { secureLinkRoutes } from '../secure-link-routes.ts';

const tags = ['Lettre du réseau'];
const letterRoute = routeGroup({ tags, errors: {} });

export const subscribeRoute = letterRoute(
  'post',
  '/newsletter/subscriptions',
  'S’abonner à la lettre trimestrielle (double confirmation)',
  {
    middleware: [perClientRateLimit('contactRequests')] as const,
    description:
      'L’adresse reçoit un lien de confirmation valable 7 jours ; sans confirmation, elle est effacée au bout de 7 jours. ' +
      'La réponse est la même que l’adresse soit nouvelle, en attente ou déjà abonnée. 10 demandes par 10 minutes et par client.',
    request: jsonBody(NewsletterSubscribeInputSchema),
    responses: {
      202: {
        description: 'Demande reçue (même réponse dans tous les cas)',
        content: { 'application/json': { schema: NewsletterMessageSchema } },
      },
      400: errorResponse('Adresse ou départements invalides'),
      429: errorResponse('Trop de demandes depuis ce client'),
    },
  },
);

const linkRoute = secureLinkRoutes(tags, { 404: errorResponse('Lien inconnu ou expiré') });

export const confirmRoute = linkRoute('post', '/newsletter/subscriptions/confirm/{token}', 'Confirmer un abonnement par le lien reçu', {
  description: 'Réponse `Cache-Control: no-store`. Un jeton inconnu, mal formé ou expiré reçoit le même 404.',
  request: { params: TokenParamSchema },
  responses: answers(NewsletterConfirmResultSchema, 'Abonnement confirmé'),
});

export const unsubscribeRoute = letterRoute('post', '/newsletter/subscriptions/unsubscribe/{token}', 'Se désinscrire en un clic', {
  description:
    'L’adresse de l’en-tête `List-Unsubscribe` de chaque lettre (avec `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, RFC 8058) : ' +
    'le corps envoyé par la messagerie (`List-Unsubscribe=One-Click`) est accepté et ignoré. L’adresse est effacée. ' +
    'Un jeton bien formé reçoit toujours la même réponse (un second clic n’est pas une erreur). Sans limite par client : ' +
    'les messageries envoient ces requêtes depuis quelques serveurs, et un jeton de 256 bits ne se devine pas.',
  request: { params: TokenParamSchema },
  responses: answers(NewsletterMessageSchema, 'Désinscrit', { 404: 'Jeton mal formé' }),
});
