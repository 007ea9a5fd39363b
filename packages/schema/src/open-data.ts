/** The open-data routes' parameters and envelopes: CSV exports and the HSDS 3.0 (Open Referral) API. */
import { z } from 'zod';
import { intParam } from './params.ts';

/** The column separator of a CSV export, by symbol or by name. */
export const CsvQuerySchema = z
  .object({
    sep: z
      .enum([',', ';'])
      .optional()
      .meta({ description: 'Séparateur de colonnes : `,` (par défaut) ou `;` (tableurs réglés en français)' }),
    separator: z.enum(['comma', 'semicolon']).optional().meta({ description: 'Même choix, en toutes lettres : `comma` ou `semicolon`' }),
  })
  .refine((q) => !(q.sep && q.separator && (q.sep === ';') !== (q.separator === 'semicolon')), {
    path: ['separator'],
    message: 'sep et separator demandent deux séparateurs différents',
  });

const pageParam = (name: string, min: number, max: number, def: number, description: string) =>
  intParam(name, min, max, def).meta({ description });

const boolParam = (description: string) =>
  z
    .enum(['true', 'false'], { message: 'Valeur attendue : true ou false' })
    .optional()
    .transform((v) => v === 'true')
    .meta({ description });

export const HSDS_MAX_PER_PAGE = 500;
const HSDS_SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema';

const listQuery = {
  page: pageParam('page', 1, 1_000_000, 1, 'Numéro de page, à partir de 1'),
  per_page: pageParam('per_page', 1, HSDS_MAX_PER_PAGE, 50, `Éléments par page (50 par défaut, ${HSDS_MAX_PER_PAGE} au plus)`),
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
export const HsdsOrganizationQuerySchema = z.object({ full_service: boolParam('`true` : service entièrement imbriqué') });

const hsdsId = (description: string) => z.object({ id: z.string().max(100).meta({ description }) });
export const HsdsServiceParamSchema = hsdsId('UUID du service');
export const HsdsOrganizationParamSchema = hsdsId('UUID de l’organisation');

export const HsdsApiInfoSchema = z
  .object({ version: z.string(), profile: z.string(), openapi_url: z.string() })
  .meta({ id: 'HsdsApiInfo' });

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

const hsdsRecord = (ref: string) => z.record(z.string(), z.unknown()).meta({ description: `Objet HSDS 3.0 conforme à ${ref}` });

export const HsdsServicePageSchema = pageOf(`${HSDS_SCHEMA_BASE}/service.json`, 'HsdsServicePage');
export const HsdsOrganizationPageSchema = pageOf(`${HSDS_SCHEMA_BASE}/organization.json`, 'HsdsOrganizationPage');
export const HsdsServiceSchema = hsdsRecord(`${HSDS_SCHEMA_BASE}/compiled/service.json`);
export const HsdsOrganizationSchema = hsdsRecord(`${HSDS_SCHEMA_BASE}/compiled/organization.json`);
