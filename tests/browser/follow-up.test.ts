/**
 * Browser journeys of the request follow-up and the freshness campaigns (issue 18): a referent
 * answers a routed request from the link in its mail (/reponse/<jeton>), a structure confirms or
 * corrects its entry (/mise-a-jour/<jeton>), a curator launches and follows a campaign
 * (/admin/campagnes) and finds the requests that came back to the team first in the inbox. Phone
 * (390×844) and computer (1366×900); axe on every page; screenshots in /tmp/shots/.
 *
 * TEST DATA only: the fictitious actor of tests/orientation/helpers.ts. There is no SMTP server
 * here: the links are read from the mail bodies waiting in the outbox.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, createAccount, type Signed, signIn, TEST_PASSWORD } from '../helpers/accounts.ts';
import { parisDay } from '../helpers/clock.ts';
import { addActorAcceptingRequests, contactRequest, REFERENT_EMAIL } from '../orientation/helpers.ts';
import {
  bothSizes,
  checkTexts,
  type Harness,
  LARGE_SCREEN,
  openPage,
  outsideRequests,
  PHONE,
  type RecordedPage,
  seriousViolations,
  startHarness,
  webCatalogue,
} from './browser.ts';

/**
 * The texts the journeys look for, from the web catalogues, not retyped (loaded at run time: the tests
 * project cannot import apps/web statically). USED types the keys read below and is checked on load.
 */
const text = '';
const template = (..._: unknown[]) => '';
const action = { label: text, hint: text };
const USED = {
  frFollowUp: {
    link: { unknownHeading: text, reachTeamHeading: text, reachTeamUpdateHeading: text, goneHeading: text },
    answer: {
      heading: template,
      call: template,
      write: template,
      actions: { 'prise-en-charge': action, 'contact-etabli': action, impossible: action },
      reasonLabel: text,
      reasonSubmit: text,
      reasonMissing: text,
      done: { 'prise-en-charge': text, 'contact-etabli': text, impossible: text },
    },
    update: {
      heading: template,
      nothingChanged: text,
      propose: text,
      formHeading: text,
      contactValue: text,
      siteAddress: text,
      submit: text,
      errorsHeading: text,
      doneConfirmed: text,
      doneHeading: text,
    },
    campaigns: {
      heading: text,
      titleLabel: text,
      kinds: { departement: action },
      departement: text,
      launch: text,
      remind: text,
      remindDone: text,
      remindAlready: text,
      review: text,
      withoutReferentHeading: template,
      dashboardCard: text,
      states: { corrigee: text },
    },
  },
  frOrientation: { inbox: { heading: text, priorityHeading: template, statuses: { 'a-reorienter': text }, status: text, apply: text } },
};

const followUpCatalogue = await webCatalogue('fr.follow-up.ts');
const orientationCatalogue = await webCatalogue('fr.orientation.ts');
checkTexts(followUpCatalogue.frFollowUp, USED.frFollowUp, 'frFollowUp');
checkTexts(orientationCatalogue.frOrientation, USED.frOrientation, 'frOrientation');
const t = followUpCatalogue.frFollowUp as typeof USED.frFollowUp;
const inbox = (orientationCatalogue.frOrientation as typeof USED.frOrientation).inbox;

const SHOTS = '/tmp/shots';
const COMPUTER = LARGE_SCREEN;
const SIZES = bothSizes('computer');
const ACTOR_SLUG = 'test-ecoute-familles-thionville';

let h: Harness;
let curator: Signed;
let curatorEmail: string;
let actorId: number;
/** The campaign whose link was answered with corrections: the back-office journey reviews it. */
let correctedCampaignId = 0;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
  addActorAcceptingRequests(h.server);
  actorId = Number(h.server.db.prepare('SELECT id FROM actors WHERE slug = ?').pluck().get(ACTOR_SLUG));
  curatorEmail = await createAccount(h.server, 'curateur');
  curator = await signIn(h.server, curatorEmail);
});

afterAll(async () => {
  await h?.close();
});

/** The token of the last link of this kind mailed to the fictitious actor's referent (still in the outbox: no SMTP here). */
function lastLink(kind: 'reponse' | 'mise-a-jour'): string {
  const bodies = h.server.db
    .prepare('SELECT body FROM outbox WHERE recipient = ? ORDER BY id DESC')
    .pluck()
    .all(REFERENT_EMAIL) as string[];
  for (const body of bodies) {
    const m = new RegExp(`/${kind}/([A-Za-z0-9_-]+)`).exec(body);
    if (m?.[1]) return m[1];
  }
  throw new Error(`no /${kind}/ link in the referent's mails`);
}

