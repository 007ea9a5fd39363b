/** Routes of the actor list's bulk « marquer vérifiées » and of a relais's read-only view (issue 17, items 8 and 9). */
import { createRoute, z } from '@hono/zod-openapi';
import { BulkVerifyInputSchema, IdParamSchema, PublicActorSchema } from '@pare/schema';
import { EDITORS, guard } from '../../lib/policy.ts';
import { errorResponse, guardErrors } from './admin-guard.ts';

const tags = ['Back-office : acteurs'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

export const bulkVerifyRoute = createRoute({
  method: 'post',
  path: '/admin/actors/verify',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Marquer vérifiées aujourd’hui plusieurs fiches',
  description:
    'Chaque fiche est vérifiée à part (rôle et départements comme pour une seule) et reçoit sa révision ; une fiche refusée est listée avec la raison sans bloquer les autres.',
  request: { body: { required: true, content: { 'application/json': { schema: BulkVerifyInputSchema } } } },
  responses: {
    200: json(
      z.object({
        verified: z.array(z.object({ id: z.number().int(), name: z.string(), last_verified_at: z.string().nullable() })),
        refused: z.array(z.object({ id: z.number().int(), message: z.string() })),
      }),
      'Les fiches vérifiées et celles refusées, avec la raison',
    ),
    400: errorResponse('Liste invalide'),
    ...guardErrors,
  },
});

export const readActorRoute = createRoute({
  method: 'get',
  path: '/admin/actors/{id}/read-only',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Lire une fiche sans la modifier (un relais : les fiches régionales et nationales qui couvrent ses départements)',
  request: { params: IdParamSchema },
  responses: {
    200: json(
      z.object({
        id: z.number().int(),
        status: z.enum(['published', 'archived']),
        editable: z.boolean(),
        reason: z.string().nullable().meta({ description: 'Pourquoi la fiche est en lecture seule pour ce compte' }),
        actor: PublicActorSchema,
      }),
      'La fiche telle qu’un professionnel vérifié la voit (jamais l’adresse d’un lieu confidentiel)',
    ),
    ...guardErrors,
    404: errorResponse('Fiche inconnue'),
  },
});

export const coveringEntriesRoute = createRoute({
  method: 'get',
  path: '/admin/actors/covering',
  tags,
  middleware: guard(...EDITORS),
  summary: 'Les fiches régionales et nationales qui couvrent les départements d’un relais (en lecture seule pour lui)',
  description: 'Vide pour l’équipe PARÉ, qui modifie toutes les fiches.',
  responses: {
    200: json(
      z.object({
        items: z.array(
          z.object({
            id: z.number().int(),
            name: z.string(),
            type: z.string(),
            scope: z.enum(['national', 'regional']),
            regions: z.array(z.string()),
          }),
        ),
      }),
      'Les fiches, par ordre alphabétique',
    ),
    ...guardErrors,
  },
});
