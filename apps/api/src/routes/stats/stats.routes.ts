import { ActivityQuerySchema, FormatQuerySchema, StatsTableSchema } from '@pare/schema';
import { guardErrors, publicErrors, routeGroup, textContent } from '../../lib/openapi.ts';

/** A table in JSON, or the same in CSV with `?format=csv`. */
const csvOrJson = (description: string) => ({
  description,
  content: { 'application/json': { schema: StatsTableSchema }, ...textContent('text/csv') },
});
const statsRoute = routeGroup({ tags: ['Statistiques'], errors: {} });

export const coverageRoute = statsRoute('get', '/stats/coverage', 'Couverture du réseau par département, avec ses manques', {
  description:
    'Pour chaque département : acteurs publiés par type, action et public (un lieu dans le département ou un territoire qui le couvre ; les nationaux comptés à part), CRIP avec contact direct, protocole, distance en km de la commune préfecture à l’acteur le plus proche par action (`null` au-delà de 200 km) et les manques : `no-crip`, `no-listening-young`, `no-shelter-region`, `no-specialised-association`, `stale-majority`. Calculé depuis la vue publique : un lieu confidentiel compte dans son département, sans plus. `?format=csv` donne le même tableau en CSV.',
  request: { query: FormatQuerySchema },
  responses: { 200: csvOrJson('La couverture'), ...publicErrors },
});

export const activityRoute = statsRoute('get', '/admin/stats/activity', 'Activité par département et par mois (des nombres seulement)', {
  tags: ['Back-office : statistiques'],
  description:
    'Demandes de mise en relation reçues, orientées vers un acteur ou vers l’équipe, clôturées et médiane des jours jusqu’à la clôture ; propositions reçues et décidées ; fiches créées, modifiées, vérifiées. Aucun nom, message ni référence. En CSV, un nombre inférieur à 5 est écrit `<5`. Un relais ne voit que ses départements.',
  request: { query: ActivityQuerySchema },
  responses: { 200: csvOrJson('L’activité'), ...guardErrors },
});
