import { createRoute } from '@hono/zod-openapi';
import { AdminUserListSchema, AdminUserSchema, CreateUserInputSchema, IdParamSchema, UpdateUserInputSchema } from '@pare/schema';
import { errorResponse, guard, guardErrors } from '../admin-actors/admin-guard.ts';

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
