import {
  ProtocolListSchema,
  ProtocolsQuerySchema,
  PublicProtocolSchema,
  PublicResourceSchema,
  SearchResourcesQuerySchema,
  SearchResourcesResponseSchema,
  SlugParamSchema,
} from '@pare/schema';
import { answers, binaryResponse, errorResponse, publicErrors, routeGroup } from '../../lib/openapi.ts';

const tags = ['Ressources'];
const resourceRoute = routeGroup({ tags, errors: publicErrors });
const protocolRoute = routeGroup({ tags: ['Protocoles territoriaux'], errors: publicErrors });

export const listResourcesRoute = resourceRoute('get', '/resources', 'Rechercher des ressources', {
  description:
    'Guides, fiches, outils, vidéos, formations, textes juridiques, études, bonnes pratiques et protocoles territoriaux. Recherche plein texte (titre, résumé, référence ; sans accents ni casse, débuts de mots), filtres `types`, `publics`, `themes` (OU dans un filtre, ET entre filtres), `departement` (ressources nationales et celles qui couvrent le département ou sa région), `actor` (ressources produites par cet acteur). Tri : pertinence avec `q`, les plus récentes sinon.',
  request: { query: SearchResourcesQuerySchema },
  responses: answers(SearchResourcesResponseSchema, 'Une page de ressources'),
});

export const getResourceRoute = resourceRoute('get', '/resources/{slug}', 'Une ressource', {
  request: { params: SlugParamSchema },
  responses: answers(PublicResourceSchema, 'La ressource', { 404: 'Ressource inconnue ou retirée' }),
});

export const getResourceFileRoute = resourceRoute('get', '/resources/{slug}/file', 'Télécharger le fichier d’une ressource', {
  description:
    'Toujours en pièce jointe (`Content-Disposition: attachment`), avec le type détecté à partir du contenu du fichier au dépôt et `X-Content-Type-Options: nosniff`.',
  request: { params: SlugParamSchema },
  responses: {
    200: binaryResponse('application/octet-stream', 'Le fichier'),
    404: errorResponse('Ressource inconnue, retirée ou sans fichier'),
  },
});

export const listProtocolsRoute = protocolRoute(
  'get',
  '/protocols',
  'Protocoles territoriaux (conventions, comités de suivi, commissions)',
  {
    description: 'Par département ; une convention avant les instances qu’elle a créées. Filtres : `departement`, `kinds`.',
    request: { query: ProtocolsQuerySchema },
    responses: answers(ProtocolListSchema, 'Les protocoles publiés'),
  },
);

export const getProtocolRoute = protocolRoute('get', '/protocols/{slug}', 'Un protocole, ses membres et ses réunions', {
  request: { params: SlugParamSchema },
  responses: answers(PublicProtocolSchema, 'Le protocole', { 404: 'Protocole inconnu ou retiré' }),
});
