import { AnswerInputSchema, AnswerViewSchema, TokenParamSchema } from '@pare/schema';
import { errorResponse, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import { secureLinkRoutes } from '../secure-link-routes.ts';

const followUpRoute = secureLinkRoutes(['Suivi des demandes'], {
  404: errorResponse('Lien inconnu ou expiré (même réponse dans les deux cas)'),
  410: errorResponse('Demande close, ou reprise par l’équipe : le lien ne sert plus'),
});

export const getAnswerRoute = followUpRoute('get', '/answer/{token}', 'La demande reçue par une structure, vue par son lien de réponse', {
  description:
    'Sans compte : le jeton du courriel suffit. Valable `PARE_ANSWER_LINK_DAYS` jours (30 par défaut) et jusqu’à la clôture de la demande. ' +
    'Réponse `Cache-Control: no-store`, `Referrer-Policy: no-referrer`.',
  request: { params: TokenParamSchema },
  responses: {
    200: jsonResponse(AnswerViewSchema, 'La demande et les réponses possibles'),
  },
});

export const postAnswerRoute = followUpRoute('post', '/answer/{token}', 'Répondre à une demande routée', {
  description:
    '« prise-en-charge » → `en-cours` ; « contact-etabli » → `cloturee` ; « impossible » (avec `reason`) → `a-reorienter`, et l’équipe est prévenue. ' +
    'Chaque réponse entre dans l’historique de la demande (« référent de <structure> ») ; la personne qui a laissé un e-mail est prévenue de la prise en charge et de la clôture.',
  request: { params: TokenParamSchema, ...jsonBody(AnswerInputSchema) },
  responses: {
    200: jsonResponse(AnswerViewSchema, 'La demande après la réponse'),
    400: errorResponse('Réponse invalide'),
    409: errorResponse('Réponse déjà enregistrée'),
  },
});
