/**
 * A JSON answer made of parts: the views' bytes kept ready and the few strings between them
 * (services/actors.ts `searchActorsJson`). Joined once into a new Buffer when the answer must
 * outlive the request (kept by the public cache, or sent as it is), or gathered into one kept
 * scratch buffer when it is only hashed and compressed on the spot: a distinct search's 36 KB of
 * JSON then leaves no Buffer behind. Such Buffers live outside V8's heap, and their growth, not
 * the heap's, started the full collections under a distinct load (docs/PERFORMANCE.md §13, §14).
 */
export type JsonParts = readonly (Buffer | string)[];

const byteLength = (parts: JsonParts): number => {
  let n = 0;
  for (const part of parts) n += typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength;
  return n;
};

const writeInto = (target: Buffer, parts: JsonParts): number => {
  let at = 0;
  for (const part of parts) at += typeof part === 'string' ? target.write(part, at) : part.copy(target, at);
  return at;
};

/** The parts as one new Buffer of their own. */
export function joinJsonParts(parts: JsonParts): Buffer<ArrayBuffer> {
  const body = Buffer.allocUnsafeSlow(byteLength(parts));
  writeInto(body, parts);
  return body;
}

let scratch = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * The parts gathered into this thread's scratch buffer: valid only until the next call, so to be
 * read (hashed, compressed) in the same synchronous step, never kept nor handed to another thread.
 */
export function gatherJsonParts(parts: JsonParts): Buffer {
  const n = byteLength(parts);
  if (n > scratch.byteLength) scratch = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(n)));
  return scratch.subarray(0, writeInto(scratch, parts));
}
