import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../apps/api/src/lib/logger.ts';
import { purgeExpiredContactRequests, startRetentionJob } from '../../apps/api/src/services/retention.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { contactRequest, orientationApp, postJson } from './helpers.ts';

let t: TestApp;
beforeAll(() => {
  t = createTestApp(orientationApp());
});
afterAll(() => t.close());

const DAY = 86_400_000;

/** A request created `daysAgo` days ago, with its history line and its mail (sent, for good measure). */
async function requestFrom(daysAgo: number, marker: string): Promise<number> {
  const { body } = await postJson(t.app, '/api/contact-requests', contactRequest({ message: marker }));
  const id = t.db.prepare('SELECT id FROM contact_requests WHERE reference = ?').pluck().get(body.reference) as number;
  const at = new Date(Date.now() - daysAgo * DAY).toISOString();
  t.db.prepare('UPDATE contact_requests SET created_at = ?, updated_at = ?, consent_at = ? WHERE id = ?').run(at, at, at, id);
  t.db.prepare('UPDATE contact_request_history SET at = ? WHERE contact_request_id = ?').run(at, id);
  t.db.prepare(`UPDATE outbox SET created_at = ?, status = 'sent', sent_at = ? WHERE subject_ref = ?`).run(at, at, `contact_request:${id}`);
  return id;
}

const left = (id: number) => ({
  request: t.db.prepare('SELECT count(*) FROM contact_requests WHERE id = ?').pluck().get(id),
  history: t.db.prepare('SELECT count(*) FROM contact_request_history WHERE contact_request_id = ?').pluck().get(id),
  mails: t.db.prepare('SELECT count(*) FROM outbox WHERE subject_ref = ?').pluck().get(`contact_request:${id}`),
});

describe('retention', () => {
  it('after 180 days a request goes, with its history and its mails; a younger one stays', async () => {
    const old = await requestFrom(181, 'ancienne');
    const young = await requestFrom(179, 'récente');
    const today = await requestFrom(0, 'du jour');
    const lines: string[] = [];
    const purged = purgeExpiredContactRequests({ db: t.db, log: createLogger('info', (l) => lines.push(l)) });
    expect(purged).toEqual({ requests: 1, mails: 1 });
    expect(left(old)).toEqual({ request: 0, history: 0, mails: 0 });
    expect(left(young)).toEqual({ request: 1, history: 1, mails: 1 });
    expect(left(today)).toEqual({ request: 1, history: 1, mails: 1 });
    expect(t.db.prepare('SELECT count(*) FROM outbox WHERE body LIKE ?').pluck().get('%ancienne%')).toBe(0);
    // Counts only in the log.
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ msg: 'contact requests purged', requests: 1, mails: 1, retentionDays: 180 });
    expect(lines[0]).not.toContain('ancienne');
  });

  it('follows PARE_RETENTION_DAYS, and the job purges as soon as it starts', async () => {
    const month = await requestFrom(31, 'un mois');
    const week = await requestFrom(7, 'une semaine');
    const stop = startRetentionJob({ db: t.db, log: createLogger('silent'), retentionDays: 30 });
    stop();
    expect(left(month).request).toBe(0);
    expect(left(week).request).toBe(1);
  });

  it('the answer and the mail say how long the request is kept', async () => {
    const app = createTestApp(orientationApp({ retentionDays: 30 }));
    try {
      const { body } = await postJson(app.app, '/api/contact-requests', contactRequest());
      expect(body.retention_days).toBe(30);
      expect(body.next_steps).toMatch(/30 jours/);
      const mail = app.db.prepare('SELECT body FROM outbox').pluck().get() as string;
      expect(mail).toMatch(/\(30 jours après la demande\)/);
    } finally {
      app.close();
    }
  });
});
