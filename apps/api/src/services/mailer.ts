/**
 * The outbox worker: sends due mails over SMTP (nodemailer), retries with back-off, gives up after
 * the last delay (status `failed`, visible to curators, who can retry). Started by server.ts only.
 */
import { contactRequestIdOfRef, type Db, outboxAdministration, pick } from '@pare/db';
import type { OutboxList } from '@pare/schema';
import { createTransport } from 'nodemailer';
import { ApiError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { reposOf } from './index.ts';
import { runEvery } from './run-every.ts';

/** The kind of the mail that carries a new request to its recipient. */
export const CONTACT_REQUEST_MAIL_KIND = 'contact-request';

/** A sent mail's stored body without the tokens of its links (`/reponse/<token>` → `/reponse/[lien retiré après envoi]`). */
export function redactLinks(body: string): string {
  return body.replace(
    /\/(reponse|mise-a-jour|mot-de-passe|lettre\/confirmer|lettre\/desinscription|api\/newsletter\/subscriptions\/unsubscribe)\/[A-Za-z0-9_-]+/g,
    '/$1/[lien retiré après envoi]',
  );
}

/** Waits after the 1st, 2nd… failure: 1 min, 5 min, 30 min, 2 h, 12 h; the next failure gives up. */
export const RETRY_DELAYS_MS: readonly number[] = [1, 5, 30, 120, 720].map((minutes) => minutes * 60_000);
/** Tries in all before a mail is marked failed. */
export const MAX_MAIL_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const DEFAULT_MAIL_FROM = 'PARÉ <no-reply@pare.invalid>';
/** How often the worker looks for due mails. */
export const MAIL_WORKER_INTERVAL_MS = 30_000;

/** The part of a nodemailer transport the worker uses (tests pass their own). */
export type MailTransport = {
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
};

export type MailerDeps = { db: Db; log: Logger; mailFrom?: string | undefined };

/** When to try again after a failure, given the attempts made before it; null: give up. */
export function nextAttemptAfterFailure(attemptsBefore: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attemptsBefore];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}

/** A short code for the log (never the SMTP server's text, which may quote an address). */
function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; responseCode?: unknown; name?: unknown };
    const parts = [e.code, e.responseCode].filter((p) => typeof p === 'string' || typeof p === 'number');
    if (parts.length > 0) return parts.join(' ');
    if (typeof e.name === 'string') return e.name;
  }
  return 'unknown';
}

/** What curators read in the outbox: the error's code and message (an SMTP reply, never the mail body). */
function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = errorCode(err);
  return code !== 'unknown' && !message.includes(code) ? `${code}: ${message}` : message;
}

export type SendReport = { sent: number; retrying: number; failed: number };

/**
 * Sends every mail due at `now` (at most `limit`), one after the other. A sent mail about a contact
 * request moves the request from `nouvelle` to `transmise`; a failure schedules the next try, or
 * marks the mail `failed` after MAX_MAIL_ATTEMPTS. Logs ids, kinds and error codes only.
 */
export async function sendDueMail(
  deps: MailerDeps,
  transport: MailTransport,
  now = new Date(),
  limit = 50,
  /** Asked before each mail: once true, the mail being sent is finished and no other is begun. */
  stopping: () => boolean = () => false,
): Promise<SendReport> {
  const outbox = reposOf(deps).outbox;
  const requests = reposOf(deps).contactRequests;
  const report: SendReport = { sent: 0, retrying: 0, failed: 0 };
  for (const mail of outbox.listDue(now, limit)) {
    if (stopping()) break;
    try {
      await transport.sendMail({
        from: deps.mailFrom ?? DEFAULT_MAIL_FROM,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.body,
        ...(mail.html ? { html: mail.html } : {}),
        // Tells auto-responders not to answer a robot (RFC 3834); the newsletter adds List-Unsubscribe.
        headers: { 'Auto-Submitted': 'auto-generated', ...mail.headers },
      });
    } catch (err) {
      const next = nextAttemptAfterFailure(mail.attempts, now);
      outbox.markFailed(mail.id, errorText(err), next);
      if (next) report.retrying++;
      else report.failed++;
      deps.log.error('mail not sent', {
        outboxId: mail.id,
        kind: mail.kind,
        attempt: mail.attempts + 1,
        error: errorCode(err),
        nextAttemptAt: next?.toISOString() ?? null,
      });
      continue;
    }
    deps.db.transaction(() => {
      // The stored copy loses its answer or update link once the mail is out: the token then
      // exists only in the recipient's mailbox (the database keeps its SHA-256 alone).
      outbox.markSent(mail.id, now, redactLinks(mail.body), mail.html ? redactLinks(mail.html) : undefined);
      const requestId = contactRequestIdOfRef(mail.subjectRef);
      // The request's own mail (not a reminder nor a mail to the person) means its recipient has it.
      if (requestId !== null && mail.kind === CONTACT_REQUEST_MAIL_KIND) requests.markTransmittedByMail(requestId, now);
    })();
    report.sent++;
    deps.log.info('mail sent', { outboxId: mail.id, kind: mail.kind });
  }
  return report;
}