/** A request from a family in Thionville to the fictitious actor, as the public form sends it; its reference and link. */
async function routedRequest(over: Record<string, unknown> = {}): Promise<{ reference: string; token: string }> {
  const res = await h.server.app.request('/api/contact-requests', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(contactRequest({ actor: ACTOR_SLUG, email: 'camille@example.test', ...over })),
  });
  expect(res.status).toBe(201);
  const { reference } = (await res.json()) as { reference: string };
  return { reference, token: lastLink('reponse') };
}

async function launchFor(title: string): Promise<{ id: number; token: string }> {
  const res = await asUser(h.server, curator, '/api/admin/campaigns', {
    method: 'POST',
    body: { title, selection: { kind: 'actors', actor_ids: [actorId] } },
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: number };
  return { id, token: lastLink('mise-a-jour') };
}

const statusOf = (reference: string) =>
  h.server.db.prepare('SELECT status FROM contact_requests WHERE reference = ?').pluck().get(reference);

/** A fresh page (axe needs bypassCSP), failing on a missing element well before the test's own timeout. */
async function open(viewport: { width: number; height: number }, options: { bypassCSP?: boolean }): Promise<RecordedPage> {
  const p = await openPage(h, viewport, options);
  p.page.setDefaultTimeout(10_000);
  return p;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** What the person sees with this element on screen (the viewport, fixed quick exit included). */
async function shotAt(page: Page, target: ReturnType<Page['locator']>, name: string): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function expectNoAxeViolation(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** The quick-exit button must never sit on top of a control the person needs. */
async function expectNotCovered(page: Page, name: string): Promise<void> {
  const target = page.getByRole('button', { name, exact: true });
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  const exit = await page.locator('.quick-exit').boundingBox();
  if (!box || !exit) return;
  const overlap = box.x < exit.x + exit.width && exit.x < box.x + box.width && box.y < exit.y + exit.height && exit.y < box.y + box.height;
  expect(overlap, `${name} is covered by the quick-exit button`).toBe(false);
}

async function finish(p: RecordedPage): Promise<void> {
  expect(outsideRequests(p.requests, h.server.url)).toEqual([]);
  expect(p.errors).toEqual([]);
  await p.context.close();
}

describe('the answer link of a routed request (/reponse/<jeton>)', () => {
  for (const [size, viewport] of SIZES) {
    it(`on a ${size}, a referent sees the request, answers « Je prends contact » then « Contact établi », and the link then says it is closed`, async () => {
      const { reference, token } = await routedRequest();
      const p = await open(viewport, { bypassCSP: true });
      const { page } = p;
      await page.goto(`${h.server.url}/reponse/${token}`);
      await page.getByRole('heading', { level: 1, name: t.answer.heading(reference) }).waitFor();

      // The request, with a tap-to-call number and a mailto link.
      expect(await page.getByRole('link', { name: t.answer.call('06 12 34 56 78') }).getAttribute('href')).toBe('tel:0612345678');
      expect(await page.getByRole('link', { name: t.answer.write('camille@example.test') }).getAttribute('href')).toBe(
        'mailto:camille@example.test',
      );
      expect(await page.getByText('Mon fils de 15 ans fugue souvent').isVisible()).toBe(true);
      for (const a of ['prise-en-charge', 'contact-etabli', 'impossible'] as const) {
        await expectNotCovered(page, t.answer.actions[a].label);
      }
      await shot(page, `answer-${size}`);
      await expectNoAxeViolation(page, `/reponse (${size})`);

      await page.getByRole('button', { name: t.answer.actions['prise-en-charge'].label, exact: true }).click();
      const status = page.getByRole('status').filter({ hasText: t.answer.done['prise-en-charge'] });
      await status.waitFor();
      // The confirmation has the focus, next to the answers still possible.
      expect(await status.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await page.getByRole('button', { name: t.answer.actions['prise-en-charge'].label, exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: t.answer.actions['contact-etabli'].label, exact: true }).isVisible()).toBe(true);
      expect(statusOf(reference)).toBe('en-cours');
      await shot(page, `answer-${size}-taken`);
      await page.screenshot({ path: `${SHOTS}/answer-${size}-taken-viewport.png` });
      await expectNoAxeViolation(page, `/reponse after an answer (${size})`);

      await page.getByRole('button', { name: t.answer.actions['contact-etabli'].label, exact: true }).click();
      await page.getByRole('status').filter({ hasText: t.answer.done['contact-etabli'] }).waitFor();
      expect(statusOf(reference)).toBe('cloturee');
      const by = h.server.db
        .prepare(
          'SELECT h.by_label FROM contact_request_history h JOIN contact_requests r ON r.id = h.contact_request_id WHERE r.reference = ? ORDER BY h.id DESC',
        )
        .pluck()
        .get(reference);
      expect(String(by)).toMatch(/référent de/);

      // The same link, once the request is closed: the API's words, and how to reach the team.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: t.link.goneHeading }).waitFor();
      expect(await page.getByRole('heading', { level: 2, name: t.link.reachTeamHeading }).isVisible()).toBe(true);
      await shot(page, `answer-${size}-gone`);
      await expectNoAxeViolation(page, `/reponse closed (${size})`);
      await finish(p);
    });
  }

  it('« Je ne peux pas » asks for a reason, then sends the request back to the team as « à réorienter »', async () => {
    const { reference, token } = await routedRequest({ name: 'Sacha' });
    const p = await open(PHONE, { bypassCSP: true });
    const { page } = p;
    await page.goto(`${h.server.url}/reponse/${token}`);
    await page.getByRole('button', { name: t.answer.actions.impossible.label, exact: true }).click();
    const reason = page.getByLabel(t.answer.reasonLabel);
    await reason.waitFor();
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);

    // No reason: said next to the field, nothing sent.
    await page.getByRole('button', { name: t.answer.reasonSubmit }).click();
    await page.getByText(t.answer.reasonMissing).waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await expectNotCovered(page, t.answer.reasonSubmit);
    await shot(page, 'answer-phone-reason');
    await expectNoAxeViolation(page, '/reponse reason');
    expect(statusOf(reference)).toBe('nouvelle');

    await reason.fill('Hors de notre territoire : la famille habite en Meurthe-et-Moselle.');
    await page.getByRole('button', { name: t.answer.reasonSubmit }).click();
    await page.getByRole('status').filter({ hasText: t.answer.done.impossible }).waitFor();
    expect(statusOf(reference)).toBe('a-reorienter');
    await shot(page, 'answer-phone-impossible');
    await finish(p);
  });

  it('a forged link, for an answer or an update, says « Ce lien est inconnu ou a expiré » and how to reach the team', async () => {
    for (const [size, viewport] of SIZES) {
      const p = await open(viewport, { bypassCSP: true });
      const { page } = p;
      for (const path of ['reponse', 'mise-a-jour']) {
        await page.goto(`${h.server.url}/${path}/lien-invente-0123456789abcdefghij`);
        await page.getByRole('heading', { level: 1, name: t.link.unknownHeading }).waitFor();
        const next = path === 'reponse' ? t.link.reachTeamHeading : t.link.reachTeamUpdateHeading;
        expect(await page.getByRole('heading', { level: 2, name: next }).isVisible()).toBe(true);
      }
      await shot(page, `link-unknown-${size}`);
      await expectNoAxeViolation(page, `unknown link (${size})`);
      await finish(p);
    }
  });
});

describe('the update link of a freshness campaign (/mise-a-jour/<jeton>)', () => {
  it('on a phone, a structure proposes corrections: a wrong value is refused next to its field, and only the changed fields are sent', async () => {
    const { id, token } = await launchFor('Campagne test (navigateur) – corrections');
    correctedCampaignId = id;
    const p = await open(PHONE, { bypassCSP: true });
    const { page } = p;
    await page.goto(`${h.server.url}/mise-a-jour/${token}`);
    await page.getByRole('heading', { level: 1, name: t.update.heading('Écoute test Familles Thionville (données de test)') }).waitFor();
    await expectNotCovered(page, t.update.nothingChanged);
    await expectNotCovered(page, t.update.propose);
    await shot(page, 'update-phone');
    await expectNoAxeViolation(page, '/mise-a-jour (phone)');

    await page.getByRole('button', { name: t.update.propose, exact: true }).click();
    const heading = page.getByRole('heading', { level: 2, name: t.update.formHeading });
    await heading.waitFor();
    expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
    const website = page.getByLabel(t.update.contactValue).first();
    expect(await website.inputValue()).toBe('https://example.test/ecoute');
    await website.fill('pas une adresse');
    await page.getByRole('button', { name: t.update.submit }).click();
    // The API's error, in French, next to the field, and listed at the top with a link to it.
    await page.getByText(t.update.errorsHeading).waitFor();
    expect(await website.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await website.getAttribute('aria-describedby')) ?? '';
    const fieldError = await page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText();
    expect(fieldError).toMatch(/Adresse web invalide/);
    await shot(page, 'update-phone-field-error');
    await shotAt(page, page.locator('.follow-up__form .notice--error'), 'update-phone-field-error-summary');
    await shotAt(page, website, 'update-phone-field-error-field');
    await expectNoAxeViolation(page, '/mise-a-jour corrections with an error');

    await website.fill('https://example.test/ecoute-familles');
    await page.getByLabel(t.update.siteAddress).first().fill('4 place de Test');
    await expectNotCovered(page, t.update.submit);
    await page.getByRole('button', { name: t.update.submit }).click();
    const done = page.getByRole('status').filter({ hasText: t.update.doneHeading });
    await done.waitFor();
    expect(await done.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, 'update-phone-sent');
    await page.screenshot({ path: `${SHOTS}/update-phone-sent-viewport.png` });

    const proposal = JSON.parse(
      String(h.server.db.prepare("SELECT proposal FROM submissions WHERE kind = 'correction' ORDER BY id DESC LIMIT 1").pluck().get()),
    );
    expect(Object.keys(proposal).sort()).toEqual(['contacts', 'sites']);
    expect(JSON.stringify(proposal.contacts)).toContain('https://example.test/ecoute-familles');
    expect(proposal.sites[0]).toMatchObject({ address: '4 place de Test', commune_code: '57672' });
    await finish(p);
  });

  it('on a computer, a structure confirms in one click that nothing changed: its entry is verified today', async () => {
    const { token } = await launchFor('Campagne test (navigateur) – confirmation');
    const p = await open(COMPUTER, { bypassCSP: true });
    const { page } = p;
    await page.goto(`${h.server.url}/mise-a-jour/${token}`);
    await page.getByRole('button', { name: t.update.nothingChanged, exact: true }).waitFor();
    await page.getByRole('button', { name: t.update.propose, exact: true }).click();
    await page.getByRole('heading', { level: 2, name: t.update.formHeading }).waitFor();
    await shot(page, 'update-computer-form');
    await expectNoAxeViolation(page, '/mise-a-jour form (computer)');

    await page.getByRole('button', { name: t.update.nothingChanged, exact: true }).click();
    const done = page.getByRole('status').filter({ hasText: t.update.doneConfirmed });
    await done.waitFor();
    expect(await done.evaluate((el) => el === document.activeElement)).toBe(true);
    const verified = h.server.db.prepare('SELECT last_verified_at FROM actors WHERE id = ?').pluck().get(actorId);
    expect(String(verified).slice(0, 10)).toBe(parisDay());
    await shot(page, 'update-computer-confirmed');
    await expectNoAxeViolation(page, '/mise-a-jour confirmed (computer)');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: t.link.goneHeading }).waitFor();
    await finish(p);
  });
});

