import { lowerBound } from '@pare/geo';
import type { Db } from './database.ts';
import type { DirectoryIndex } from './search-index.ts';
import { lru } from './search-lru.ts';
import { STOP_WORDS, toFtsQuery } from './search-query.ts';
import { SEARCH_SYNONYMS } from './search-synonyms.ts';
import { textRanksReader } from './text-ranks.ts';

/** How long a text's bm25 ranks, read whole, are kept across writes (the actors written are read again at once). */
export const TEXT_RANKS_MAX_AGE_MS = 60_000;

/** A text's matches with their bm25 rank (name weighs most, then places, description, the rest). */
const TEXT_RANKS_SQL = 'SELECT rowid, bm25(actors_fts, 10.0, 2.0, 3.0, 1.0) FROM actors_fts WHERE actors_fts MATCH ?';
/** The same, among the actors of a JSON list of ids: a kept text catching up on a write. */
const TEXT_RANKS_OF_SQL = `${TEXT_RANKS_SQL} AND rowid IN (SELECT value FROM json_each(?))`;
/** Writes a kept text can catch up on, and actors written; beyond, it is read whole again. */
const MAX_TEXT_CATCH_UP = 500;
const MAX_TEXT_CATCH_UP_ACTORS = 24;

/** A text's published matches in id order, as read at `readAt`, up to date with patch `seq`. */
export type TextMatches = { ids: Int32Array; rank: Float64Array; readAt: number; seq: number };

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
  const ftsOfStmt = db.prepare(TEXT_RANKS_OF_SQL).raw();
  const textRanksMaxAgeMs = options.textRanksMaxAgeMs ?? TEXT_RANKS_MAX_AGE_MS;
  // A text's whole read goes to a worker thread (`prepare`) where the database is a file.
  let apart: ReturnType<typeof textRanksReader> | null = null;
  const readsApart = (options.textReadsApart ?? true) && !db.memory && db.name !== '' && db.name !== ':memory:';
  /** Whole reads of a text, on this thread and on the worker: for tests and benches. */
  const textReads = { here: 0, apart: 0 };
  /** Catch-ups of a kept text after a write, on this thread and on the worker: for tests and benches. */
  const textCatchUps = { here: 0, apart: 0 };
  const reading = new Map<string, Promise<void>>();
  /** Rebuilds of the index seen: a read begun before one may be older than the index. */
  let rebuilds = 0;
  // Weighed in bytes: 12 a match (id and rank), and 8 an actor once its ranks by id are made.
  const textCache = lru<TextMatches>(96_000_000, (t) => t.ids.length * 12 + 64);
  /** Each kept text's bm25 rank by actor id (NaN: no match), once asked (`rankById`), carried across catch-ups. */
  const ranksById = new WeakMap<object, Float64Array>();
  /** The actors written by each patch of the index, by patch number, for the texts kept to catch up on. */
  const writeLog: { seq: number; ids: readonly number[] }[] = [];
  let writeSeq = 0;

  /** The index was patched for the actors `written`: the texts kept will catch up on them. */
  function patched(written: readonly number[]): void {
    writeLog.push({ seq: ++writeSeq, ids: written });
    while (writeLog.length > MAX_TEXT_CATCH_UP) writeLog.shift();
  }

  /** The index was built whole: nothing kept holds. The worker starts ahead of the first text searched. */
  function rebuilt(): void {
    rebuilds++;
    if (readsApart && !apart) {
      apart = textRanksReader(db.name, TEXT_RANKS_SQL, TEXT_RANKS_OF_SQL);
      apart.start();
    }
    textCache.clear();
    writeLog.length = 0;
  }

  /**
   * Published actors matching an FTS query, with their bm25 rank, in id order. Read whole once,
   * then kept across writes: the actors written since are read again (whether they match, and
   * their rank), the others keep the rank of the whole read. bm25 weighs a word by how many entries
   * hold it and an entry's length against the mean, which a write moves by a hair; so the ranks
   * are read whole again once `textRanksMaxAgeMs` (a minute) has passed since. A save no longer
   * costs a full-text read of every text searched (30–80 ms each at 100,000 actors).
   */
  function matches(fts: string, ix: DirectoryIndex): TextMatches {
    const cached = textCache.get(fts);
    if (cached && cached.seq === writeSeq) return cached;
    const written = cached && performance.now() - cached.readAt < textRanksMaxAgeMs ? writtenSince(cached.seq) : null;
    if (cached && written) {
      textCatchUps.here++;
      return caughtUp(fts, cached, written, ftsOfStmt.all(fts, JSON.stringify([...written])) as [number, number][], ix, writeSeq);
    }
    textReads.here++;
    const found = published(ftsStmt.all(fts) as [number, number][], ix);
    const kept: TextMatches = { ...found, readAt: performance.now(), seq: writeSeq };
    textCache.set(fts, kept);
    return kept;
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
   * they are too many: FTS5 reads a word's whole list of entries again for each one (a few ms for
   * a common word), so beyond a few dozen the whole read costs less.
   */
  function writtenSince(seq: number): Set<number> | null {
    if (seq < (writeLog[0]?.seq ?? writeSeq + 1) - 1) return null;
    const written = new Set<number>();
    for (const entry of writeLog) {
      if (entry.seq <= seq) continue;
      for (const id of entry.ids) written.add(id);
      if (written.size > MAX_TEXT_CATCH_UP_ACTORS) return null;
    }
    return written;
  }

  /**
   * A text's matches kept, with the actors written since they were read taken out and put back
   * as `fresh` (their rows now, read here or on the worker) gives them, kept as up to date with
   * patch `seq`; its ranks by id, if made, follow.
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
    const next: TextMatches = { ids, rank, readAt: kept.readAt, seq };
    textCache.set(fts, next);
    // Its ranks by id, if made, follow: set where they stand for the written actors (grown if the
    // directory grew), and handed from the old matches to the new.
    let byId = ranksById.get(kept);
    if (byId) {
      ranksById.delete(kept);
      if (byId.length < ix.size) {
        const wider = new Float64Array(ix.size).fill(Number.NaN, byId.length);
        wider.set(byId);
        byId = wider;
      }
      for (const id of written) if (id < byId.length) byId[id] = fresh.get(id) ?? Number.NaN;
      ranksById.set(next, byId);
      textCache.set(fts, next, ids.length * 12 + 64 + byId.length * 8);
    }
    return next;
  }

  /**
   * Makes sure the search of `text` will not read the text's matches on this thread: when they
   * are not kept, they are read whole on the worker thread (text-ranks.ts); when kept but a write
   * behind, the worker reads again only the actors written since (a common word's bm25 costs 5–40
   * ms however few they are, once per text and write: the main cost of a save to the searches).
   * Either is kept as of when it was asked, so that the writes made meanwhile are caught up on
   * like any other (`matches`). A failure there leaves the search to do it itself. Requests
   * asking the same text at once share one read.
   */
  async function prepare(text: string | undefined): Promise<void> {
    const fts = text ? toFtsQuery(text) : null;
    if (fts) await prepareFts(fts);
  }

  /** `prepare` of a text's FTS5 query. */
  async function prepareFts(fts: string): Promise<void> {
    if (!readsApart || db.inTransaction) return;
    fresh();
    const reader = apart;
    if (!reader) return;
    const cached = textCache.get(fts);
    if (cached && cached.seq === writeSeq) return;
    const written = cached && performance.now() - cached.readAt < textRanksMaxAgeMs ? writtenSince(cached.seq) : null;
    let pending = reading.get(fts);
    if (!pending) {
      const asked = { seq: writeSeq, rebuilds, at: performance.now() };
      const read =
        cached && written
          ? // Kept: only the actors written since are read again (bm25 still costs 5–40 ms a common word).
            reader.read(fts, [...written]).then((found) => {
              const ix = fresh();
              // Rebuilt, or the text caught up here, meanwhile: this catch-up is not the one to keep.
              if (rebuilds !== asked.rebuilds || textCache.get(fts) !== cached) return;
              textCatchUps.apart++;
              caughtUp(fts, cached, written, rowsOf(found), ix, asked.seq);
            })
          : reader.read(fts).then((found) => {
              const ix = fresh();
              // Rebuilt meanwhile (writes it cannot name): what was read may be older than the index.
              if (rebuilds !== asked.rebuilds) return;
              textReads.apart++;
              textCache.set(fts, { ...published(rowsOf(found), ix), readAt: asked.at, seq: asked.seq });
            });
      pending = read.catch(() => undefined).finally(() => reading.delete(fts));
      reading.set(fts, pending);
    }
    await pending;
  }

  /**
   * Reads ahead, on the worker, the texts of the `count` words the most entries hold — the
   * slowest to read whole (100–300 ms each at 100,000 actors), and the likeliest to be typed — each
   * also as a person types it, without the plural's final s or x (« famille » for the vocabulary's
   * « familles »: another text, read whole on its own), then the words the synonyms table expects
   * people to type (SEARCH_SYNONYMS' keys: « dormir », « parents », « fugue »…); or catches them up
   * if kept and a write behind: once the server listens, then every minute (the view warmer,
   * apps/api/src/services/view-warmer.ts), so that no visitor waits for them. Little words and
   * numbers are left out; `stop` ends the pass between two texts. Returns how many texts are now
   * kept.
   */
  async function warm(count: number, stop: () => boolean = () => false): Promise<number> {
    if (!readsApart || count <= 0) return 0;
    fresh();
    const reader = apart;
    if (!reader) return 0;
    const broadest: string[] = [];
    for (const word of await reader.broadestWords(count * 3)) {
      if (broadest.length >= count) break;
      if (word.length < 3 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
      broadest.push(word);
    }
    const typed = broadest.map((w) => w.replace(/(?<=...)[sx]$/, ''));
    const texts = new Set<string>();
    for (const text of [...broadest, ...typed, ...Object.keys(SEARCH_SYNONYMS)]) {
      const fts = toFtsQuery(text);
      if (fts) texts.add(fts);
    }
    let kept = 0;
    for (const fts of texts) {
      if (stop()) break;
      await prepareFts(fts);
      kept++;
    }
    return kept;
  }

  const rowsOf = (found: { ids: Int32Array; rank: Float64Array }): [number, number][] =>
    Array.from(found.ids, (id, i) => [id, found.rank[i] as number]);

  /** A text's bm25 rank by actor id (NaN: no match), made once per text kept. */
  function rankById(fts: string, text: TextMatches, ix: DirectoryIndex): Float64Array {
    let byId = ranksById.get(text);
    if (!byId || byId.length < ix.size) {
      byId = new Float64Array(ix.size).fill(Number.NaN);
      for (let i = 0; i < text.ids.length; i++) byId[text.ids[i] as number] = text.rank[i] as number;
      ranksById.set(text, byId);
      // Kept with its text: weighed as such in the cache (a text's matches plus a rank per actor).
      textCache.set(fts, text, text.ids.length * 12 + 64 + ix.size * 8);
    }
    return byId;
  }

  return {
    patched,
    rebuilt,
    matches,
    rankById,
    prepare,
    reads: () => ({ ...textReads }),
    catchUps: () => ({ ...textCatchUps }),
    warm,
    close: async () => apart?.close(),
  };
}
