import { DepartementCodeParamSchema, DepartementListSchema, DepartementPageSchema } from '@pare/schema';
import { answers, publicErrors, routeGroup } from '../../lib/openapi.ts';

const tags = ['Départements'];
const departementRoute = routeGroup({ tags, errors: { 500: publicErrors[500] } });

export const listDepartementsRoute = departementRoute(
  'get',
  '/departements',
  'Tous les départements, avec leurs acteurs et protocoles comptés',
  {
    description: '`actors` : acteurs publiés ayant un lieu dans le département ou un territoire qui le couvre (nationaux exclus).',
    responses: answers(DepartementListSchema, 'Les départements'),
  },
);

export const getDepartementRoute = departementRoute('get', '/departements/{code}', 'Ce qui existe dans un département', {
  description:
    'La CRIP puis l’ASE (services départementaux qui le couvrent), les autres acteurs qui y ont un lieu ou le couvrent (vue publique), les protocoles territoriaux avec leurs membres et réunions, et les ressources propres au territoire.',
  request: { params: DepartementCodeParamSchema },
  responses: answers(DepartementPageSchema, 'La page du département', {
    400: 'Code de département mal formé',
    404: 'Aucun département n’a ce code',
  }),
});
