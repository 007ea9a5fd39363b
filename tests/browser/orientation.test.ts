/**
 * Browser journeys through the orientation (/orientation): four questions, then whom to contact and
 * why; the emergency numbers first when someone is in danger; the contact request form, whose
 * requests for a confidential place reach the PARÉ team and never reveal the place or its referent.
 */
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTexts, DESKTOP, FIXTURE, type Harness, openPage, outsideRequests, PHONE, startHarness, webCatalogue } from './browser.ts';

/**
 * The texts the journeys look for, from the web catalogue (apps/web/src/i18n/fr.orientation.ts), not
 * retyped. The tests project cannot import apps/web statically (not one of its references: tsc -b
 * fails with TS6307), so the catalogue is loaded at run time; USED lists the keys read below, types
 * them, and is checked against the catalogue on load: a renamed key fails here, instead of becoming
 * `name: undefined`, which matches any element.
 */
const text = '';
const template = (..._: unknown[]) => '';
const USED = {
  page: { heading: text, stepOf: template, next: text, showResults: text },
  profile: { options: { jeune: { label: text }, famille: { label: text }, professionnel: { label: text } } },
  place: { legend: text, legendProfessional: text, label: text, chosen: template },
  needs: { legend: text, unknown: text, options: { 'soutien-familles': text } },
  urgency: { legend: text, options: { 'danger-immediat': { label: text }, inquietude: { label: text }, information: { label: text } } },
  emergency: { heading: text, call17: text, call112: text, call119: text, sms114: text },
  results: {
    heading: text,
    count: template,
    groups: { urgence: text, signalement: text, proximite: text, departement: text, national: text },
    call: template,
    callLabel: template,
    sms: template,
    email: text,
    website: text,
    chat: text,
    requestContact: text,
    showMap: text,
  },
  form: {
    headingFor: template,
    yourRequest: text,
    whoReceives: text,
    name: text,
    phone: text,
    email: text,
    profiles: { jeune: text },
    commune: text,
    message: text,
    consent: text,
    submit: text,
    successHeading: text,
    referenceLabel: text,
    referenceHint: text,
    errorsHeading: template,
  },
};

const catalogue = await webCatalogue('fr.orientation.ts');
checkTexts(catalogue.frOrientation, USED, 'frOrientation');
const t = catalogue.frOrientation as typeof USED;

/** The fixture's referent: requests for its confidential place must never be routed to it, nor show it. */
const REFERENT_EMAIL = 'referent-secret@example.test';
/** The team address when PARE_TEAM_EMAIL is not set (env.ts, services/contact-requests.ts): the harness sets none. */
const TEAM_EMAIL = 'equipe@pare.invalid';
const FAMILIES_METZ = 'Association test Familles Metz (données de test)';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Accessible names that begin with a catalogue text (a label followed by its hint or detail). */
const startingWith = (s: string) => new RegExp(`^${escapeRegExp(s)}`);

/** The visible beginning of every "call / write / contact" action of a result, from the catalogue. */
const ACTION_NAME = new RegExp(
  `^(${[t.results.call(''), t.results.sms(''), t.results.email, t.results.website, t.results.chat].map(escapeRegExp).join('|')})`,
);

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

type Profile = keyof typeof t.profile.options;
type Urgency = keyof typeof t.urgency.options;
type Need = keyof typeof t.needs.options | 'je-ne-sais-pas';

async function next(page: Page, heading: string): Promise<void> {
  await page.getByRole('button', { name: t.page.next, exact: true }).click();
  await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
}

/** Answers the first three questions: who, where (typing « Thionv » and picking Thionville), what. */
async function answerUpToUrgency(page: Page, profile: Profile, needs: Need[]): Promise<void> {
  await page.goto(`${h.server.url}/orientation`);
  await page.getByRole('heading', { level: 1, name: t.page.heading }).waitFor();
  expect(await page.getByText(t.page.stepOf(1, 4)).isVisible()).toBe(true);
  await page.getByRole('radio', { name: startingWith(t.profile.options[profile].label) }).check();
  await next(page, profile === 'professionnel' ? t.place.legendProfessional : t.place.legend);

  const place = page.getByRole('combobox', { name: t.place.label });
  await place.pressSequentially('Thionv', { delay: 30 });
  const option = page.getByRole('option', { name: /Thionville/ }).first();
  await option.waitFor();
  await option.click();
  expect(await place.inputValue()).toMatch(/^Thionville/);
  await page.getByText(t.place.chosen('Thionville (57)')).waitFor();
  await next(page, t.needs.legend);

  for (const need of needs) {
    await page.getByRole('checkbox', { name: need === 'je-ne-sais-pas' ? t.needs.unknown : t.needs.options[need], exact: true }).check();
  }
  await next(page, t.urgency.legend);
}

