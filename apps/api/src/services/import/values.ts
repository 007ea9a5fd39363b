/**
 * Reading one cell: code lists (codes or their French labels), yes/no, dates, numbers, INSEE
 * codes a spreadsheet stripped of their leading zero, and the export's formula escape.
 */

import { checkOpeningHours, normalizeOpeningHours } from '@pare/db';
import { listDepartements, listRegions } from '@pare/geo';
import type { RowIssue } from '@pare/schema';

export type { RowIssue };

/** Lower case, no accents, words separated by one space: how labels and headers are compared. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** What csv-stringify's `escape_formulas` puts before a cell (see services/open-data/csv.ts). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** The export also puts `'` after a line break before a formula-like line (neutraliseLineFormulas). */
const FORMULA_AFTER_BREAK = /([\r\n])(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/g;
const ESCAPED_AFTER_BREAK = /([\r\n])'(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/g;

/** A cell as our export writes this value: `'` before a text starting like a formula; numbers as they are. */
export function exportedCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const lines = value.replace(FORMULA_AFTER_BREAK, "$1'");
  return FORMULA_START.test(lines) ? `'${lines}` : lines;
}

/**
 * The value behind a cell of our export: the `'` it put before a formula-like text is taken off,
 * and the text is stored as it is (text, never a formula: the export escapes it again).
 */
export function unescapeCell(cell: string): string {
  const first = cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
  return first.replace(ESCAPED_AFTER_BREAK, '$1');
}

/** Several values in one cell: `|` as the export writes them; `;`, `,` and line breaks as people type them. */
export function splitList(cell: string, separators: RegExp = /[|;,\n]/): string[] {
  return cell
    .split(separators)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** The folded codes, labels and aliases of each code list, built once (keyed by the list). */
const lookups = new WeakMap<readonly string[], Map<string, string>>();

/**
 * Codes from a cell: each value is a code (`familles`) or its label (`Familles et proches`), in
 * any case and with or without accents. An unknown value is an issue naming the column and the
 * codes it accepts. `labels` and `aliases` must be the same for a given `codes` list.
 */
export function parseCodes<T extends string>(
  column: string,
  values: readonly string[],
  codes: readonly T[],
  labels: Record<T, string>,
  aliases: Record<string, T> = {},
): { codes: T[]; issues: RowIssue[] } {
  let byFolded = lookups.get(codes) as Map<string, T> | undefined;
  if (!byFolded) {
    byFolded = new Map<string, T>();
    for (const code of codes) {
      byFolded.set(foldText(code), code);
      byFolded.set(foldText(labels[code]), code);
    }
    for (const [alias, code] of Object.entries(aliases)) byFolded.set(foldText(alias), code);
    lookups.set(codes, byFolded);
  }
  const found: T[] = [];
  const issues: RowIssue[] = [];
  for (const raw of values) {
    const folded = foldText(raw);
    const code = byFolded.get(folded) ?? byFolded.get(folded.replace(/s$/, '')) ?? byFolded.get(`${folded}s`);
    if (code === undefined) {
      issues.push({ field: column, message: `Valeur inconnue « ${raw.slice(0, 80)} » : valeurs possibles ${codes.join(', ')}` });
    } else if (!found.includes(code)) found.push(code);
  }
  return { codes: found, issues };
}

const YES = new Set(['oui', 'o', 'true', 'vrai', '1', 'yes', 'y', 'x']);
const NO = new Set(['non', 'n', 'false', 'faux', '0', 'no', '']);

export function parseBoolean(column: string, cell: string): { value: boolean } | { issue: RowIssue } {
  const v = foldText(cell);
  if (YES.has(v)) return { value: true };
  if (NO.has(v)) return { value: false };
  return { issue: { field: column, message: `Valeur inconnue « ${cell.slice(0, 40)} » : oui ou non` } };
}

/** `AAAA-MM-JJ`, or `JJ/MM/AAAA` as French spreadsheets show dates; other text goes to the schema, which names the format. */
export function parseDate(cell: string): string {
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(cell.trim());
  if (fr) return `${fr[3]}-${(fr[2] as string).padStart(2, '0')}-${(fr[1] as string).padStart(2, '0')}`;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+Z?)?$/.exec(cell.trim());
  return iso ? (iso[1] as string) : cell.trim();
}

/** A decimal number, with `.` or the French `,`. */
export function parseNumber(column: string, cell: string): { value: number | null } | { issue: RowIssue } {
  const v = cell.trim().replace(',', '.');
  if (v === '') return { value: null };
  const n = Number(v);
  if (!/^-?\d+(\.\d+)?$/.test(v) || !Number.isFinite(n)) {
    return { issue: { field: column, message: `Nombre attendu (ex. 49.1196), reçu « ${cell.slice(0, 40)} »` } };
  }
  return { value: n };
}

/** Spreadsheets read `01` as the number 1: the zeros INSEE codes and postcodes start with are put back. */
export const padDepartement = (v: string) => (/^\d$/.test(v.trim()) ? `0${v.trim()}` : v.trim().toUpperCase());
export const padCommune = (v: string) => (/^\d{4}$/.test(v.trim()) ? `0${v.trim()}` : v.trim().toUpperCase());
export const padPostcode = (v: string) => (/^\d{4}$/.test(v.replace(/\s/g, '')) ? `0${v.replace(/\s/g, '')}` : v.replace(/\s/g, ''));

let regionsByDepartements: { code: string; departements: string[] }[] | undefined;

/**
 * Départements regrouped into whole régions where they make one: data·inclusion lists a région
 * as its départements (`zone_eligibilite`), and this gives the région back. A région of one
 * département (overseas) stays a département: that is the likelier meaning.
 */
export function regroupRegions(departements: readonly string[]): { regions: string[]; departements: string[] } {
  regionsByDepartements ??= listRegions().map((r) => ({
    code: r.code,
    departements: listDepartements()
      .filter((d) => d.region === r.code)
      .map((d) => d.code),
  }));
  const wanted = new Set(departements);
  const regions: string[] = [];
  for (const r of regionsByDepartements) {
    if (r.departements.length > 1 && r.departements.every((d) => wanted.has(d))) {
      regions.push(r.code);
      for (const d of r.departements) wanted.delete(d);
    }
  }
  return { regions, departements: departements.filter((d) => wanted.has(d)) };
}

/**
 * An hours cell (CSV `horaires`, data·inclusion `horaires_accueil`): OSM syntax is kept as the
 * main site's hours; what the library can read by guessing (« lundi 9h-12h ») is rewritten in its
 * written form, and the row says so; free text it cannot read goes, word for word, to the site's
 * notes (« Horaires : … »), and the row says so. Empty: no hours.
 */
export function readHoursCell(cell: string): { hours: { opening_hours: string | null; note: string | null }; warning?: string } {
  const value = cell.trim();
  if (value === '') return { hours: { opening_hours: null, note: null } };
  if (checkOpeningHours(value) === null) return { hours: { opening_hours: value, note: null } };
  const written = normalizeOpeningHours(value);
  if (written && checkOpeningHours(written) === null) {
    return {
      hours: { opening_hours: written, note: null },
      warning: `Horaires « ${value.slice(0, 80)} » réécrits au format OpenStreetMap : « ${written.slice(0, 120)} » ; vérifiez-les dans la fiche.`,
    };
  }
  return {
    hours: { opening_hours: null, note: `Horaires : ${value.slice(0, 480)}` },
    warning: `Horaires « ${value.slice(0, 80)} » illisibles au format OpenStreetMap : gardés tels quels dans les notes du lieu (accessibilité) ; à saisir dans la grille des horaires de la fiche.`,
  };
}
