import { LoginInputSchema, SessionResponseSchema } from '@pare/schema';
import { answers, errorResponse, jsonBody, routeGroup } from '../../lib/openapi.ts';

const accountRoute = routeGroup({ tags: ['Comptes'], errors: {} });

export const loginRoute = accountRoute('post', '/auth/login', 'Se connecter (curateurs, relais, professionnels vérifiés)', {
  request: jsonBody(LoginInputSchema),
  responses: {
    200: {
      description: 'Session ouverte ; le cookie de session est HttpOnly',
      content: { 'application/json': { schema: SessionResponseSchema } },
    },
    400: errorResponse('Champ invalide'),
    401: errorResponse('Identifiants incorrects'),
    429: errorResponse('Trop de tentatives'),
  },
});

export const logoutRoute = accountRoute('post', '/auth/logout', 'Se déconnecter', {
  responses: {
    204: { description: 'Session fermée' },
    401: errorResponse('Pas de session'),
    403: errorResponse('Jeton CSRF manquant'),
  },
});

export const meRoute = accountRoute('get', '/auth/me', 'La session en cours', {
  responses: answers(SessionResponseSchema, 'L’utilisateur connecté', { 401: 'Pas de session' }),
});
