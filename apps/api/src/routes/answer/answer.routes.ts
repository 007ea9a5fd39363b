import { createRoute } from '@hono/zod-openapi';
import { AnswerInputSchema, AnswerViewSchema, ErrorBodySchema, TokenParamSchema } from '@pare/schema';
import { perClientRateLimit } from '../orientation/rate-limit.ts';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });
const refusals = {
  404: error('Lien inconnu ou expiré (même réponse dans les deux cas)'),
  410: error('Demande close, ou reprise par l’équipe : le lien ne sert plus'),
  429: error('Trop de tentatives depuis ce client'),
};

export const getAnswerRoute = createRoute({
  method: 'get',
  path: '/answer/{token}',
  tags: ['Suivi des demandes'],
  summary: 'La demande reçue par une structure, vue par son lien de réponse',
  description:
    'Sans compte : le jeton du courriel suffit. Valable `PARE_ANSWER_LINK_DAYS` jours (30 par défaut) et jusqu’à la clôture de la demande. ' +
    'Réponse `Cache-Control: no-store`, `Referrer-Policy: no-referrer`.',
  middleware: [perClientRateLimit('secureLinks')] as const,
  request: { params: TokenParamSchema },
  responses: {
    200: { description: 'La demande et les réponses possibles', content: { 'application/json': { schema: AnswerViewSchema } } },
    ...refusals,
  },
});

export const postAnswerRoute = createRoute({
  method: 'post',
  path: '/answer/{token}',
  tags: ['Suivi des demandes'],
  summary: 'Répondre à une demande routée',
  description:
    '« prise-en-charge » → `en-cours` ; « contact-etabli » → `cloturee` ; « impossible » (avec `reason`) → `a-reorienter`, et l’équipe est prévenue. ' +
    'Chaque réponse entre dans l’historique de la demande (« référent de <structure> ») ; la personne qui a laissé un e-mail est prévenue de la prise en charge et de la clôture.',
  middleware: [perClientRateLimit('secureLinks')] as const,
  request: { params: TokenParamSchema, body: { required: true, content: { 'application/json': { schema: AnswerInputSchema } } } },
  responses: {
    200: { description: 'La demande après la réponse', content: { 'application/json': { schema: AnswerViewSchema } } },
    400: error('Réponse invalide'),
    409: error('Réponse déjà enregistrée'),
    ...refusals,
  },
});
