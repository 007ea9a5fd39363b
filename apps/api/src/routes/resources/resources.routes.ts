import { createRoute, z } from '@hono/zod-openapi';
import {
  ErrorBodySchema,
  ProtocolListSchema,
  ProtocolsQuerySchema,
  PublicProtocolSchema,
  PublicResourceSchema,
  SearchResourcesQuerySchema,
  SearchResourcesResponseSchema,
  SlugSchema,
} from '@pare/schema';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });
const errors = { 400: error('Paramètre invalide'), 500: error('Erreur interne') };
const tags = ['Ressources'];

export const listResourcesRoute = createRoute({
  method: 'get',
  path: '/resources',
  tags,
  summary: 'Rechercher des ressources',
  description:
    'Guides, fiches, outils, vidéos, formations, textes juridiques, études, bonnes pratiques et protocoles territoriaux. Recherche plein texte (titre, résumé, référence ; sans accents ni casse, débuts de mots), filtres `types`, `publics`, `themes` (OU dans un filtre, ET entre filtres), `departement` (ressources nationales et celles qui couvrent le département ou sa région), `actor` (ressources produites par cet acteur). Tri : pertinence avec `q`, les plus récentes sinon.',
  request: { query: SearchResourcesQuerySchema },
  responses: {
    200: { description: 'Une page de ressources', content: { 'application/json': { schema: SearchResourcesResponseSchema } } },
    ...errors,
  },
});

export const getResourceRoute = createRoute({
  method: 'get',
  path: '/resources/{slug}',
  tags,
  summary: 'Une ressource',
  request: { params: z.object({ slug: SlugSchema }) },
  responses: {
    200: { description: 'La ressource', content: { 'application/json': { schema: PublicResourceSchema } } },
    404: error('Ressource inconnue ou retirée'),
    ...errors,
  },
});

export const getResourceFileRoute = createRoute({
  method: 'get',
  path: '/resources/{slug}/file',
  tags,
  summary: 'Télécharger le fichier d’une ressource',
  description:
    'Toujours en pièce jointe (`Content-Disposition: attachment`), avec le type détecté à partir du contenu du fichier au dépôt et `X-Content-Type-Options: nosniff`.',
  request: { params: z.object({ slug: SlugSchema }) },
  responses: {
    200: { description: 'Le fichier', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
    404: error('Ressource inconnue, retirée ou sans fichier'),
    ...errors,
  },
});

export const listProtocolsRoute = createRoute({
  method: 'get',
  path: '/protocols',
  tags: ['Protocoles territoriaux'],
  summary: 'Protocoles territoriaux (conventions, comités de suivi, commissions)',
  description: 'Par département ; une convention avant les instances qu’elle a créées. Filtres : `departement`, `kinds`.',
  request: { query: ProtocolsQuerySchema },
  responses: {
    200: { description: 'Les protocoles publiés', content: { 'application/json': { schema: ProtocolListSchema } } },
    ...errors,
  },
});

export const getProtocolRoute = createRoute({
  method: 'get',
  path: '/protocols/{slug}',
  tags: ['Protocoles territoriaux'],
  summary: 'Un protocole, ses membres et ses réunions',
  request: { params: z.object({ slug: SlugSchema }) },
  responses: {
    200: { description: 'Le protocole', content: { 'application/json': { schema: PublicProtocolSchema } } },
    404: error('Protocole inconnu ou retiré'),
    ...errors,
  },
});
