/**
 * A tiny History-API router: the app has four routes and needs only the current path + query,
 * `navigate()` and a `<Link>`. See README (« Routage ») for why no library.
 */
import { type AnchorHTMLAttributes, forwardRef, type MouseEvent, useSyncExternalStore } from 'react';

const NAVIGATE_EVENT = 'pare:navigate';

export type Location = { pathname: string; search: string; href: string };

/** State we keep with a history entry (never written to storage). */
export type HistoryState = { searchHref?: string } | null;

let cached: Location | null = null;

function readLocation(): Location {
  const { pathname, search } = window.location;
  const href = pathname + search;
  if (cached?.href !== href) cached = { pathname, search, href };
  return cached;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, readLocation, readLocation);
}

/** One parameter of the address's query string (`statut` in `?statut=acceptee`), null when absent. */
export function useSearchParam(name: string): string | null {
  return new URLSearchParams(useLocation().search).get(name);
}

export type NavigateOptions = { replace?: boolean; state?: HistoryState; keepScroll?: boolean };

/** Goes to a path of this app (same origin only). */
export function navigate(to: string, options: NavigateOptions = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) throw new Error('navigate() only goes to this site');
  const target = url.pathname + url.search + url.hash;
  if (target === window.location.pathname + window.location.search + window.location.hash && !options.replace) return;
  if (options.replace) window.history.replaceState(options.state ?? null, '', target);
  else window.history.pushState(options.state ?? null, '', target);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  if (!options.keepScroll) window.scrollTo(0, 0);
}

export function historyState(): HistoryState {
  const s: unknown = window.history.state;
  return typeof s === 'object' && s !== null && 'searchHref' in s && typeof s.searchHref === 'string' ? { searchHref: s.searchHref } : null;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; state?: HistoryState; keepScroll?: boolean; replace?: boolean };

/** An `<a>` that navigates without reloading; modified clicks (new tab…) keep the browser's behaviour. */
export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link({ href, state, keepScroll, replace, onClick, ...rest }, ref) {
  function handleClick(e: MouseEvent<HTMLAnchorElement>) {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    navigate(href, { ...(state !== undefined ? { state } : {}), ...(keepScroll ? { keepScroll } : {}), ...(replace ? { replace } : {}) });
  }
  return <a ref={ref} href={href} onClick={handleClick} {...rest} />;
});

export type Route =
  | { name: 'search' }
  | { name: 'actor'; slug: string }
  | { name: 'orientation' }
  | { name: 'request-status' }
  | { name: 'report' }
  | { name: 'referencing' }
  | { name: 'login' }
  | { name: 'admin' }
  | { name: 'admin-actors' }
  | { name: 'admin-actor'; id: number | null }
  | { name: 'admin-actor-history'; id: number }
  | { name: 'admin-submissions' }
  | { name: 'admin-submission'; id: number }
  | { name: 'admin-import' }
  | { name: 'admin-campaigns' }
  | { name: 'admin-campaign'; id: number }
  | { name: 'answer'; token: string }
  | { name: 'update'; token: string }
  | { name: 'inbox' }
  | { name: 'resources' }
  | { name: 'resource'; slug: string }
  | { name: 'protocols' }
  | { name: 'departements' }
  | { name: 'departement'; code: string }
  | { name: 'admin-resources' }
  | { name: 'admin-resource'; kind: 'resource' | 'protocol'; id: number | null }
  | { name: 'admin-coverage' }
  | { name: 'account' }
  | { name: 'account-request' }
  | { name: 'admin-accounts' }
  | { name: 'set-password'; token: string }
  | { name: 'news' }
  | { name: 'news-item'; slug: string }
  | { name: 'agenda' }
  | { name: 'event'; slug: string }
  | { name: 'admin-news' }
  | { name: 'admin-content'; kind: 'news' | 'event'; id: number | null }
  | { name: 'newsletter' }
  | { name: 'newsletter-confirm'; token: string }
  | { name: 'newsletter-unsubscribe'; token: string }
  | { name: 'admin-newsletter' }
  | { name: 'admin-newsletter-issue'; id: number }
  | { name: 'admin-newsletter-subscribers' }
  | { name: 'not-found' };

