/**
 * The readers of an import file: CSV rows (the header first) and data·inclusion structures with
 * their services, each as a row to import or a line already rejected. Neither holds the file in memory.
 */
import { randomBytes } from 'node:crypto';
import { CsvRow, readCsvHeader } from './csv-format.ts';
import { csvRecords, detectDelimiter } from './csv-reader.ts';
import { DataInclusionRow, type DiService, isDiService } from './data-inclusion-format.ts';
import type { RowItem } from './importer.ts';
import { jsonRecords, NotJsonError } from './json-reader.ts';
import { IMPORT_BATCH_SIZE, type ImportDeps, type ImportOptions } from './options.ts';
import { type DetectedEncoding, firstCharacters, ImportFileError, readText } from './source.ts';

/** What the reading found besides rows: the CSV delimiter, columns it ignored, warnings on the whole file. */
export type ReadContext = { delimiter?: string; ignored: Set<string>; warnings: string[] };

/** CSV rows, the header first (a file without one, or whose first line is unreadable, is refused). */
export async function* csvItems(path: string, detected: DetectedEncoding, ctx: ReadContext): AsyncGenerator<RowItem> {
  const start = await firstCharacters(path, detected);
  if (/^\s*[[{]/.test(start)) throw new ImportFileError('Ce fichier est du JSON : importez-le avec format=data-inclusion.');
  const delimiter = detectDelimiter(start);
  ctx.delimiter = delimiter;
  let header: ReturnType<typeof readCsvHeader> | null = null;
  for await (const record of csvRecords(readText(path, detected), delimiter)) {
    if (!header) {
      if ('error' in record) throw new ImportFileError(`La première ligne (les noms des colonnes) est illisible : ${record.error}`);
      header = readCsvHeader(record.cells);
      for (const c of header.ignored) ctx.ignored.add(c);
      continue;
    }
    if ('error' in record) {
      yield { line: record.line, issues: [{ field: 'ligne', message: record.error }] };
      continue;
    }
    const row = new CsvRow(record.line, record.cells, header);
    const broken = row.brokenIssues(record.endLine);
    yield broken ? { line: record.line, issues: broken } : { row };
  }
  if (!header) throw new ImportFileError('Le fichier est vide.');
}

const NOT_DI_JSON =
  'Ce fichier n’est pas un JSON data·inclusion : un tableau de structures, ou {"structures": […], "services": […]}, est attendu.';

/**
 * data·inclusion records. Services may come before or after their structure (or in another
 * array), so a first pass stores them in a temporary table of this connection, and a second pass
 * reads each structure with its services: the file is never held in memory.
 */
export async function* dataInclusionItems(
  deps: ImportDeps,
  path: string,
  detected: DetectedEncoding,
  options: ImportOptions,
  ctx: ReadContext,
): AsyncGenerator<RowItem> {
  const start = await firstCharacters(path, detected);
  if (!/^\s*[[{]/.test(start)) throw new ImportFileError(`${NOT_DI_JSON} Pour un CSV, indiquez format=csv.`);
  const table = `import_services_${randomBytes(6).toString('hex')}`;
  const db = deps.db;
  db.exec(`CREATE TEMP TABLE ${table} (structure_id TEXT NOT NULL, line INTEGER NOT NULL, payload TEXT NOT NULL)`);
  db.exec(`CREATE INDEX temp.${table}_structure ON ${table} (structure_id, line)`);
  const known = (group: string | null) => group === null || group === 'structures' || group === 'services';
  try {
    const insert = db.prepare(`INSERT INTO temp.${table} (structure_id, line, payload) VALUES (?, ?, ?)`);
    const insertMany = db.transaction((rows: [string, number, string][]) => {
      for (const r of rows) insert.run(...r);
    });
    let structures = 0;
    let services = 0;
    let pending: [string, number, string][] = [];
    try {
      for await (const record of jsonRecords(readText(path, detected))) {
        if (!known(record.group)) {
          ctx.ignored.add(String(record.group));
          continue;
        }
        if ('error' in record) continue; // reported by the second pass
        if (record.group === 'services' || (record.group === null && isDiService(record.value))) {
          if (!isDiService(record.value)) continue;
          services++;
          pending.push([String(record.value.structure_id), record.line, JSON.stringify(record.value)]);
          if (pending.length >= IMPORT_BATCH_SIZE) {
            insertMany(pending);
            pending = [];
          }
        } else structures++;
      }
    } catch (err) {
      if (err instanceof NotJsonError) throw new ImportFileError(NOT_DI_JSON);
      throw err;
    }
    insertMany(pending);
    if (structures === 0 && services > 0) {
      throw new ImportFileError(
        'Ce fichier ne contient que des services data·inclusion : envoyez-les avec leurs structures, {"structures": […], "services": […]}.',
      );
    }

    const select = db.prepare(`SELECT payload FROM temp.${table} WHERE structure_id = ? ORDER BY line`).pluck();
    const remove = db.prepare(`DELETE FROM temp.${table} WHERE structure_id = ?`);
    for await (const record of jsonRecords(readText(path, detected))) {
      if (!known(record.group)) continue;
      if ('error' in record) {
        yield { line: record.line, issues: [{ field: 'json', message: record.error }] };
        continue;
      }
      const value = record.value;
      if (record.group === 'services' || (record.group === null && isDiService(value))) {
        if (!isDiService(value))
          yield { line: record.line, issues: [{ field: 'structure_id', message: 'Service sans structure_id : ignoré' }] };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { line: record.line, issues: [{ field: 'json', message: 'Cet enregistrement n’est pas un objet JSON' }] };
        continue;
      }
      const id = String((value as { id?: unknown }).id ?? '');
      const own = (select.all(id) as string[]).map((p) => JSON.parse(p) as DiService);
      if (own.length > 0) remove.run(id);
      yield { row: new DataInclusionRow(record.line, value as Record<string, unknown>, own, { defaultType: options.defaultType }) };
    }
    const orphans = db.prepare(`SELECT count(*) FROM temp.${table}`).pluck().get() as number;
    if (orphans > 0) ctx.warnings.push(`${orphans} service(s) rattaché(s) à aucune structure du fichier : ignoré(s).`);
  } finally {
    db.exec(`DROP TABLE IF EXISTS temp.${table}`);
  }
}
