import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTexts, DESKTOP, type Harness, openPage, outsideRequests, PHONE, startHarness, webCatalogue } from './browser.ts';

/**
 * The texts the journeys look for, from the web catalogue (apps/web/src/i18n/fr.resources.ts), not
 * retyped. The tests project cannot import apps/web statically (not one of its references: tsc -b
 * fails with TS6307), so the catalogue is loaded at run time; USED lists the keys read below, types
 * them, and is checked against the catalogue on load: a renamed key fails here, instead of becoming
 * `name: undefined`, which matches any element.
 */
const text = '';
const template = (..._: unknown[]) => '';
const USED = {
  frResources: {
    departement: {
      title: template,
      region: template,
      reportingHeading: text,
      actorsHeading: text,
      protocolsHeading: text,
      allDepartements: text,
    },
    protocols: {
      signedOn: template,
      members: text,
      departementsHeading: text,
      tableDepartement: text,
      tableProtocols: text,
      withProtocolOnly: text,
    },
  },
  PROTOCOL_KIND_LABELS: { convention: text },
  MEMBER_ROLE_LABELS: { signataire: text },
};

const catalogue = await webCatalogue('fr.resources.ts');
checkTexts(catalogue, USED, 'fr.resources');
const { frResources: t, PROTOCOL_KIND_LABELS, MEMBER_ROLE_LABELS } = catalogue as typeof USED;

/** The Moselle convention (data/seed/resources.yaml) and the three bodies that signed it. */
const CONVENTION = {
  title: 'Convention de lutte contre la prostitution des mineurs en Moselle',
  signedOn: '19 décembre 2023',
  signatories: [
    { slug: 'ase-moselle', name: "Département de la Moselle – Aide sociale à l'enfance (ASE)" },
    { slug: 'dirpjj-grand-est', name: 'Direction interrégionale de la Protection judiciaire de la jeunesse (PJJ) Grand-Est' },
    { slug: 'cour-appel-metz', name: "Cour d'appel de Metz" },
  ],
};
const CRIP_57 = /^CRIP de la Moselle – /;
const MOSELLE = t.departement.title('Moselle', '57');

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

async function openMoselle(page: Page): Promise<void> {
  await page.goto(`${h.server.url}/departements/57`);
  await page.getByRole('heading', { level: 1, name: MOSELLE, exact: true }).waitFor();
}

const section = (page: Page, heading: string): Locator => page.getByRole('region', { name: heading, exact: true });