function chooseUrgency(page: Page, urgency: Urgency): Promise<void> {
  return page.getByRole('radio', { name: startingWith(t.urgency.options[urgency].label) }).check();
}

async function showResults(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: t.page.showResults, exact: true }).click();
  const results = page.getByRole('region', { name: t.results.heading, exact: true });
  await results
    .getByRole('status')
    .filter({ hasText: /contacts? proposés?/ })
    .waitFor();
  return results;
}

/** True when `a` comes before `b` in the document. */
async function precedes(a: Locator, b: Locator): Promise<boolean> {
  const other = await b.elementHandle();
  const result = await a.evaluate((x, y) => Boolean(y && x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING), other);
  await other?.dispose();
  return result;
}

/** The text of the elements an element's aria-describedby points at: what a screen reader reads after its name. */
function description(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** The first heading and the first link inside <main>, in document order. */
function firstInMain(page: Page): Promise<{ heading: string; link: string }> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    return {
      heading: main?.querySelector('h1, h2, h3, h4, h5, h6')?.textContent?.trim() ?? '',
      link: main?.querySelector('a[href]')?.getAttribute('href') ?? '',
    };
  });
}

/** Fills the contact request form with what a person gives: pseudonym, commune, message, consent (and e-mail if any). */
async function fillContactForm(page: Page, fields: { email?: string; message?: string }): Promise<void> {
  await page.getByRole('textbox', { name: t.form.name, exact: true }).fill('Lune');
  if (fields.email) await page.getByRole('textbox', { name: t.form.email, exact: true }).fill(fields.email);
  await page.getByRole('radio', { name: t.form.profiles.jeune, exact: true }).check();
  const commune = page.getByRole('combobox', { name: t.form.commune, exact: true });
  await commune.pressSequentially('Thionv', { delay: 30 });
  const option = page.getByRole('option', { name: /Thionville/ }).first();
  await option.waitFor();
  await option.click();
  expect(await commune.inputValue()).toMatch(/^Thionville/);
  if (fields.message) await page.getByRole('textbox', { name: t.form.message, exact: true }).fill(fields.message);
  await page.getByRole('checkbox', { name: t.form.consent, exact: true }).check();
}

async function openActorContact(page: Page): Promise<void> {
  await page.goto(`${h.server.url}/orientation?acteur=${FIXTURE.confidentialSlug}`);
  await page.getByRole('heading', { level: 1, name: t.form.headingFor(FIXTURE.confidentialName) }).waitFor();
}

const countRequests = () => h.server.db.prepare('SELECT count(*) FROM contact_requests').pluck().get() as number;

