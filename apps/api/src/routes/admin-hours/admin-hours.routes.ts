import { HoursPreviewInputSchema, HoursPreviewSchema } from '@pare/schema';
import { answers, editorRoutes, guardErrors } from '../../lib/openapi.ts';

const hoursRoute = editorRoutes(['Back-office'], guardErrors);

export const hoursPreviewRoute = hoursRoute('post', '/admin/hours/preview', 'Lire des horaires (éditeur du back-office)', {
  description:
    'Vérifie des horaires au format OpenStreetMap `opening_hours` avec la bibliothèque `opening_hours` et les relit : le problème en français, les horaires en toutes lettres, la grille hebdomadaire quand elle existe, les 14 prochains jours (jours fériés du département et fermetures compris). Rien n’est enregistré.',
  request: { body: { content: { 'application/json': { schema: HoursPreviewInputSchema } }, required: true } },
  responses: answers(HoursPreviewSchema, 'Les horaires relus', { 400: 'Requête invalide' }),
});
