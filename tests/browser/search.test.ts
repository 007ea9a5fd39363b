/** Browser journeys through the public search: place autocomplete, filters in the URL, Back, keyboard. */
import { describe, expect, it } from 'vitest';
import { DESKTOP, FIXTURE, type Harness, harnessForFile, LARGE_SCREEN, openPage, PHONE, waitForResults } from './browser.ts';

let h: Harness;

harnessForFile((started) => {
  h = started;
});

describe('public search', () => {
  it('a professional types « Thionv », picks Thionville and reaches an actor’s page', async () => {
    const { page, context, errors } = await openPage(h, DESKTOP);
    await page.goto(h.server.url);
    const place = page.getByRole('combobox', { name: /Commune, code postal ou département/ });
    await place.pressSequentially('Thionv', { delay: 30 });
    const option = page.getByRole('option', { name: /Thionville/ }).first();
    await option.waitFor();
    expect(await place.getAttribute('aria-expanded')).toBe('true');
    await option.click();

    await page.waitForURL(/commune=57672/);
    await waitForResults(page);
    expect(await place.inputValue()).toMatch(/^Thionville/);
    expect(await page.title()).toMatch(/Thionville/);
    await expect.poll(() => page.locator('.results-toolbar__count').innerText()).toMatch(/\d+ acteurs? trouvés? pour Thionville/);

    const first = page.locator('.result-list .result__name a').first();
    const name = (await first.innerText()).trim();
    await first.click();
    await page.waitForURL(/\/acteurs\//);
    await expect.poll(() => page.locator('h1').innerText()).toBe(name);
    expect(await page.title()).toContain(name);
    // Back to the results keeps the search.
    await page.getByRole('link', { name: /Retour aux résultats/ }).click();
    await page.waitForURL(/commune=57672/);
    await waitForResults(page);
    expect(await place.inputValue()).toMatch(/^Thionville/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the place box is a combobox driven by the arrow keys, Enter and Escape', async () => {
    const { page, context } = await openPage(h, DESKTOP);
    await page.goto(h.server.url);
    const place = page.getByRole('combobox', { name: /Commune, code postal ou département/ });
    // The suggestions for the whole word typed, not those of a shorter prefix still on their way
    // (a list replaced after ArrowDown has no active option).
    const full = page.waitForResponse((r) => r.url().includes('/api/territories/search') && /[?&]q=Thionv(&|$)/.test(r.url()));
    await place.pressSequentially('Thionv', { delay: 30 });
    await full;
    await page
      .getByRole('option', { name: /Thionville/ })
      .first()
      .waitFor();
    await place.press('ArrowDown');
    await expect.poll(() => place.getAttribute('aria-activedescendant')).toBeTruthy();
    const active = await place.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    expect(await page.locator(`[id="${active}"]`).getAttribute('aria-selected')).toBe('true');
    await place.press('Escape');
    expect(await place.getAttribute('aria-expanded')).toBe('false');
    await place.press('ArrowDown');
    await page
      .getByRole('option', { name: /Thionville/ })
      .first()
      .waitFor();
    await place.press('ArrowDown');
    await place.press('Enter');
    await page.waitForURL(/commune=57672/);
    await context.close();
  });

  it('filters chosen on the page are in the URL and come back after a reload', async () => {
    const { page, context } = await openPage(h, DESKTOP);
    await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)`);
    await waitForResults(page);

    await page.getByRole('checkbox', { name: /^Familles et proches/ }).check();
    await page.waitForURL(/publics=familles/);
    await waitForResults(page);
    await page.getByRole('checkbox', { name: /^Écoute/ }).check();
    await page.waitForURL(/actions=ecoute/);
    await waitForResults(page);
    await page.getByLabel('Trier par').selectOption('name');
    await page.waitForURL(/sort=name/);
    await waitForResults(page);
    await page.getByLabel('Rayon').selectOption('50');
    await page.waitForURL(/radius_km=50/);
    await waitForResults(page);
    const count = await page.locator('.results-toolbar__count').innerText();
    const names = await page.locator('.result__name').allInnerTexts();

    await page.reload();
    await waitForResults(page);
    expect(await page.getByRole('checkbox', { name: /^Familles et proches/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^Écoute/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^Jeunes/ }).isChecked()).toBe(false);
    expect(await page.getByLabel('Trier par').inputValue()).toBe('name');
    expect(await page.getByLabel('Rayon').inputValue()).toBe('50');
    expect(await page.getByRole('combobox', { name: /Commune/ }).inputValue()).toBe('Thionville (57)');
    expect(await page.locator('.results-toolbar__count').innerText()).toBe(count);
    expect(await page.locator('.result__name').allInnerTexts()).toEqual(names);
    await context.close();
  });

  it('the Back button brings back the previous search, its filters and its results', async () => {
    const { page, context } = await openPage(h, DESKTOP);
    await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)`);
    await waitForResults(page);
    const before = await page.locator('.results-toolbar__count').innerText();

    await page.getByRole('checkbox', { name: /^Jeunes/ }).check();
    await page.waitForURL(/publics=jeunes/);
    await waitForResults(page);
    await page.getByRole('checkbox', { name: /^Professionnels/ }).check();
    await page.waitForURL(/publics=jeunes%2Cprofessionnels|publics=jeunes,professionnels/);
    await waitForResults(page);

    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('publics') === 'jeunes');
    await waitForResults(page);
    expect(await page.getByRole('checkbox', { name: /^Jeunes/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^Professionnels/ }).isChecked()).toBe(false);

    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('publics'));
    await waitForResults(page);
    expect(await page.getByRole('checkbox', { name: /^Jeunes/ }).isChecked()).toBe(false);
    expect(await page.locator('.results-toolbar__count').innerText()).toBe(before);

    await page.goForward();
    await page.waitForURL(/publics=jeunes/);
    await waitForResults(page);
    expect(await page.getByRole('checkbox', { name: /^Jeunes/ }).isChecked()).toBe(true);
    await context.close();
  });

  it('keyboard only: the skip link, the quick exit, the filters, a result and its page are reachable', async () => {
    const { page, context } = await openPage(h, DESKTOP);
    await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)`);
    await waitForResults(page);

    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return {
          tag: el?.tagName ?? '',
          text: (el?.innerText || el?.getAttribute('aria-label') || '').trim(),
          id: el?.id ?? '',
          type: el?.getAttribute('type') ?? '',
          name: el?.getAttribute('name') ?? '',
        };
      });
    await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('Aller au contenu');
    await page.keyboard.press('Tab');
    expect((await focused()).text).toContain('Quitter rapidement');

    // On to the first filter checkbox, and tick it with the space bar.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      reached = f.type === 'checkbox';
    }
    expect(reached).toBe(true);
    const filterName = (await focused()).name;
    await page.keyboard.press('Space');
    await page.waitForURL(new RegExp(`${filterName}`));
    await waitForResults(page);

    // On to the first result link, and open it with Enter.
    let onResult = false;
    for (let i = 0; i < 60 && !onResult; i++) {
      await page.keyboard.press('Tab');
      onResult = (await focused()).id.startsWith('resultat-');
    }
    expect(onResult).toBe(true);
    const name = (await focused()).text;
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/acteurs\//);
    await expect.poll(async () => (await focused()).tag).toBe('H1');
    expect((await focused()).text).toBe(name);
    await context.close();
  });

  it('on a computer, the map and the list point at each other (hover, click a marker → its list entry)', async () => {
    const { page, context } = await openPage(h, DESKTOP);
    await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)&q=foyer+test`);
    await waitForResults(page);
    await page.locator('.search-map__canvas[data-ready="true"]').waitFor();
    type TestMap = {
      loaded: () => boolean;
      isMoving: () => boolean;
      querySourceFeatures: (id: string) => { geometry: { coordinates: [number, number] } }[];
      project: (p: [number, number]) => { x: number; y: number };
    };
    await page.waitForFunction(() => {
      const m = (window as unknown as { __pareMap?: TestMap }).__pareMap;
      return Boolean(m?.loaded() && !m.isMoving() && m.querySourceFeatures('pare-confidential').length > 0);
    });
    const highlighted = () =>
      page.evaluate(() => (window as unknown as { __pareMap: TestMap }).__pareMap.querySourceFeatures('pare-highlight').length);

    // Hovering the list entry highlights its site on the map.
    const card = page.locator('.result').filter({ hasText: FIXTURE.confidentialName });
    await card.hover();
    await expect.poll(highlighted).toBeGreaterThan(0);
    await page.mouse.move(1, 400);
    await expect.poll(highlighted).toBe(0);

    // Hovering the marker highlights the list entry; clicking it moves the focus to the entry's link.
    const point = await page.evaluate(() => {
      const m = (window as unknown as { __pareMap: TestMap }).__pareMap;
      const f = m.querySourceFeatures('pare-confidential')[0];
      const p = m.project(f!.geometry.coordinates);
      const r = document.querySelector('.search-map__canvas')!.getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    });
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => card.getAttribute('class')).toContain('is-highlighted');
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe(FIXTURE.confidentialName);
    await context.close();
  });

  it('on a phone, the list and the map are one toggle away and the map shows the same results', async () => {
    const { page, context } = await openPage(h, PHONE);
    await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)`);
    await waitForResults(page);
    expect(await page.locator('.maplibregl-canvas').count()).toBe(0);
    await page.getByRole('button', { name: 'Carte', exact: true }).click();
    await page.waitForURL(/vue=carte/);
    await page.locator('.maplibregl-canvas').waitFor();
    expect(await page.getByRole('button', { name: 'Carte', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.result-list').count()).toBe(0);
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('vue'));
    await page.locator('.result-list').first().waitFor();
    await context.close();
  });

  it('on a phone, a shared search link shows its first result and what it is on the first screen, the search folded into a line that unfolds to change it and stays unfolded', async () => {
    const { page, context } = await openPage(h, PHONE);
    await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)`);
    await waitForResults(page);
    expect(await page.locator('.search-summary__text').textContent()).toBe('Votre recherche : Thionville (57) · 30 km');
    expect(await page.getByRole('combobox', { name: /Commune/ }).count()).toBe(0);
    // The first card's name and what it is, where and how far, are above the quick exit bar at
    // the bottom of the first screen: the results' toolbar takes two rows, the sort beside « Liste | Carte ».
    const meta = await page.locator('.result__meta').first().boundingBox();
    const bar = await page.locator('.quick-exit-bar').boundingBox();
    expect(meta && bar && meta.y + meta.height <= bar.y).toBe(true);
    const sort = await page.getByLabel('Trier par').boundingBox();
    const toggle = await page.getByRole('button', { name: 'Carte', exact: true }).boundingBox();
    expect(sort && toggle && Math.abs(sort.y - toggle.y)).toBeLessThan(4);
    await page.getByRole('button', { name: 'Modifier la recherche' }).click();
    const place = page.getByRole('combobox', { name: /Commune/ });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    expect(await place.inputValue()).toBe('Thionville (57)');
    // A search made from the form keeps it unfolded; a page opened from the new link folds it again.
    await page.getByRole('combobox', { name: 'Rayon' }).selectOption('10');
    await page.waitForURL(/radius_km=10/);
    await waitForResults(page);
    expect(await page.locator('.search-summary').count()).toBe(0);
    await page.reload();
    await waitForResults(page);
    expect(await page.locator('.search-summary__text').textContent()).toBe('Votre recherche : Thionville (57) · 10 km');
    await context.close();
  });

  it('the « Ouvert maintenant » box sits beside its label as every other filter does', async () => {
    const { page, context } = await openPage(h, LARGE_SCREEN);
    await page.goto(`${h.server.url}/?commune=${FIXTURE.thionville}&lieu=Thionville+(57)`);
    await waitForResults(page);
    /** The gap between a box and its label, and how far the box's middle is from the label's first line's. */
    const layout = (name: RegExp) =>
      page.getByRole('checkbox', { name }).evaluate((box) => {
        const label = document.querySelector(`label[for="${box.id}"]`) as HTMLElement;
        const b = box.getBoundingClientRect();
        const l = label.getBoundingClientRect();
        const line = Number.parseFloat(getComputedStyle(label).lineHeight) || 24;
        return { gap: Math.round(l.left - b.right), offset: Math.abs(b.top + b.height / 2 - (l.top + line / 2)) };
      });
    const open = await layout(/^Ouvert maintenant/);
    const young = await layout(/^Jeunes/);
    expect(open.gap).toBeGreaterThanOrEqual(6);
    expect(open.gap).toBe(young.gap);
    expect(open.offset).toBeLessThanOrEqual(3);
    await context.close();
  });

  it('a shared link naming a département by its code alone reads « Moselle (57) », not « 57 »', async () => {
    const { page, context, errors } = await openPage(h, PHONE);
    await page.goto(`${h.server.url}/?departement=57`);
    await waitForResults(page);
    await expect.poll(() => page.locator('.search-summary__text').textContent()).toBe('Votre recherche : Moselle (57)');
    await page.getByRole('button', { name: 'Modifier la recherche' }).click();
    const place = page.getByRole('combobox', { name: /Commune, code postal ou département/ });
    await expect.poll(() => place.inputValue()).toBe('Moselle (57)');
    await expect.poll(() => page.locator('.results-toolbar__count').innerText()).toMatch(/trouvés? pour Moselle \(57\)$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an unknown commune in the URL gives a French error that names the problem', async () => {
    const { page, context } = await openPage(h, DESKTOP);
    await page.goto(`${h.server.url}/?commune=99999`);
    const alert = page.getByRole('alert').filter({ hasText: 'La recherche n’a pas abouti' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/99999/);
    await context.close();
  });
});
