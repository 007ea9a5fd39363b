/**
 * Sending the letter, with a real SMTP server: a send killed in the middle and resumed mails
 * nobody twice and everybody once; hostile Markdown in the introduction (and in an item's title)
 * arrives harmless; « m'envoyer un test » reaches the curator alone.
 */
import { actorRepository, newsletterRepository } from '@pare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../apps/api/src/lib/logger.ts';
import { runJobs } from '../../apps/api/src/services/jobs.ts';
import { sendIssue } from '../../apps/api/src/services/newsletter-issues.ts';
import { asUser, type Signed, signedInAs } from '../helpers/accounts.ts';
import { smtpServerForFile } from '../helpers/smtp.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { orientationApp } from '../orientation/helpers.ts';
import { addNews, confirmedSubscriber, flush, isoDay, mailsTo, PUBLIC_URL } from './helpers.ts';

const smtp = smtpServerForFile();
let t: TestApp;
let curator: Signed;
const deps = () => ({ db: t.db, log: createLogger('silent'), config: { publicUrl: PUBLIC_URL } });

beforeAll(async () => {
  t = createTestApp(orientationApp({ publicUrl: PUBLIC_URL }));
  curator = await signedInAs(t, 'curateur');
  addNews(t, 'hostile', 2, [], 'Titre <img src=x onerror=alert(1)> & « guillemets »');
});
afterAll(() => t.close());

async function draft(title: string, introMd = 'Bonjour.') {
  const res = await asUser(t, curator, '/api/admin/newsletter/issues', {
    method: 'POST',
    body: { title, period_from: isoDay(-10), period_to: isoDay(10) },
  });
  expect(res.status).toBe(201);
  const issue = await res.json();
  await asUser(t, curator, `/api/admin/newsletter/issues/${issue.id}`, { method: 'PATCH', body: { intro_md: introMd } });
  return issue.id as number;
}

describe('a send cut in the middle', () => {
  it('resumes where it stopped, and every subscriber gets the letter exactly once', async () => {
    const addresses = Array.from({ length: 7 }, (_, i) => `abonne-${i}@example.test`);
    for (const a of addresses) confirmedSubscriber(t, a);
    const id = await draft('Lettre interrompue');

    // The process dies while queuing the 5th mail: batches of 2, so the first two batches (4 mails) were committed.
    await expect(
      sendIssue(deps(), id, {
        batchSize: 2,
        afterQueued: (n) => {
          if (n === 5) throw new Error('process killed');
        },
      }),
    ).rejects.toThrow('process killed');
    const repo = newsletterRepository(t.db);
    expect(repo.findIssue(id)?.status).toBe('sending');
    expect(repo.deliveryCounts(id)).toEqual({ queued: 4, pending: 3 });
    expect(t.db.prepare(`SELECT count(*) FROM outbox WHERE kind = 'newsletter'`).pluck().get()).toBe(4);

    // Meanwhile the outbox worker sends what was queued.
    await flush(t, smtp.url);
    expect(smtp.delivered.filter((d) => d.to[0]?.startsWith('abonne-'))).toHaveLength(4);

    // The periodic jobs take the send up (as after a restart), synchronously like `pnpm pare jobs:run`.
    const reports = runJobs(
      { db: t.db, actors: actorRepository(t.db), log: createLogger('silent'), config: { publicUrl: PUBLIC_URL } },
      new Date(),
      {
        force: true,
      },
    );
    expect(reports.find((r) => r.name === 'newsletter')?.result).toMatchObject({ resumedSends: 1 });
    expect(repo.findIssue(id)?.status).toBe('sent');
    expect(repo.deliveryCounts(id)).toEqual({ queued: 7, pending: 0 });
    await flush(t, smtp.url);

    const perAddress = new Map<string, number>();
    const letters = smtp.delivered.filter((d) => d.raw.includes('Lettre interrompue'));
    for (const d of letters) for (const to of d.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect([...perAddress.keys()].sort()).toEqual([...addresses].sort());
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);

    // Sending it again is refused: a sent letter does not go twice.
    const again = await asUser(t, curator, `/api/admin/newsletter/issues/${id}/send`, { method: 'POST' });
    expect(again.status).toBe(409);
  });

  it('sends nothing without the site’s public address (the unsubscribe links would not work); the issue stays a draft', async () => {
    const id = await draft('Lettre sans adresse publique');
    await expect(sendIssue({ ...deps(), config: {} }, id)).rejects.toMatchObject({ code: 'conflict' });
    expect(newsletterRepository(t.db).findIssue(id)?.status).toBe('draft');
    expect(newsletterRepository(t.db).deliveryCounts(id)).toEqual({ queued: 0, pending: 0 });
  });

  it('cannot make two deliveries of one issue to one subscriber (unique in the database)', () => {
    const existing = t.db.prepare('SELECT issue_id, subscriber_id FROM newsletter_deliveries LIMIT 1').get() as {
      issue_id: number;
      subscriber_id: number;
    };
    expect(() =>
      t.db
        .prepare('INSERT INTO newsletter_deliveries (issue_id, subscriber_id) VALUES (?, ?)')
        .run(existing.issue_id, existing.subscriber_id),
    ).toThrow(/UNIQUE/);
  });
});

describe('hostile Markdown', () => {
  it('arrives harmless in the letter: no script, no javascript: link, no event attribute, no raw HTML', async () => {
    const id = await draft(
      'Lettre piégée',
      [
        '<script>alert("intro")</script>',
        '[cliquez](javascript:alert(1)) et [ici](JaVaScRiPt:alert(2))',
        '<img src="https://traceur.example/pixel.gif" onerror="alert(3)">',
        '<a href="https://example.org" onclick="alert(4)">lien</a>',
        '<iframe src="https://example.org"></iframe>',
        '[un vrai lien](https://www.interieur.gouv.fr/)',
      ].join('\n\n'),
    );
    const test = await asUser(t, curator, `/api/admin/newsletter/issues/${id}/test`, { method: 'POST' });
    expect(test.status).toBe(202);
    expect((await test.json()).recipient).toBe(curator.email);
    await flush(t, smtp.url);
    // The test reaches the curator alone.
    expect(smtp.delivered.flatMap((d) => d.to)).toEqual([curator.email]);
    const [letter] = mailsTo(smtp.delivered, curator.email);
    const html = letter?.html ?? '';
    expect(letter?.subject).toMatch(/^\[Test\] Lettre piégée/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/javascript:/i);
    // No attribute named on…= inside any tag.
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(html).toContain('href="https://www.interieur.gouv.fr/"');
    // The hostile title shows as text.
    expect(html).toContain('Titre &lt;img src=x onerror=alert(1)&gt; &amp; « guillemets »');
    expect(letter?.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(letter?.text).toContain('Titre <img src=x onerror=alert(1)> & « guillemets »');
  });

  it('previews the same letter for the browser', async () => {
    const id = await draft('Aperçu', '<script>alert(1)</script>\n\nDu **gras**.');
    const res = await asUser(t, curator, `/api/admin/newsletter/issues/${id}/preview`);
    expect(res.status).toBe(200);
    const preview = await res.json();
    expect(preview.subject).toContain('Aperçu');
    expect(preview.html).toContain('<strong>gras</strong>');
    expect(preview.html).not.toMatch(/<script/i);
    expect(preview.text).toContain('gras');
  });
});