describe('orientation: whom to contact', () => {
  for (const [size, viewport] of [
    ['on a computer', DESKTOP],
    ['on a phone', PHONE],
  ] as const) {
    it(`${size}, a parent worried about their daughter in Thionville sees local help for families before the national lines, each with a way to reach it`, async () => {
      const { page, context, requests, errors } = await openPage(h, viewport);
      await answerUpToUrgency(page, 'famille', ['soutien-familles']);
      await chooseUrgency(page, 'inquietude');
      // Worried is not danger: no emergency panel above the questions.
      expect(await page.getByRole('region', { name: t.emergency.heading }).count()).toBe(0);
      const results = await showResults(page);

      // The results heading takes the focus, so a screen reader starts there.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(t.results.heading);

      // The groups, in the order they are rendered: something near Thionville comes before the national lines.
      const groupTitles = Object.values(t.results.groups);
      const rendered = (await results.getByRole('heading', { level: 3 }).allInnerTexts()).filter((x) => groupTitles.includes(x));
      expect(rendered.length).toBeGreaterThanOrEqual(2);
      const national = rendered.indexOf(t.results.groups.national);
      expect(national).toBeGreaterThan(0);
      const local = rendered.slice(0, national);
      expect(local.some((g) => g === t.results.groups.proximite || g === t.results.groups.departement)).toBe(true);
      const firstGroup = results.getByRole('region', { name: local[0] ?? t.results.groups.proximite, exact: true });
      const nationalGroup = results.getByRole('region', { name: t.results.groups.national, exact: true });
      expect(await precedes(firstGroup, nationalGroup)).toBe(true);

      // The family-serving association of Metz (Moselle) is in that first group, with its reason and a tel: link.
      const families = firstGroup.getByRole('listitem').filter({ has: page.getByRole('link', { name: FAMILIES_METZ, exact: true }) });
      expect(await families.count()).toBe(1);
      expect(await families.innerText()).toMatch(/familles et (les )?proches/);
      expect(await families.innerText()).toMatch(/Metz/);
      const call = families.getByRole('link', { name: t.results.callLabel(FAMILIES_METZ, '03 00 00 00 02'), exact: true });
      expect(await call.getAttribute('href')).toBe('tel:0300000002');
      expect(await call.innerText()).toBe(t.results.call('03 00 00 00 02'));

      // Every result: a name linked to its page, a reason, and a call / write / contact action.
      const cards = results.locator('.result-list > li');
      const n = await cards.count();
      expect(n).toBeGreaterThan(2);
      expect(
        await results
          .getByRole('status')
          .filter({ hasText: /proposés?/ })
          .innerText(),
      ).toBe(t.results.count(n));
      for (let i = 0; i < n; i++) {
        const card = cards.nth(i);
        const name = card.getByRole('heading', { level: 4 }).getByRole('link');
        expect(await name.getAttribute('href')).toMatch(/^\/acteurs\/[a-z0-9-]+$/);
        const reason = (await card.locator('p').first().innerText()).trim();
        expect(reason.length, `reason of ${await name.innerText()}`).toBeGreaterThan(20);
        const action = card
          .getByRole('link', { name: ACTION_NAME })
          .or(card.getByRole('button', { name: startingWith(t.results.requestContact) }));
        expect(await action.count(), `action of ${await name.innerText()}`).toBeGreaterThanOrEqual(1);
        const href = await action.first().getAttribute('href');
        if (href !== null) expect(href).toMatch(/^(tel:|sms:|mailto:|https?:\/\/)/);
      }

      if (viewport === DESKTOP) {
        // The map of these contacts, too, is drawn without asking any other site.
        await page.getByRole('button', { name: t.results.showMap, exact: true }).click();
        await page.locator('.maplibregl-canvas').waitFor({ timeout: 15_000 });
        await page.waitForTimeout(1000);
      }
      expect(requests.some((u) => u.endsWith('/api/orientation'))).toBe(true);
      expect(outsideRequests(requests, h.server.url)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  for (const [size, viewport] of [
    ['on a phone', PHONE],
    ['on a computer', DESKTOP],
  ] as const) {
    it(`${size}, a young person in immediate danger sees 17, 112, 119 and the SMS 114 first, before the question and the results`, async () => {
      const { page, context, requests, errors } = await openPage(h, viewport);
      await answerUpToUrgency(page, 'jeune', ['je-ne-sais-pas']);
      await chooseUrgency(page, 'danger-immediat');

      // As soon as danger is chosen, before submitting: the numbers, announced, above everything else of the page.
      const panel = page.getByRole('region', { name: t.emergency.heading, exact: true });
      await panel.waitFor();
      expect(await page.getByRole('alert').filter({ has: panel }).count()).toBe(1);
      const numbers: [string, string][] = [
        [t.emergency.call17, 'tel:17'],
        [t.emergency.call112, 'tel:112'],
        [t.emergency.call119, 'tel:119'],
        [t.emergency.sms114, 'sms:114'],
      ];
      for (const [label, href] of numbers) {
        const link = panel.getByRole('link', { name: startingWith(label) });
        expect(await link.getAttribute('href'), label).toBe(href);
        expect(await link.isVisible()).toBe(true);
      }
      expect(await panel.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(
        numbers.map(([, href]) => href),
      );
      const question = page.getByRole('heading', { level: 2, name: t.urgency.legend, exact: true });
      expect(await precedes(panel, page.getByRole('heading', { level: 1, name: t.page.heading }))).toBe(true);
      expect(await precedes(panel, question)).toBe(true);
      expect(await firstInMain(page)).toEqual({ heading: t.emergency.heading, link: 'tel:17' });
      // The radio button keeps the focus: the person can still change their answer.
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('danger-immediat');
      if (viewport === PHONE) {
        // On a phone, the numbers are at the top of the page, in reach of a thumb.
        const box = await panel.getByRole('link', { name: startingWith(t.emergency.call17) }).boundingBox();
        expect(box).not.toBeNull();
        expect(box!.height).toBeGreaterThanOrEqual(44);
        // Each number's words stay inside its button: the 112's « Urgences, depuis n’importe quel
        // téléphone » ran past the button's edge, kept on one line like a phone number.
        const overflows = await panel.locator('.orientation-emergency__number').evaluateAll((links) =>
          links.flatMap((a) => {
            const edge = a.getBoundingClientRect().right;
            return Array.from(a.children)
              .filter((c) => {
                // The text's own extent (a span's box stays the button's width when its text runs past it).
                const words = document.createRange();
                words.selectNodeContents(c);
                return words.getBoundingClientRect().right > edge + 0.5;
              })
              .map((c) => c.textContent);
          }),
        );
        expect(overflows).toEqual([]);
      }

      // The results: the numbers stay first, before the results heading and every group; they take the focus.
      const results = await showResults(page);
      const resultsHeading = results.getByRole('heading', { level: 2, name: t.results.heading, exact: true });
      expect(await panel.isVisible()).toBe(true);
      expect(await precedes(panel, resultsHeading)).toBe(true);
      for (const group of await results.getByRole('heading', { level: 3 }).all()) expect(await precedes(panel, group)).toBe(true);
      expect(await firstInMain(page)).toEqual({ heading: t.emergency.heading, link: 'tel:17' });
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(t.emergency.heading);
      // Issue 16.3: the emergency numbers once — the panel; neither their cards nor the notice repeat them.
      const urgentGroup = results.getByRole('region', { name: t.results.groups.urgence, exact: true });
      expect(await urgentGroup.count()).toBe(0);
      expect(await page.locator('main a[href="tel:17"]').count()).toBe(1);

      expect(outsideRequests(requests, h.server.url)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

describe('orientation: asking to be contacted', () => {
  it('a request for the confidential shelter gets a reference and the next steps, goes to the PARÉ team, never to the shelter’s referent', async () => {
    const { page, context, requests, errors } = await openPage(h, DESKTOP);
    await openActorContact(page);
    // The form says beforehand who receives the request.
    expect(await page.getByText(t.form.whoReceives).isVisible()).toBe(true);

    const marker = `marqueur-${randomUUID()}`;
    await fillContactForm(page, { email: 'lune@example.test', message: `Bonjour, pouvez-vous me rappeler ? ${marker}` });
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/contact-requests') && r.request().method() === 'POST');
    await page.getByRole('button', { name: t.form.submit, exact: true }).click();
    const response = await answer;
    expect(response.status()).toBe(201);
    const raw = await response.text();
    expect(raw).not.toContain(REFERENT_EMAIL);
    expect(JSON.parse(raw)).toMatchObject({ recipient: 'equipe-pare', status: 'nouvelle' });

    // The confirmation takes the focus: the reference and what happens next.
    const done = page.getByRole('heading', { name: t.form.successHeading, exact: true });
    await done.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(t.form.successHeading);
    const body = await page.locator('main').innerText();
    const reference = new RegExp(`${escapeRegExp(t.form.referenceLabel)} : (PARE-[2-9A-HJ-NP-Z]{8})`).exec(body)?.[1];
    expect(reference).toBeDefined();
    expect(body).toContain(t.form.referenceHint);
    expect(body).toContain(`Votre demande est enregistrée sous la référence ${reference}.`);
    expect(body).toMatch(/L’équipe PARÉ la lit et vous recontacte/);
    expect(body).toMatch(/supprimés au plus tard 180 jours/);

    // Nothing on the page reveals the referent or the place.
    const html = await page.content();
    const visible = await page.locator('body').innerText();
    for (const content of [html, visible]) {
      expect(content).not.toContain(REFERENT_EMAIL);
      expect(content).not.toMatch(FIXTURE.secretStreet);
      for (const bit of FIXTURE.secretBits) expect(content).not.toContain(bit);
    }

    // In the database: routed to the team, for this actor, from Thionville.
    const row = h.server.db
      .prepare(
        'SELECT id, reference, recipient, actor_id, name, email, phone, profile, commune_code, departement_code FROM contact_requests WHERE message LIKE ?',
      )
      .get(`%${marker}%`) as
      | {
          id: number;
          reference: string;
          recipient: string;
          actor_id: number;
          name: string;
          email: string;
          phone: string | null;
          profile: string;
          commune_code: string;
          departement_code: string;
        }
      | undefined;
    expect(row).toBeDefined();
    const actorId = h.server.db.prepare('SELECT id FROM actors WHERE slug = ?').pluck().get(FIXTURE.confidentialSlug);
    expect(row).toMatchObject({
      reference,
      recipient: 'equipe-pare',
      actor_id: actorId,
      name: 'Lune',
      email: 'lune@example.test',
      phone: null,
      profile: 'jeune',
      commune_code: FIXTURE.thionville,
      departement_code: '57',
    });

    // Its mail waits in the outbox, addressed to the team, never to the referent.
    const mails = h.server.db
      .prepare('SELECT recipient, subject, body, kind FROM outbox WHERE subject_ref = ?')
      .all(`contact_request:${row!.id}`) as { recipient: string; subject: string; body: string; kind: string }[];
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipient).toBe(TEAM_EMAIL);
    expect(mails[0]!.recipient).not.toBe(REFERENT_EMAIL);
    expect(mails[0]!.kind).toBe('contact-request');
    expect(mails[0]!.subject).toContain(reference);
    expect(mails[0]!.body).toContain(marker);
    expect(mails[0]!.body).not.toContain(REFERENT_EMAIL);
    expect(h.server.db.prepare('SELECT count(*) FROM outbox WHERE recipient = ?').pluck().get(REFERENT_EMAIL)).toBe(0);

    expect(requests.some((u) => u.endsWith('/api/contact-requests'))).toBe(true);
    expect(outsideRequests(requests, h.server.url)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a phone, the page of a request to one structure names it once, in its title; the form under it is « Votre demande »', async () => {
    const { page, context } = await openPage(h, PHONE);
    await openActorContact(page);
    expect(await page.getByRole('heading', { name: t.form.headingFor(FIXTURE.confidentialName) }).count()).toBe(1);
    const form = page.getByRole('region', { name: t.form.yourRequest, exact: true });
    expect(await form.getByRole('heading', { level: 2, name: t.form.yourRequest, exact: true }).isVisible()).toBe(true);
    // The first field is reached a screen sooner than with the name said twice.
    const nameField = form.getByRole('textbox', { name: t.form.name, exact: true });
    expect((await nameField.boundingBox())?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(2 * PHONE.height);
    await context.close();
  });

  it('on a phone, leaving out both the e-mail and the phone shows a French error next to each field, and nothing is sent until one is given', async () => {
    const { page, context, requests, errors } = await openPage(h, PHONE);
    await openActorContact(page);
    const before = countRequests();
    await fillContactForm(page, {});
    await page.getByRole('button', { name: t.form.submit, exact: true }).click();

    // The summary, announced and focused, counts the fields to correct.
    // Issue 16.7: one line for one problem (« un téléphone ou un e-mail »), shown beside both fields.
    const summary = page.getByRole('alert').filter({ hasText: t.form.errorsHeading(1) });
    await summary.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    const missing = /Indiquez un téléphone ou une adresse e-mail/;
    expect(await summary.getByRole('link', { name: missing }).count()).toBe(1);

    // Each field says it is wrong, and why, right under it.
    for (const label of [t.form.phone, t.form.email]) {
      const field = page.getByRole('textbox', { name: label, exact: true });
      expect(await field.getAttribute('aria-invalid'), label).toBe('true');
      expect(await description(field), label).toMatch(missing);
      const error = await field.evaluate((el) => {
        const p = el.parentElement?.querySelector('.field__error');
        return p ? { text: p.textContent, afterField: Boolean(el.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING) } : null;
      });
      expect(error, label).toEqual({ text: expect.stringMatching(missing), afterField: true });
    }
    // The other fields are fine.
    expect(await page.getByRole('textbox', { name: t.form.name, exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(countRequests()).toBe(before);

    // The summary's link leads to the field.
    await summary.getByRole('link', { name: missing }).first().click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('tel');

    // Given an e-mail, the request goes.
    await page.getByRole('textbox', { name: t.form.email, exact: true }).fill('lune@example.test');
    await page.getByRole('button', { name: t.form.submit, exact: true }).click();
    await page.getByRole('heading', { name: t.form.successHeading, exact: true }).waitFor();
    expect(await page.locator('main').innerText()).toMatch(/PARE-[2-9A-HJ-NP-Z]{8}/);
    expect(countRequests()).toBe(before + 1);

    expect(outsideRequests(requests, h.server.url)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
