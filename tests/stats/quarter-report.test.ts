/** Issue 19: the quarterly report (`pnpm pare report:quarter`): coverage, gaps opened and closed, activity. */
import { actorRepository } from '@pare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterBounds, quarterReport } from '../../apps/api/src/services/stats.ts';
import { asUser, type Signed, withSignedIn } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { contactRequest, postJson } from '../orientation/helpers.ts';
import { cripIdsOf } from './helpers.ts';

let t: TestApp;
let curator: Signed;
beforeAll(async () => ({ t, who: curator } = await withSignedIn(createTestApp(), 'curateur')));
afterAll(() => t.close());

const now = new Date();
const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
const report = () => quarterReport({ db: t.db, actors: actorRepository(t.db) }, quarter);

describe('quarterBounds', () => {
  it('turns 2026-Q4 into October to December, and refuses anything else', () => {
    expect(quarterBounds('2026-Q4')).toEqual({
      from: '2026-10',
      to: '2026-12',
      start: '2026-10-01T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
    });
    expect(quarterBounds('2027-Q1').to).toBe('2027-03');
    expect(() => quarterBounds('2026-Q5')).toThrow();
  });
});

describe('the quarterly report', () => {
  it('lists a gap opened and closed in the quarter, and the activity with small counts as <5', async () => {
    report(); // the gaps as they stand, recorded
    const ids = cripIdsOf(t, '2A');
    for (const id of ids) await asUser(t, curator, `/api/admin/actors/${id}/archive`, { method: 'POST' });
    await t.app.request('/api/stats/coverage');
    for (const id of ids) await asUser(t, curator, `/api/admin/actors/${id}/restore`, { method: 'POST' });
    await postJson(t.app, '/api/contact-requests', contactRequest({ name: 'Dominique Secret' }));

    const { markdown, csv } = report();
    const opened = markdown.slice(markdown.indexOf('## Manques ouverts'), markdown.indexOf('## Manques comblés'));
    const closedPart = markdown.slice(markdown.indexOf('## Manques comblés'), markdown.indexOf('## Activité'));
    expect(opened).toContain('Corse-du-Sud (2A) : sans CRIP joignable directement');
    expect(closedPart).toContain('Corse-du-Sud (2A) : sans CRIP joignable directement');
    expect(markdown).toMatch(/\| Demandes de mise en relation reçues \| <5 \|/);
    expect(markdown).not.toContain('Dominique');
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(102);
    const corse = lines.find((l) => l.includes(',2A,')) as string;
    expect(corse).toContain('no-crip');
    const moselle = lines.find((l) => l.includes(',57,')) as string;
    expect(moselle.split(',')[9]).toBe('<5'); // requests_received
    for (const l of lines.slice(1)) for (const n of l.split(',').slice(-9)) expect(['1', '2', '3', '4']).not.toContain(n);
  });
});
