/**
 * Opening hours (issue 20): entries with known hours created through the API, searched with
 * `open_at` around their boundaries, on public holidays (25 December, 14 July, Easter Monday,
 * Good Friday in Moselle only) and during a closure; « ouvert maintenant » against the app's
 * clock; bad syntaxes refused with a French message naming the problem.
 */
import type { CreateActorInputRaw } from '@pare/schema';
import { PublicActorSchema, SearchActorsResponseSchema } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { createTestApp, getJson, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let curator: Signed;
/** The app's clock: each test sets the instant it is about. */
let clock = new Date('2026-12-07T10:00:00+01:00');

const WEEKDAYS = 'Mo-Fr 09:00-12:00,14:00-17:30; PH off';
const base = {
  type: 'association' as const,
  description: 'Fiche fictive pour les tests des horaires.',
  publics: ['jeunes' as const],
  actions: ['ecoute' as const],
};
/** TEST DATA: three fictitious entries. */
const metz: CreateActorInputRaw = {
  ...base,
  name: 'Permanence horaires test Metz',
  territory: { scope: 'departements', departements: ['57'] },
  sites: [
    {
      commune_code: '57463',
      address: '3 rue des Horaires',
      opening_hours: WEEKDAYS,
      temporary_closures: [{ starts_on: '2027-02-15', ends_on: '2027-02-19', message: 'Fermé pour travaux (test)', closed: true }],
    },
  ],
};
const paris: CreateActorInputRaw = {
  ...base,
  name: 'Permanence horaires test Paris',
  territory: { scope: 'departements', departements: ['75'] },
  sites: [{ commune_code: '75056', address: '4 rue des Horaires', opening_hours: WEEKDAYS }],
};
const line: CreateActorInputRaw = {
  ...base,
  name: 'Ligne horaires test 10 h 22 h',
  territory: { scope: 'national' },
  contacts: [{ kind: 'phone', value: '01 00 00 00 09', opening_hours: 'Mo-Su 10:00-22:00' }],
};
const slugs: Record<string, string> = {};

beforeAll(async () => {
  t = createTestApp({ config: { now: () => clock } });
  curator = await signedInAs(t, 'curateur');
  for (const [key, input] of Object.entries({ metz, paris, line })) {
    const res = await asUser(t, curator, '/api/admin/actors', { method: 'POST', body: input });
    expect(res.status, await res.clone().text()).toBe(201);
    slugs[key] = ((await res.json()) as { slug: string }).slug;
  }
});
afterAll(() => t.close());

/** Which of our three entries a search open at `instant` returns. */
async function openAt(instant: string): Promise<string[]> {
  const { status, body } = await getJson(
    t.app,
    `/api/actors?per_page=100&q=horaires%20test&open_at=${encodeURIComponent(instant)}`,
    SearchActorsResponseSchema,
  );
  expect(status).toBe(200);
  const found = new Set((body.items as { slug: string }[]).map((i) => i.slug));
  return Object.keys(slugs).filter((k) => found.has(slugs[k] as string));
}

describe('GET /api/actors?open_at=', () => {
  it('finds a site open up to the minute it closes, not at that minute, and again when it reopens', async () => {
    expect(await openAt('2026-12-07T11:59:00+01:00')).toEqual(['metz', 'paris', 'line']);
    expect(await openAt('2026-12-07T12:00:00+01:00')).toEqual(['line']);
    expect(await openAt('2026-12-07T13:59:00+01:00')).toEqual(['line']);
    expect(await openAt('2026-12-07T14:00:00+01:00')).toEqual(['metz', 'paris', 'line']);
    expect(await openAt('2026-12-07T17:30:00+01:00')).toEqual(['line']);
  });

  it('reads a line’s own hours (10 h – 22 h every day)', async () => {
    expect(await openAt('2026-12-07T09:59:00+01:00')).toEqual(['metz', 'paris']);
    expect(await openAt('2026-12-06T21:59:00+01:00')).toEqual(['line']);
    expect(await openAt('2026-12-06T22:00:00+01:00')).toEqual([]);
  });

  it('reads the instant in any offset: 10:00 UTC is 11:00 in Paris', async () => {
    expect(await openAt('2026-12-07T11:30:00Z')).toEqual(['line']);
    expect(await openAt('2026-12-07T10:30:00Z')).toEqual(['metz', 'paris', 'line']);
  });

  it('closes on French public holidays: 25 December, 14 July, Easter Monday', async () => {
    expect(await openAt('2026-12-25T10:00:00+01:00')).toEqual(['line']);
    expect(await openAt('2027-07-14T10:00:00+02:00')).toEqual(['line']);
    expect(await openAt('2027-03-29T10:00:00+02:00')).toEqual(['line']);
    // The day after Easter Monday is a plain Tuesday.
    expect(await openAt('2027-03-30T10:00:00+02:00')).toEqual(['metz', 'paris', 'line']);
  });

  it('knows Alsace-Moselle’s own holidays: Good Friday closes Metz, not Paris', async () => {
    expect(await openAt('2027-03-26T10:00:00+01:00')).toEqual(['paris', 'line']);
  });

  it('takes a temporary closure into account, from its first day to its last', async () => {
    expect(await openAt('2027-02-12T10:00:00+01:00')).toEqual(['metz', 'paris', 'line']);
    expect(await openAt('2027-02-15T10:00:00+01:00')).toEqual(['paris', 'line']);
    expect(await openAt('2027-02-19T16:00:00+01:00')).toEqual(['paris', 'line']);
    expect(await openAt('2027-02-22T10:00:00+01:00')).toEqual(['metz', 'paris', 'line']);
  });

  it('never counts a confidential site’s hours (trying instants would reveal them)', async () => {
    const { body } = await getJson(
      t.app,
      `/api/actors?per_page=100&open_at=${encodeURIComponent('2026-12-07T22:00:00+01:00')}`,
      SearchActorsResponseSchema,
    );
    expect((body.items as { slug: string }[]).map((i) => i.slug)).not.toContain('test-foyer-confidentiel-thionville');
  });

  it('refuses a malformed instant, and open_at with ouvert together, with the one 400 shape', async () => {
    const bad = await getJson(t.app, '/api/actors?open_at=demain', SearchActorsResponseSchema);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('open_at');
    const both = await getJson(t.app, '/api/actors?open_at=2026-12-07T10:00:00Z&ouvert=maintenant', SearchActorsResponseSchema);
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain('pas les deux');
  });
});

describe('what the answers say now', () => {
  it('ouvert=maintenant keeps only what is open at the app’s clock, and the facet counts them', async () => {
    clock = new Date('2026-12-07T10:00:00+01:00');
    const { body } = await getJson(t.app, '/api/actors?per_page=100&q=horaires%20test&ouvert=maintenant', SearchActorsResponseSchema);
    expect(body.items.map((i: { slug: string }) => i.slug).sort()).toEqual([slugs.line, slugs.metz, slugs.paris].sort());
    const all = await getJson(t.app, '/api/actors?per_page=100&q=horaires%20test', SearchActorsResponseSchema);
    expect(all.body.facets.open_now).toBe(3);
    clock = new Date('2026-12-07T12:30:00+01:00');
    const later = await getJson(t.app, '/api/actors?per_page=100&q=horaires%20test', SearchActorsResponseSchema);
    expect(later.body.facets.open_now).toBe(1);
  });

  it('a site says open or closed, when that changes, and its week with holidays and closures', async () => {
    clock = new Date('2026-12-24T16:00:00+01:00');
    const { body } = await getJson(t.app, `/api/actors/${slugs.metz}`, PublicActorSchema);
    const site = body.sites[0];
    expect(site!.opening_hours).toBe(WEEKDAYS);
    expect(site!.open_now).toBe(true);
    expect(site!.next_change).toBe('2026-12-24T16:30:00.000Z');
    expect(site!.week).toHaveLength(7);
    expect(site!.week![0]).toMatchObject({ date: '2026-12-24', weekday: 3, holiday: null });
    expect(site!.week![0]!.intervals.map((i: { from: string; to: string }) => `${i.from}-${i.to}`)).toEqual(['09:00-12:00', '14:00-17:30']);
    expect(site!.week![1]).toMatchObject({ date: '2026-12-25', holiday: 'Noël', intervals: [] });
    expect(site!.week![2]).toMatchObject({ date: '2026-12-26', holiday: 'Lendemain de Noël' });
    expect(site!.temporary_closures).toEqual([
      { starts_on: '2027-02-15', ends_on: '2027-02-19', message: 'Fermé pour travaux (test)', closed: true },
    ]);
  });

  it('during a closure: closed, reopening the next working day after it, the closure on each of its days', async () => {
    clock = new Date('2027-02-16T10:00:00+01:00');
    const { body } = await getJson(t.app, `/api/actors/${slugs.metz}`, PublicActorSchema);
    const site = body.sites[0];
    expect(site!.open_now).toBe(false);
    expect(site!.next_change).toBe('2027-02-22T08:00:00.000Z');
    expect(site!.week![0]).toMatchObject({
      date: '2027-02-16',
      intervals: [],
      closure: { message: 'Fermé pour travaux (test)', closed: true },
    });
    // Once ended, a closure is history: it leaves the page.
    clock = new Date('2027-02-20T10:00:00+01:00');
    expect((await getJson(t.app, `/api/actors/${slugs.metz}`, PublicActorSchema)).body.sites[0]!.temporary_closures).toEqual([]);
  });

  it('a line carries its own hours and state', async () => {
    clock = new Date('2026-12-07T23:00:00+01:00');
    const { body } = await getJson(t.app, `/api/actors/${slugs.line}`, PublicActorSchema);
    expect(body.contacts[0]).toMatchObject({
      opening_hours: 'Mo-Su 10:00-22:00',
      open_now: false,
      next_change: '2026-12-08T09:00:00.000Z',
    });
  });

  it('an entry without hours says unknown, not closed', async () => {
    const { body } = await getJson(t.app, '/api/actors/test-association-familles-metz', PublicActorSchema);
    expect(body.sites[0]).toMatchObject({ opening_hours: null, open_now: null, next_change: null });
  });

  it('the public cache does not keep « open » past the closing time', async () => {
    clock = new Date('2026-12-07T11:59:00+01:00');
    const first = await getJson(t.app, `/api/actors/${slugs.paris}`, PublicActorSchema);
    expect(first.body.sites[0]!.open_now).toBe(true);
    expect((await getJson(t.app, `/api/actors/${slugs.paris}`, PublicActorSchema)).body.sites[0]!.open_now).toBe(true);
    clock = new Date('2026-12-07T12:01:00+01:00');
    expect((await getJson(t.app, `/api/actors/${slugs.paris}`, PublicActorSchema)).body.sites[0]!.open_now).toBe(false);
  });
});

describe('writing hours', () => {
  const post = (input: CreateActorInputRaw) => asUser(t, curator, '/api/admin/actors', { method: 'POST', body: input });
  const issues = async (res: Response) => ((await res.json()) as { issues: { path: string; message: string }[] }).issues;
  /** Creating `input` is refused, its first issue at `path`. */
  const expectRefusedAt = async (path: string, input: CreateActorInputRaw) => {
    const res = await post(input);
    expect(res.status).toBe(400);
    expect((await issues(res))[0]?.path).toBe(path);
  };

  it('refuses hours written in words with a French message naming the problem and the syntax', async () => {
    const res = await post({
      ...paris,
      name: 'Horaires invalides test',
      sites: [{ commune_code: '75056', opening_hours: 'du lundi au vendredi, 9h-17h' }],
    });
    expect(res.status).toBe(400);
    const [issue] = await issues(res);
    expect(issue?.path).toBe('sites.0.opening_hours');
    expect(issue?.message).toContain('Horaires illisibles');
    expect(issue?.message).toContain('Mo Tu We Th Fr Sa Su');
  });

  it('refuses a time out of the day, and bad hours on a line', async () => {
    await expectRefusedAt('sites.0.opening_hours', {
      ...paris,
      name: 'Horaires invalides test 2',
      sites: [{ commune_code: '75056', opening_hours: 'Mo 25:00-26:00' }],
    });
    await expectRefusedAt('contacts.0.opening_hours', {
      ...line,
      name: 'Ligne invalide test',
      contacts: [{ kind: 'phone', value: '01 00 00 00 08', opening_hours: 'Mx-Fr 09:00-12:00' }],
    });
  });

  it('refuses a closure ending before it starts', async () => {
    await expectRefusedAt('sites.0.temporary_closures.0.ends_on', {
      ...paris,
      name: 'Fermeture invalide test',
      sites: [{ commune_code: '75056', temporary_closures: [{ starts_on: '2027-03-10', ends_on: '2027-03-01', message: 'Travaux' }] }],
    });
  });

  it('accepts 24/7 and comments, and keeps them through an edit', async () => {
    const res = await post({
      ...line,
      name: 'Ligne 24 sur 24 test',
      contacts: [{ kind: 'phone', value: '01 00 00 00 07', opening_hours: '24/7' }],
    });
    expect(res.status).toBe(201);
    const { slug } = (await res.json()) as { slug: string };
    clock = new Date('2026-12-25T03:00:00+01:00');
    const { body } = await getJson(t.app, `/api/actors/${slug}`, PublicActorSchema);
    expect(body.contacts[0]).toMatchObject({ opening_hours: '24/7', open_now: true, next_change: null });
  });
});

describe('POST /api/admin/hours/preview (the editor’s live check)', () => {
  const preview = (body: unknown, who: Signed | null = curator) => asUser(t, who, '/api/admin/hours/preview', { method: 'POST', body });

  it('reads valid hours back: in French words, as a weekly grid, holidays closed, the next 14 days', async () => {
    clock = new Date('2026-12-21T10:00:00+01:00');
    const res = await preview({
      opening_hours: WEEKDAYS,
      departement: '57',
      temporary_closures: [{ starts_on: '2026-12-28', ends_on: '2026-12-31', message: 'Fermé entre les fêtes' }],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.problem).toBeNull();
    expect(body.french).toBe('lun.-ven. 09:00-12:00,14:00-17:30; jours fériés fermé');
    expect(body.weekly).toHaveLength(10);
    expect(body.weekly[0]).toEqual({ weekday: 0, from: '09:00', to: '12:00' });
    expect(body.holidays_closed).toBe(true);
    expect(body.days).toHaveLength(14);
    expect(body.days[4]).toMatchObject({ date: '2026-12-25', holiday: 'Noël' });
    expect(body.days[5]).toMatchObject({ date: '2026-12-26', holiday: 'Lendemain de Noël' });
    expect(body.days[7]).toMatchObject({ date: '2026-12-28', closure: { message: 'Fermé entre les fêtes', closed: true }, intervals: [] });
  });

  it('names the problem of bad hours instead of refusing the request, and says no grid for irregular ones', async () => {
    const bad = await (await preview({ opening_hours: 'Mx-Fr 09:00' })).json();
    expect(bad.problem).toContain('Horaires illisibles');
    expect(bad.weekly).toBeNull();
    // Read only by guessing: the message gives the written form to type.
    const guessed = await (await preview({ opening_hours: 'lundi 9h-12h' })).json();
    expect(guessed.problem).toMatch(/^Horaires à préciser : .*« Mo 09:00-12:00 »\.$/);
    const summer = await (await preview({ opening_hours: 'Mo-Fr 09:00-17:00; Jul-Aug off' })).json();
    expect(summer.problem).toBeNull();
    expect(summer.weekly).toBeNull();
    expect(summer.holidays_closed).toBe(false);
  });

  it('is for back-office accounts only', async () => {
    expect((await preview({ opening_hours: '24/7' }, null)).status).toBe(401);
    const professional = await signedInAs(t, 'professionnel-verifie');
    expect((await preview({ opening_hours: '24/7' }, professional)).status).toBe(403);
  });
});
