/** The letter's tests: a real app and SMTP server, TEST DATA for a period, and a reader of multipart mails. */
import { newsletterRepository } from '@pare/db';
import { createLogger } from '../../apps/api/src/lib/logger.ts';
import { createMailTransport, sendDueMail } from '../../apps/api/src/services/mailer.ts';
import { hashToken, newToken } from '../../apps/api/src/services/secure-links.ts';
import { type Delivered, decodeWords, readMail } from '../helpers/smtp.ts';
import type { TestApp } from '../helpers/test-app.ts';

export const PUBLIC_URL = 'https://pare.example.test';

const DAY = 86_400_000;
export const isoDay = (offsetDays: number, from = new Date()) => new Date(from.getTime() + offsetDays * DAY).toISOString().slice(0, 10);

/** Sends every mail due now through the real SMTP server. */
export const flush = (t: TestApp, smtpUrl: string, now = new Date()) =>
  sendDueMail({ db: t.db, log: createLogger('silent'), mailFrom: 'PARÉ <no-reply@example.test>' }, createMailTransport(smtpUrl), now);

export type ReadMail = { headers: Record<string, string>; subject: string; text: string; html: string | null };

/** A mail as a reader sees it: its headers, and its plain-text and HTML parts (multipart/alternative or single). */
export function readLetter(raw: string): ReadMail {
  const top = readMail(raw);
  const subject = decodeWords(top.headers.subject ?? '');
  const boundary = /boundary="?([^";]+)"?/i.exec(top.headers['content-type'] ?? '')?.[1];
  if (!boundary) return { headers: top.headers, subject, text: top.text, html: null };
  const split = raw.indexOf('\r\n\r\n');
  const parts = raw
    .slice(split + 4)
    .split(`--${boundary}`)
    .slice(1)
    .filter((p) => !p.startsWith('--'))
    .map((p) => readMail(p.replace(/^\r\n/, '')));
  const part = (type: string) => parts.find((p) => (p.headers['content-type'] ?? '').startsWith(type))?.text ?? null;
  return { headers: top.headers, subject, text: part('text/plain') ?? '', html: part('text/html') };
}

export const mailsTo = (delivered: Delivered[], address: string) =>
  delivered.filter((d) => d.to.includes(address)).map((d) => readLetter(d.raw));

/** TEST DATA: a confirmed subscriber, made straight in the database (the journey test subscribes through the API). */
export function confirmedSubscriber(t: TestApp, email: string, departements: string[] = []): number {
  const repo = newsletterRepository(t.db);
  const { token, hash } = newToken();
  const now = new Date();
  const id = repo.createPendingSubscriber({ email, departements, tokenHash: hash, expiresAt: new Date(now.getTime() + DAY), now });
  repo.confirmByTokenHash(hashToken(token), now);
  return id;
}

/** TEST DATA: a published event (national unless départements are given), starting `inDays` from now. */
export function addEvent(t: TestApp, slug: string, inDays: number, departements: string[] = [], title = `Événement de test ${slug}`) {
  const starts = new Date(Date.now() + inDays * DAY);
  return Number(
    t.db
      .prepare(
        `INSERT INTO events (slug, title, summary, kind, starts_at, ends_at, online_url, departements, status, published_at)
         VALUES (?, ?, 'Résumé fictif pour les tests de la lettre.', 'webinaire', ?, ?, 'https://visio.example.test/salle', ?, 'publie', ?)`,
      )
      .run(
        slug,
        title,
        starts.toISOString(),
        new Date(starts.getTime() + 3_600_000).toISOString(),
        JSON.stringify(departements),
        new Date().toISOString(),
      ).lastInsertRowid,
  );
}

/** TEST DATA: a news item published `daysAgo` days ago. */
export function addNews(t: TestApp, slug: string, daysAgo: number, departements: string[] = [], title = `Actualité de test ${slug}`) {
  return Number(
    t.db
      .prepare(
        `INSERT INTO news (slug, title, summary, body_md, body_html, departements, status, published_at)
         VALUES (?, ?, 'Résumé fictif pour les tests de la lettre.', 'Texte.', '<p>Texte.</p>', ?, 'publie', ?)`,
      )
      .run(slug, title, JSON.stringify(departements), new Date(Date.now() - daysAgo * DAY).toISOString()).lastInsertRowid,
  );
}
