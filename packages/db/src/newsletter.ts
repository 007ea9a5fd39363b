/**
 * The quarterly newsletter: subscribers (double opt-in, only the SHA-256 of their links kept),
 * issues composed from a period, and one delivery per subscriber and issue. Tokens never reach
 * this module: only their hashes.
 */
import type { Db } from './database.ts';
import { statementCache } from './database.ts';

export type NewsletterSubscriber = {
  id: number;
  email: string;
  departements: string[];
  status: 'pending' | 'confirmed';
  createdAt: string;
  confirmedAt: string | null;
  confirmSentAt: string | null;
};

type SubscriberRow = {
  id: number;
  email: string;
  departements: string;
  status: 'pending' | 'confirmed';
  confirm_token_hash: string | null;
  confirm_expires_at: string | null;
  pending_departements: string | null;
  confirm_sent_at: string | null;
  created_at: string;
  confirmed_at: string | null;
};

const toSubscriber = (r: SubscriberRow): NewsletterSubscriber => ({
  id: r.id,
  email: r.email,
  departements: JSON.parse(r.departements) as string[],
  status: r.status,
  createdAt: r.created_at,
  confirmedAt: r.confirmed_at,
  confirmSentAt: r.confirm_sent_at,
});

/** One item of a letter, as the letter shows it (kept with the issue, so a sent letter does not change). */
export type NewsletterItem = {
  kind: 'event' | 'news' | 'resource';
  id: number;
  title: string;
  summary: string;
  /** The site's path of the item (`/agenda/…`, `/actualites/…`, `/ressources/…`). */
  path: string;
  /** A short French line under the title: the event's date and place, the news' date, the resource's type. */
  meta: string;
};

export type NewsletterIssueStatus = 'draft' | 'sending' | 'sent';

export type NewsletterIssue = {
  id: number;
  title: string;
  periodFrom: string;
  periodTo: string;
  departement: string | null;
  introMd: string;
  items: NewsletterItem[];
  status: NewsletterIssueStatus;
  queuedCount: number;
  createdAt: string;
  updatedAt: string;
  sendStartedAt: string | null;
  sentAt: string | null;
};

type IssueRow = {
  id: number;
  title: string;
  period_from: string;
  period_to: string;
  departement: string | null;
  intro_md: string;
  items: string;
  status: NewsletterIssueStatus;
  queued_count: number;
  created_at: string;
  updated_at: string;
  send_started_at: string | null;
  sent_at: string | null;
};

const toIssue = (r: IssueRow): NewsletterIssue => ({
  id: r.id,
  title: r.title,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  departement: r.departement,
  introMd: r.intro_md,
  items: JSON.parse(r.items) as NewsletterItem[],
  status: r.status,
  queuedCount: r.queued_count,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  sendStartedAt: r.send_started_at,
  sentAt: r.sent_at,
});

export type PendingDelivery = { id: number; subscriberId: number; email: string };

