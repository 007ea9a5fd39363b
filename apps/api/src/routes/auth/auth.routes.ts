import { createRoute } from '@hono/zod-openapi';
import { ErrorBodySchema, LoginInputSchema, SessionResponseSchema } from '@pare/schema';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });

export const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Comptes'],
  summary: 'Se connecter (curateurs, relais, professionnels vérifiés)',
  request: { body: { required: true, content: { 'application/json': { schema: LoginInputSchema } } } },
  responses: {
    200: {
      description: 'Session ouverte ; le cookie de session est HttpOnly',
      content: { 'application/json': { schema: SessionResponseSchema } },
    },
    400: error('Champ invalide'),
    401: error('Identifiants incorrects'),
    429: error('Trop de tentatives'),
  },
});

export const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['Comptes'],
  summary: 'Se déconnecter',
  responses: {
    204: { description: 'Session fermée' },
    401: error('Pas de session'),
    403: error('Jeton CSRF manquant'),
  },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['Comptes'],
  summary: 'La session en cours',
  responses: {
    200: { description: 'L’utilisateur connecté', content: { 'application/json': { schema: SessionResponseSchema } } },
    401: error('Pas de session'),
  },
});
