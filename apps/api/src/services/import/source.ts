/**
 * The imported file's bytes: received into a temporary file under a size limit, checked for what
 * it is (text, not a spreadsheet or a PDF) and for its encoding, then read back as text in chunks.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';

/**
 * The largest file an import reads. The CSV export of 100,000 generated actors
 * (`pnpm pare generate`) is 74 MB: the limit leaves room for a directory of that size.
 */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/**
 * `utf-8` when the whole file is valid UTF-8 (with or without a BOM); UTF-16 when it starts with
 * a UTF-16 BOM (Excel's « Texte Unicode »); otherwise `windows-1252`, what French spreadsheets
 * save as « CSV » on Windows (a superset of Latin-1).
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type DetectedEncoding = { encoding: TextEncoding; bom: boolean };

/** Why a file cannot be read at all: the route answers 400 (413 for the size) with this French message. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

const MEGA = 1024 * 1024;
export const tooLargeMessage = (limit: number) => `Fichier trop volumineux : ${Math.round(limit / MEGA)} Mo au plus.`;

/** Magic numbers of files people send by mistake instead of a CSV or JSON export. */
const NOT_TEXT: readonly [bytes: number[], message: string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'Ce fichier est un classeur (xlsx, ods) ou une archive, pas un CSV : enregistrez-le au format « CSV UTF-8 ».'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'Ce fichier est un classeur Excel (xls), pas un CSV : enregistrez-le au format « CSV UTF-8 ».'],
  [[0x25, 0x50, 0x44, 0x46], 'Ce fichier est un PDF : importez un fichier CSV ou JSON.'],
  [[0x1f, 0x8b], 'Ce fichier est compressé (gzip) : décompressez-le avant de l’importer.'],
  [[0x89, 0x50, 0x4e, 0x47], 'Ce fichier est une image : importez un fichier CSV ou JSON.'],
  [[0xff, 0xd8, 0xff], 'Ce fichier est une image : importez un fichier CSV ou JSON.'],
];

/**
 * Watches the bytes as they arrive: the kind of file (from its first bytes) and whether all of it
 * is valid UTF-8 (a fatal streaming decoder, so a sequence cut between two chunks is not an error).
 */
class EncodingProbe {
  private head = Buffer.alloc(0);
  private utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true });
  private validUtf8 = true;
  size = 0;

  push(chunk: Uint8Array): void {
    if (this.head.length < 8192) this.head = Buffer.concat([this.head, chunk.subarray(0, 8192 - this.head.length)]);
    this.size += chunk.byteLength;
    if (this.utf8) {
      try {
        this.utf8.decode(chunk, { stream: true });
      } catch {
        this.validUtf8 = false;
        this.utf8 = null;
      }
    }
  }

  /** The encoding, or an ImportFileError for an empty or binary file. */
  finish(): DetectedEncoding {
    if (this.utf8) {
      try {
        this.utf8.decode();
      } catch {
        this.validUtf8 = false;
      }
    }
    const head = this.head;
    if (this.size === 0 || head.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) {
      throw new ImportFileError('Le fichier est vide.');
    }
    if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
    if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
    for (const [magic, message] of NOT_TEXT) if (magic.every((b, i) => head[i] === b)) throw new ImportFileError(message);
    // Text never holds a NUL byte; a binary file almost always does within its first bytes.
    if (head.includes(0)) throw new ImportFileError('Ce fichier n’est pas un fichier texte : importez un fichier CSV ou JSON.');
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    return { encoding: this.validUtf8 ? 'utf-8' : 'windows-1252', bom };
  }
}

/** A received file on disk, deleted by `dispose()`. */
export type SpooledFile = { path: string; size: number; detected: DetectedEncoding; dispose: () => void };

/**
 * Writes a request body to a temporary file, counting bytes as they come: past `limit` the read
 * stops at once (413), so a huge body is never held nor written whole. The file, not memory,
 * holds the import while it is parsed — and it can be read twice (data·inclusion services first).
 */
export async function spoolBody(body: ReadableStream<Uint8Array> | null, limit = MAX_IMPORT_BYTES): Promise<SpooledFile> {
  const dir = mkdtempSync(join(tmpdir(), 'pare-import-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const path = join(dir, `${randomBytes(6).toString('hex')}.upload`);
  const probe = new EncodingProbe();
  const out = createWriteStream(path);
  let writeError: unknown = null;
  out.on('error', (err) => {
    writeError = err;
  });
  try {
    if (body) {
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        probe.push(value);
        if (probe.size > limit) {
          await reader.cancel().catch(() => {});
          throw new ImportFileError(tooLargeMessage(limit), true);
        }
        if (writeError) throw writeError;
        if (!out.write(value)) await once(out, 'drain');
      }
    }
    if (writeError) throw writeError;
    out.end();
    if (!out.writableFinished) await once(out, 'finish');
    if (writeError) throw writeError;
    return { path, size: probe.size, detected: probe.finish(), dispose };
  } catch (err) {
    // The file may still be opening: it is closed before its directory is removed.
    if (!out.closed) {
      const closed = once(out, 'close').catch(() => {});
      out.destroy();
      await closed;
    }
    dispose();
    throw err;
  }
}

/** Detects the encoding of a file already on disk (the command line), reading it once. */
export async function probeFile(path: string, limit = MAX_IMPORT_BYTES): Promise<{ size: number; detected: DetectedEncoding }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > limit) throw new ImportFileError(tooLargeMessage(limit), true);
  } finally {
    await handle.close();
  }
  const probe = new EncodingProbe();
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) probe.push(chunk as Buffer);
  return { size: probe.size, detected: probe.finish() };
}

/** The file as text, chunk by chunk, in the detected encoding; a BOM is not part of the text. */
export async function* readText(path: string, detected: DetectedEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(detected.encoding);
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}

/** The first characters of the text, to tell a CSV from a JSON file. */
export async function firstCharacters(path: string, detected: DetectedEncoding, n = 4096): Promise<string> {
  let text = '';
  for await (const chunk of readText(path, detected)) {
    text += chunk;
    if (text.length >= n) break;
  }
  return text.slice(0, n);
}
