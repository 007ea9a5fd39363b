/** Query-string parameters several schemas read the same way. */
import { z } from 'zod';

/** A comma-separated list of codes in a query string (`actions=ecoute,soin`), validated one by one. */
export function codeList<const T extends readonly [string, ...string[]]>(codes: T) {
  const allowed = new Set<string>(codes);
  return z
    .string()
    .transform((raw, ctx) => {
      const values = raw
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      for (const v of values) {
        if (!allowed.has(v)) {
          ctx.addIssue({ code: 'custom', message: `Code inconnu « ${v.slice(0, 40)} ». Valeurs possibles : ${codes.join(', ')}` });
          return z.NEVER;
        }
      }
      return [...new Set(values)] as T[number][];
    })
    .meta({ description: `Codes séparés par des virgules parmi : ${codes.join(', ')}` });
}

/** A whole number from `min` to `max` in a query string, each refusal saying which parameter. */
export const wholeNumberParam = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} doit être un nombre entier`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} doit valoir au moins ${min}`).max(max, `${name} ne peut pas dépasser ${max}`));

/** The same, `def` when absent (a page number, a page size). */
export const intParam = (name: string, min: number, max: number, def: number) =>
  wholeNumberParam(name, min, max)
    .optional()
    .transform((v) => v ?? def);
