/**
 * Keeps the public views of the directory's actors made ahead of the searches that show them
 * (@pare/db search-views.ts): all of them once the server listens, then, every minute, those
 * that have run out (their hours changed state, local midnight, the hour's cap) or were dropped
 * by a write; and those about to run out, as they will be after (`renewAnonymousListViews`): at a
 * local midnight every view runs out at once. Searches go on answering meanwhile (a slice of
 * views at a time, the event loop free in between; after the first pass, 10 ms between two); a
 * search that comes first simply makes its own views, as without the warmer.
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
 *
 * On the first pass only, it then sends the app itself a sample of anonymous searches, as
 * visitors send them (`warmRequests`): a process's first searches through the app cost 2–3 times
 * a later one (V8 compiles the routing, the query's validation, the search, the answer's hashing
 * and compression as they are first run): at 100,000 actors, 2.3 ms each for the first 500, 0.9
 * ms from the 3,000th on; after these 2,000 (2.6 s), 1.4 ms for the first 500 (a commune's search
 * 0.97 ms; a word's first search in a département still makes its lists) (§14). They are not
 * logged nor counted, and the public cache does not keep their answers (lib/warm-request.ts).
 */
import { renewAnonymousListViews, SEARCH_SYNONYMS, warmAnonymousListViews } from '@pare/db';
import { listCommunes, listDepartements } from '@pare/geo';
import { ACTIONS, PUBLICS } from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { type AppFetch, WARM_ENV } from '../lib/warm-request.ts';
import { clockOf, warmPlaceSearches } from './actors.ts';

/** How many of the broadest words each pass keeps read ahead (with their typed forms and the synonyms' words). */
export const WARM_WORDS = 32;

export type ViewWarmer = {
  /** The first pass: how many views it made (and made ahead), texts it read ahead, départements it searched and searches it sent the app, in how many ms. */
  ready: Promise<WarmPass & { ms: number }>;
  /** No new pass; resolves once the one under way (if any) has stopped. */
  stop: () => Promise<void>;
};

type WarmPass = { views: number; renewed: number; texts: number; places: number; requests: number };

/** How many searches the first pass sends the app (`warmRequests`): 2,000 take 2.6 s at 100,000 actors. */
export const WARM_REQUESTS = 2_000;

const WARM_RADII = [2, 5, 10, 20, 30, 50];

/**
 * `count` search paths as visitors send them, the same at each start: each département's
 * chef-lieu, then communes spread over France's whole list (no filter, an action, a public,
 * both; a radius; some second pages), and one in five a word people type (the synonyms' keys)
 * in a département.
 */
export function warmSearchPaths(count: number): string[] {
  const communes = listCommunes();
  const departements = listDepartements();
  const words = Object.keys(SEARCH_SYNONYMS);
  const step = Math.max(1, Math.floor(communes.length / count));
  const paths: string[] = [];
  let places = 0;
  for (let i = 0; i < count; i++) {
    const params = new URLSearchParams();
    if (i % 5 === 4) {
      params.set('q', words[i % words.length] as string);
      params.set('departement', (departements[(i * 7) % departements.length] as { code: string }).code);
    } else {
      const n = places++;
      params.set('commune', departements[n]?.chefLieu ?? (communes[(n * step) % communes.length] as { code: string }).code);
      const kind = i % 4;
      if (kind === 1 || kind === 3) params.set('actions', ACTIONS[i % ACTIONS.length] as string);
      if (kind === 2 || kind === 3) params.set('publics', PUBLICS[i % PUBLICS.length] as string);
      params.set('radius_km', String(WARM_RADII[i % WARM_RADII.length]));
    }
    if (i % 6 === 5) params.set('page', '2');
    paths.push(`/api/actors?${params}`);
  }
  return paths;
}

/**
 * Sends the app `paths` one at a time as an anonymous visitor's browser would (Brotli, or gzip
 * for one in three), the event loop left free between two, and reads each answer to its end.
 * How many were answered 200.
 */
export async function warmRequests(fetch: AppFetch, paths: readonly string[], stop: () => boolean = () => false): Promise<number> {
  let answered = 0;
  for (let i = 0; i < paths.length && !stop(); i++) {
    const headers = { accept: 'application/json', 'accept-encoding': i % 3 === 2 ? 'gzip' : 'br, gzip' };
    const res = await fetch(new Request(`http://warm.invalid${paths[i]}`, { headers }), WARM_ENV);
    await res.arrayBuffer();
    if (res.status === 200) answered++;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return answered;
}

/**
 * Warms what the app answers with: `deps` is its composition root (the same search, the same
 * views); `fetch` is the app's, for the first pass's searches (`requests` of them, default
 * `WARM_REQUESTS`; none without `fetch`).
 */
export function startViewWarmer(deps: AppDeps, opts: { everyMs?: number; fetch?: AppFetch; requests?: number } = {}): ViewWarmer {
  let stopped = false;
  const stop = () => stopped;
  let running: Promise<WarmPass> | null = null;
  let first = true;
  const everyMs = opts.everyMs ?? 60_000;
  const pass = (): Promise<WarmPass> => {
    if (!running) {
      const isFirst = first;
      const withRequests = first && opts.fetch !== undefined;
      first = false;
      running = (async () => {
        const now = () => clockOf(deps);
        // The first pass makes every view as fast as the searches let it; the later ones, fewer
        // and while visitors search, leave them more of the event loop.
        const pace = { stop, now, ...(isFirst ? {} : { pauseMs: 10 }) };
        const views = await warmAnonymousListViews(deps.db, deps.actors.loadActors, pace);
        const renewed = stopped ? 0 : await renewAnonymousListViews(deps.db, deps.actors.loadActors, { ...pace, everyMs });
        const texts = stopped ? 0 : await deps.search.warmTexts(WARM_WORDS, stop);
        const places = stopped ? 0 : await warmPlaceSearches(deps, stop);
        const requests =
          stopped || !withRequests || !opts.fetch
            ? 0
            : await warmRequests(opts.fetch, warmSearchPaths(opts.requests ?? WARM_REQUESTS), stop);
        return { views, renewed, texts, places, requests };
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
      return { views: 0, renewed: 0, texts: 0, places: 0, requests: 0, ms: Math.round(performance.now() - started) };
    },
  );
  const timer = setInterval(() => {
    if (!stopped)
      pass().catch((err: unknown) => deps.log.error('views not warmed', { error: err instanceof Error ? err.message : String(err) }));
  }, everyMs);
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
