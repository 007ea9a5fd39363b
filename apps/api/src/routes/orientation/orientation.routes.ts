import { OrientationInputSchema, OrientationResultSchema } from '@pare/schema';
import { errorResponse, jsonBody, routeGroup } from '../../lib/openapi.ts';
import { perClientRateLimit } from './rate-limit.ts';

const orientationRoute = routeGroup({ tags: ['Orientation'], errors: {} });

export const orientRoute = orientationRoute('post', '/orientation', 'Orienter une personne vers les bons acteurs', {
  middleware: [perClientRateLimit('orientation')] as const,
  description:
    'Qui demande (jeune, famille, professionnel), où (commune ou département), pour quoi (actions, ou « je-ne-sais-pas ») et avec quelle urgence : ' +
    'la liste ordonnée des acteurs à contacter, avec pour chacun une raison et un moyen de contact, et des avis (numéros d’urgence, rappels légaux). ' +
    'En POST pour que la question ne figure ni dans les adresses ni dans les journaux. Limité par client (429 `rate_limited`).',
  request: jsonBody(OrientationInputSchema),
  responses: {
    200: {
      description: 'Les acteurs à contacter, dans l’ordre, et les avis',
      content: { 'application/json': { schema: OrientationResultSchema } },
    },
    400: errorResponse('Champ invalide (commune inconnue, besoin inconnu…)'),
    429: errorResponse('Trop de demandes depuis ce client'),
  },
});
