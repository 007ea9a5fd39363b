import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../apps/api/src/lib/logger.ts';
import {
  createMailTransport,
  MAX_MAIL_ATTEMPTS,
  type MailTransport,
  RETRY_DELAYS_MS,
  sendDueMail,
  startOutboxWorker,
} from '../../apps/api/src/services/mailer.ts';
import { asUser, signedInAs } from '../helpers/accounts.ts';
import { closedPort, type Delivered, decodeWords, readMail, smtpServerForFile } from '../helpers/smtp.ts';
import type { TestApp } from '../helpers/test-app.ts';
import {
  CONFIDENTIAL_REFERENT,
  CONFIDENTIAL_SLUG,
  contactRequest,
  createOrientationApp,
  postJson,
  REFERENT_EMAIL,
  TEAM_EMAIL,
} from './helpers.ts';

// ——— a real SMTP server in the process ———

const smtp = smtpServerForFile();

// ——— the app ———

let t: TestApp;
beforeAll(() => {
  t = createOrientationApp();
});
afterAll(() => t.close());
afterEach(() => {
  // Each test starts with an empty queue.
  t.db.prepare('DELETE FROM outbox').run();
});

const mailer = () => ({ db: t.db, log: createLogger('info', (l) => t.lines.push(l)), mailFrom: 'PARÉ <no-reply@example.test>' });
const outboxRow = (reference: string) =>
  t.db
    .prepare(`SELECT o.* FROM outbox o JOIN contact_requests r ON o.subject_ref = 'contact_request:' || r.id WHERE r.reference = ?`)
    .get(reference) as {
    id: number;
    status: string;
    attempts: number;
    next_attempt_at: string;
    last_error: string | null;
    sent_at: string | null;
  };
const requestStatus = (reference: string) => t.db.prepare('SELECT status FROM contact_requests WHERE reference = ?').pluck().get(reference);

async function submit(over: Record<string, unknown> = {}): Promise<string> {
  const { status, body } = await postJson(t.app, '/api/contact-requests', contactRequest(over));
  expect(status).toBe(201);
  return body.reference as string;
}

describe('sendDueMail over real SMTP', () => {
  it('delivers the request for the confidential foyer to the team: French subject, reference and what the team needs', async () => {
    const reference = await submit({ actor: CONFIDENTIAL_SLUG, profile: 'jeune', message: 'J’ai besoin d’un endroit où dormir ce soir.' });
    const report = await sendDueMail(mailer(), createMailTransport(smtp.url), new Date());
    expect(report).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.delivered).toHaveLength(1);
    const mail = smtp.delivered[0] as Delivered;
    expect(mail.to).toEqual([TEAM_EMAIL]);
    expect(mail.from).toBe('no-reply@example.test');
    const { headers, text } = readMail(mail.raw);
    expect(decodeWords(headers.subject ?? '')).toBe(`Demande de contact ${reference} — PARÉ`);
    expect(headers['content-type']).toMatch(/text\/plain; charset=utf-8/i);
    expect(headers['auto-submitted']).toBe('auto-generated');
    expect(text).toContain(`Référence : ${reference}`);
    expect(text).toContain('Téléphone : 06 12 34 56 78');
    expect(text).toContain('J’ai besoin d’un endroit où dormir ce soir.');
    expect(text).toContain('Profil : jeune');
    expect(mail.raw).not.toContain(CONFIDENTIAL_REFERENT);

    const row = outboxRow(reference);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row.sent_at).not.toBeNull();
    expect(requestStatus(reference)).toBe('transmise');
    const history = t.db
      .prepare(
        `SELECT from_status, to_status, by_label FROM contact_request_history h JOIN contact_requests r ON r.id = h.contact_request_id WHERE r.reference = ? ORDER BY h.id`,
      )
      .all(reference);
    expect(history).toEqual([
      { from_status: null, to_status: 'nouvelle', by_label: 'formulaire public' },
      { from_status: 'nouvelle', to_status: 'transmise', by_label: 'envoi automatique du courriel' },
    ]);
  });

  it('delivers a request for an actor that accepts them to its referent', async () => {
    const reference = await submit({ actor: 'test-ecoute-familles-thionville', email: 'parent@example.test' });
    await sendDueMail(mailer(), createMailTransport(smtp.url), new Date());
    expect(smtp.delivered.map((d) => d.to)).toEqual([[REFERENT_EMAIL]]);
    const { text } = readMail(smtp.delivered[0]?.raw ?? '');
    expect(text).toContain(reference);
    expect(text).toContain('E-mail : parent@example.test');
  });

  it('with the relay down, the mail stays pending with one attempt and a later next try; the request stays new', async () => {
    const reference = await submit();
    const now = new Date();
    const report = await sendDueMail(mailer(), createMailTransport(`smtp://127.0.0.1:${await closedPort()}`), now);
    expect(report).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const row = outboxRow(reference);
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/ECONNECTION|ECONNREFUSED/);
    expect(new Date(row.next_attempt_at).getTime()).toBe(now.getTime() + 60_000);
    expect(requestStatus(reference)).toBe('nouvelle');
    // Not due yet: a run 30 s later does not try again.
    expect(await sendDueMail(mailer(), createMailTransport(smtp.url), new Date(now.getTime() + 30_000))).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
  });
});

