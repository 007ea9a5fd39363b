import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBodySchema, PublicActorSchema, SearchActorsQuerySchema, SearchActorsResponseSchema, SlugSchema } from '@pare/schema';

const errors = {
  400: { description: 'Paramètre invalide', content: { 'application/json': { schema: ErrorBodySchema } } },
  500: { description: 'Erreur interne', content: { 'application/json': { schema: ErrorBodySchema } } },
};

export const listActorsRoute = createRoute({
  method: 'get',
  path: '/actors',
  tags: ['Acteurs'],
  summary: 'Rechercher des acteurs',
  description:
    'Recherche plein texte, filtres (publics, actions, types : OU dans un filtre, ET entre filtres), département, lieu (near, commune ou postcode) et rayon. Les lieux confidentiels ne sont jamais plus précis que leur commune.',
  request: { query: SearchActorsQuerySchema },
  responses: {
    200: { description: 'Une page de résultats', content: { 'application/json': { schema: SearchActorsResponseSchema } } },
    ...errors,
  },
});

export const getActorRoute = createRoute({
  method: 'get',
  path: '/actors/{slug}',
  tags: ['Acteurs'],
  summary: 'Fiche publique d’un acteur',
  request: { params: z.object({ slug: SlugSchema }) },
  responses: {
    200: { description: 'La fiche publique', content: { 'application/json': { schema: PublicActorSchema } } },
    404: { description: 'Acteur inconnu', content: { 'application/json': { schema: ErrorBodySchema } } },
    ...errors,
  },
});
