import { createRoute, z } from '@hono/zod-openapi';
import {
  AccountRequestListSchema,
  AccountRequestSchema,
  AdminUserListSchema,
  AdminUserSchema,
  CreateUserInputSchema,
  IdParamSchema,
  UpdateUserInputSchema,
} from '@pare/schema';
import { guard } from '../../lib/policy.ts';
import { errorResponse, guardErrors } from '../admin-actors/admin-guard.ts';

const tags = ['Back-office : comptes'];
const user = { description: 'Le compte (jamais son mot de passe)', content: { 'application/json': { schema: AdminUserSchema } } };
const invalid = errorResponse('Champ invalide');

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/admin/users',
  tags,
  middleware: guard('admin'),
  summary: 'Les comptes',
  responses: { 200: { description: 'Tous les comptes', content: { 'application/json': { schema: AdminUserListSchema } } }, ...guardErrors },
});

export const createUserRoute = createRoute({
  method: 'post',
  path: '/admin/users',
  tags,
  middleware: guard('admin'),
  summary: 'Créer un compte',
  description:
    'Sans `password` (le back-office n’en envoie jamais), le compte reçoit par courriel un lien « choisir un mot de passe » valable 7 jours, à usage unique. ' +
    'Avec `account_request_id`, la demande de compte professionnel est close (« compte créé »).',
  request: { body: { required: true, content: { 'application/json': { schema: CreateUserInputSchema } } } },
  responses: { 201: user, 400: invalid, ...guardErrors, 409: errorResponse('Adresse déjà utilisée') },
});

export const updateUserRoute = createRoute({
  method: 'patch',
  path: '/admin/users/{id}',
  tags,
  middleware: guard('admin'),
  summary: 'Modifier un compte (rôle, départements, activité, nouveau mot de passe)',
  description: 'Un changement de rôle, une désactivation ou un nouveau mot de passe ferme les sessions du compte.',
  request: { params: IdParamSchema, body: { required: true, content: { 'application/json': { schema: UpdateUserInputSchema } } } },
  responses: { 200: user, 400: invalid, ...guardErrors, 404: errorResponse('Compte inconnu') },
});

export const resetUserRoute = createRoute({
  method: 'post',
  path: '/admin/users/{id}/reset',
  tags,
  middleware: guard('admin'),
  summary: 'Envoyer au compte un lien « choisir un nouveau mot de passe »',
  description:
    'Un lien à usage unique, valable 24 heures, part par courriel (jamais un mot de passe). Les liens envoyés avant ne servent plus ; le mot de passe actuel reste valable jusqu’à l’usage du lien.',
  request: { params: IdParamSchema },
  responses: { 200: user, 400: invalid, ...guardErrors, 404: errorResponse('Compte inconnu') },
});

export const endUserSessionsRoute = createRoute({
  method: 'delete',
  path: '/admin/users/{id}/sessions',
  tags,
  middleware: guard('admin'),
  summary: 'Fermer toutes les sessions d’un compte',
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'Nombre de sessions fermées', content: { 'application/json': { schema: z.object({ ended: z.number().int() }) } } },
    ...guardErrors,
    404: errorResponse('Compte inconnu'),
  },
});

export const listAccountRequestsRoute = createRoute({
  method: 'get',
  path: '/admin/account-requests',
  tags,
  middleware: guard('admin'),
  summary: 'Les demandes de compte professionnel (à traiter d’abord)',
  responses: {
    200: { description: 'Les demandes', content: { 'application/json': { schema: AccountRequestListSchema } } },
    ...guardErrors,
  },
});

export const refuseAccountRequestRoute = createRoute({
  method: 'post',
  path: '/admin/account-requests/{id}/refuse',
  tags,
  middleware: guard('admin'),
  summary: 'Refuser une demande de compte (la personne est prévenue)',
  description: 'Pour l’accepter : créer le compte avec `account_request_id` (POST /admin/users).',
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'La demande refusée', content: { 'application/json': { schema: AccountRequestSchema } } },
    ...guardErrors,
    404: errorResponse('Demande inconnue'),
    409: errorResponse('Demande déjà traitée'),
  },
});
