import { createRoute, z } from '@hono/zod-openapi';
import { DepartementCodeSchema, DepartementListSchema, DepartementPageSchema, ErrorBodySchema } from '@pare/schema';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });
const tags = ['Départements'];

export const listDepartementsRoute = createRoute({
  method: 'get',
  path: '/departements',
  tags,
  summary: 'Tous les départements, avec leurs acteurs et protocoles comptés',
  description: '`actors` : acteurs publiés ayant un lieu dans le département ou un territoire qui le couvre (nationaux exclus).',
  responses: {
    200: { description: 'Les départements', content: { 'application/json': { schema: DepartementListSchema } } },
    500: error('Erreur interne'),
  },
});

export const getDepartementRoute = createRoute({
  method: 'get',
  path: '/departements/{code}',
  tags,
  summary: 'Ce qui existe dans un département',
  description:
    'La CRIP puis l’ASE (services départementaux qui le couvrent), les autres acteurs qui y ont un lieu ou le couvrent (vue publique), les protocoles territoriaux avec leurs membres et réunions, et les ressources propres au territoire.',
  request: { params: z.object({ code: DepartementCodeSchema }) },
  responses: {
    200: { description: 'La page du département', content: { 'application/json': { schema: DepartementPageSchema } } },
    400: error('Code de département mal formé'),
    404: error('Aucun département n’a ce code'),
    500: error('Erreur interne'),
  },
});
