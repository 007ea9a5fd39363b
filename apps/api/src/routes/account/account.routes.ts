/** « Mon compte » (who am I, my sessions), the « choisir un mot de passe » link, and the professionals' account requests. */
import {
  AccountRequestInputSchema,
  AccountSessionSchema,
  CreatedIdSchema,
  EndedSessionsSchema,
  PasswordLinkViewSchema,
  PasswordSetSchema,
  PasswordTokenParamSchema,
  ROLES,
  SessionIdParamSchema,
  SessionListSchema,
  SetPasswordInputSchema,
} from '@pare/schema';
import { answers, errorResponse, guardErrors, jsonBody, jsonResponse, routeGroup } from '../../lib/openapi.ts';
import { guard } from '../../lib/policy.ts';
import { perClientRateLimit } from '../orientation/rate-limit.ts';
import { secureLinkRoutes } from '../secure-link-routes.ts';

const tags = ['Comptes'];
const accountRoute = routeGroup({ tags, errors: {} });
const signedInRoute = routeGroup({ tags, middleware: guard(...ROLES), errors: guardErrors });
const linkRoute = secureLinkRoutes(tags, {
  404: errorResponse('Lien inconnu, expiré, déjà utilisé ou remplacé (même réponse dans tous les cas)'),
});

export const accountSessionRoute = accountRoute('get', '/account/session', 'Qui est connecté (toujours 200 ; `user: null` sans session)', {
  description: 'Ce que les pages publiques demandent pour afficher « Mon compte · Se déconnecter » sans erreur dans la console.',
  responses: answers(AccountSessionSchema, 'La session, ou personne'),
});

export const mySessionsRoute = signedInRoute(
  'get',
  '/account/sessions',
  'Mes sessions ouvertes (navigateur, ouverture, dernière activité)',
  {
    responses: answers(SessionListSchema, 'Les sessions du compte'),
  },
);

export const revokeMySessionRoute = signedInRoute('delete', '/account/sessions/{id}', 'Fermer une de mes sessions', {
  request: { params: SessionIdParamSchema },
  responses: { 204: { description: 'Session fermée' }, 404: errorResponse('Session inconnue') },
});

export const revokeOtherSessionsRoute = signedInRoute(
  'post',
  '/account/sessions/end-others',
  'Déconnecter mes autres sessions (toutes sauf celle-ci)',
  {
    responses: answers(EndedSessionsSchema, 'Nombre de sessions fermées'),
  },
);

export const getPasswordLinkRoute = linkRoute('get', '/account/password/{token}', 'Le compte d’un lien « choisir un mot de passe »', {
  request: { params: PasswordTokenParamSchema },
  responses: answers(PasswordLinkViewSchema, 'Le compte (adresse, nom)'),
});

export const setPasswordRoute = linkRoute(
  'post',
  '/account/password/{token}',
  'Choisir son mot de passe avec le lien reçu (une seule fois)',
  {
    description: 'Le lien ne sert plus ensuite ; les sessions du compte sont fermées et son blocage de connexion levé.',
    request: {
      params: PasswordTokenParamSchema,
      ...jsonBody(SetPasswordInputSchema),
    },
    responses: answers(PasswordSetSchema, 'Mot de passe enregistré', { 400: 'Mot de passe trop court' }),
  },
);

export const createAccountRequestRoute = accountRoute('post', '/account-requests', 'Demander un compte professionnel', {
  middleware: [perClientRateLimit('contactRequests')] as const,
  description: 'La demande rejoint la file des administrateurs ; un accusé de réception part à l’adresse donnée.',
  request: jsonBody(AccountRequestInputSchema),
  responses: {
    201: jsonResponse(CreatedIdSchema, 'Demande enregistrée'),
    400: errorResponse('Champ invalide'),
    429: errorResponse('Trop de demandes depuis ce client'),
  },
});
