/** « Mon compte » (who am I, my sessions), the « choisir un mot de passe » link, and the professionals' account requests. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  AccountRequestInputSchema,
  AccountSessionSchema,
  PasswordLinkViewSchema,
  PasswordTokenParamSchema,
  ROLES,
  SessionIdParamSchema,
  SessionListSchema,
  SetPasswordInputSchema,
} from '@pare/schema';
import { guard } from '../../lib/policy.ts';
import { errorResponse, guardErrors } from '../admin-actors/admin-guard.ts';
import { perClientRateLimit } from '../orientation/rate-limit.ts';

const tags = ['Comptes'];
const linkRefusals = {
  404: errorResponse('Lien inconnu, expiré, déjà utilisé ou remplacé (même réponse dans tous les cas)'),
  429: errorResponse('Trop de tentatives depuis ce client'),
};

export const accountSessionRoute = createRoute({
  method: 'get',
  path: '/account/session',
  tags,
  summary: 'Qui est connecté (toujours 200 ; `user: null` sans session)',
  description: 'Ce que les pages publiques demandent pour afficher « Mon compte · Se déconnecter » sans erreur dans la console.',
  responses: { 200: { description: 'La session, ou personne', content: { 'application/json': { schema: AccountSessionSchema } } } },
});

export const mySessionsRoute = createRoute({
  method: 'get',
  path: '/account/sessions',
  tags,
  middleware: guard(...ROLES),
  summary: 'Mes sessions ouvertes (navigateur, ouverture, dernière activité)',
  responses: {
    200: { description: 'Les sessions du compte', content: { 'application/json': { schema: SessionListSchema } } },
    ...guardErrors,
  },
});

export const revokeMySessionRoute = createRoute({
  method: 'delete',
  path: '/account/sessions/{id}',
  tags,
  middleware: guard(...ROLES),
  summary: 'Fermer une de mes sessions',
  request: { params: SessionIdParamSchema },
  responses: { 204: { description: 'Session fermée' }, ...guardErrors, 404: errorResponse('Session inconnue') },
});

export const revokeOtherSessionsRoute = createRoute({
  method: 'post',
  path: '/account/sessions/end-others',
  tags,
  middleware: guard(...ROLES),
  summary: 'Déconnecter mes autres sessions (toutes sauf celle-ci)',
  responses: {
    200: { description: 'Nombre de sessions fermées', content: { 'application/json': { schema: z.object({ ended: z.number().int() }) } } },
    ...guardErrors,
  },
});

export const getPasswordLinkRoute = createRoute({
  method: 'get',
  path: '/account/password/{token}',
  tags,
  middleware: [perClientRateLimit('secureLinks')] as const,
  summary: 'Le compte d’un lien « choisir un mot de passe »',
  request: { params: PasswordTokenParamSchema },
  responses: {
    200: { description: 'Le compte (adresse, nom)', content: { 'application/json': { schema: PasswordLinkViewSchema } } },
    ...linkRefusals,
  },
});

export const setPasswordRoute = createRoute({
  method: 'post',
  path: '/account/password/{token}',
  tags,
  middleware: [perClientRateLimit('secureLinks')] as const,
  summary: 'Choisir son mot de passe avec le lien reçu (une seule fois)',
  description: 'Le lien ne sert plus ensuite ; les sessions du compte sont fermées et son blocage de connexion levé.',
  request: {
    params: PasswordTokenParamSchema,
    body: { required: true, content: { 'application/json': { schema: SetPasswordInputSchema } } },
  },
  responses: {
    200: { description: 'Mot de passe enregistré', content: { 'application/json': { schema: z.object({ email: z.string() }) } } },
    400: errorResponse('Mot de passe trop court'),
    ...linkRefusals,
  },
});

export const createAccountRequestRoute = createRoute({
  method: 'post',
  path: '/account-requests',
  tags,
  middleware: [perClientRateLimit('contactRequests')] as const,
  summary: 'Demander un compte professionnel',
  description: 'La demande rejoint la file des administrateurs ; un accusé de réception part à l’adresse donnée.',
  request: { body: { required: true, content: { 'application/json': { schema: AccountRequestInputSchema } } } },
  responses: {
    201: { description: 'Demande enregistrée', content: { 'application/json': { schema: z.object({ id: z.number().int() }) } } },
    400: errorResponse('Champ invalide'),
    429: errorResponse('Trop de demandes depuis ce client'),
  },
});
