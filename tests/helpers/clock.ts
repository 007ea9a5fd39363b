/**
 * Dates as the directory states them: in France. A test comparing with the UTC date
 * (`toISOString().slice(0, 10)`) fails every night between 22:00 or 23:00 UTC and midnight.
 */
import { todayIn } from '../../apps/api/src/services/curation.ts';

/** The date in Paris `days` from now, `AAAA-MM-JJ`. */
export function parisDay(days = 0, from = new Date()): string {
  return todayIn(new Date(from.getTime() + days * 24 * 3600_000));
}
