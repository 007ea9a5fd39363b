import {
  HsdsApiInfoSchema,
  HsdsOrganizationPageSchema,
  HsdsOrganizationParamSchema,
  HsdsOrganizationQuerySchema,
  HsdsOrganizationSchema,
  HsdsOrganizationsQuerySchema,
  HsdsServicePageSchema,
  HsdsServiceParamSchema,
  HsdsServiceSchema,
  HsdsServicesQuerySchema,
} from '@pare/schema';
import { answers, errorResponse, jsonResponse, publicErrors, routeGroup } from '../../lib/openapi.ts';

const HSDS_DOCS = {
  description: 'Open Referral HSDS 3.0 (CC BY-SA 4.0), copie dans data/standards/ du dépôt',
  url: 'https://docs.openreferral.org/en/latest/',
};
const hsdsRoute = routeGroup({ tags: ['HSDS 3.0 (Open Referral)'], errors: {} });
const notFound = errorResponse('Identifiant inconnu');

export const hsdsInfoRoute = hsdsRoute('get', '/hsds/', 'Informations sur l’API HSDS', {
  description: 'Version de HSDS servie, profil et adresse de la description OpenAPI.',
  externalDocs: HSDS_DOCS,
  responses: answers(HsdsApiInfoSchema, 'Version, profil et description OpenAPI'),
});

export const hsdsServicesRoute = hsdsRoute('get', '/hsds/services', 'Services HSDS, paginés', {
  description:
    'Un service par acteur publié, dans l’ordre des identifiants (ou par pertinence avec `search`). Sans `full`, seuls les champs un-à-un de chaque service.',
  externalDocs: HSDS_DOCS,
  request: { query: HsdsServicesQuerySchema },
  responses: { 200: jsonResponse(HsdsServicePageSchema, 'Une page de services'), ...publicErrors },
});

export const hsdsServiceRoute = hsdsRoute('get', '/hsds/services/{id}', 'Un service HSDS entièrement imbriqué', {
  description:
    'Organisation, téléphones, zones desservies, lieux (un lieu confidentiel n’a ni adresse ni coordonnées), langues et termes de taxonomie (publics, actions, type).',
  externalDocs: HSDS_DOCS,
  request: { params: HsdsServiceParamSchema },
  responses: { 200: jsonResponse(HsdsServiceSchema, 'Le service'), 404: notFound, ...publicErrors },
});

export const hsdsOrganizationsRoute = hsdsRoute('get', '/hsds/organizations', 'Organisations HSDS, paginées', {
  description: 'Une organisation par acteur publié, dans l’ordre des identifiants (ou par pertinence avec `search`).',
  externalDocs: HSDS_DOCS,
  request: { query: HsdsOrganizationsQuerySchema },
  responses: { 200: jsonResponse(HsdsOrganizationPageSchema, 'Une page d’organisations'), ...publicErrors },
});

export const hsdsOrganizationRoute = hsdsRoute('get', '/hsds/organizations/{id}', 'Une organisation HSDS imbriquée', {
  description: 'Téléphones, lieux et son service (résumé, ou entièrement imbriqué avec `full_service=true`).',
  externalDocs: HSDS_DOCS,
  request: { params: HsdsOrganizationParamSchema, query: HsdsOrganizationQuerySchema },
  responses: { 200: jsonResponse(HsdsOrganizationSchema, 'L’organisation'), 404: notFound, ...publicErrors },
});