describe('back-off', () => {
  it('retries after 1 min, 5 min, 30 min, 2 h and 12 h, then marks the mail failed; logs hold codes, never the mail', async () => {
    const reference = await submit({ message: 'contenu-qui-ne-doit-pas-sortir' });
    const refusing: MailTransport = {
      sendMail: async (m) => {
        throw Object.assign(new Error(`550 refused ${m.to}: ${m.text}`), { code: 'EENVELOPE', responseCode: 550 });
      },
    };
    const lines = t.lines.length;
    let now = new Date();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
      await sendDueMail(mailer(), refusing, now);
      const row = outboxRow(reference);
      expect(row.attempts).toBe(attempt);
      if (attempt < MAX_MAIL_ATTEMPTS) {
        expect(row.status).toBe('pending');
        const next = new Date(row.next_attempt_at);
        waits.push(next.getTime() - now.getTime());
        now = next;
      } else {
        expect(row.status).toBe('failed');
      }
    }
    expect(waits).toEqual([...RETRY_DELAYS_MS]);
    expect(waits.map((ms) => ms / 60_000)).toEqual([1, 5, 30, 120, 720]);
    const logged = t.lines.slice(lines).join('\n');
    expect(logged).toContain('EENVELOPE 550');
    expect(logged).not.toContain('contenu-qui-ne-doit-pas-sortir');
    expect(logged).not.toContain(TEAM_EMAIL);
    expect(logged).not.toContain('06 12 34 56 78');
  });
});

describe('the outbox for curators', () => {
  it('lists failed mails without their body, and a retry sends them at the next run', async () => {
    const reference = await submit({ message: 'corps-du-courriel' });
    const id = outboxRow(reference).id;
    t.db.prepare(`UPDATE outbox SET status = 'failed', attempts = 6, last_error = 'ECONNECTION' WHERE id = ?`).run(id);
    const curator = await signedInAs(t, 'curateur');

    const list = await asUser(t, curator, '/api/admin/outbox?status=failed');
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain('corps-du-courriel');
    const body = JSON.parse(text) as {
      counts: { failed: number };
      items: { id: number; status: string; last_error: string; body?: string }[];
    };
    expect(body.counts.failed).toBe(1);
    expect(body.items).toEqual([expect.objectContaining({ id, status: 'failed', last_error: 'ECONNECTION' })]);
    expect(body.items[0]?.body).toBeUndefined();

    const retry = await asUser(t, curator, `/api/admin/outbox/${id}/retry`, { method: 'POST' });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ id, status: 'pending' });
    await sendDueMail(mailer(), createMailTransport(smtp.url), new Date(Date.now() + 1000));
    expect(outboxRow(reference).status).toBe('sent');
    expect(smtp.delivered).toHaveLength(1);

    expect((await asUser(t, curator, `/api/admin/outbox/${id}/retry`, { method: 'POST' })).status).toBe(409);
    expect((await asUser(t, curator, '/api/admin/outbox/999999/retry', { method: 'POST' })).status).toBe(404);
  });

  it('without SMTP, the worker sends nothing and says so in one log line', () => {
    const lines: string[] = [];
    const stop = startOutboxWorker({ db: t.db, log: createLogger('info', (l) => lines.push(l)), smtpUrl: undefined });
    stop();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PARE_SMTP_URL');
  });

  it('with SMTP, the start-up line names the host, never the password', () => {
    const lines: string[] = [];
    const stop = startOutboxWorker(
      { db: t.db, log: createLogger('info', (l) => lines.push(l)), smtpUrl: 'smtp://pare:motdepasse@127.0.0.1:1' },
      { intervalMs: 60_000 },
    );
    stop();
    expect(lines[0]).toContain('smtp://127.0.0.1:1');
    expect(lines.join('\n')).not.toContain('motdepasse');
  });
});
