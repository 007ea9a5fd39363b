/**
 * A text's full-text matches read on a worker thread, with its own read-only connection to the
 * directory's file: the first read of a broad word ranks every entry that holds it (bm25 over
 * 40,000–56,000 matches at 100,000 actors: 100–300 ms), which on the server's thread stopped every
 * other request meanwhile. The worker starts on the first read and keeps the process alive only
 * while a read is under way.
 */
import { Worker } from 'node:worker_threads';

/**
 * A text's matches and bm25 ranks in rowid order, how many entries hold each phrase counted
 * (`hits`, in the order asked) and FTS5's averages record, all read in one transaction.
 */
export type TextRanks = { ids: Int32Array; rank: Float64Array; hits: number[]; averages: Uint8Array | undefined };

/** A word of the full-text vocabulary and how many entries hold it. */
export type WordEntries = [word: string, entries: number];

type Answer = ({ id: number } & TextRanks) | { id: number; words: WordEntries[] } | { id: number; error: string };

/**
 * `sql.ranks` reads a text's matches (one parameter, the FTS5 query), `sql.count` how many
 * entries match a phrase, `sql.averages` FTS5's averages record (text-scoring.ts).
 */
export function textRanksReader(file: string, sql: { ranks: string; count: string; averages: string }) {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: TextRanks | WordEntries[]) => void; reject: (e: Error) => void }>();
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    worker = null;
  };
  function started(): Worker {
    if (worker) return worker;
    const w = new Worker(new URL('./text-ranks-worker.mjs', import.meta.url), { workerData: { file, sql } });
    w.unref();
    w.on('message', (a: Answer) => {
      const one = waiting.get(a.id);
      waiting.delete(a.id);
      if (waiting.size === 0) w.unref();
      if ('error' in a) one?.reject(new Error(a.error));
      else if ('words' in a) one?.resolve(a.words);
      else one?.resolve({ ids: a.ids, rank: a.rank, hits: a.hits, averages: a.averages });
    });
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`the text reader stopped (exit code ${code})`)));
    worker = w;
    return w;
  }
  function ask(message: object): Promise<TextRanks | WordEntries[]> {
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
    /** The matches of an FTS5 query with their bm25 rank, in rowid order, as the file is now; and the entries holding each of `phrases`. */
    read(fts: string, phrases: readonly string[] = []): Promise<TextRanks> {
      return ask({ fts, phrases: [...phrases] }) as Promise<TextRanks>;
    },
    /** The `count` words the most entries hold, with how many, the most first (the slowest to read whole). */
    broadestWords(count: number): Promise<WordEntries[]> {
      return ask({ words: count }) as Promise<WordEntries[]>;
    },
    async close(): Promise<void> {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
