/**
 * A text's full-text matches read on a worker thread, with its own read-only connection to the
 * directory's file: the first read of a broad word ranks every entry that holds it (bm25 over
 * 40,000–56,000 matches at 100,000 actors: 100–300 ms), which on the server's thread stopped every
 * other request meanwhile. The worker starts on the first read and keeps the process alive only
 * while a read is under way.
 */
import { Worker } from 'node:worker_threads';

export type TextRanks = { ids: Int32Array; rank: Float64Array };

type Answer = { id: number; ids: Int32Array; rank: Float64Array } | { id: number; words: string[] } | { id: number; error: string };

/** `sql` reads a text's matches (one parameter, the FTS5 query); `sqlOf` those among a JSON list of ids (a second one). */
export function textRanksReader(file: string, sql: string, sqlOf: string) {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: TextRanks | string[]) => void; reject: (e: Error) => void }>();
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    worker = null;
  };
  function started(): Worker {
    if (worker) return worker;
    const w = new Worker(new URL('./text-ranks-worker.mjs', import.meta.url), { workerData: { file, sql, sqlOf } });
    w.unref();
    w.on('message', (a: Answer) => {
      const one = waiting.get(a.id);
      waiting.delete(a.id);
      if (waiting.size === 0) w.unref();
      if ('error' in a) one?.reject(new Error(a.error));
      else if ('words' in a) one?.resolve(a.words);
      else one?.resolve({ ids: a.ids, rank: a.rank });
    });
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`the text reader stopped (exit code ${code})`)));
    worker = w;
    return w;
  }
  function ask(message: object): Promise<TextRanks | string[]> {
    const id = ++next;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      const w = started();
      w.ref();
      w.postMessage({ id, ...message });
    });
  }
  return {
    /** Starts the worker ahead of the first read (its start and first pages cost a second or so). */
    start(): void {
      started();
    },
    /**
     * The matches of an FTS5 query with their bm25 rank, in rowid order, as the file is now; with
     * `only`, those among these actors (bm25 still reads the whole list of each word for its
     * weights: 5–40 ms for a common word at 100,000 actors, whatever the number of actors).
     */
    read(fts: string, only?: readonly number[]): Promise<TextRanks> {
      return ask({ fts, only: only ? [...only] : undefined }) as Promise<TextRanks>;
    },
    /** The `count` words the most entries hold, the most first (the slowest to read whole). */
    broadestWords(count: number): Promise<string[]> {
      return ask({ words: count }) as Promise<string[]>;
    },
    async close(): Promise<void> {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
