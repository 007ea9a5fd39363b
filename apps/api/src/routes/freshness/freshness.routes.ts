import { createRoute } from '@hono/zod-openapi';
import { FreshnessSchema } from '@pare/schema';
import { EDITORS, guard } from '../../lib/policy.ts';
import { guardErrors } from '../admin-actors/admin-guard.ts';

export const freshnessRoute = createRoute({
  method: 'get',
  path: '/admin/freshness',
  tags: ['Back-office : fraîcheur'],
  middleware: guard(...EDITORS),
  summary: 'Fiches à revérifier et départements sans acteur',
  description:
    'Par département : fiches publiées et fiches non vérifiées depuis 12 mois ; les départements sans aucun acteur ; les propositions en attente. Un relais ne voit que ses départements.',
  responses: { 200: { description: 'Le tableau de bord', content: { 'application/json': { schema: FreshnessSchema } } }, ...guardErrors },
});
