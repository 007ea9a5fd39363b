/** Shared setup for the browser journeys: Debian's chromium driven by playwright-core against the real app. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { ROOT, startTestServer, type TestApp, WEB_DIST } from '../helpers/test-app.ts';

export const CHROMIUM = '/usr/bin/chromium';

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;
/** The computer screen of the screenshots a person looks at (and of the journeys checked at that size). */
export const LARGE_SCREEN = { width: 1366, height: 900 } as const;
/** The two sizes a journey is checked at, named for its tests: the phone, and the large screen as `largeName`. */
export const bothSizes = <N extends string>(largeName: N) =>
  [
    ['phone', PHONE],
    [largeName, LARGE_SCREEN],
  ] as const;

/** The neutral site of the quick exit. Tests route it to a local stub: no request leaves the machine. */
export const NEUTRAL_SITE = 'https://www.google.fr/';

export type Harness = { server: TestApp & { url: string }; browser: Browser; close: () => Promise<void> };

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Software WebGL so that the map really renders in the test (and in the screenshots).
  '--enable-unsafe-swiftshader',
];

/**
 * The run's chromium when the browser project's globalSetup started one (tests/browser/global-setup.ts,
 * its address in PARE_TEST_CHROMIUM_WS): a connection instead of a launch. Closing a connected
 * browser closes its contexts and the connection, not the shared chromium. Else (a script run
 * with tsx) a chromium of its own.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  const shared = process.env.PARE_TEST_CHROMIUM_WS;
  if (shared) return chromium.connect(shared);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Starts the real app (temporary SQLite, seed + fixtures, built web client) and a headless chromium. */
export async function startHarness(opts: Parameters<typeof startTestServer>[0] = {}): Promise<Harness> {
  if (!existsSync(`${WEB_DIST}/index.html`)) throw new Error('apps/web/dist is missing: run `pnpm build` first');
  const [server, browser] = await Promise.all([startTestServer(opts), launchBrowser()]);
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}

/**
 * The harness of one test file: started before its first test, closed after its last. `started`
 * receives it, for the file to keep (`harnessForFile((started) => { h = started; })`).
 */
export function harnessForFile(started: (h: Harness) => void, opts: Parameters<typeof startHarness>[0] = {}): void {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness(opts);
    started(harness);
  });
  afterAll(async () => {
    await harness?.close();
  });
}

/**
 * A scratch folder of one test file (for the files its browser uploads): made before its first
 * test, removed after its last. `made` receives its path.
 */
export function tempDirForFile(prefix: string, made: (dir: string) => void): void {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    made(dir);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
}

/** A module of the web client's text catalogues, by file name (apps/web/src/i18n/fr.*.ts). */
export const webCatalogue = (file: string): Promise<Record<string, unknown>> =>
  import(pathToFileURL(join(ROOT, 'apps/web/src/i18n', file)).href);

/**
 * Throws unless `value` holds every text of `shape` with the same type: `shape` gives one sample
 * per text a test uses (a string, or a function for a template), so a renamed key fails here,
 * with its path, rather than as an element the page does not show.
 */
export function checkTexts(value: unknown, shape: unknown, path: string): void {
  if (typeof shape !== 'object' || shape === null) {
    if (typeof value !== typeof shape) throw new Error(`${path} is ${typeof value}, expected a ${typeof shape}`);
    return;
  }
  for (const [key, sub] of Object.entries(shape)) checkTexts((value as Record<string, unknown> | undefined)?.[key], sub, `${path}.${key}`);
}

export type RecordedPage = { context: BrowserContext; page: Page; requests: string[]; errors: string[] };

/**
 * A fresh context (no shared cookies or cache) and page. Every request is recorded, and any
 * request to another origin is answered locally, so a test can never leak to the internet.
 */
export async function openPage(
  h: Harness,
  viewport: { width: number; height: number } = DESKTOP,
  options: { bypassCSP?: boolean } = {},
): Promise<RecordedPage> {
  // bypassCSP only for axe-core, which is injected as an inline script; the app itself runs under the real CSP.
  const context = await h.browser.newContext({ viewport, locale: 'fr-FR', reducedMotion: 'reduce', bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  const origin = new URL(h.server.url).origin;
  await context.route(
    (url) => url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:',
    (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<!doctype html><title>Site neutre</title><h1>Site neutre (stub de test)</h1>',
      }),
  );
  return { context, page, requests, errors };
}

/** Requests that did not go to the app's own origin (data: and blob: URLs stay in the page). */
export function outsideRequests(requests: readonly string[], appUrl: string): string[] {
  const origin = new URL(appUrl).origin;
  return requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    return new URL(u).origin !== origin;
  });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Signs in through the sign-in page, as a person does: the back-office page `next` sends to
 * /connexion?suite=…, the form is filled, and the browser comes back to `next`.
 */
export async function signInThroughForm(h: Harness, page: Page, next: string, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${h.server.url}${next}`);
  await page.waitForURL(/\/connexion\?suite=/);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => u.pathname === next);
}

/** Sends the public referencing form (TEST DATA: the submitter is fictitious) and returns the submission's id. */
export async function submitReferencing(h: Harness, proposal: Record<string, unknown>): Promise<number> {
  const res = await h.server.app.request('/api/submissions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'referencement', proposal, submitter: { name: 'Sam Exemple', email: 'sam@example.test' }, consent: true }),
  });
  expect(res.status).toBe(201);
  return Number(((await res.json()) as { reference: string }).reference.slice(2));
}

/** Waits until the results list (or the empty state) is on screen. */
export async function waitForResults(page: Page): Promise<void> {
  await page
    .locator('.results-toolbar__count')
    .filter({ hasText: /acteur/ })
    .waitFor();
  await page.waitForFunction(() => document.querySelector('.search-layout__results')?.getAttribute('aria-busy') === 'false');
}

export const FIXTURE = {
  confidentialSlug: 'test-foyer-confidentiel-thionville',
  confidentialName: 'Foyer test confidentiel (données de test)',
  /** From the fixture's street address and site label: must never reach a page. */
  secretStreet: /rue Secr[èe]te/i,
  secretBits: ['Secrète', '12 rue', '03 00 00 00 01', 'referent-secret', 'direction-test', '49.3712', '6.1492'],
  thionville: '57672',
} as const;
