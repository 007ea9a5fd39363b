/** Whoever sent a submission is erased from it PARE_RETENTION_DAYS after the curators' decision; what was decided stays. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../apps/api/src/lib/logger.ts';
import { eraseExpiredSubmitters, startRetentionJob } from '../../apps/api/src/services/retention.ts';
import { asUser, type Signed, withSignedIn } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let curator: Signed;
beforeAll(async () => ({ t, who: curator } = await withSignedIn(createTestApp(), 'curateur')));
afterAll(() => t.close());

const DAY = 86_400_000;

/** A correction of crip-57 from `who`, rejected `decidedDaysAgo` days ago (or still awaiting a decision when null). */
async function correction(who: string, decidedDaysAgo: number | null): Promise<number> {
  const res = await t.app.request('/api/submissions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'correction',
      actor_slug: 'crip-57',
      message: `Message personnel de ${who}`,
      submitter: { name: who, email: `${who.toLowerCase()}@example.test` },
      consent: true,
    }),
  });
  const id = Number(((await res.json()) as { reference: string }).reference.replace(/^P-/, ''));
  if (decidedDaysAgo === null) {
    t.db.prepare('UPDATE submissions SET created_at = ? WHERE id = ?').run(new Date(Date.now() - 400 * DAY).toISOString(), id);
    return id;
  }
  const rejected = await asUser(t, curator, `/api/admin/submissions/${id}/reject`, {
    method: 'POST',
    body: { reason: 'Le numéro est le bon.' },
  });
  expect(rejected.status).toBe(200);
  t.db.prepare('UPDATE submissions SET decided_at = ? WHERE id = ?').run(new Date(Date.now() - decidedDaysAgo * DAY).toISOString(), id);
  return id;
}

const stored = (id: number) =>
  t.db.prepare('SELECT submitter_name, submitter_email, message, status, decision_reason FROM submissions WHERE id = ?').get(id);
const mails = (id: number) => t.db.prepare('SELECT count(*) FROM outbox WHERE subject_ref = ?').pluck().get(`submission:${id}`);

describe('submitters’ personal data', () => {
  it('is erased 180 days after the decision, with the mails sent to them; the decision and the history stay', async () => {
    const old = await correction('Ancienne', 181);
    const recent = await correction('Recente', 10);
    const waiting = await correction('Attente', null);
    expect(mails(old)).toBe(1);

    const lines: string[] = [];
    const erased = eraseExpiredSubmitters({ db: t.db, log: createLogger('info', (l) => lines.push(l)) });
    expect(erased).toEqual({ submissions: 1, mails: 1 });
    expect(stored(old)).toEqual({
      submitter_name: '',
      submitter_email: '',
      message: null,
      status: 'rejetee',
      decision_reason: 'Le numéro est le bon.',
    });
    expect(mails(old)).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM outbox WHERE body LIKE ?').pluck().get('%Ancienne%')).toBe(0);
    // The younger decision and the submission awaiting one keep who to answer.
    expect(stored(recent)).toMatchObject({ submitter_name: 'Recente', message: 'Message personnel de Recente' });
    expect(stored(waiting)).toMatchObject({ submitter_name: 'Attente', status: 'nouvelle' });
    // Counts only in the log; running it again erases nothing more.
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ msg: 'submitters erased', submissions: 1, mails: 1, retentionDays: 180 });
    expect(lines[0]).not.toContain('Ancienne');
    expect(eraseExpiredSubmitters({ db: t.db, log: createLogger('silent') })).toEqual({ submissions: 0, mails: 0 });

    // Curators still see what was proposed and decided, and that the sender was erased.
    const detail = (await (await asUser(t, curator, `/api/admin/submissions/${old}`)).json()) as Record<string, unknown>;
    expect(detail).toMatchObject({ submitter_name: '', submitter_email: '', message: null, status: 'rejetee', title: expect.any(String) });
  });

  it('follows PARE_RETENTION_DAYS, and the daily job erases as soon as it starts', async () => {
    const month = await correction('Mois', 31);
    const week = await correction('Semaine', 7);
    const stop = startRetentionJob({ db: t.db, log: createLogger('silent'), retentionDays: 30 });
    stop();
    expect(stored(month)).toMatchObject({ submitter_email: '' });
    expect(stored(week)).toMatchObject({ submitter_email: 'semaine@example.test' });
  });
});
