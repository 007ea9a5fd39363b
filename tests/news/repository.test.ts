/** The published reads the site, the feeds and the newsletter share, on a real migrated SQLite file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, listPublishedEvents, listPublishedNews, newsRepository, openDatabase } from '@pare/db';
import { parisLocalToUtc, utcToParisLocal } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let db: Db;

/** What an entry of either kind says: only its title and départements matter here. */
const blank = (title: string, departements: string[]) => ({ title, summary: '', bodyMd: '', bodyHtml: '', departements, audiences: [] });
const news = (title: string, departements: string[]) => ({ ...blank(title, departements), imageAlt: '', actorIds: [], resourceIds: [] });
const event = (title: string, startsAt: string, endsAt: string, departements: string[]) => ({
  ...blank(title, departements),
  kind: 'webinaire' as const,
  startsAt,
  endsAt,
  communeCode: null,
  placeName: null,
  onlineUrl: 'https://example.test/w',
  organiserId: null,
  registrationUrl: null,
  replayUrl: null,
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pare-news-'));
  db = openDatabase(join(dir, 'pare.db'));
  const repo = newsRepository(db);
  const national = repo.createNews(news('Nationale', []), null);
  repo.setNewsStatus(national.id, 'publie', '2026-01-10T09:00:00.000Z');
  const moselle = repo.createNews(news('Moselle', ['57']), null);
  repo.setNewsStatus(moselle.id, 'publie', '2026-02-10T09:00:00.000Z');
  const nord = repo.createNews(news('Nord', ['59']), null);
  repo.setNewsStatus(nord.id, 'publie', '2026-03-10T09:00:00.000Z');
  repo.createNews(news('Brouillon', []), null);
  const past = repo.createEvent(event('Passé', '2026-01-05T13:00:00.000Z', '2026-01-05T15:00:00.000Z', ['57']), null);
  repo.setEventStatus(past.id, 'publie');
  const soon = repo.createEvent(event('Bientôt', '2026-04-01T13:00:00.000Z', '2026-04-01T15:00:00.000Z', []), null);
  repo.setEventStatus(soon.id, 'publie');
  const later = repo.createEvent(event('Plus tard', '2026-05-01T13:00:00.000Z', '2026-05-01T15:00:00.000Z', ['59']), null);
  repo.setEventStatus(later.id, 'publie');
  repo.createEvent(event('Brouillon', '2026-04-02T13:00:00.000Z', '2026-04-02T15:00:00.000Z', []), null);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('published news and events', () => {
  it('lists published news newest first, never drafts', () => {
    expect(listPublishedNews(db).map((n) => n.title)).toEqual(['Nord', 'Moselle', 'Nationale']);
  });
  it('a département gets its own news and the national ones, not another département’s', () => {
    expect(listPublishedNews(db, { departement: '57' }).map((n) => n.title)).toEqual(['Moselle', 'Nationale']);
  });
  it('a period keeps news published from its start (inclusive) to its end (exclusive)', () => {
    expect(listPublishedNews(db, { from: '2026-02-01', to: '2026-03-10T09:00:00.000Z' }).map((n) => n.title)).toEqual(['Moselle']);
  });
  it('events come by start; upcoming ones earliest first, past ones latest first', () => {
    const now = '2026-03-01T00:00:00.000Z';
    expect(listPublishedEvents(db).map((e) => e.title)).toEqual(['Passé', 'Bientôt', 'Plus tard']);
    expect(listPublishedEvents(db, { when: 'upcoming', now }).map((e) => e.title)).toEqual(['Bientôt', 'Plus tard']);
    expect(listPublishedEvents(db, { when: 'past', now }).map((e) => e.title)).toEqual(['Passé']);
    expect(listPublishedEvents(db, { departement: '59', from: '2026-03-01', limit: 5 }).map((e) => e.title)).toEqual([
      'Bientôt',
      'Plus tard',
    ]);
  });
});

describe('Paris wall-clock times', () => {
  it('converts winter (UTC+1) and summer (UTC+2) times both ways', () => {
    // Paris wall-clock → UTC: winter, summer, then the day of the spring change (29 March 2026,
    // 02:00 → 03:00), before and after.
    for (const [paris, utc] of [
      ['2026-01-15T14:00', '2026-01-15T13:00:00.000Z'],
      ['2026-07-15T14:00', '2026-07-15T12:00:00.000Z'],
      ['2026-03-29T01:30', '2026-03-29T00:30:00.000Z'],
      ['2026-03-29T04:00', '2026-03-29T02:00:00.000Z'],
    ] as const)
      expect(parisLocalToUtc(paris), paris).toBe(utc);
    expect(utcToParisLocal('2026-07-15T12:00:00.000Z')).toBe('2026-07-15T14:00');
  });
});

describe('code lists', () => {
  it('the schema’s statuses, kinds and revision actions are the migration’s CHECK lists', async () => {
    const { readFileSync } = await import('node:fs');
    const { CONTENT_STATUSES, EVENT_KINDS, NEWS_REVISION_ACTIONS } = await import('@pare/schema');
    const sql = readFileSync(new URL('../../packages/db/src/migrations/0018_news_events.sql', import.meta.url), 'utf8');
    const list = (column: string) => {
      const m = new RegExp(`${column}\\s+IN \\(([^)]*)\\)`).exec(sql);
      return (m?.[1] ?? '').split(',').map((v) => v.trim().replace(/'/g, ''));
    };
    expect(list('status')).toEqual([...CONTENT_STATUSES]);
    expect(list('kind')).toEqual([...EVENT_KINDS]);
    expect(list('action')).toEqual([...NEWS_REVISION_ACTIONS]);
  });
});