async function signInPage(page: Page, next: string): Promise<void> {
  await page.goto(`${h.server.url}/connexion?suite=${encodeURIComponent(next)}`);
  await page.getByLabel('Adresse e-mail').fill(curatorEmail);
  await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The sign-in page goes back only into the back office: the inbox is opened once signed in.
  await page.waitForURL(/\/admin/);
  if (!page.url().endsWith(next)) await page.goto(`${h.server.url}${next}`);
}

describe('campaigns in the back office (/admin/campagnes)', () => {
  /** The campaigns page, signed in as a curator, once it lists the campaign with a correction. */
  async function openCampaigns(viewport: { width: number; height: number }) {
    const p = await open(viewport, { bypassCSP: true });
    await signInPage(p.page, '/admin/campagnes');
    await p.page.getByRole('heading', { level: 1, name: t.campaigns.heading }).waitFor();
    await p.page.getByRole('link', { name: 'Campagne test (navigateur) – corrections' }).waitFor();
    return p;
  }

  it('a curator launches a campaign for a département, follows it entry by entry, sends the one reminder, and reviews a correction', async () => {
    const p = await openCampaigns(COMPUTER);
    const { page } = p;
    await shot(page, 'campaigns-computer');
    await expectNoAxeViolation(page, '/admin/campagnes');

    await page.getByLabel(t.campaigns.titleLabel).fill('Moselle, décembre (test navigateur)');
    await page.getByRole('radio', { name: new RegExp(`^${t.campaigns.kinds.departement.label}`) }).check();
    await page.getByLabel(t.campaigns.departement, { exact: true }).fill('57');
    await page.getByRole('button', { name: t.campaigns.launch }).click();
    await page.waitForURL(/\/admin\/campagnes\/\d+$/);
    await page.getByRole('heading', { level: 1, name: 'Moselle, décembre (test navigateur)' }).waitFor();
    // The seed's entries in 57 have no referent address: listed, each linked to its edit page.
    const without = page.getByRole('region', { name: /^Fiches sans adresse de référent/ });
    expect(await without.getByRole('link').count()).toBeGreaterThan(0);
    expect(await without.getByRole('link').first().getAttribute('href')).toMatch(/^\/admin\/acteurs\/\d+$/);
    await shot(page, 'campaign-computer');
    await expectNoAxeViolation(page, '/admin/campagnes/:id');

    await page.getByRole('button', { name: t.campaigns.remind }).click();
    await page.getByRole('status').filter({ hasText: t.campaigns.remindDone }).waitFor();
    expect(await page.getByRole('button', { name: t.campaigns.remind }).count()).toBe(0);

    // A reminder already sent (by a colleague, in another tab): the page says so.
    await page.goto(`${h.server.url}/admin/campagnes/${correctedCampaignId}`);
    await page.getByText(t.campaigns.states.corrigee).waitFor();
    const review = page.getByRole('link', { name: /^Relire la correction/ });
    expect(await review.getAttribute('href')).toMatch(/^\/admin\/propositions\/\d+$/);
    const other = await launchFor('Campagne test (navigateur) – rappel');
    await page.goto(`${h.server.url}/admin/campagnes/${other.id}`);
    await page.getByRole('button', { name: t.campaigns.remind }).waitFor();
    expect((await asUser(h.server, curator, `/api/admin/campaigns/${other.id}/remind`, { method: 'POST' })).status).toBe(200);
    await page.getByRole('button', { name: t.campaigns.remind }).click();
    await page.getByRole('status').filter({ hasText: t.campaigns.remindAlready }).waitFor();

    // The dashboard points to the campaigns; the correction opens in the review queue.
    await page.goto(`${h.server.url}/admin`);
    await page.getByText(t.campaigns.dashboardCard, { exact: true }).waitFor();
    await page.goto(`${h.server.url}/admin/campagnes/${correctedCampaignId}`);
    await page.getByRole('link', { name: /^Relire la correction/ }).click();
    await page.waitForURL(/\/admin\/propositions\/\d+$/);
    await finish(p);
  });

  it('on a phone, the campaigns and a campaign page read without sideways scrolling of the page', async () => {
    const p = await openCampaigns(PHONE);
    const { page } = p;
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(page, 'campaigns-phone');
    await expectNoAxeViolation(page, '/admin/campagnes (phone)');
    await page.goto(`${h.server.url}/admin/campagnes/${correctedCampaignId}`);
    await page.getByText(t.campaigns.states.corrigee).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(page, 'campaign-phone');
    await expectNoAxeViolation(page, '/admin/campagnes/:id (phone)');
    await finish(p);
  });
});

