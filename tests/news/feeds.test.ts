/**
 * The feeds read by standard parsers: RSS 2.0 and Atom with fast-xml-parser, iCalendar with
 * node-ical. Hostile Markdown must come out harmless in the feed too.
 */
import { parisLocalToUtc } from '@pare/schema';
import { XMLParser } from 'fast-xml-parser';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Signed, signedInAs } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createEvent, createNews, expectHarmless, HOSTILE_MARKDOWN, parisDay } from './setup.ts';

let t: TestApp;
let curator: Signed;
const ORIGIN = 'https://pare.example.org';
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

let national: { slug: string };
let moselle: { slug: string };
let nord: { slug: string };
let webinar: { slug: string };

beforeAll(async () => {
  t = createTestApp({ config: { publicUrl: ORIGIN } });
  curator = await signedInAs(t, 'curateur');
  nord = await createNews(t, curator, { title: 'Actualité du Nord', departements: ['59'] });
  moselle = await createNews(t, curator, { title: 'Actualité de Moselle', departements: ['57'], body: HOSTILE_MARKDOWN });
  national = await createNews(t, curator, { title: 'Actualité nationale & « guillemets »', summary: 'Résumé <b>brut</b>' });
  await createNews(t, curator, { title: 'Brouillon jamais publié' }, false);
  webinar = await createEvent(t, curator, {
    title: 'Webinaire : repérer les signaux',
    starts_at: parisDay(15, '14:00'),
    ends_at: parisDay(15, '15:30'),
    body: HOSTILE_MARKDOWN,
    departements: ['57'],
  });
  await createEvent(t, curator, {
    title: 'Formation à Lille',
    kind: 'formation',
    online_url: null,
    commune_code: '59350',
    place_name: 'Maison des associations',
    starts_at: parisDay(30, '09:00'),
    ends_at: parisDay(30, '17:00'),
  });
});
afterAll(() => t.close());

describe('RSS 2.0', () => {
  it('lists published news, newest first, with absolute links and harmless HTML', async () => {
    const res = await t.app.request('/api/news.rss');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const body = await res.text();
    const channel = xml.parse(body).rss.channel;
    expect(channel.title).toBe('PARÉ — actualités du réseau');
    const items = [channel.item].flat();
    expect(items.map((i: { title: string }) => i.title)).toEqual([
      'Actualité nationale & « guillemets »',
      'Actualité de Moselle',
      'Actualité du Nord',
    ]);
    expect(items[0].link).toBe(`${ORIGIN}/actualites/${national.slug}`);
    const hostile = items[1]['content:encoded'] as string;
    expect(hostile).toContain('<h2>Un titre</h2>');
    expectHarmless(hostile);
    expect(body).not.toContain('Brouillon jamais publié');
  });

  it('for a département: its news and the national ones', async () => {
    const items = [xml.parse(await (await t.app.request('/api/news.rss?departement=57')).text()).rss.channel.item].flat();
    expect(items.map((i: { link: string }) => i.link)).toEqual([
      `${ORIGIN}/actualites/${national.slug}`,
      `${ORIGIN}/actualites/${moselle.slug}`,
    ]);
    expect((await t.app.request('/api/news.rss?departement=999')).status).toBe(400);
  });
});

describe('Atom', () => {
  it('carries the same entries, with the HTML as content', async () => {
    const res = await t.app.request('/api/news.atom?departement=59');
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = xml.parse(await res.text()).feed;
    expect(feed.title).toBe('PARÉ — actualités du réseau — Nord');
    const entries = [feed.entry].flat();
    expect(entries.map((e: { link: { '@href': string } }) => e.link['@href'])).toEqual([
      `${ORIGIN}/actualites/${national.slug}`,
      `${ORIGIN}/actualites/${nord.slug}`,
    ]);
    const all = [xml.parse(await (await t.app.request('/api/news.atom')).text()).feed.entry].flat();
    const hostile = all.find((e: { title: { '#text'?: string } | string }) => JSON.stringify(e.title).includes('Moselle'));
    expectHarmless(JSON.stringify(hostile.content));
  });
});

describe('iCalendar', () => {
  it('one event opens as a calendar file with Paris times (TZID and VTIMEZONE)', async () => {
    const res = await t.app.request(`/api/events/${webinar.slug}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${webinar.slug}.ics"`);
    const text = await res.text();
    expect(text).toMatch(/DTSTART;TZID=Europe\/Paris:\d{8}T140000/);
    expect(text).toContain('BEGIN:VTIMEZONE');
    const events = Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(events).toHaveLength(1);
    const e = events[0] as VEvent;
    expect(e.summary).toBe('Webinaire : repérer les signaux');
    expect(e.start.toISOString()).toBe(parisLocalToUtc(parisDay(15, '14:00')));
    expect(e.end?.toISOString()).toBe(parisLocalToUtc(parisDay(15, '15:30')));
    expect(JSON.stringify(e.url)).toContain(`${ORIGIN}/agenda/${webinar.slug}`);
    // The description is plain text (the summary and links), never the body's HTML.
    expect(text).not.toMatch(/<script|javascript:|onerror/i);
  });

  it('the agenda holds every published event, the place of an event in a commune included', async () => {
    const res = await t.app.request('/api/events.ics');
    const events = Object.values(ical.sync.parseICS(await res.text())).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(events.map((e) => e.summary).sort()).toEqual(['Formation à Lille', 'Webinaire : repérer les signaux']);
    expect(events.find((e) => e.summary === 'Formation à Lille')?.location).toBe('Maison des associations, Lille');
    const moselleOnly = await (await t.app.request('/api/events.ics?departement=57')).text();
    expect(moselleOnly).toContain('Webinaire : repérer les signaux');
    expect(moselleOnly).not.toContain('Formation à Lille');
  });

  it('an unknown or draft event has no calendar file', async () => {
    expect((await t.app.request('/api/events/nexiste-pas.ics')).status).toBe(404);
    const draft = await createEvent(
      t,
      curator,
      { title: 'Brouillon d’agenda', starts_at: parisDay(3, '10:00'), ends_at: parisDay(3, '11:00') },
      false,
    );
    expect((await t.app.request(`/api/events/${draft.slug}.ics`)).status).toBe(404);
  });
});
