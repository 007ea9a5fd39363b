/**
 * A tab opened before a new version went online asks, when it moves to a page whose code it has
 * not loaded yet (orientation, resources, the back office…), for a chunk the new version no
 * longer has. Vite then fires `vite:preloadError`: the page is loaded again, once, and the new
 * version answers. Without this the whole app unmounted, leaving a white page — the emergency
 * numbers and « Quitter rapidement » gone with it.
 *
 * At most one reload a minute per tab (sessionStorage): if the chunk is still missing after it,
 * the error goes on to the page's error boundary, which says so (app.tsx `PageFailed`).
 */
const KEY = 'pare:reloaded-for-new-version';
const AT_MOST_EVERY_MS = 60_000;

let reloading = false;

/** Is the page being loaded again for a new version? Its fallback then says « Chargement… », not an error. */
export const reloadingForNewVersion = (): boolean => reloading;

function lastReload(storage: Storage | null): number {
  try {
    return Number(storage?.getItem(KEY) ?? 0);
  } catch {
    return 0;
  }
}

export function reloadOnStaleBuild(win: Window = window): void {
  win.addEventListener('vite:preloadError', (event) => {
    let storage: Storage | null = null;
    try {
      storage = win.sessionStorage;
    } catch {
      // Storage refused (some private modes): without a way to count, no automatic reload.
      return;
    }
    const now = Date.now();
    if (reloading || now - lastReload(storage) < AT_MOST_EVERY_MS) return;
    try {
      storage.setItem(KEY, String(now));
    } catch {
      return;
    }
    reloading = true;
    event.preventDefault();
    win.location.reload();
  });
}
