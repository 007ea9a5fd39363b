import { CsvQuerySchema } from '@pare/schema';
import { publicErrors, routeGroup, textContent } from '../../lib/openapi.ts';

const openDataRoute = routeGroup({ tags: ['Données ouvertes'], errors: { 500: publicErrors[500] } });

const DATA_INCLUSION_DOCS = {
  description: 'Schéma data·inclusion v1.0.8 (Licence Ouverte 2.0), copie dans data/standards/ du dépôt',
  url: 'https://www.data.inclusion.gouv.fr/',
};

export const actorsCsvRoute = openDataRoute('get', '/exports/actors.csv', 'Tous les acteurs publiés, en CSV', {
  description:
    'Une ligne par acteur, vue publique uniquement (aucune adresse ni coordonnée de lieu confidentiel, aucun contact réservé aux professionnels). UTF-8 avec BOM, fins de ligne CRLF ; plusieurs valeurs dans une cellule sont séparées par `|`. Toute cellule de texte commençant par `=`, `+`, `-`, `@`, une tabulation ou un retour chariot est préfixée d’une apostrophe pour qu’aucun tableur ne l’exécute. Colonnes : voir docs/open-data.md.',
  request: { query: CsvQuerySchema },
  responses: {
    200: {
      description: 'Le fichier pare-acteurs.csv (envoyé au fil de l’eau)',
      headers: { 'Content-Disposition': { description: 'attachment; filename="pare-acteurs.csv"', schema: { type: 'string' } } },
      content: textContent('text/csv'),
    },
    400: publicErrors[400],
  },
});

export const actorsGeoJsonRoute = openDataRoute('get', '/exports/actors.geojson', 'Les lieux publics des acteurs, en GeoJSON', {
  description:
    'Une FeatureCollection (RFC 7946) d’un point par lieu public. Les lieux confidentiels ne sont pas exportés du tout, pas même au centre de leur commune. Propriétés : actor_id, slug, name, type, publics, actions, address, postcode, commune, commune_code, departement, departement_code, precision, url.',
  responses: {
    200: {
      description: 'Le fichier pare-acteurs.geojson (envoyé au fil de l’eau)',
      content: {
        'application/geo+json': {
          schema: {
            type: 'object',
            description: 'FeatureCollection GeoJSON (RFC 7946) de points',
            properties: { type: { type: 'string', enum: ['FeatureCollection'] }, features: { type: 'array', items: { type: 'object' } } },
          },
        },
      },
    },
  },
});

export const dataInclusionStructuresRoute = openDataRoute(
  'get',
  '/exports/data-inclusion/structures.json',
  'Les acteurs comme structures data·inclusion (schéma v1.0.8)',
  {
    description:
      'Un tableau JSON de structures conformes à structure.json du schéma data·inclusion v1.0.8 : source `pare`, id `pare--<id>`, lien_source vers la fiche publique. Correspondance champ par champ : docs/open-data.md.',
    externalDocs: DATA_INCLUSION_DOCS,
    responses: {
      200: {
        description: 'Les structures (envoyées au fil de l’eau)',
        content: {
          'application/json': { schema: { type: 'array', items: { type: 'object', description: 'Structure data·inclusion v1.0.8' } } },
        },
      },
    },
  },
);

export const dataInclusionServicesRoute = openDataRoute(
  'get',
  '/exports/data-inclusion/services.json',
  'Les actions des acteurs comme services data·inclusion (schéma v1.0.8)',
  {
    description:
      'Un tableau JSON de services conformes à service.json du schéma data·inclusion v1.0.8 : un service par action d’un acteur (id `pare--<id>--<action>`), avec publics, thématiques, type et zone d’éligibilité. Correspondance : docs/open-data.md.',
    externalDocs: DATA_INCLUSION_DOCS,
    responses: {
      200: {
        description: 'Les services (envoyés au fil de l’eau)',
        content: {
          'application/json': { schema: { type: 'array', items: { type: 'object', description: 'Service data·inclusion v1.0.8' } } },
        },
      },
    },
  },
);
