import { createRouter } from '../../lib/create-router.ts';
import { ApiError } from '../../lib/errors.ts';
import {
  getHsdsOrganization,
  getHsdsService,
  HSDS_VERSION,
  listHsdsOrganizations,
  listHsdsServices,
} from '../../services/open-data/hsds.ts';
import { publicOrigin } from '../exports/public-origin.ts';
import { hsdsInfoRoute, hsdsOrganizationRoute, hsdsOrganizationsRoute, hsdsServiceRoute, hsdsServicesRoute } from './hsds.routes.ts';

const apiInfo = (origin: string) => {
  return { version: HSDS_VERSION, profile: `${origin}/api/docs#hsds`, openapi_url: `${origin}/api/openapi.json` };
};

/** `/hsds/*`: the directory through the Open Referral HSDS 3.0 API (read only). */
export const hsdsRouter = createRouter()
  .openapi(hsdsInfoRoute, (c) => c.json(apiInfo(publicOrigin(c)), 200))
  .openapi(hsdsServicesRoute, (c) => c.json(listHsdsServices(c.var, c.req.valid('query'), publicOrigin(c)), 200))
  .openapi(hsdsServiceRoute, (c) => {
    const service = getHsdsService(c.var, c.req.valid('param').id, publicOrigin(c));
    if (!service) throw new ApiError('not_found', 'Ce service n’existe pas ou n’est plus référencé.');
    return c.json(service, 200);
  })
  .openapi(hsdsOrganizationsRoute, (c) => c.json(listHsdsOrganizations(c.var, c.req.valid('query'), publicOrigin(c)), 200))
  .openapi(hsdsOrganizationRoute, (c) => {
    const organization = getHsdsOrganization(c.var, c.req.valid('param').id, publicOrigin(c), c.req.valid('query').full_service);
    if (!organization) throw new ApiError('not_found', 'Cette organisation n’existe pas ou n’est plus référencée.');
    return c.json(organization, 200);
  })
  // The HSDS root without its trailing slash answers the same (not listed twice in the description).
  .get('/hsds', (c) => c.json(apiInfo(publicOrigin(c)), 200));
