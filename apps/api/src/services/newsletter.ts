/**
 * Subscriptions to the quarterly letter: double opt-in (a confirmation link mailed, expiring
 * after CONFIRM_LINK_DAYS), one-click unsubscribe, the purge of unconfirmed addresses, and the
 * curators' list, export and deletion. Tokens are made as the answer links' are (256 bits,
 * base64url, only the SHA-256 kept: secure-links.ts); a wrong or expired token gets one 404.
 */
import { type Db, type NewsletterSubscriber, newsletterRepository, outboxRepository } from '@pare/db';
import { getDepartement } from '@pare/geo';
import type { NewsletterSubscribeInput, NewsletterSubscriberView } from '@pare/schema';
import { stringify } from 'csv-stringify/sync';
import { ApiError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { reposOf } from './index.ts';
import { siteBase } from './newsletter-letter.ts';
import { hashToken, newToken, UNKNOWN_LINK_MESSAGE } from './secure-links.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A confirmation link works this long; an address never confirmed is deleted after as long. */
export const CONFIRM_LINK_DAYS = 7;
/** A second subscription of the same address within this delay sends no second mail (no mailbox flooding). */
export const RESEND_DELAY_MS = 5 * 60 * 1000;

export const NEWSLETTER_CONFIRMATION_KIND = 'newsletter-confirmation';
export const NEWSLETTER_KIND = 'newsletter';
export const NEWSLETTER_TEST_KIND = 'newsletter-test';

/** What the outbox's mails to a subscriber are about: deleting the subscriber deletes them. */
export const subscriberRef = (id: number) => `newsletter_subscriber:${id}`;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The one answer to a subscription, whatever the address's state: nobody learns who is subscribed. */
export const SUBSCRIBE_MESSAGE =
  'Merci. Si cette adresse peut recevoir la lettre, un courriel vient de lui être envoyé : ouvrez le lien qu’il contient dans les 7 jours pour confirmer votre abonnement.';
export const UNSUBSCRIBED_MESSAGE = 'Vous ne recevrez plus la lettre du réseau PARÉ. Votre adresse a été effacée.';

export type NewsletterDeps = { db: Db; log: Logger; config: { publicUrl?: string | undefined; localOrigin?: string | undefined } };

const departementNames = (codes: string[]) => codes.map((c) => `${getDepartement(c)?.name ?? c} (${c})`).join(', ');

function confirmationMail(link: string, departements: string[], alreadyConfirmed: boolean): { subject: string; body: string } {
  const editions = departements.length
    ? `la lettre nationale et les éditions de : ${departementNames(departements)}`
    : 'la lettre nationale';
  return {
    subject: 'Confirmez votre abonnement à la lettre du réseau PARÉ',
    body: [
      'Bonjour,',
      '',
      alreadyConfirmed
        ? `Cette adresse est déjà abonnée à la lettre du réseau PARÉ. Pour recevoir désormais ${editions}, ouvrez ce lien dans les ${CONFIRM_LINK_DAYS} jours :`
        : `Pour recevoir ${editions} (quatre fois par an), confirmez votre adresse en ouvrant ce lien dans les ${CONFIRM_LINK_DAYS} jours :`,
      '',
      link,
      '',
      alreadyConfirmed
        ? 'Si vous n’avez rien demandé, ignorez ce courriel : votre abonnement reste tel qu’il était.'
        : `Si vous n’avez rien demandé, ignorez ce courriel : sans confirmation, votre adresse est effacée sous ${CONFIRM_LINK_DAYS} jours.`,
      '',
      'L’équipe PARÉ',
    ].join('\n'),
  };
}

/**
 * A subscription request. A new address is kept as unconfirmed with its choice; a known one gets
 * a fresh link (the choice it carries applies once confirmed). The same answer in every case,
 * and no mail at all for a filled honeypot or a repeat within RESEND_DELAY_MS.
 */
export function subscribe(deps: NewsletterDeps, input: NewsletterSubscribeInput, now = new Date()): { message: string } {
  if (input.website && input.website.trim() !== '') {
    deps.log.info('newsletter subscription ignored', { reason: 'honeypot' });
    return { message: SUBSCRIBE_MESSAGE };
  }
  const repo = reposOf(deps).newsletter;
  const outbox = reposOf(deps).outbox;
  const email = input.email.trim();
  deps.db.transaction(() => {
    const existing = repo.findSubscriberByEmail(email);
    if (existing?.confirmSentAt && now.getTime() - new Date(existing.confirmSentAt).getTime() < RESEND_DELAY_MS) return;
    const { token, hash } = newToken();
    const expiresAt = new Date(now.getTime() + CONFIRM_LINK_DAYS * DAY_MS);
    const id = existing?.id ?? repo.createPendingSubscriber({ email, departements: input.departements, tokenHash: hash, expiresAt, now });
    if (existing) repo.renewConfirmation(existing.id, { departements: input.departements, tokenHash: hash, expiresAt, now });
    const mail = confirmationMail(
      `${siteBase(deps.config.publicUrl ?? deps.config.localOrigin)}/lettre/confirmer/${token}`,
      input.departements,
      existing?.status === 'confirmed',
    );
    outbox.enqueueMail({ kind: NEWSLETTER_CONFIRMATION_KIND, recipient: email, ...mail, subjectRef: subscriberRef(id) });
  })();
  return { message: SUBSCRIBE_MESSAGE };
}

/** The confirmation link: the subscription (and the départements it carried) holds from now on. */
export function confirmSubscription(deps: Pick<NewsletterDeps, 'db'>, token: string, now = new Date()) {
  const confirmed = TOKEN_PATTERN.test(token) ? reposOf(deps).newsletter.confirmByTokenHash(hashToken(token), now) : undefined;
  if (!confirmed) throw new ApiError('not_found', UNKNOWN_LINK_MESSAGE);
  return {
    message: confirmed.departements.length
      ? `Votre abonnement est confirmé : vous recevrez la lettre nationale et les éditions de ${departementNames(confirmed.departements)}.`
      : 'Votre abonnement est confirmé : vous recevrez la lettre nationale du réseau PARÉ.',
    departements: confirmed.departements,
  };
}

/**
 * One-click unsubscribe (the letter's link and its List-Unsubscribe-Post header): the address is
 * deleted, with its mails still waiting in the outbox. A well-formed token always gets the same
 * answer, so a second click (or a mail provider's second POST) is not an error.
 */
export function unsubscribe(deps: Pick<NewsletterDeps, 'db' | 'log'>, token: string): { message: string } {
  if (!TOKEN_PATTERN.test(token)) throw new ApiError('not_found', UNKNOWN_LINK_MESSAGE);
  const repo = reposOf(deps).newsletter;
  const subscriberId = repo.subscriberOfUnsubscribeHash(hashToken(token));
  if (subscriberId !== undefined) {
    deleteSubscriberAndMail(deps.db, subscriberId);
    deps.log.info('newsletter unsubscribed', { subscriberId });
  }
  return { message: UNSUBSCRIBED_MESSAGE };
}

function deleteSubscriberAndMail(db: Db, id: number): boolean {
  return db.transaction(() => {
    outboxRepository(db).deleteByRef(subscriberRef(id));
    return newsletterRepository(db).deleteSubscriber(id);
  })();
}

/** The nightly purge: unconfirmed addresses older than CONFIRM_LINK_DAYS go, with their mails. */
export function purgeUnconfirmedSubscribers(db: Db, now: Date): { deleted: number; expiredChanges: number } {
  const before = new Date(now.getTime() - CONFIRM_LINK_DAYS * DAY_MS);
  return db.transaction(() => {
    const outbox = outboxRepository(db);
    for (const id of db
      .prepare(`SELECT id FROM newsletter_subscribers WHERE status = 'pending' AND coalesce(confirm_sent_at, created_at) <= ?`)
      .pluck()
      .all(before.toISOString()) as number[])
      outbox.deleteByRef(subscriberRef(id));
    return newsletterRepository(db).purgeUnconfirmed(before, now);
  })();
}

// ——— Curators: list, export, delete ———

const toView = (s: NewsletterSubscriber): NewsletterSubscriberView => ({
  id: s.id,
  email: s.email,
  departements: s.departements,
  status: s.status,
  created_at: s.createdAt,
  confirmed_at: s.confirmedAt,
});

export function listSubscribers(db: Db) {
  const items = newsletterRepository(db).listSubscribers().map(toView);
  return {
    counts: {
      confirmed: items.filter((s) => s.status === 'confirmed').length,
      pending: items.filter((s) => s.status === 'pending').length,
    },
    items,
  };
}

/** The subscribers as CSV (UTF-8 with BOM, `;`-separated for French spreadsheets, formulas neutralised). */
export function subscribersCsv(db: Db): string {
  const rows = newsletterRepository(db)
    .listSubscribers()
    .map((s) => [
      s.email,
      s.status === 'confirmed' ? 'confirme' : 'en-attente',
      s.departements.join('|'),
      s.createdAt,
      s.confirmedAt ?? '',
    ]);
  return stringify([['email', 'statut', 'departements', 'inscrit_le', 'confirme_le'], ...rows], {
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    escape_formulas: true,
  });
}

export function deleteSubscriber(deps: Pick<NewsletterDeps, 'db' | 'log'>, id: number): void {
  if (!deleteSubscriberAndMail(deps.db, id)) throw new ApiError('not_found', 'Abonné inconnu.');
  deps.log.info('newsletter subscriber deleted', { subscriberId: id });
}
