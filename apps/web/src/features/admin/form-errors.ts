/** Field errors by path (`sites.0.postcode`), from the shared zod schema on the client or the API's `issues`. */
import type { ErrorIssue } from '@pare/schema';

export type FieldErrors = Map<string, string[]>;

export function issuesToErrors(issues: readonly ErrorIssue[]): FieldErrors {
  const map: FieldErrors = new Map();
  for (const i of issues) map.set(i.path, [...(map.get(i.path) ?? []), i.message]);
  return map;
}

/** From a zod `safeParse` failure (typed structurally: the web client has no direct zod dependency). */
export function zodToErrors(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): FieldErrors {
  return issuesToErrors(error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(racine)', message: i.message })));
}

/** Messages for a field and whatever lies under it (`territory.departements` also gets `territory.departements.0`). */
export function errorsAt(errors: FieldErrors, path: string): string[] {
  const out: string[] = [];
  for (const [p, messages] of errors) if (p === path || p.startsWith(`${path}.`)) out.push(...messages);
  return out;
}

export function mergeErrors(...all: FieldErrors[]): FieldErrors {
  const map: FieldErrors = new Map();
  for (const errors of all) for (const [p, m] of errors) map.set(p, [...(map.get(p) ?? []), ...m]);
  return map;
}
