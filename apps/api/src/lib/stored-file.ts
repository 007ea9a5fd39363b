/** The answer that hands over a file the app stored (a resource's file, a news item's image). */
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { ApiError } from './errors.ts';

/**
 * Streams a stored file with the type detected at upload, never sniffed (`nosniff`), and its
 * length; `missing` is the refusal when the disk no longer has the file the database names.
 */
export function sendStoredFile(
  file: { path: string; type: string },
  headers: { 'Content-Disposition': string; 'Cache-Control': string },
  missing: () => ApiError,
): Response {
  let size: number;
  try {
    size = statSync(file.path).size;
  } catch {
    throw missing();
  }
  return new Response(Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: { 'Content-Type': file.type, 'Content-Length': String(size), 'X-Content-Type-Options': 'nosniff', ...headers },
  });
}
