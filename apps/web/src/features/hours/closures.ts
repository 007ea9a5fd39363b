import type { TemporaryClosureInput } from '@pare/schema';

/** A closure as the editor holds it: dates as typed (AAAA-MM-JJ; an empty end: until further notice). */
export type ClosureDraft = { starts_on: string; ends_on: string; message: string; closed: boolean };

/** The closures as the API takes them (rows left blank are dropped; the schema checks the rest). */
export function closuresInput(closures: readonly ClosureDraft[]): TemporaryClosureInput[] {
  return closures
    .filter((c) => c.starts_on || c.ends_on || c.message.trim())
    .map((c) => ({ starts_on: c.starts_on, ends_on: c.ends_on || null, message: c.message.trim(), closed: c.closed }));
}
