import { createRouter } from '../../lib/create-router.ts';
import { computeFreshness } from '../../services/freshness.ts';
import { currentEditor } from '../admin-actors/admin-guard.ts';
import { freshnessRoute } from './freshness.routes.ts';

export const freshnessRouter = createRouter().openapi(freshnessRoute, (c) => c.json(computeFreshness(c.var, currentEditor(c)), 200));
