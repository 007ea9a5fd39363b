import { lowerBound } from '@pare/geo';
import type { Db } from './database.ts';
import { type IdPositions, idPositions, idPositionsBytes } from './id-positions.ts';
import type { DirectoryIndex } from './search-index.ts';
import { lru } from './search-lru.ts';
import { STOP_WORDS, toFtsQuery } from './search-query.ts';
import { SEARCH_SYNONYMS } from './search-synonyms.ts';
import { textRanksReader } from './text-ranks.ts';
import {
  AVERAGES_SQL,
  type EntryWords,
  entryRank,
  entryWords,
  PHRASE_COUNT_SQL,
  parseTextQuery,
  TEXT_RANKS_SQL,
  type TextStats,
  textAverages,
  textStats,
} from './text-scoring.ts';

/**
 * How long a text's bm25 weights, read whole, are used across writes: then the text is read whole
 * again, on the worker while the kept matches, caught up, keep answering (in memory, at once).
 * The weights are how many entries hold each word and an entry's mean length: a thousand saves
 * move them by a hair at 100,000 actors, and every actor of a text's matches is ranked with the
 * same ones. Ten minutes, not one: under a save a second, reading each kept text again every
 * minute cost the worker 8 s a minute (83 texts at ~100 ms) and the searches of a text a new
 * rank by id and new candidates in every département.
 */
export const TEXT_RANKS_MAX_AGE_MS = 10 * 60_000;

/** Writes a kept text can catch up on, and actors written; beyond, it is read whole again. */
const MAX_TEXT_CATCH_UP = 20_000;
const MAX_TEXT_CATCH_UP_ACTORS = 1_000;
/** Actors whose words are kept for the catch-ups (those written since the texts' reads); beyond, forgotten. */
const MAX_WORDS_KEPT = 5_000;
/** What the texts kept may weigh (12 bytes a match). */
const TEXT_CACHE_BYTES = 96_000_000;

/**
 * Beyond the broadest words asked for, the read-ahead goes on down the vocabulary while at least
 * this many entries hold a word: the first search of a word not read ahead waits for its whole
 * read, about 10 ms for 2,000 entries holding it and 35–40 ms for 15,000–20,000 at 100,000 actors
 * (« maison », « juridique », « adolescents », 64th–73rd of the vocabulary, docs/PERFORMANCE.md §19).
 */
export const BROAD_WORD_ENTRIES = 2_000;
/** What the texts read ahead may weigh in all: half of what the texts kept may, the rest for the words visitors type. */
const READ_AHEAD_BYTES = TEXT_CACHE_BYTES / 2;
/** How far down the vocabulary the read-ahead looks. */
const VOCABULARY_LOOKED_AT = 2_000;

/**
 * A text's published matches in id order, as read whole at `readAt` (patch `readSeq`), up to date
 * with patch `seq`, with bm25's weights as of the read (`stats`, null for a query it cannot
 * compute: read whole again after a write).
 */
export type TextMatches = {
  ids: Int32Array;
  rank: Float64Array;
  readAt: number;
  readSeq: number;
  seq: number;
  stats: TextStats | null;
};

/** A word as a person types it: without the plural's final s or x (« famille » for « familles »). */
const typedForm = (word: string) => word.replace(/(?<=...)[sx]$/, '');

/**
 * The full-text side of the search: the matches of each text searched, read whole once (on a
 * worker thread where the database is a file: `prepare`), then kept across writes and caught up
 * on the actors each write touched. The search tells it when its index was patched
 * (`patched`) or rebuilt (`rebuilt`); `fresh` gives the index as the directory is now.
 */
