/**
 * The records of a large JSON file one at a time, without holding the file: a top-level array
 * (`[{…}, {…}]`, as our data·inclusion exports) or an object whose arrays hold the records
 * (`{"structures": […], "services": […]}`). Each record is cut out of the text by a small
 * scanner (strings, escapes, nesting) and parsed on its own with JSON.parse, so one broken
 * record is reported with its line and the others still go in.
 */

export type JsonRecord =
  /** `group`: the key of the array holding the record (`structures`, `services`), null in a top-level array. */
  { line: number; group: string | null; value: unknown } | { line: number; group: string | null; error: string };

/** Not a JSON array or object at all: the route answers 400. */
export class NotJsonError extends Error {}

/** A record larger than this is refused (the biggest structure we export is a few kilobytes). */
export const MAX_JSON_RECORD_CHARS = 1024 * 1024;

enum C {
  Quote = 34,
  Backslash = 92,
  OpenBracket = 91,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
  Comma = 44,
  Colon = 58,
  Newline = 10,
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Yields every record of the JSON text given in chunks, in file order. */
export async function* jsonRecords(chunks: AsyncIterable<string>): AsyncGenerator<JsonRecord> {
  let mode: 'start' | 'array' | 'object' = 'start';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  // The string literal being read directly in the top-level object (a key), and the last key seen.
  let keyParts: string[] | null = null;
  let lastKey: string | null = null;
  let group: string | null = null;
  // The record being cut out: its pieces, length, first line, and the depth it lives at.
  let parts: string[] | null = null;
  let partsLength = 0;
  let partStart = 0;
  let recordLine = 0;
  let tooLong = false;
  let trailing = false;
  const recordDepth = () => (mode === 'array' ? 1 : 2);
  const out: JsonRecord[] = [];

  const finishRecord = (chunk: string, end: number) => {
    if (!parts) return;
    if (!tooLong) parts.push(chunk.slice(partStart, end));
    const text = parts.join('');
    if (tooLong) {
      out.push({ line: recordLine, group, error: 'Enregistrement trop volumineux (1 Mo au plus).' });
    } else {
      try {
        out.push({ line: recordLine, group, value: JSON.parse(text) });
      } catch (err) {
        out.push({
          line: recordLine,
          group,
          error: `JSON invalide : ${(err as Error).message.replace(/ in JSON at position \d+.*$/, '')}`,
        });
      }
    }
    parts = null;
    partsLength = 0;
    tooLong = false;
  };

  for await (const chunk of chunks) {
    partStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === C.Newline) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === C.Backslash) escaped = true;
        else if (c === C.Quote) {
          inString = false;
          if (keyParts) {
            keyParts.push(chunk.slice(partStart, i));
            lastKey = keyParts.join('');
            keyParts = null;
          }
        }
        continue;
      }
      if (mode === 'start') {
        if (isSpace(c)) continue;
        if (c === C.OpenBracket) mode = 'array';
        else if (c === C.OpenBrace) mode = 'object';
        else throw new NotJsonError('not json');
        depth = 1;
        continue;
      }
      if (depth === 0) {
        if (!isSpace(c) && !trailing) {
          trailing = true;
          out.push({ line, group: null, error: 'Texte en trop après la fin du JSON : il est ignoré.' });
        }
        continue;
      }
      // Start of a record: the first significant character at the record depth.
      if (
        !parts &&
        depth === recordDepth() &&
        !isSpace(c) &&
        c !== C.Comma &&
        c !== C.CloseBracket &&
        (mode === 'array' || group !== null)
      ) {
        parts = [];
        partsLength = 0;
        partStart = i;
        recordLine = line;
      }
      if (c === C.Quote) {
        inString = true;
        // A string directly in the top-level object is a key (or a scalar value, ignored).
        if (mode === 'object' && depth === 1) {
          keyParts = [];
          partStart = i + 1;
        }
        continue;
      }
      if (c === C.OpenBracket || c === C.OpenBrace) {
        depth++;
        if (mode === 'object' && depth === 2) group = c === C.OpenBracket ? lastKey : null;
      } else if (c === C.CloseBracket || c === C.CloseBrace) {
        depth--;
        if (parts && depth === recordDepth()) finishRecord(chunk, i + 1);
        else if (parts && depth < recordDepth()) finishRecord(chunk, i); // a scalar record closed by `]`
        if (mode === 'object' && depth === 1) group = null;
      } else if (c === C.Comma && parts && depth === recordDepth()) {
        finishRecord(chunk, i); // a scalar record
      }
    }
    if (keyParts) {
      keyParts.push(chunk.slice(partStart));
      partStart = 0;
    }
    if (parts && !tooLong) {
      parts.push(chunk.slice(partStart));
      partsLength += chunk.length - partStart;
      if (partsLength > MAX_JSON_RECORD_CHARS) {
        tooLong = true;
        parts = [];
      }
    }
    while (out.length > 0) yield out.shift() as JsonRecord;
  }
  if (mode === 'start') throw new NotJsonError('empty');
  if (depth > 0) {
    yield {
      line: parts ? recordLine : line,
      group,
      error: `Fichier JSON incomplet : il s’arrête à la ligne ${line} avant la fin ${parts ? 'de cet enregistrement' : 'du tableau'}.`,
    };
  }
}
