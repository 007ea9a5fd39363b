/**
 * CSV records one by one, with the line each starts on, from text chunks: csv-parse (streaming)
 * does the quoting; the line numbers are counted here from the parser's character offsets,
 * because its own line counter drifts after a CRLF inside a quoted cell.
 */
import { parse } from 'csv-parse';

export type CsvDelimiter = ',' | ';' | '\t';

export type CsvRecord =
  /** `line`: where the record starts (the header is line 1); `endLine` where it ends (several lines when a cell holds line breaks). */
  | { line: number; endLine: number; cells: string[] }
  /** A part of the file csv-parse could not read (a quote opened and never closed). */
  | { line: number; endLine: number; error: string };

/**
 * The separator of a file, from its first line: the candidate found most often outside quotes.
 * Our export uses `,` (or `;` on demand); French spreadsheets save with `;`; tab for « Texte ».
 */
export function detectDelimiter(firstText: string): CsvDelimiter {
  let inQuotes = false;
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  for (const ch of firstText) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  const best = (Object.entries(counts) as [CsvDelimiter, number][]).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ',';
}

/** Line breaks in UTF-8 bytes: CRLF, lone CR and lone LF count one each. */
function countLineBreaks(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a) n++;
    else if (b === 0x0d && bytes[i + 1] !== 0x0a) n++;
  }
  return n;
}

/** Length of the line breaks at the start of `bytes` (empty lines before a record). */
function leadingBreaks(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return i;
}

/**
 * Parses `chunks` (text, BOM removed) and yields every record, header included, in file order.
 * Quoting is relaxed: a stray quote inside a cell is kept as a character, as spreadsheets do,
 * rather than making the rest of the file unreadable. Column counts are not checked here.
 */
export async function* csvRecords(chunks: AsyncIterable<string>, delimiter: CsvDelimiter): AsyncGenerator<CsvRecord> {
  const queue: CsvRecord[] = [];
  // The bytes not yet attributed to a record (csv-parse counts UTF-8 bytes), where they start and on which line.
  let pending: Buffer = Buffer.alloc(0);
  let pendingOffset = 0;
  let pendingLine = 1;
  let failure: unknown = null;

  /** Attributes the bytes up to `end` (an offset from csv-parse) to one record and returns its lines. */
  const take = (end: number): { line: number; endLine: number } => {
    const span = pending.subarray(0, end - pendingOffset);
    pending = pending.subarray(end - pendingOffset);
    pendingOffset = end;
    const lead = leadingBreaks(span);
    const line = pendingLine + countLineBreaks(span.subarray(0, lead));
    let bodyEnd = span.length;
    if (span[bodyEnd - 1] === 0x0a) bodyEnd--;
    if (span[bodyEnd - 1] === 0x0d) bodyEnd--;
    const endLine = line + countLineBreaks(span.subarray(lead, Math.max(lead, bodyEnd)));
    pendingLine += countLineBreaks(span);
    return { line, endLine };
  };

  const parser = parse({
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record: string[], context: { bytes: number }) => {
      queue.push({ ...take(context.bytes), cells: record });
      return undefined; // nothing accumulates in the stream's own buffer
    },
    on_skip: (err) => {
      // Only an unclosed quote reaches here (relaxed quoting): it runs to the end of the file.
      const { line, endLine } = take(pendingOffset + pending.length);
      queue.push({
        line,
        endLine,
        error:
          err?.code === 'CSV_QUOTE_NOT_CLOSED'
            ? `Guillemet ouvert à la ligne ${line} et jamais refermé : les lignes ${line} à ${endLine} n’ont pas pu être lues.`
            : `Lignes ${line} à ${endLine} illisibles (${err?.code ?? 'erreur CSV'}).`,
      });
      return undefined;
    },
  });
  parser.on('error', (err) => {
    failure = err;
  });
  parser.resume();

  const write = (bytes: Buffer) =>
    new Promise<void>((resolve, reject) => {
      parser.write(bytes, (err) => (err ? reject(err) : resolve()));
    });

  for await (const chunk of chunks) {
    const bytes = Buffer.from(chunk, 'utf8');
    pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
    await write(bytes);
    if (failure) throw failure;
    while (queue.length > 0) yield queue.shift() as CsvRecord;
  }
  parser.end();
  await new Promise<void>((resolve) => {
    if (parser.writableFinished) resolve();
    else parser.once('finish', () => resolve());
  });
  if (failure) throw failure;
  while (queue.length > 0) yield queue.shift() as CsvRecord;
}