describe('département pages', () => {
  for (const [size, viewport] of [
    ['on a computer', DESKTOP],
    ['on a phone', PHONE],
  ] as const) {
    it(`${size}, the Moselle page puts the CRIP 57 first for reporting, and its convention’s signatories lead to their pages`, async () => {
      const { page, context, requests, errors } = await openPage(h, viewport);
      await openMoselle(page);
      expect(await page.title()).toContain(MOSELLE);
      // (Its region is said on a computer; small screens hide every `.page-intro p`, see styles.css.)
      if (viewport === DESKTOP) expect(await page.getByText(t.departement.region('Grand Est'), { exact: true }).isVisible()).toBe(true);

      // Reporting comes first on the page, and the CRIP 57 first within it. Its Département publishes no
      // direct contact that could be confirmed (data/seed/README.md): the card sends the reader to the 119.
      const reporting = section(page, t.departement.reportingHeading);
      const headings = await page.locator('main').getByRole('heading', { level: 2 }).allInnerTexts();
      expect(headings[0]).toBe(t.departement.reportingHeading);
      const firstReporting = reporting.getByRole('listitem').first();
      const crip = firstReporting.getByRole('heading', { level: 3 }).getByRole('link');
      expect(await crip.innerText()).toMatch(CRIP_57);
      expect(await crip.getAttribute('href')).toBe('/acteurs/crip-57');
      expect(await firstReporting.getByRole('link', { name: /appelez le 119/ }).getAttribute('href')).toBe('tel:119');
      // The CRIP is not repeated among the other actors of the département.
      expect(await section(page, t.departement.actorsHeading).getByRole('link', { name: CRIP_57 }).count()).toBe(0);

      // The convention of 19 December 2023: its kind, its date, its signatories as links to their pages.
      const protocols = section(page, t.departement.protocolsHeading);
      const convention = protocols.getByRole('article', { name: CONVENTION.title, exact: true });
      await convention.waitFor();
      const conventionText = await convention.innerText();
      expect(conventionText).toContain(PROTOCOL_KIND_LABELS.convention);
      expect(conventionText).toContain(t.protocols.signedOn(CONVENTION.signedOn));
      expect(await convention.getByRole('heading', { name: t.protocols.members, exact: true }).count()).toBe(1);
      // The members' list (the convention also lists its linked documents).
      const members = convention.locator('.protocol__members').getByRole('listitem');
      expect(await members.count()).toBe(CONVENTION.signatories.length);
      for (const s of CONVENTION.signatories) {
        const member = members.filter({ has: page.getByRole('link', { name: s.name, exact: true }) });
        expect(await member.count(), s.slug).toBe(1);
        expect(await member.innerText(), s.slug).toContain(`— ${MEMBER_ROLE_LABELS.signataire}`);
        expect(await member.getByRole('link').getAttribute('href'), s.slug).toBe(`/acteurs/${s.slug}`);
      }

      // Click one: its page opens in the app, heading focused.
      const court = CONVENTION.signatories[2]!;
      await convention.getByRole('link', { name: court.name, exact: true }).click();
      await page.waitForURL(`${h.server.url}/acteurs/${court.slug}`);
      await page.getByRole('heading', { level: 1, name: court.name, exact: true }).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      expect(await page.title()).toContain(court.name);

      // Back returns to the Moselle page.
      await page.goBack();
      await page.waitForURL(`${h.server.url}/departements/57`);
      await page.getByRole('heading', { level: 1, name: MOSELLE, exact: true }).waitFor();

      expect(outsideRequests(requests, h.server.url)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('the national list of départements shows Moselle with its protocols, kept by « only those with a protocol », and leads to its page', async () => {
    const { page, context, requests, errors } = await openPage(h, DESKTOP);
    await page.goto(`${h.server.url}/departements`);
    await page.getByRole('heading', { level: 1, name: t.protocols.departementsHeading, exact: true }).waitFor();
    // The page also holds the coverage table (issue 19): this one is captioned by the list's intro.
    const table = page.getByRole('table', { name: /Nombre d’acteurs locaux/ });
    const rows = table.getByRole('row').filter({ has: page.getByRole('rowheader') });
    await rows.first().waitFor();
    const all = await rows.count();
    expect(all).toBeGreaterThan(90);

    const headers = await table.getByRole('columnheader').allInnerTexts();
    const protocolsColumn = headers.indexOf(t.protocols.tableProtocols);
    expect(protocolsColumn).toBeGreaterThan(0);
    const protocolsOf = async (row: Locator) =>
      Number(
        await row
          .getByRole('cell')
          .nth(protocolsColumn - 1)
          .innerText(),
      );

    const moselle = rows.filter({ has: page.getByRole('link', { name: MOSELLE, exact: true }) });
    expect(await moselle.count()).toBe(1);
    const moselleProtocols = await protocolsOf(moselle);
    expect(moselleProtocols).toBeGreaterThanOrEqual(1);
    // The count matches the protocols the Moselle page lists.
    const api = (await (await h.server.app.request('/api/departements/57')).json()) as { protocols: unknown[] };
    expect(moselleProtocols).toBe(api.protocols.length);

    // Only the départements with a protocol: Moselle stays, every row left has at least one.
    await page.getByRole('checkbox', { name: t.protocols.withProtocolOnly, exact: true }).check();
    await expect.poll(() => rows.count()).toBeLessThan(all);
    expect(await moselle.count()).toBe(1);
    for (const row of await rows.all()) expect(await protocolsOf(row)).toBeGreaterThanOrEqual(1);

    await moselle.getByRole('link', { name: MOSELLE, exact: true }).click();
    await page.waitForURL(`${h.server.url}/departements/57`);
    await section(page, t.departement.protocolsHeading).getByRole('article', { name: CONVENTION.title, exact: true }).waitFor();
    await page.getByRole('link', { name: t.departement.allDepartements }).click();
    await page.waitForURL(`${h.server.url}/departements`);

    expect(outsideRequests(requests, h.server.url)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
