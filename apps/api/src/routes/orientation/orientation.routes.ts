import { createRoute } from '@hono/zod-openapi';
import { ErrorBodySchema, OrientationInputSchema, OrientationResultSchema } from '@pare/schema';
import { perClientRateLimit } from './rate-limit.ts';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });

export const orientRoute = createRoute({
  method: 'post',
  path: '/orientation',
  tags: ['Orientation'],
  summary: 'Orienter une personne vers les bons acteurs',
  description:
    'Qui demande (jeune, famille, professionnel), où (commune ou département), pour quoi (actions, ou « je-ne-sais-pas ») et avec quelle urgence : ' +
    'la liste ordonnée des acteurs à contacter, avec pour chacun une raison et un moyen de contact, et des avis (numéros d’urgence, rappels légaux). ' +
    'En POST pour que la question ne figure ni dans les adresses ni dans les journaux. Limité par client (429 `rate_limited`).',
  middleware: [perClientRateLimit('orientation')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: OrientationInputSchema } } } },
  responses: {
    200: {
      description: 'Les acteurs à contacter, dans l’ordre, et les avis',
      content: { 'application/json': { schema: OrientationResultSchema } },
    },
    400: error('Champ invalide (commune inconnue, besoin inconnu…)'),
    429: error('Trop de demandes depuis ce client'),
  },
});
