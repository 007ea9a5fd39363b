import { createRoute } from '@hono/zod-openapi';
import { HoursPreviewInputSchema, HoursPreviewSchema } from '@pare/schema';
import { EDITORS, guard } from '../../lib/policy.ts';
import { errorResponse, guardErrors } from '../admin-actors/admin-guard.ts';

export const hoursPreviewRoute = createRoute({
  method: 'post',
  path: '/admin/hours/preview',
  tags: ['Back-office'],
  middleware: guard(...EDITORS),
  summary: 'Lire des horaires (éditeur du back-office)',
  description:
    'Vérifie des horaires au format OpenStreetMap `opening_hours` avec la bibliothèque `opening_hours` et les relit : le problème en français, les horaires en toutes lettres, la grille hebdomadaire quand elle existe, les 14 prochains jours (jours fériés du département et fermetures compris). Rien n’est enregistré.',
  request: { body: { content: { 'application/json': { schema: HoursPreviewInputSchema } }, required: true } },
  responses: {
    200: { description: 'Les horaires relus', content: { 'application/json': { schema: HoursPreviewSchema } } },
    400: errorResponse('Requête invalide'),
    ...guardErrors,
  },
});
