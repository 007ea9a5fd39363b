/** The statistics' parameters and answers (`/api/stats/coverage`, `/api/admin/stats/activity`). */
import { z } from 'zod';

export const FormatQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });

const month = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'Mois attendu au format AAAA-MM')
    .optional();

export const ActivityQuerySchema = FormatQuerySchema.extend({ from: month(), to: month() });

/** A statistics table in JSON (its columns described in the route's text). */
export const StatsTableSchema = z.object({}).passthrough();
