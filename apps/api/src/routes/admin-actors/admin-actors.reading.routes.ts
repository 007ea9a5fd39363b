/** Routes of the actor list's bulk « marquer vérifiées » and of a relais's read-only view (issue 17, items 8 and 9). */
import { BulkVerifyInputSchema, BulkVerifyResultSchema, CoveringEntriesSchema, ReadOnlyActorSchema } from '@pare/schema';
import { answers, editorRoutes, guardErrors, idParams, jsonBody } from '../../lib/openapi.ts';

const actorRoute = editorRoutes(['Back-office : acteurs'], guardErrors);

export const bulkVerifyRoute = actorRoute('post', '/admin/actors/verify', 'Marquer vérifiées aujourd’hui plusieurs fiches', {
  description:
    'Chaque fiche est vérifiée à part (rôle et départements comme pour une seule) et reçoit sa révision ; une fiche refusée est listée avec la raison sans bloquer les autres.',
  request: jsonBody(BulkVerifyInputSchema),
  responses: answers(BulkVerifyResultSchema, 'Les fiches vérifiées et celles refusées, avec la raison', { 400: 'Liste invalide' }),
});

export const readActorRoute = actorRoute(
  'get',
  '/admin/actors/{id}/read-only',
  'Lire une fiche sans la modifier (un relais : les fiches régionales et nationales qui couvrent ses départements)',
  {
    request: idParams,
    responses: answers(
      ReadOnlyActorSchema,
      'La fiche telle qu’un professionnel vérifié la voit (jamais l’adresse d’un lieu confidentiel)',
      { 404: 'Fiche inconnue' },
    ),
  },
);

export const coveringEntriesRoute = actorRoute(
  'get',
  '/admin/actors/covering',
  'Les fiches régionales et nationales qui couvrent les départements d’un relais (en lecture seule pour lui)',
  {
    description: 'Vide pour l’équipe PARÉ, qui modifie toutes les fiches.',
    responses: answers(CoveringEntriesSchema, 'Les fiches, par ordre alphabétique'),
  },
);
