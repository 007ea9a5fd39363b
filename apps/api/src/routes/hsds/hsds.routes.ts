import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBodySchema } from '@pare/schema';

const HSDS_SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema';
const HSDS_DOCS = {
  description: 'Open Referral HSDS 3.0 (CC BY-SA 4.0), copie dans data/standards/ du dépôt',
  url: 'https://docs.openreferral.org/en/latest/',
};

const errors = {
  400: { description: 'Paramètre invalide', content: { 'application/json': { schema: ErrorBodySchema } } },
  500: { description: 'Erreur interne', content: { 'application/json': { schema: ErrorBodySchema } } },
};
const notFound = { description: 'Identifiant inconnu', content: { 'application/json': { schema: ErrorBodySchema } } };

const intParam = (name: string, min: number, max: number, def: number, description: string) =>
  z
    .string()
    .regex(/^\d+$/, `${name} doit être un nombre entier`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} doit valoir au moins ${min}`).max(max, `${name} ne peut pas dépasser ${max}`))
    .optional()
    .transform((v) => v ?? def)
    .meta({ description });

const boolParam = (description: string) =>
  z
    .enum(['true', 'false'], { message: 'Valeur attendue : true ou false' })
    .optional()
    .transform((v) => v === 'true')
    .meta({ description });

export const HSDS_MAX_PER_PAGE = 500;

const listQuery = {
  page: intParam('page', 1, 1_000_000, 1, 'Numéro de page, à partir de 1'),
  per_page: intParam('per_page', 1, HSDS_MAX_PER_PAGE, 50, `Éléments par page (50 par défaut, ${HSDS_MAX_PER_PAGE} au plus)`),
  search: z
    .string()
    .trim()
    .max(200, 'Recherche trop longue (200 caractères au plus)')
    .optional()
    .meta({ description: 'Recherche plein texte (triée par pertinence)' }),
};

export const HsdsServicesQuerySchema = z.object({ ...listQuery, full: boolParam('`true` : services entièrement imbriqués') });
export const HsdsOrganizationsQuerySchema = z.object({
  ...listQuery,
  full: boolParam('`true` : organisations imbriquées (téléphones, lieux, service résumé)'),
  full_service: boolParam('`true` : avec leur service entièrement imbriqué'),
});

/** The paging envelope of HSDS (components/schemas/Page of its OpenAPI description) around `contents`. */
const pageOf = (itemsRef: string, id: string) =>
  z
    .object({
      total_items: z.number().int().meta({ description: 'Nombre total d’éléments' }),
      total_pages: z.number().int(),
      page_number: z.number().int(),
      size: z.number().int().meta({ description: 'Nombre d’éléments dans cette page' }),
      first_page: z.boolean(),
      last_page: z.boolean(),
      empty: z.boolean(),
      contents: z.array(z.record(z.string(), z.unknown()).meta({ description: `Voir ${itemsRef}` })),
    })
    .meta({ id });

const HsdsRecordSchema = (ref: string) => z.record(z.string(), z.unknown()).meta({ description: `Objet HSDS 3.0 conforme à ${ref}` });

export const hsdsInfoRoute = createRoute({
  method: 'get',
  path: '/hsds/',
  tags: ['HSDS 3.0 (Open Referral)'],
  summary: 'Informations sur l’API HSDS',
  description: 'Version de HSDS servie, profil et adresse de la description OpenAPI.',
  externalDocs: HSDS_DOCS,
  responses: {
    200: {
      description: 'Version, profil et description OpenAPI',
      content: {
        'application/json': {
          schema: z.object({ version: z.string(), profile: z.string(), openapi_url: z.string() }).meta({ id: 'HsdsApiInfo' }),
        },
      },
    },
  },
});

export const hsdsServicesRoute = createRoute({
  method: 'get',
  path: '/hsds/services',
  tags: ['HSDS 3.0 (Open Referral)'],
  summary: 'Services HSDS, paginés',
  description:
    'Un service par acteur publié, dans l’ordre des identifiants (ou par pertinence avec `search`). Sans `full`, seuls les champs un-à-un de chaque service.',
  externalDocs: HSDS_DOCS,
  request: { query: HsdsServicesQuerySchema },
  responses: {
    200: {
      description: 'Une page de services',
      content: { 'application/json': { schema: pageOf(`${HSDS_SCHEMA_BASE}/service.json`, 'HsdsServicePage') } },
    },
    ...errors,
  },
});

export const hsdsServiceRoute = createRoute({
  method: 'get',
  path: '/hsds/services/{id}',
  tags: ['HSDS 3.0 (Open Referral)'],
  summary: 'Un service HSDS entièrement imbriqué',
  description:
    'Organisation, téléphones, zones desservies, lieux (un lieu confidentiel n’a ni adresse ni coordonnées), langues et termes de taxonomie (publics, actions, type).',
  externalDocs: HSDS_DOCS,
  request: { params: z.object({ id: z.string().max(100).meta({ description: 'UUID du service' }) }) },
  responses: {
    200: {
      description: 'Le service',
      content: { 'application/json': { schema: HsdsRecordSchema(`${HSDS_SCHEMA_BASE}/compiled/service.json`) } },
    },
    404: notFound,
    ...errors,
  },
});

export const hsdsOrganizationsRoute = createRoute({
  method: 'get',
  path: '/hsds/organizations',
  tags: ['HSDS 3.0 (Open Referral)'],
  summary: 'Organisations HSDS, paginées',
  description: 'Une organisation par acteur publié, dans l’ordre des identifiants (ou par pertinence avec `search`).',
  externalDocs: HSDS_DOCS,
  request: { query: HsdsOrganizationsQuerySchema },
  responses: {
    200: {
      description: 'Une page d’organisations',
      content: { 'application/json': { schema: pageOf(`${HSDS_SCHEMA_BASE}/organization.json`, 'HsdsOrganizationPage') } },
    },
    ...errors,
  },
});

export const hsdsOrganizationRoute = createRoute({
  method: 'get',
  path: '/hsds/organizations/{id}',
  tags: ['HSDS 3.0 (Open Referral)'],
  summary: 'Une organisation HSDS imbriquée',
  description: 'Téléphones, lieux et son service (résumé, ou entièrement imbriqué avec `full_service=true`).',
  externalDocs: HSDS_DOCS,
  request: {
    params: z.object({ id: z.string().max(100).meta({ description: 'UUID de l’organisation' }) }),
    query: z.object({ full_service: boolParam('`true` : service entièrement imbriqué') }),
  },
  responses: {
    200: {
      description: 'L’organisation',
      content: { 'application/json': { schema: HsdsRecordSchema(`${HSDS_SCHEMA_BASE}/compiled/organization.json`) } },
    },
    404: notFound,
    ...errors,
  },
});
