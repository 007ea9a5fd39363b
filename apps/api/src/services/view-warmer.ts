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
 * Each pass then reads ahead the texts of the words the most entries hold, each also as a person
 * types it (« famille » for « familles »), and of the words the synonyms table expects people to
 * type (`warmTexts`, on the search's worker thread), or catches them up on the writes since: the
 * first read of a broad word costs its first visitors 100–300 ms at 100,000 actors (§10, §12).
 * And it searches around each département's chef-lieu (`warmPlaceSearches`): the first search of
 * a process builds the sites' grid, the « open now » groups and the département's base, 1–3 s of
 * the first visitors' time at 100,000 actors when they came on their requests (§11).
 */
import { warmAnonymousListViews } from '@pare/db';
import type { AppDeps } from '../lib/context.ts';
import { warmPlaceSearches } from './actors.ts';

/** How many of the broadest words each pass keeps read ahead (with their typed forms and the synonyms' words). */
export const WARM_WORDS = 32;

export type ViewWarmer = {
  /** The first pass over the directory: how many views it made, texts it read ahead and départements it searched, in how many ms. */
  ready: Promise<WarmPass & { ms: number }>;
  /** No new pass; resolves once the one under way (if any) has stopped. */
  stop: () => Promise<void>;
};

type WarmPass = { views: number; texts: number; places: number };

/** Warms what the app answers with: `deps` is its composition root (the same search, the same views). */
export function startViewWarmer(deps: AppDeps, opts: { everyMs?: number } = {}): ViewWarmer {
  let stopped = false;
  const stop = () => stopped;
  let running: Promise<WarmPass> | null = null;
  const pass = (): Promise<WarmPass> => {
    if (!running) {
      running = (async () => {
        const views = await warmAnonymousListViews(deps.db, deps.actors.loadActors, { stop });
        const texts = stopped ? 0 : await deps.search.warmTexts(WARM_WORDS, stop);
        const places = stopped ? 0 : await warmPlaceSearches(deps, stop);
        return { views, texts, places };
      })().finally(() => {
        running = null;
      });
    }
    return running;
  };
  const started = performance.now();
  const ready = pass().then(
    (done) => {
      const ms = Math.round(performance.now() - started);
      deps.log.info('views warmed', { ...done, ms });
      return { ...done, ms };
    },
    (err: unknown) => {
      deps.log.error('views not warmed', { error: err instanceof Error ? err.message : String(err) });
      return { views: 0, texts: 0, places: 0, ms: Math.round(performance.now() - started) };
    },
  );
  const timer = setInterval(() => {
    if (!stopped)
      pass().catch((err: unknown) => deps.log.error('views not warmed', { error: err instanceof Error ? err.message : String(err) }));
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
