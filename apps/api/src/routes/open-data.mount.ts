import { createRouter } from '../lib/create-router.ts';
import { exportsRouter } from './exports/exports.index.ts';
import { hsdsRouter } from './hsds/hsds.index.ts';

/**
 * The open-data routes, mounted under /api by app.ts. One mount file per area keeps app.ts stable
 * while areas grow in parallel: the exports (CSV, GeoJSON, data·inclusion), the HSDS 3.0 API (the
 * documentation page at /api/docs is registered by app.ts, beside the OpenAPI document).
 */
export const openDataRoutes = createRouter().route('/', exportsRouter).route('/', hsdsRouter);
