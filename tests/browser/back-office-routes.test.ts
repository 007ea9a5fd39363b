/**
 * Issue 17, item 1: every back-office route of apps/web/src/lib/router.tsx opened in a real
 * browser by every role (admin, curateur, relais 57, professionnel-verifie). A page error, a
 * console error (other than an HTTP refusal the page itself handles), a blank page (no quick exit,
 * or neither a heading nor the notice of a handled refusal) or a serious axe violation fails the
 * test. « Ressources et protocoles » was a blank page for every role (React error #306: a lazy
 * component wrapped in `lazy()` again). A page's heading or link back above the back office's
 * menu fails it too.
 */
import type { Role } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../helpers/accounts.ts';
import { youthListeningInMoselle } from '../helpers/actors.ts';
import { DESKTOP, type Harness, openPage, seriousViolations, startHarness, submitReferencing } from './browser.ts';

let h: Harness;
let routes: string[] = [];

function firstId(sql: string): number {
  const row = h.server.db.prepare(sql).get() as { id: number } | undefined;
  return row?.id ?? 1;
}

beforeAll(async () => {
  h = await startHarness();
  const actor = firstId(
    "SELECT a.id FROM actors a JOIN actor_territories t ON t.actor_id = a.id WHERE t.departement = '57' ORDER BY a.id LIMIT 1",
  );
  const submission = await submitReferencing(h, {
    name: 'Structure de test (toutes les routes)',
    type: 'association',
    description: 'Accueil de jour (test).',
    ...youthListeningInMoselle(),
    sites: [{ commune_code: '57672', address: '1 rue du Test' }],
    contacts: [{ kind: 'phone', value: '03 00 00 01 01' }],
  });
  const resource = firstId('SELECT id FROM resources ORDER BY id LIMIT 1');
  const protocol = firstId('SELECT id FROM protocols ORDER BY id LIMIT 1');
  const campaign = firstId('SELECT id FROM campaigns ORDER BY id LIMIT 1');
  // Every back-office route of router.tsx (/admin/couverture included).
  routes = [
    '/admin',
    '/admin/acteurs',
    '/admin/acteurs/nouveau',
    `/admin/acteurs/${actor}`,
    `/admin/acteurs/${actor}/historique`,
    '/admin/propositions',
    `/admin/propositions/${submission}`,
    '/admin/import',
    '/admin/campagnes',
    `/admin/campagnes/${campaign}`,
    '/admin/couverture',
    '/equipe/demandes',
    '/admin/ressources',
    '/admin/ressources?vue=protocoles',
    '/admin/ressources/nouvelle',
    `/admin/ressources/${resource}`,
    '/admin/protocoles/nouveau',
    `/admin/protocoles/${protocol}`,
    '/admin/comptes',
    '/mon-compte',
    '/admin/actualites',
    '/admin/actualites?vue=agenda',
    '/admin/actualites/nouvelle',
    '/admin/agenda/nouveau',
    '/admin/lettre',
    '/admin/lettre/abonnes',
  ];
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** A refusal the page handles (403 for a role, 404 for an id) shows in the console as a failed load: not an error. */
const HANDLED_REFUSAL = /Failed to load resource: the server responded with a status of (401|403|404)/;

const ROLES: { role: Role; departements?: string[] }[] = [
  { role: 'admin' },
  { role: 'curateur' },
  { role: 'relais', departements: ['57'] },
  { role: 'professionnel-verifie' },
];

// The roles run side by side: each page waits for the network to settle, time the others use.
describe.concurrent('every back-office route, every role', () => {
  for (const { role, departements } of ROLES) {
    it(`opens every back-office route as ${role} with no page error, no console error, no blank page, axe-clean`, async () => {
      const who = await signedInAs(h.server, role, departements ? { departements } : {});
      const { page, context, errors } = await openPage(h, DESKTOP, { bypassCSP: true });
      const [name, ...rest] = who.cookie.split('=');
      await context.addCookies([{ name: name ?? '', value: rest.join('='), url: h.server.url }]);
      let current = '';
      page.on('console', (m) => {
        if (m.type() === 'error' && !HANDLED_REFUSAL.test(m.text())) errors.push(`${current}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`${current}: ${e.message}`));
      const problems: string[] = [];
      for (const route of routes) {
        current = route;
        await page.goto(`${h.server.url}${route}`);
        try {
          // The quick exit stays on every page; the page says something (a heading, or the notice of a handled refusal).
          await page.locator('button.quick-exit').waitFor({ timeout: 10_000 });
          await page.locator('main h1, main .notice').first().waitFor({ timeout: 10_000 });
          // Lazy chunks and queries: let the page settle before judging it.
          await page.waitForLoadState('networkidle');
          await page.locator('main h1, main .notice').first().waitFor({ timeout: 5_000 });
        } catch {
          problems.push(`${route}: blank page (no quick exit, or no heading nor notice)`);
          continue;
        }
        // The back office's menu first, then the page (its heading, its link back): « Ressources et
        // protocoles » and the resource and news editors had theirs above the menu, outside its frame.
        const above = await page.evaluate(() => {
          const menu = document.querySelector('main nav.admin-nav');
          if (!menu) return [];
          return Array.from(document.querySelectorAll('main h1, main .back-link'))
            .filter((el) => !(menu.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING))
            .map((el) => el.textContent?.trim() ?? '');
        });
        for (const text of above) problems.push(`${route}: « ${text} » above the back office's menu`);
        const violations = await seriousViolations(page);
        for (const v of violations) problems.push(`${route}: axe ${v.id} (${v.help}) ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      }
      await context.close();
      expect([...problems, ...errors]).toEqual([]);
    }, 300_000);
  }
});
