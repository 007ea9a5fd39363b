import { FreshnessSchema } from '@pare/schema';
import { answers, editorRoutes, guardErrors } from '../../lib/openapi.ts';

const freshnessGroup = editorRoutes(['Back-office : fraîcheur'], guardErrors);

export const freshnessRoute = freshnessGroup('get', '/admin/freshness', 'Fiches à revérifier et départements sans acteur', {
  description:
    'Par département : fiches publiées et fiches non vérifiées depuis 12 mois ; les départements sans aucun acteur ; les propositions en attente. Un relais ne voit que ses départements.',
  responses: answers(FreshnessSchema, 'Le tableau de bord'),
});