describe('the team inbox (/equipe/demandes)', () => {
  for (const [size, viewport] of SIZES) {
    it(`on a ${size}, the requests that came back to the team come first, highlighted, with their age, holder and last event`, async () => {
      const p = await open(viewport, { bypassCSP: true });
      const { page } = p;
      await signInPage(page, '/equipe/demandes');
      await page.getByRole('heading', { level: 1, name: inbox.heading }).waitFor();
      const priority = page.getByRole('region', { name: /^À traiter en priorité/ });
      await priority.waitFor();
      const row = priority.getByRole('row').filter({ hasText: 'Sacha' });
      expect(await row.innerText()).toMatch(inbox.statuses['a-reorienter']);
      expect(await row.innerText()).toMatch(/aujourd’hui/);
      expect(await row.innerText()).toMatch(/Équipe PARÉ/);
      expect(await row.innerText()).toMatch(/référent de/);
      expect(await row.getAttribute('class')).toContain('needs-attention');
      await shot(page, `inbox-${size}`);
      await expectNoAxeViolation(page, `/equipe/demandes (${size})`);

      // On a phone the filters are folded under their button (tests/browser/phone-layout.test.ts).
      if (viewport === PHONE) await page.getByRole('button', { name: /^Filtres/ }).click();
      await page.getByLabel(inbox.status, { exact: true }).selectOption('a-reorienter');
      await page.getByRole('button', { name: inbox.apply }).click();
      await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
      await finish(p);
    });
  }
});
