import type { NewsletterIssue } from '@pare/db';
import { describe, expect, it } from 'vitest';
import { letterFactory, letterSubject } from './newsletter-letter.ts';

const issue = (over: Partial<NewsletterIssue> = {}): NewsletterIssue => ({
  id: 1,
  title: 'Lettre du printemps',
  periodFrom: '2027-01-01',
  periodTo: '2027-03-31',
  departement: null,
  introMd: 'Bonjour à **toutes et tous**.',
  items: [
    { kind: 'resource', id: 3, title: 'Guide « parents »', summary: 'Un guide.', path: '/ressources/guide', meta: 'Guide' },
    { kind: 'event', id: 1, title: 'Webinaire <b>repérage</b>', summary: 'En ligne.', path: '/agenda/webinaire', meta: 'Webinaire' },
    { kind: 'event', id: 2, title: 'Rencontre', summary: '', path: '/agenda/rencontre', meta: '' },
  ],
  status: 'draft',
  queuedCount: 0,
  createdAt: '2027-04-01T08:00:00.000Z',
  updatedAt: '2027-04-01T08:00:00.000Z',
  sendStartedAt: null,
  sentAt: null,
  ...over,
});

describe('the letter', () => {
  const letter = letterFactory(issue(), 'https://pare.example.test/')('https://pare.example.test/lettre/desinscription/abc');

  it('Should put the three parts in the letter’s order and the items in the curators’ order within each', () => {
    expect(letter.text.indexOf('AGENDA')).toBeLessThan(letter.text.indexOf('RESSOURCES'));
    expect(letter.text.indexOf('Webinaire')).toBeLessThan(letter.text.indexOf('Rencontre'));
    expect(letter.text).not.toContain('ACTUALITÉS');
  });

  it('Should escape item texts and link straight to the site', () => {
    expect(letter.html).toContain('Webinaire &lt;b&gt;repérage&lt;/b&gt;');
    expect(letter.html).toContain('href="https://pare.example.test/agenda/webinaire"');
    expect(letter.text).toContain('https://pare.example.test/agenda/webinaire');
  });

  it('Should carry the reader’s unsubscribe link in both parts, and no image', () => {
    expect(letter.html).toContain('href="https://pare.example.test/lettre/desinscription/abc"');
    expect(letter.text).toContain('Se désinscrire en un clic : https://pare.example.test/lettre/desinscription/abc');
    expect(letter.html).not.toMatch(/<img/i);
  });

  it('Should render the introduction’s Markdown in HTML and keep it readable as text', () => {
    expect(letter.html).toContain('<strong>toutes et tous</strong>');
    expect(letter.text).toContain('Bonjour à toutes et tous.');
  });

  it('Should name a département’s edition in the subject', () => {
    expect(letterSubject({ title: 'Lettre', departement: '57' })).toBe('Lettre — La lettre du réseau PARÉ · Édition Moselle (57)');
    expect(letterSubject({ title: 'Lettre', departement: null })).toBe('Lettre — La lettre du réseau PARÉ');
  });
});
