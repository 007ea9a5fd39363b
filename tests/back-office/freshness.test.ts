/** What is stale, where the gaps are, and the weekly digest to the curators responsible. */
import { outboxRepository } from '@pare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeek, queueFreshnessDigest } from '../../apps/api/src/services/freshness.ts';
import { asUser, createAccount, type Signed, signedInAs, withSignedIn } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let curator: Signed;
beforeAll(async () => ({ t, who: curator } = await withSignedIn(createTestApp(), 'curateur')));
afterAll(() => t.close());

const NOW = new Date('2026-11-23T10:00:00Z');
const freshness = async (who: Signed) => (await asUser(t, who, '/api/admin/freshness')).json();
const dep = (body: { departements: { code: string; actors: number; stale: number }[] }, code: string) =>
  body.departements.find((d) => d.code === code);

describe('freshness counts', () => {
  it('counts published and stale entries per département, and lists the départements without any actor', async () => {
    const body = await freshness(curator);
    expect(body.stale_after_days).toBe(365);
    // Fixtures: Marseille never verified (stale); Metz verified 2025-06-01 (stale once a year has passed).
    // The seed's entries of the Bouches-du-Rhône (its CRIP among them) were verified in December 2026.
    const marseille = dep(body, '13');
    expect(marseille).toMatchObject({ name: 'Bouches-du-Rhône', stale: 1 });
    expect(marseille?.actors).toBeGreaterThanOrEqual(2);
    expect(dep(body, '57')?.actors).toBeGreaterThanOrEqual(8);
    expect(dep(body, '57')?.stale).toBeGreaterThanOrEqual(1);
    expect(body.national.actors).toBeGreaterThanOrEqual(18);
    // Every département has at least its CRIP in the shipped directory: no gap.
    expect(body.gaps).toEqual([]);
    expect(body.departements).toHaveLength(101);
  });

  it('leaves archived entries out, and a département left with none is a gap', async () => {
    const ids = t.db
      .prepare(
        `SELECT DISTINCT a.id FROM actors a JOIN actor_territories t ON t.actor_id = a.id WHERE a.status = 'published' AND t.kind = 'departement' AND t.code = '2A'
         UNION SELECT DISTINCT s.actor_id FROM sites s WHERE s.departement_code = '2A'`,
      )
      .pluck()
      .all() as number[];
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) await asUser(t, curator, `/api/admin/actors/${id}/archive`, { method: 'POST' });
    const body = await freshness(curator);
    expect(dep(body, '2A')).toMatchObject({ actors: 0, stale: 0 });
    expect(body.gaps.map((g: { code: string }) => g.code)).toContain('2A');
    for (const id of ids) await asUser(t, curator, `/api/admin/actors/${id}/restore`, { method: 'POST' });
    expect((await freshness(curator)).gaps).toEqual([]);
  });

  it('shows a relais their départements only', async () => {
    const relais = await signedInAs(t, 'relais', { departements: ['57', '54'] });
    const body = await freshness(relais);
    expect(body.departements.map((d: { code: string }) => d.code)).toEqual(['54', '57']);
  });
});

describe('the weekly digest', () => {
  it('sends each relais the stale entries of their départements and curators the national summary, once a week', async () => {
    const relais57 = await createAccount(t, 'relais', { departements: ['57'] });
    const relais2A = await createAccount(t, 'relais', { departements: ['2A'] });
    const admin = await createAccount(t, 'admin');

    const first = queueFreshnessDigest({ db: t.db }, NOW);
    expect(first.week).toBe('2026-W48');
    const mails = outboxRepository(t.db)
      .list({ limit: 1000 })
      .filter((m) => m.kind === 'freshness-digest');
    const to = (email: string) => mails.filter((m) => m.recipient === email);

    const [forRelais] = to(relais57);
    expect(forRelais?.subject).toMatch(/fiches? à revérifier dans vos départements/);
    expect(forRelais?.body).toContain('Moselle (57)');
    expect(forRelais?.body).toContain('Association test Familles Metz (données de test) — dernière vérification : 01/06/2025');
    expect(forRelais?.body).not.toContain('Prévention test Marseille');
    expect(forRelais?.subjectRef).toBe('freshness-digest:2026-W48');

    expect(to(relais2A)).toEqual([]); // nothing to check there: no mail

    for (const email of [admin, curator.email]) {
      const [summary] = to(email);
      expect(summary?.body).toContain('point hebdomadaire national');
      expect(summary?.body).toMatch(/Bouches-du-Rhône \(13\) : 1 sur \d+/);
      expect(summary?.body).toContain('Départements sans aucun acteur : 0.');
    }

    expect(queueFreshnessDigest({ db: t.db }, new Date('2026-11-26T10:00:00Z')).queued).toBe(0);
    expect(queueFreshnessDigest({ db: t.db }, new Date('2026-11-30T10:00:00Z')).queued).toBeGreaterThan(0);
  });

  it('names ISO weeks the French way', () => {
    expect(isoWeek(new Date('2026-01-01T12:00:00Z'))).toBe('2026-W01');
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2026-11-29T23:30:00Z'))).toBe('2026-W49'); // already Monday in Paris
  });
});
