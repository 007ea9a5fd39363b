/** Field errors by path (`sites.0.postcode`), from the shared zod schema on the client or the API's `issues`. */
import type { ErrorIssue } from '@pare/schema';
import type { FormEvent, RefObject } from 'react';

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

/**
 * A form is being sent: its errors show from now on and the server's last ones are cleared. False,
 * with the focus moved to the error summary, when the form itself is not valid.
 */
export function readyToSend(
  e: FormEvent,
  parsed: { success: boolean },
  form: { setSubmitted: (on: boolean) => void; setServerErrors: (errors: FieldErrors) => void; summaryRef: RefObject<HTMLElement | null> },
): boolean {
  e.preventDefault();
  form.setSubmitted(true);
  form.setServerErrors(new Map());
  if (parsed.success) return true;
  requestAnimationFrame(() => form.summaryRef.current?.focus());
  return false;
}
