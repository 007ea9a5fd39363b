/**
 * The follow-through of an import: the refused lines as a CSV to fix and import again (the file's
 * own columns, in its own separator, plus a « motif » column the import ignores), and a template
 * with the French column titles the import reads.
 */
import { stringify } from 'csv-stringify/sync';
import { neutraliseLineFormulas } from '../open-data/csv.ts';
import { csvRecords, detectDelimiter } from './csv-reader.ts';
import type { ImportReport } from './report.ts';
import { type DetectedEncoding, firstCharacters, readText } from './source.ts';

/** The column a refused line's reasons go in; the import reports it among the ignored columns. */
export const MOTIF_COLUMN = 'motif';

/**
 * The template's titles: what a person types in a spreadsheet, each one a name the import reads
 * (csv-format.ts, compared without accents, case or punctuation). Codes or French labels are
 * accepted in the cells; lists are separated by `|`.
 */
export const TEMPLATE_TITLES = [
  'Nom de la structure',
  'Type',
  'Description',
  'Publics',
  'Actions',
  'Territoire couvert',
  'Régions',
  'Départements',
  'Communes',
  'Téléphone',
  'SMS',
  'Courriel',
  'Site internet',
  'Tchat',
  'Adresse',
  'Code postal',
  'Ville',
  'Code INSEE',
  'Latitude',
  'Longitude',
  'Langues',
  'Accepte demandes de contact',
  'Courriel référent',
  'SIRET',
  'Source',
  'Vérifié le',
] as const;

const CSV_OPTIONS = { record_delimiter: 'windows', escape_formulas: true, quoted_match: /[\r\n]/ } as const;

/** The template: a header row only (an example row would be imported by mistake), UTF-8 with a BOM, `;` as French spreadsheets save. */
export function importTemplateCsv(): string {
  return stringify([[...TEMPLATE_TITLES]], { ...CSV_OPTIONS, delimiter: ';', bom: true });
}

/** The reasons of a refused line, in one cell: « champ : message ; … ». */
function motif(issues: { field: string; message: string }[] | undefined): string {
  return (issues ?? []).map((i) => (i.field ? `${i.field} : ${i.message}` : i.message)).join(' ; ');
}

/**
 * The header and every refused line of `file` (as a dry run reported them), with their reasons in
 * a last « motif » column. A line csv-parse could not read at all comes as its reason alone.
 */
export async function rejectedLinesCsv(file: { path: string; detected: DetectedEncoding }, report: ImportReport): Promise<string> {
  const rejected = new Map(report.rows.filter((r) => r.action === 'rejected').map((r) => [r.row, r.issues]));
  const delimiter = detectDelimiter(await firstCharacters(file.path, file.detected));
  const out: string[][] = [];
  let width = 0;
  for await (const record of csvRecords(readText(file.path, file.detected), delimiter)) {
    if (out.length === 0) {
      // The header: the file's own titles, then « motif ».
      const cells = 'cells' in record ? record.cells : [];
      width = cells.length;
      out.push([...cells, MOTIF_COLUMN]);
      continue;
    }
    if (!rejected.has(record.line)) continue;
    const reason = motif(rejected.get(record.line));
    if ('cells' in record) {
      const cells = record.cells.slice(0, width);
      while (cells.length < width) cells.push('');
      out.push([...cells.map((c) => neutraliseLineFormulas(c) as string), reason]);
    } else {
      out.push([...Array.from({ length: width }, () => ''), `${reason || record.error}`]);
    }
  }
  // The file's own separator: the spreadsheet that saved it reads it back.
  return stringify(out, { ...CSV_OPTIONS, delimiter, bom: true });
}