/** A nodemailer SMTP transport for `smtp://host:587` or `smtps://user:password@host:465`, with short timeouts. */
export function createMailTransport(smtpUrl: string): MailTransport {
  return createTransport({
    url: smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // nodemailer would log whole SMTP sessions (addresses, bodies) if asked: never.
    logger: false,
    debug: false,
  });
}

/** The host of an SMTP URL, for the start-up log line (never its user or password). */
function smtpHost(smtpUrl: string): string {
  try {
    const u = new URL(smtpUrl);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return '(adresse SMTP illisible)';
  }
}

/**
 * Runs `sendDueMail` now and then every `intervalMs`, one run at a time. Without an SMTP URL nothing
 * is sent: mails wait in the outbox, and one log line says so. Returns a function that stops it:
 * no new run, no new mail; it resolves once the mail being sent (if any) is sent and recorded,
 * so a graceful stop neither cuts an SMTP session nor sends a mail twice.
 */
export function startOutboxWorker(
  deps: MailerDeps & { smtpUrl?: string | undefined },
  options: {
    intervalMs?: number;
    transport?: MailTransport;
    /** Asked before each mail (with several processes: does this one still hold the lease?). */
    mayGoOn?: () => boolean;
  } = {},
): () => Promise<void> {
  if (!deps.smtpUrl && !options.transport) {
    deps.log.info('mail: no SMTP relay configured (PARE_SMTP_URL): mails wait in the outbox, visible to curators at /api/admin/outbox');
    return async () => {};
  }
  const transport = options.transport ?? createMailTransport(deps.smtpUrl as string);
  deps.log.info('mail: outbox worker started', { smtp: deps.smtpUrl ? smtpHost(deps.smtpUrl) : 'custom transport' });
  let current: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (current || stopped) return;
    const mayGoOn = options.mayGoOn ?? (() => true);
    current = sendDueMail(deps, transport, new Date(), 50, () => stopped || !mayGoOn())
      .then(
        () => undefined,
        (err: unknown) => deps.log.error('mail worker failed', { error: err instanceof Error ? err.name : 'unknown' }),
      )
      .finally(() => {
        current = undefined;
      });
  };
  const stopTimer = runEvery(tick, options.intervalMs ?? MAIL_WORKER_INTERVAL_MS);
  return async () => {
    stopped = true;
    stopTimer();
    await current;
  };
}

// ——— What curators see and do (GET /api/admin/outbox, POST /api/admin/outbox/:id/retry) ———

/** The latest mails and the count per status, without their bodies (personal data stays in the mail). */
export function listOutbox(
  deps: { db: Db; smtpConfigured?: boolean | undefined },
  q: { status?: 'pending' | 'sent' | 'failed' | undefined; limit?: number | undefined },
): OutboxList {
  const outbox = reposOf(deps).outbox;
  const items = outbox.list({ status: q.status, limit: q.limit ?? 100 }).map((m) => ({
    ...pick(m, 'id', 'kind', 'recipient', 'subject', 'status', 'attempts'),
    last_error: m.lastError,
    next_attempt_at: m.nextAttemptAt,
    sent_at: m.sentAt,
    subject_ref: m.subjectRef,
    created_at: m.createdAt,
  }));
  return { smtp_configured: deps.smtpConfigured ?? null, counts: outbox.countByStatus(), items };
}

/** Puts a failed or waiting mail first in the queue; a sent one cannot be sent again (409). */
export function retryOutboxMail(db: Db, id: number, now = new Date()): { id: number; status: 'pending'; next_attempt_at: string } {
  const admin = outboxAdministration(db);
  const found = admin.findOutboxMessage(id);
  if (!found) throw new ApiError('not_found', 'Ce courriel n’est pas (ou plus) dans la file d’envoi.');
  if (found.status === 'sent') throw new ApiError('conflict', 'Ce courriel est déjà parti.');
  admin.retryOutboxMessageNow(id, now);
  return { id, status: 'pending', next_attempt_at: now.toISOString() };
}
