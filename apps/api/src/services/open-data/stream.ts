/** Turns lazily produced text chunks into a response body that is only computed as it is read. */

/**
 * A byte stream pulled from `chunks`: the next chunk (one batch of actors) is computed only when
 * the client has taken the previous one, so a slow download of a large directory holds one or two
 * batches in memory, never the whole export. A failure mid-way errors the stream (the client sees
 * a broken transfer, not a file that looks complete) and is reported through `onError`.
 */
export function textStream(chunks: () => Iterator<string>, onError: (err: unknown) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: Iterator<string> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        try {
          iterator ??= chunks();
          for (;;) {
            const next = iterator.next();
            if (next.done) {
              controller.close();
              return;
            }
            if (next.value.length > 0) {
              controller.enqueue(encoder.encode(next.value));
              return;
            }
          }
        } catch (err) {
          onError(err);
          controller.error(err);
        }
      },
      cancel() {
        iterator?.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

/** A JSON array written item by item: `[`, the items of each batch, `]`. */
export function* jsonArrayChunks<T>(batches: Iterable<readonly T[]>, toItems: (item: T) => readonly unknown[]): Generator<string> {
  yield '[';
  let first = true;
  for (const batch of batches) {
    let chunk = '';
    for (const item of batch) {
      for (const out of toItems(item)) {
        chunk += (first ? '\n' : ',\n') + JSON.stringify(out);
        first = false;
      }
    }
    yield chunk;
  }
  yield first ? ']' : '\n]\n';
}
