/** The « Quitter rapidement » control, on every public page, and its double-Escape shortcut. */
import { useEffect } from 'react';
import { fr } from '../i18n/fr.ts';

/**
 * The one navigation away from our origin the app ever makes: a neutral, common site.
 * `replace()` so that Back does not come back to the page that was on screen.
 */
export const NEUTRAL_SITE = 'https://www.google.fr/';

/** Two Escape presses within this delay leave the site. */
const DOUBLE_ESCAPE_MS = 800;

export function quickExit(): void {
  // Blank the page first, so nothing stays on screen while the neutral site loads.
  try {
    document.title = '';
    document.body.replaceChildren();
    document.body.style.background = '#fff';
  } catch {
    // Leaving matters more than tidying.
  }
  window.location.replace(NEUTRAL_SITE);
}

/** Listens for Escape pressed twice. An Escape already used (closing a list, a dialog) does not count. */
export function useQuickExitShortcut(): void {
  useEffect(() => {
    let last = 0;
    function onKeyDown(e: KeyboardEvent) {
      if (e.key !== 'Escape' || e.defaultPrevented || e.repeat) return;
      const now = performance.now();
      if (now - last <= DOUBLE_ESCAPE_MS) quickExit();
      else last = now;
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function QuickExitButton() {
  useQuickExitShortcut();
  return (
    <button type="button" className="quick-exit" onClick={quickExit} title={fr.quickExit.hint} aria-describedby="quick-exit-hint">
      <span aria-hidden="true" className="quick-exit__icon">
        ✕
      </span>{' '}
      {fr.quickExit.button}
      <span id="quick-exit-hint" className="visually-hidden">
        {fr.quickExit.hint}
      </span>
    </button>
  );
}
