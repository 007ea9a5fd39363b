/**
 * The before/after crawl of a refactoring (issue 15, item 6): every public answer, export and page
 * of the shipped data (seed + fixtures), with the app's clock fixed, reduced to one line each —
 * `<what> <status> <bytes> <sha256>` — so that two commits can be compared line by line.
 *
 *   npx tsx tests/crawl/crawl.ts --out /tmp/after.txt [--pages]     # run in each checkout
 *   diff /tmp/before.txt /tmp/after.txt                             # nothing: byte-identical
 *   (`--dump DIR` writes each page's recorded HTML there, to see what differs)
 *
 * Not a test of the suite: it needs two commits. Pages (`--pages`) need `pnpm build` and chromium;
 * a page is recorded as the text and structure of its `<main>` once loaded (not the map's canvas).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../browser/browser.ts';
import { startTestServer } from '../helpers/test-app.ts';

const { values } = parseArgs({
  options: { out: { type: 'string' }, pages: { type: 'boolean', default: false }, dump: { type: 'string' } },
});
if (!values.out) throw new Error('--out <file> is required');

const NOW = new Date('2026-12-03T10:00:00.000Z');
const server = await startTestServer({ config: { now: () => NOW } });
const lines: string[] = [];
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex').slice(0, 16);
/** What differs between two runs of the same commit: the server's port, the seed's write times, error bodies' request ids, React's generated ids. */
const stable = (text: string) =>
  text
    .replaceAll(server.url, '<origin>')
    .replaceAll(encodeURIComponent(server.url), '<origin>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})/g, '<time>')
    .replace(/"requestId":"[^"]*"/g, '"requestId":"<id>"')
    .replace(/DTSTAMP:\w+/g, 'DTSTAMP:<time>')
    // React's useId: numbered in the order components mounted, which a page's loading order moves.
    .replace(/_r_[0-9a-z]+_/g, '_r_');

async function record(what: string, path: string, init?: RequestInit): Promise<Buffer> {
  const res = await fetch(`${server.url}${path}`, init);
  const raw = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  const body = /json|text|xml|calendar|csv/.test(type) ? Buffer.from(stable(raw.toString('utf8'))) : raw;
  lines.push(`${what} ${path} ${res.status} ${raw.length} ${sha(body)}`);
  return body;
}
const json = async (path: string) => JSON.parse((await record('GET', path)).toString('utf8'));

// Everything the public reads, from the API's own description (parameterised paths filled below).
const doc = await json('/api/openapi.json');
const plain = Object.keys(doc.paths as object)
  .filter((p) => !p.includes('{') && !p.startsWith('/api/admin') && 'get' in doc.paths[p])
  .filter(
    (p) => !['/api/auth/me', '/api/account/session', '/api/account/sessions', '/api/health/details', '/api/openapi.json'].includes(p),
  );
for (const p of plain) await record('GET', p);

const searches = [
  '',
  '?q=%C3%A9coute',
  '?q=signalement',
  '?departement=75',
  '?departement=13&page=2',
  '?commune=69123&radius=30',
  '?postcode=33000',
  '?publics=jeunes',
  '?actions=ecoute,hebergement',
  '?ouvert=maintenant',
  '?near=48.85,2.35&radius=10',
];
for (const q of searches) await record('GET', `/api/actors${q}`);
for (const q of ['?q=lyon', '?q=94240', '?q=lhay les roses']) await record('GET', `/api/territories/search${q}`);
for (const q of ['bbox=-5.5,41,10,51.5&zoom=5', 'bbox=2.2,48.8,2.5,48.95&zoom=12', 'bbox=4.7,45.6,5,45.9&zoom=14'])
  await record('GET', `/api/map/points?${q}`);

// Each actor's page, each resource, protocol, département, news and event.
const slugs: string[] = [];
for (let page = 1; ; page++) {
  const answer = await json(`/api/actors?page=${page}&per_page=100`);
  for (const a of answer.items ?? []) slugs.push(a.slug);
  if (!answer.items?.length || slugs.length >= (answer.total ?? 0)) break;
}
for (const s of slugs) await record('GET', `/api/actors/${s}`);
for (const [list, one, key] of [
  ['/api/resources', '/api/resources/', 'slug'],
  ['/api/protocols', '/api/protocols/', 'slug'],
  ['/api/departements', '/api/departements/', 'code'],
  ['/api/news', '/api/news/', 'slug'],
  ['/api/events', '/api/events/', 'slug'],
  ['/api/hsds/services', '/api/hsds/services/', 'id'],
  ['/api/hsds/organizations', '/api/hsds/organizations/', 'id'],
] as const) {
  const answer = await json(list);
  const items: Record<string, unknown>[] = Array.isArray(answer) ? answer : (answer.items ?? answer.contents ?? []);
  for (const item of items) await record('GET', `${one}${String(item[key])}`);
}

// The orientation's answers to a few situations.
for (const body of [
  { profile: 'jeune', departement: '75', needs: ['je-ne-sais-pas'], urgency: 'information' },
  { profile: 'famille', commune: '57672', needs: ['soutien-familles'], urgency: 'inquietude' },
  { profile: 'professionnel', departement: '13', needs: ['je-ne-sais-pas'], urgency: 'danger-immediat' },
]) {
  await record('POST', '/api/orientation', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

if (values.pages) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--no-first-run', '--disable-background-networking'],
  });
  const routes = [
    '/',
    '/?q=%C3%A9coute',
    '/?departement=75',
    '/orientation',
    '/ressources',
    '/protocoles',
    '/departements',
    '/actualites',
    '/agenda',
    '/lettre',
    '/demander-un-compte',
    '/suivre-ma-demande',
    '/connexion',
    '/signaler',
    '/referencer',
    ...slugs.slice(0, 20).map((s) => `/acteurs/${s}`),
  ];
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1366, height: 900 },
  ]) {
    const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.fulfill({ status: 204 }));
    const page = await context.newPage();
    await page.clock.setFixedTime(NOW); // the pages' own clock (today's row, « il y a … ») as the server's
    for (const route of routes) {
      await page.goto(`${server.url}${route}`, { waitUntil: 'networkidle' });
      // A search's map says how many results it shows once its markers came from the server, which
      // may be after the page is otherwise still: waited for (at most 10 s), or pages differ by when.
      if (await page.$('.search-map')) await page.waitForSelector('.search-map__count', { timeout: 10_000 }).catch(() => undefined);
      // Loaded: nothing says « Chargement » and the main region has not changed for 300 ms.
      let main = '';
      for (let tries = 0; tries < 50; tries++) {
        const now = await page.evaluate(() => {
          const el = document.querySelector('main') ?? document.body;
          const clone = el.cloneNode(true) as HTMLElement;
          // The map and what is drawn over it depend on when its tiles were painted: left out.
          for (const c of Array.from(clone.querySelectorAll('canvas, .maplibregl-map, .search-map__labels, .search-map__pins')))
            c.replaceChildren();
          // Attributes in one order (the same field written by another component keeps its meaning).
          for (const node of Array.from(clone.querySelectorAll('*'))) {
            const attributes = Array.from(node.attributes).map((a) => [a.name, a.value] as const);
            for (const [name] of attributes) node.removeAttribute(name);
            for (const [name, value] of attributes.sort(([a], [b]) => (a < b ? -1 : 1))) node.setAttribute(name, value);
          }
          return `${document.title}\n${clone.innerHTML}`;
        });
        if (now === main && !/Chargement/.test(now)) break;
        main = now;
        await page.waitForTimeout(300);
      }
      if (values.dump) writeFileSync(join(values.dump, `${viewport.width}${route.replaceAll('/', '_')}.html`), stable(main));
      lines.push(`PAGE ${viewport.width} ${route} ${main.length} ${sha(stable(main))}`);
    }
    await context.close();
  }
  await browser.close();
}

server.close();
writeFileSync(values.out, `${lines.join('\n')}\n`);
console.log(`${lines.length} answers and pages recorded in ${values.out}`);
