import { createRoute, z } from '@hono/zod-openapi';
import { ErrorBodySchema } from '@pare/schema';
import { guardErrors } from '../admin-actors/admin-guard.ts';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });
const csvOrJson = (description: string) => ({
  description,
  content: { 'application/json': { schema: z.object({}).passthrough() }, 'text/csv': { schema: z.string() } },
});

export const FormatQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });
export const ActivityQuerySchema = FormatQuerySchema.extend({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'Mois attendu au format AAAA-MM')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'Mois attendu au format AAAA-MM')
    .optional(),
});

export const coverageRoute = createRoute({
  method: 'get',
  path: '/stats/coverage',
  tags: ['Statistiques'],
  summary: 'Couverture du réseau par département, avec ses manques',
  description:
    'Pour chaque département : acteurs publiés par type, action et public (un lieu dans le département ou un territoire qui le couvre ; les nationaux comptés à part), CRIP avec contact direct, protocole, distance en km de la commune préfecture à l’acteur le plus proche par action (`null` au-delà de 200 km) et les manques : `no-crip`, `no-listening-young`, `no-shelter-region`, `no-specialised-association`, `stale-majority`. Calculé depuis la vue publique : un lieu confidentiel compte dans son département, sans plus. `?format=csv` donne le même tableau en CSV.',
  request: { query: FormatQuerySchema },
  responses: { 200: csvOrJson('La couverture'), 400: error('Paramètre invalide'), 500: error('Erreur interne') },
});

export const activityRoute = createRoute({
  method: 'get',
  path: '/admin/stats/activity',
  tags: ['Back-office : statistiques'],
  summary: 'Activité par département et par mois (des nombres seulement)',
  description:
    'Demandes de mise en relation reçues, orientées vers un acteur ou vers l’équipe, clôturées et médiane des jours jusqu’à la clôture ; propositions reçues et décidées ; fiches créées, modifiées, vérifiées. Aucun nom, message ni référence. En CSV, un nombre inférieur à 5 est écrit `<5`. Un relais ne voit que ses départements.',
  request: { query: ActivityQuerySchema },
  responses: { 200: csvOrJson('L’activité'), ...guardErrors },
});