/** The app's routes. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  if (path === '/' || path === '/index.html') return { name: 'search' };
  const actor = /^\/acteurs\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(path);
  if (actor?.[1]) return { name: 'actor', slug: actor[1] };
  const fixed: Record<string, Route> = {
    '/orientation': { name: 'orientation' },
    '/lettre': { name: 'newsletter' },
    '/admin/lettre': { name: 'admin-newsletter' },
    '/admin/lettre/abonnes': { name: 'admin-newsletter-subscribers' },
    '/suivre-ma-demande': { name: 'request-status' },
    '/signaler': { name: 'report' },
    '/referencer': { name: 'referencing' },
    '/connexion': { name: 'login' },
    '/admin': { name: 'admin' },
    '/admin/acteurs': { name: 'admin-actors' },
    '/admin/acteurs/nouveau': { name: 'admin-actor', id: null },
    '/admin/propositions': { name: 'admin-submissions' },
    '/admin/import': { name: 'admin-import' },
    '/admin/campagnes': { name: 'admin-campaigns' },
    '/admin/couverture': { name: 'admin-coverage' },
    '/mon-compte': { name: 'account' },
    '/demander-un-compte': { name: 'account-request' },
    '/admin/comptes': { name: 'admin-accounts' },
    '/equipe/demandes': { name: 'inbox' },
    '/ressources': { name: 'resources' },
    '/protocoles': { name: 'protocols' },
    '/departements': { name: 'departements' },
    '/admin/ressources': { name: 'admin-resources' },
    '/admin/ressources/nouvelle': { name: 'admin-resource', kind: 'resource', id: null },
    '/admin/protocoles/nouveau': { name: 'admin-resource', kind: 'protocol', id: null },
    '/actualites': { name: 'news' },
    '/agenda': { name: 'agenda' },
    '/admin/actualites': { name: 'admin-news' },
    '/admin/actualites/nouvelle': { name: 'admin-content', kind: 'news', id: null },
    '/admin/agenda/nouveau': { name: 'admin-content', kind: 'event', id: null },
  };
  const known = fixed[path];
  if (known) return known;
  const adminActor = /^\/admin\/acteurs\/(\d{1,9})(\/historique)?$/.exec(path);
  if (adminActor?.[1]) {
    const id = Number(adminActor[1]);
    return adminActor[2] ? { name: 'admin-actor-history', id } : { name: 'admin-actor', id };
  }
  const resource = /^\/ressources\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(path);
  if (resource?.[1]) return { name: 'resource', slug: resource[1] };
  const departement = /^\/departements\/(\d{2,3}|2[ABab])$/.exec(path);
  if (departement?.[1]) return { name: 'departement', code: departement[1].toUpperCase() };
  const adminItem = /^\/admin\/(ressources|protocoles)\/(\d{1,9})$/.exec(path);
  if (adminItem?.[2])
    return { name: 'admin-resource', kind: adminItem[1] === 'ressources' ? 'resource' : 'protocol', id: Number(adminItem[2]) };
  const content = /^\/(actualites|agenda)\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(path);
  if (content?.[2]) return content[1] === 'actualites' ? { name: 'news-item', slug: content[2] } : { name: 'event', slug: content[2] };
  const adminContent = /^\/admin\/(actualites|agenda)\/(\d{1,9})$/.exec(path);
  if (adminContent?.[2])
    return { name: 'admin-content', kind: adminContent[1] === 'actualites' ? 'news' : 'event', id: Number(adminContent[2]) };
  const campaign = /^\/admin\/campagnes\/(\d{1,9})$/.exec(path);
  if (campaign?.[1]) return { name: 'admin-campaign', id: Number(campaign[1]) };
  // The links mailed to structures: the token as the API made it (base64url), nothing else.
  const link = /^\/(reponse|mise-a-jour)\/([A-Za-z0-9_-]{1,200})$/.exec(path);
  if (link?.[2]) return link[1] === 'reponse' ? { name: 'answer', token: link[2] } : { name: 'update', token: link[2] };
  const passwordLink = /^\/mot-de-passe\/([A-Za-z0-9_-]{1,200})$/.exec(path);
  if (passwordLink?.[1]) return { name: 'set-password', token: passwordLink[1] };
  const letterLink = /^\/lettre\/(confirmer|desinscription)\/([A-Za-z0-9_-]{1,200})$/.exec(path);
  if (letterLink?.[2])
    return letterLink[1] === 'confirmer'
      ? { name: 'newsletter-confirm', token: letterLink[2] }
      : { name: 'newsletter-unsubscribe', token: letterLink[2] };
  const letterIssue = /^\/admin\/lettre\/(\d{1,9})$/.exec(path);
  if (letterIssue?.[1]) return { name: 'admin-newsletter-issue', id: Number(letterIssue[1]) };
  const submission = /^\/admin\/propositions\/(\d{1,9})$/.exec(path);
  if (submission?.[1]) return { name: 'admin-submission', id: Number(submission[1]) };
  return { name: 'not-found' };
}