export function textMatchesKept(
  db: Db,
  fresh: () => DirectoryIndex,
  options: { textRanksMaxAgeMs?: number; textReadsApart?: boolean } = {},
) {
  const ftsStmt = db.prepare(TEXT_RANKS_SQL).raw();
  const countStmt = db.prepare(PHRASE_COUNT_SQL).pluck();
  const averagesStmt = db.prepare(AVERAGES_SQL).pluck();
  /** The words of the actors written since the texts kept were read, as FTS5 tokenizes them now. */
  const words = entryWords(db);
  const wordsKept = new Map<number, EntryWords | null>();
  const textRanksMaxAgeMs = options.textRanksMaxAgeMs ?? TEXT_RANKS_MAX_AGE_MS;
  // A text's whole read goes to a worker thread (`prepare`) where the database is a file.
  let apart: ReturnType<typeof textRanksReader> | null = null;
  const readsApart = (options.textReadsApart ?? true) && !db.memory && db.name !== '' && db.name !== ':memory:';
  /** Whole reads of a text, on this thread and on the worker: for tests and benches. */
  const textReads = { here: 0, apart: 0 };
  /** Catch-ups of a kept text after a write (on this thread, with no full-text read): for tests and benches. */
  let textCatchUps = 0;
  const reading = new Map<string, Promise<void>>();
  /** Rebuilds of the index seen: a read begun before one may be older than the index. */
  let rebuilds = 0;
  // Weighed in bytes: 12 a match (id and rank), and its positions once made.
  const textCache = lru<TextMatches>(TEXT_CACHE_BYTES, (t) => t.ids.length * 12 + 64);
  /** Each kept text's positions of its matches (`positions`), once asked, carried across catch-ups that keep its ids. */
  const positionsKept = new WeakMap<TextMatches, IdPositions>();
  /** The actors written by each patch of the index, by patch number, for the texts kept to catch up on. */
  const writeLog: { seq: number; ids: readonly number[] }[] = [];
  let writeSeq = 0;

  /** The index was patched for the actors `written`: the texts kept will catch up on them. */
  function patched(written: readonly number[]): void {
    writeLog.push({ seq: ++writeSeq, ids: written });
    if (writeLog.length > MAX_TEXT_CATCH_UP * 1.5) writeLog.splice(0, writeLog.length - MAX_TEXT_CATCH_UP);
    for (const id of written) wordsKept.delete(id);
  }

  /** The index was built whole: nothing kept holds. The worker starts ahead of the first text searched. */
  function rebuilt(): void {
    rebuilds++;
    if (readsApart && !apart) {
      apart = textRanksReader(db.name, { ranks: TEXT_RANKS_SQL, count: PHRASE_COUNT_SQL, averages: AVERAGES_SQL });
      apart.start();
    }
    textCache.clear();
    writeLog.length = 0;
    wordsKept.clear();
  }

  /**
   * Published actors matching an FTS query, with their bm25 rank, in id order. Read whole once,
   * then kept across writes: the actors written since are ranked again from their words as they
   * are now (text-scoring.ts: no full-text read), the others keep the rank of the whole read.
   * bm25 weighs a word by how many entries hold it and an entry's length against the mean, which a
   * write moves by a hair; the actors caught up are ranked with the weights of the whole read, as
   * the others are, and the text is read whole again once `textRanksMaxAgeMs` (ten minutes) has
   * passed since (on the worker, `prepare`, while this answers). A save no longer costs a
   * full-text read of every text searched (80–125 ms whole, and still 5–12 ms for a few actors,
   * bm25 counting a common word's entries each time).
   */
  function matches(fts: string, ix: DirectoryIndex): TextMatches {
    const cached = textCache.get(fts);
    if (cached && cached.seq === writeSeq) return cached;
    const written = catchUpOf(cached);
    if (cached?.stats && written) {
      textCatchUps++;
      return caughtUp(fts, cached, written, ranked(cached.stats, written), ix, writeSeq);
    }
    textReads.here++;
    const rows = ftsStmt.all(fts) as [number, number][];
    const stats = statsHere(fts, rows.length);
    const kept: TextMatches = { ...published(rows, ix), readAt: performance.now(), readSeq: writeSeq, seq: writeSeq, stats };
    textCache.set(fts, kept);
    return kept;
  }

  /**
   * The actors written since a kept text was read, when it can catch up on them (else null: read
   * it whole). Read more than `textRanksMaxAgeMs` ago, it still can where a worker reads it whole
   * again meanwhile (`prepare`); in memory it is read whole again at once.
   */
  function catchUpOf(cached: TextMatches | undefined): Set<number> | null {
    if (!cached?.stats || (!readsApart && stale(cached))) return null;
    return writtenSince(cached.seq);
  }

  /** Read whole more than `textRanksMaxAgeMs` ago, with writes since: its weights to be read again. */
  const stale = (t: TextMatches) => t.readSeq !== writeSeq && performance.now() - t.readAt >= textRanksMaxAgeMs;

  /** bm25's weights for a text read here whole (`matched` rows): the entries holding each word, counted here. */
  function statsHere(fts: string, matched: number): TextStats | null {
    const query = parseTextQuery(fts);
    if (!query) return null;
    const hits = query.phrases.length === 1 ? [matched] : query.phrases.map((p) => countStmt.get(`"${p}"*`) as number);
    return textStats(query, hits, textAverages(averagesStmt.get() as Uint8Array | undefined));
  }

  /** The `[id, rank]` of the actors `written` that match the text now, from their words as they are now. */
  function ranked(stats: TextStats, written: ReadonlySet<number>): [number, number][] {
    const unknown = [...written].filter((id) => !wordsKept.has(id));
    if (unknown.length > 0) {
      if (wordsKept.size > MAX_WORDS_KEPT) wordsKept.clear();
      for (const [id, entry] of words.read(unknown)) wordsKept.set(id, entry);
    }
    const rows: [number, number][] = [];
    for (const id of written) {
      const entry = wordsKept.get(id);
      const rank = entry ? entryRank(stats, entry) : null;
      if (rank !== null) rows.push([id, rank]);
    }
    return rows;
  }

  /** The published ones of `[id, rank]` rows in id order, as typed arrays. */
  function published(rows: Iterable<readonly [number, number]>, ix: DirectoryIndex): { ids: Int32Array; rank: Float64Array } {
    const ids: number[] = [];
    const rank: number[] = [];
    for (const [id, r] of rows) {
      if (!ix.published[id]) continue;
      ids.push(id);
      rank.push(r);
    }
    return { ids: Int32Array.from(ids), rank: Float64Array.from(rank) };
  }

  /**
   * The actors written since patch `seq`, or null when the log no longer reaches back that far or
   * they are too many (a bulk import: then the whole read costs less than ranking each one).
   */
  function writtenSince(seq: number): Set<number> | null {
    const first = writeLog[0]?.seq ?? writeSeq + 1;
    if (seq < first - 1) return null;
    const written = new Set<number>();
    // The log's patch numbers follow each other: the first entry after `seq` is found by subtraction.
    for (let i = Math.max(0, seq + 1 - first); i < writeLog.length; i++) {
      for (const id of (writeLog[i] as { ids: readonly number[] }).ids) written.add(id);
      if (written.size > MAX_TEXT_CATCH_UP_ACTORS) return null;
    }
    return written;
  }

  /**
   * A text's matches kept, with the actors written since they were read taken out and put back
   * as `fresh` (their rows now, read here or on the worker) gives them, kept as up to date with
   * patch `seq`.
   */
  function caughtUp(
    fts: string,
    kept: TextMatches,
    written: Set<number>,
    rows: [number, number][],
    ix: DirectoryIndex,
    seq: number,
  ): TextMatches {
    const fresh = new Map<number, number>();
    for (const [id, r] of rows) if (ix.published[id]) fresh.set(id, r);
    // The written actors (the fresh rows are among them), each found in the kept ids by bisection;
    // the runs of kept ids between them are copied whole: no look-up per kept match (a common
    // word's 50,000–80,000 at 100,000 actors, once per text asked after each save).
    const order = [...written].sort((a, b) => a - b);
    const at = order.map((id) => lowerBound(kept.ids, id));
    let gone = 0;
    let added = 0;
    order.forEach((id, k) => {
      const was = kept.ids[at[k] as number] === id;
      const is = fresh.has(id);
      if (was && !is) gone++;
      if (!was && is) added++;
    });
    let { ids, rank } = kept;
    if (gone === 0 && added === 0) {
      // The same actors match (a save rarely changes that): their ranks are set where they stand,
      // no new arrays (hundreds of KB a text: their churn set off a full collection every 2 s).
      order.forEach((id, k) => {
        const r = fresh.get(id);
        if (r !== undefined) rank[at[k] as number] = r;
      });
    } else {
      ids = new Int32Array(kept.ids.length - gone + added);
      rank = new Float64Array(ids.length);
      let from = 0;
      let j = 0;
      order.forEach((id, k) => {
        const to = at[k] as number;
        ids.set(kept.ids.subarray(from, to), j);
        rank.set(kept.rank.subarray(from, to), j);
        j += to - from;
        from = kept.ids[to] === id ? to + 1 : to;
        const r = fresh.get(id);
        if (r === undefined) return;
        ids[j] = id;
        rank[j++] = r;
      });
      ids.set(kept.ids.subarray(from), j);
      rank.set(kept.rank.subarray(from), j);
    }
    const next: TextMatches = { ...kept, ids, rank, seq };
    const positions = ids === kept.ids ? positionsKept.get(kept) : undefined;
    if (positions) positionsKept.set(next, positions);
    textCache.set(fts, next, ids.length * 12 + 64 + (positions ? idPositionsBytes(positions) : 0));
    return next;
  }

  /**
   * Makes sure the search of `text` will not read the text's matches on this thread: when they
   * are not kept, they are read whole on the worker thread (text-ranks.ts), with the counts
   * bm25's weights need, and kept as of when it was asked, so that the writes made meanwhile are
   * caught up on like any other (`matches`: on this thread, from the words of the actors written,
   * in microseconds). Kept but stale (weights read more than `textRanksMaxAgeMs` ago, writes
   * since), the search answers from what is kept, caught up, while the worker reads it whole
   * again (`refresh`: one such text at a time, so that a text searched for the first time waits
   * behind one at most). A failure there leaves the search to do it itself. Requests asking the
   * same text at once share one read.
   */
  async function prepare(text: string | undefined): Promise<void> {
    const fts = text ? toFtsQuery(text) : null;
    if (fts) await prepareFts(fts);
  }

  /** `prepare` of a text's FTS5 query; `waitForRefresh`: a stale text's whole read again is waited for too. */
  async function prepareFts(fts: string, waitForRefresh = false): Promise<void> {
    if (!readsApart || db.inTransaction) return;
    fresh();
    if (!apart) return;
    const cached = textCache.get(fts);
    if (cached && (cached.seq === writeSeq || catchUpOf(cached))) {
      if (!stale(cached)) return;
      const refreshed = refresh(fts);
      if (waitForRefresh) await refreshed;
      return;
    }
    await readWhole(fts);
  }

  /** The worker's whole read of a text, kept as of when it was asked (one at a time per text). */
  function readWhole(fts: string): Promise<void> {
    const reader = apart;
    if (!reader) return Promise.resolve();
    let pending = reading.get(fts);
    if (!pending) {
      const asked = { seq: writeSeq, rebuilds, at: performance.now() };
      const query = parseTextQuery(fts);
      const read = reader.read(fts, query && query.phrases.length > 1 ? query.phrases.map((p) => `"${p}"*`) : []).then((found) => {
        const ix = fresh();
        // Rebuilt meanwhile (writes it cannot name): what was read may be older than the index.
        if (rebuilds !== asked.rebuilds) return;
        textReads.apart++;
        const hits = query && query.phrases.length === 1 ? [found.ids.length] : found.hits;
        const stats = query ? textStats(query, hits, textAverages(found.averages)) : null;
        const read = publishedOf(found, ix);
        textCache.set(fts, { ...read, readAt: asked.at, readSeq: asked.seq, seq: asked.seq, stats });
      });
      pending = read.catch(() => undefined).finally(() => reading.delete(fts));
      reading.set(fts, pending);
    }
    return pending;
  }

  /** Stale texts waiting to be read whole again, one after the other on the worker. */
  const refreshing = new Map<string, Promise<void>>();
  let refreshTail: Promise<void> = Promise.resolve();
  function refresh(fts: string): Promise<void> {
    let queued = refreshing.get(fts);
    if (!queued) {
      queued = refreshTail
        .then(() => {
          const cached = textCache.get(fts);
          return cached && !stale(cached) ? undefined : readWhole(fts);
        })
        .finally(() => refreshing.delete(fts));
      refreshing.set(fts, queued);
      refreshTail = queued;
    }
    return queued;
  }

  /**
   * Reads ahead, on the worker, the texts of the `count` words the most entries hold — the
   * slowest to read whole (100–300 ms each at 100,000 actors), and the likeliest to be typed — and
   * of the next ones down the vocabulary while at least `broad` entries hold each (BROAD_WORD_ENTRIES:
   * 10–40 ms each), within half of the texts' cache; each also as a person types it, without the
   * plural's final s or x (« famille » for the vocabulary's « familles »: another text, read whole
   * on its own), then the words the synonyms table expects people to type (SEARCH_SYNONYMS' keys:
   * « dormir », « parents », « fugue »…); or reads them again once their weights are stale: once
   * the server listens, then every minute (the view warmer, apps/api/src/services/view-warmer.ts),
   * so that no visitor waits for them. Little words and numbers are left out; `stop` ends the pass
   * between two texts. Returns how many texts are now kept.
   */
  async function warm(count: number, stop: () => boolean = () => false, broad = BROAD_WORD_ENTRIES): Promise<number> {
    if (!readsApart || count <= 0) return 0;
    fresh();
    const reader = apart;
    if (!reader) return 0;
    const broadest: string[] = [];
    let bytes = 0;
    for (const [word, entries] of await reader.broadestWords(Math.max(count * 3, VOCABULARY_LOOKED_AT))) {
      const beyond = broadest.length >= count;
      if (beyond && entries < broad) break;
      if (word.length < 3 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
      // The word and, where it differs, its typed form: two texts of about as many matches.
      const weight = entries * 12 * (typedForm(word) === word ? 1 : 2);
      if (beyond && bytes + weight > READ_AHEAD_BYTES) break;
      bytes += weight;
      broadest.push(word);
    }
    const typed = broadest.map(typedForm);
    const texts = new Set<string>();
    for (const text of [...broadest, ...typed, ...Object.keys(SEARCH_SYNONYMS)]) {
      const fts = toFtsQuery(text);
      if (fts) texts.add(fts);
    }
    let kept = 0;
    for (const fts of texts) {
      if (stop()) break;
      await prepareFts(fts, true);
      kept++;
    }
    return kept;
  }

  /** The published ones of a worker's read, kept as typed arrays (no pair per match: 80,000 for a common word). */
  function publishedOf(found: { ids: Int32Array; rank: Float64Array }, ix: DirectoryIndex): { ids: Int32Array; rank: Float64Array } {
    let n = 0;
    for (let i = 0; i < found.ids.length; i++) if (ix.published[found.ids[i] as number]) n++;
    if (n === found.ids.length) return { ids: found.ids, rank: found.rank };
    const ids = new Int32Array(n);
    const rank = new Float64Array(n);
    for (let i = 0, j = 0; i < found.ids.length; i++) {
      const id = found.ids[i] as number;
      if (!ix.published[id]) continue;
      ids[j] = id;
      rank[j++] = found.rank[i] as number;
    }
    return { ids, rank };
  }

  /** Where each of a text's matches stands in its lists, made once per text kept (id-positions.ts). */
  function positions(fts: string, text: TextMatches): IdPositions {
    let kept = positionsKept.get(text);
    if (!kept) {
      kept = idPositions(text.ids);
      positionsKept.set(text, kept);
      if (textCache.get(fts) === text) textCache.set(fts, text, text.ids.length * 12 + 64 + idPositionsBytes(kept));
    }
    return kept;
  }

  return {
    patched,
    rebuilt,
    matches,
    positions,
    prepare,
    reads: () => ({ ...textReads }),
    catchUps: () => textCatchUps,
    warm,
    close: async () => {
      words.close();
      await apart?.close();
    },
  };
}
