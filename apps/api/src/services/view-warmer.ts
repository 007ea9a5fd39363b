/**
 * Keeps the public views of the directory's actors made ahead of the searches that show them
 * (@pare/db search-views.ts): all of them once the server listens, then, every minute, those
 * that have run out (their hours changed state, local midnight, the hour's cap) or were dropped
 * by a write. Searches go on answering meanwhile (a chunk of views at a time, the event loop free
 * in between); a search that comes first simply makes its own views, as without the warmer.
 *
 * Without it, every view a visitor's search shows for the first time since the start (or since
 * its hours last changed state) reads its actor's six tables on that request: at 100,000 actors,
 * most of a distinct search's time for the first minutes (docs/PERFORMANCE.md §8).
 *
 * Given the app's search, each pass then reads ahead the texts of the words the most entries
 * hold (`warmTexts`, on the search's worker thread), or catches them up on the writes since: the
 * first read of a broad word costs its first visitors 100–300 ms at 100,000 actors (§10).
 */
import { type ActorRepository, type Db, warmAnonymousListViews } from '@pare/db';
import type { Logger } from '../lib/logger.ts';

/** How many broad words' texts each pass keeps read ahead. */
export const WARM_WORDS = 32;

export type ViewWarmer = {
  /** The first pass over the directory: how many views it made, how many words it read ahead, in how many ms. */
  ready: Promise<{ views: number; words: number; ms: number }>;
  /** No new pass; resolves once the one under way (if any) has stopped. */
  stop: () => Promise<void>;
};

export function startViewWarmer(opts: {
  db: Db;
  actors: Pick<ActorRepository, 'loadActors'>;
  log: Logger;
  /** The app's search, whose broadest words each pass reads ahead (none: views only). */
  search?: { warmTexts: (count: number, stop?: () => boolean) => Promise<number> };
  /** Between two passes (ms): 60 s by default. */
  everyMs?: number;
}): ViewWarmer {
  let stopped = false;
  let running: Promise<{ views: number; words: number }> | null = null;
  const pass = (): Promise<{ views: number; words: number }> => {
    if (!running) {
      running = (async () => {
        const views = await warmAnonymousListViews(opts.db, opts.actors.loadActors, { stop: () => stopped });
        const words = opts.search && !stopped ? await opts.search.warmTexts(WARM_WORDS, () => stopped) : 0;
        return { views, words };
      })().finally(() => {
        running = null;
      });
    }
    return running;
  };
  const started = performance.now();
  const ready = pass().then(
    ({ views, words }) => {
      const ms = Math.round(performance.now() - started);
      opts.log.info('views warmed', { views, words, ms });
      return { views, words, ms };
    },
    (err: unknown) => {
      opts.log.error('views not warmed', { error: err instanceof Error ? err.message : String(err) });
      return { views: 0, words: 0, ms: Math.round(performance.now() - started) };
    },
  );
  const timer = setInterval(() => {
    if (!stopped)
      pass().catch((err: unknown) => opts.log.error('views not warmed', { error: err instanceof Error ? err.message : String(err) }));
  }, opts.everyMs ?? 60_000);
  timer.unref();
  return {
    ready,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await (running ?? Promise.resolve()).catch(() => undefined);
    },
  };
}