export function newsletterRepository(db: Db) {
  const stmt = statementCache(db);
  return {
    // --- Subscribers ------------------------------------------------------------------------
    findSubscriberByEmail(email: string): NewsletterSubscriber | undefined {
      const row = stmt('SELECT * FROM newsletter_subscribers WHERE email = ?').get(email) as SubscriberRow | undefined;
      return row && toSubscriber(row);
    },
    findSubscriber(id: number): NewsletterSubscriber | undefined {
      const row = stmt('SELECT * FROM newsletter_subscribers WHERE id = ?').get(id) as SubscriberRow | undefined;
      return row && toSubscriber(row);
    },
    /** A new address, waiting for its confirmation. */
    createPendingSubscriber(s: { email: string; departements: string[]; tokenHash: string; expiresAt: Date; now: Date }): number {
      return Number(
        stmt(
          `INSERT INTO newsletter_subscribers (email, departements, status, confirm_token_hash, confirm_expires_at, pending_departements, confirm_sent_at, created_at)
           VALUES (?, '[]', 'pending', ?, ?, ?, ?, ?)`,
        ).run(s.email, s.tokenHash, s.expiresAt.toISOString(), JSON.stringify(s.departements), s.now.toISOString(), s.now.toISOString())
          .lastInsertRowid,
      );
    },
    /** A fresh confirmation link for a known address (pending, or confirmed and changing its départements). */
    renewConfirmation(id: number, c: { departements: string[]; tokenHash: string; expiresAt: Date; now: Date }) {
      stmt(
        `UPDATE newsletter_subscribers SET confirm_token_hash = ?, confirm_expires_at = ?, pending_departements = ?, confirm_sent_at = ? WHERE id = ?`,
      ).run(c.tokenHash, c.expiresAt.toISOString(), JSON.stringify(c.departements), c.now.toISOString(), id);
    },
    /** Confirms the subscription behind a link's hash (and the départements it carried); undefined when unknown or expired. */
    confirmByTokenHash(tokenHash: string, now: Date): NewsletterSubscriber | undefined {
      const row = stmt('SELECT * FROM newsletter_subscribers WHERE confirm_token_hash = ?').get(tokenHash) as SubscriberRow | undefined;
      if (!row?.confirm_expires_at || row.confirm_expires_at <= now.toISOString()) return undefined;
      stmt(
        `UPDATE newsletter_subscribers SET status = 'confirmed', confirmed_at = coalesce(confirmed_at, ?),
           departements = coalesce(pending_departements, departements), pending_departements = NULL,
           confirm_token_hash = NULL, confirm_expires_at = NULL WHERE id = ?`,
      ).run(now.toISOString(), row.id);
      return this.findSubscriber(row.id);
    },
    deleteSubscriber(id: number): boolean {
      return stmt('DELETE FROM newsletter_subscribers WHERE id = ?').run(id).changes > 0;
    },
    listSubscribers(): NewsletterSubscriber[] {
      return (stmt('SELECT * FROM newsletter_subscribers ORDER BY created_at DESC, id DESC').all() as SubscriberRow[]).map(toSubscriber);
    },
    /**
     * Unconfirmed subscriptions whose last confirmation link was sent before `before` are deleted; confirmed ones only lose an
     * expired confirmation link (a change of départements never confirmed).
     */
    purgeUnconfirmed(before: Date, now: Date): { deleted: number; expiredChanges: number } {
      const deleted = stmt(
        `DELETE FROM newsletter_subscribers WHERE status = 'pending' AND coalesce(confirm_sent_at, created_at) <= ?`,
      ).run(before.toISOString()).changes;
      const expiredChanges = stmt(
        `UPDATE newsletter_subscribers SET confirm_token_hash = NULL, confirm_expires_at = NULL, pending_departements = NULL
         WHERE status = 'confirmed' AND confirm_expires_at IS NOT NULL AND confirm_expires_at <= ?`,
      ).run(now.toISOString()).changes;
      return { deleted, expiredChanges };
    },
    /** The subscriber a letter's unsubscribe link was written for. */
    subscriberOfUnsubscribeHash(tokenHash: string): number | undefined {
      return stmt('SELECT subscriber_id FROM newsletter_deliveries WHERE unsubscribe_token_hash = ?').pluck().get(tokenHash) as
        | number
        | undefined;
    },

    // --- Issues -----------------------------------------------------------------------------
    createIssue(i: {
      title: string;
      periodFrom: string;
      periodTo: string;
      departement: string | null;
      items: NewsletterItem[];
      createdBy: number | null;
      now: Date;
    }): number {
      const at = i.now.toISOString();
      return Number(
        stmt(
          `INSERT INTO newsletter_issues (title, period_from, period_to, departement, items, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(i.title, i.periodFrom, i.periodTo, i.departement, JSON.stringify(i.items), i.createdBy, at, at).lastInsertRowid,
      );
    },
    findIssue(id: number): NewsletterIssue | undefined {
      const row = stmt('SELECT * FROM newsletter_issues WHERE id = ?').get(id) as IssueRow | undefined;
      return row && toIssue(row);
    },
    listIssues(): NewsletterIssue[] {
      return (stmt('SELECT * FROM newsletter_issues ORDER BY created_at DESC, id DESC').all() as IssueRow[]).map(toIssue);
    },
    /** Issues whose send began and did not finish (a crash, a stop): the jobs resume them. */
    listSendingIssues(): NewsletterIssue[] {
      return (stmt(`SELECT * FROM newsletter_issues WHERE status = 'sending' ORDER BY id`).all() as IssueRow[]).map(toIssue);
    },
    updateDraft(id: number, patch: { title: string; introMd: string; items: NewsletterItem[]; now: Date }): boolean {
      return (
        stmt(`UPDATE newsletter_issues SET title = ?, intro_md = ?, items = ?, updated_at = ? WHERE id = ? AND status = 'draft'`).run(
          patch.title,
          patch.introMd,
          JSON.stringify(patch.items),
          patch.now.toISOString(),
          id,
        ).changes > 0
      );
    },
    deleteDraft(id: number): boolean {
      return stmt(`DELETE FROM newsletter_issues WHERE id = ? AND status = 'draft'`).run(id).changes > 0;
    },

    // --- Sending ----------------------------------------------------------------------------
    /**
     * Starts a send: the issue becomes `sending` and gets one delivery per confirmed subscriber
     * it is for (every one for the national edition; those who chose the département for a
     * département's). One transaction: a crash leaves either no delivery or all of them.
     */
    beginSend(issueId: number, now: Date): number {
      return db.transaction(() => {
        const issue = this.findIssue(issueId);
        if (issue?.status !== 'draft') return 0;
        stmt(`UPDATE newsletter_issues SET status = 'sending', send_started_at = ?, updated_at = ? WHERE id = ?`).run(
          now.toISOString(),
          now.toISOString(),
          issueId,
        );
        return stmt(
          `INSERT OR IGNORE INTO newsletter_deliveries (issue_id, subscriber_id)
           SELECT ?, s.id FROM newsletter_subscribers s
           WHERE s.status = 'confirmed' AND (? IS NULL OR EXISTS (SELECT 1 FROM json_each(s.departements) d WHERE d.value = ?))
           ORDER BY s.id`,
        ).run(issueId, issue.departement, issue.departement).changes;
      })();
    },
    pendingDeliveries(issueId: number, limit: number): PendingDelivery[] {
      return stmt(
        `SELECT d.id, d.subscriber_id AS subscriberId, s.email FROM newsletter_deliveries d
         JOIN newsletter_subscribers s ON s.id = d.subscriber_id
         WHERE d.issue_id = ? AND d.state = 'pending' ORDER BY d.id LIMIT ?`,
      ).all(issueId, limit) as PendingDelivery[];
    },
    /** Records a delivery queued; call in the transaction that queued its mail. False if it was not pending. */
    markDeliveryQueued(deliveryId: number, d: { unsubscribeTokenHash: string; outboxId: number; now: Date }): boolean {
      const changes = stmt(
        `UPDATE newsletter_deliveries SET state = 'queued', unsubscribe_token_hash = ?, outbox_id = ?, queued_at = ? WHERE id = ? AND state = 'pending'`,
      ).run(d.unsubscribeTokenHash, d.outboxId, d.now.toISOString(), deliveryId).changes;
      if (changes > 0)
        stmt(
          'UPDATE newsletter_issues SET queued_count = queued_count + 1 WHERE id = (SELECT issue_id FROM newsletter_deliveries WHERE id = ?)',
        ).run(deliveryId);
      return changes > 0;
    },
    finishSendIfDone(issueId: number, now: Date): boolean {
      return (
        stmt(
          `UPDATE newsletter_issues SET status = 'sent', sent_at = ?, updated_at = ? WHERE id = ? AND status = 'sending'
           AND NOT EXISTS (SELECT 1 FROM newsletter_deliveries WHERE issue_id = ? AND state = 'pending')`,
        ).run(now.toISOString(), now.toISOString(), issueId, issueId).changes > 0
      );
    },
    deliveryCounts(issueId: number): { pending: number; queued: number } {
      const counts = { pending: 0, queued: 0 };
      for (const r of stmt('SELECT state, count(*) AS n FROM newsletter_deliveries WHERE issue_id = ? GROUP BY state').all(issueId) as {
        state: 'pending' | 'queued';
        n: number;
      }[])
        counts[r.state] = r.n;
      return counts;
    },
    /** Confirmed subscribers an edition would go to now (national: all of them). */
    countRecipients(departement: string | null): number {
      return stmt(
        `SELECT count(*) FROM newsletter_subscribers s WHERE s.status = 'confirmed'
         AND (? IS NULL OR EXISTS (SELECT 1 FROM json_each(s.departements) d WHERE d.value = ?))`,
      )
        .pluck()
        .get(departement, departement) as number;
    },
  };
}

export type NewsletterRepository = ReturnType<typeof newsletterRepository>;
