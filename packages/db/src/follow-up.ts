/**
 * What keeps requests and entries alive after launch: the links mailed to structures (answer a
 * routed request, confirm or correct an entry), freshness campaigns, and the record of periodic
 * jobs. Tokens never reach this module: only their SHA-256.
 */
import type { SecureLinkPurpose } from '@pare/schema/codes';
import type { Db } from './database.ts';
import { statementCache } from './database.ts';
import { outboxRepository, type QueuedMail } from './outbox.ts';

export type SecureLinkRecord = {
  id: number;
  purpose: SecureLinkPurpose;
  contactRequestId: number | null;
  campaignEntryId: number | null;
  /** The account of a `password` link. */
  userId: number | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
};

type LinkRow = {
  id: number;
  purpose: SecureLinkPurpose;
  contact_request_id: number | null;
  campaign_entry_id: number | null;
  user_id: number | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
};
const toLink = (r: LinkRow): SecureLinkRecord => ({
  id: r.id,
  purpose: r.purpose,
  contactRequestId: r.contact_request_id,
  campaignEntryId: r.campaign_entry_id,
  userId: r.user_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

export function secureLinkRepository(db: Db) {
  const stmt = statementCache(db);
  return {
    createLink(link: {
      purpose: SecureLinkPurpose;
      tokenHash: string;
      contactRequestId?: number;
      campaignEntryId?: number;
      userId?: number;
      now: Date;
      expiresAt: Date;
    }): number {
      return Number(
        stmt(
          'INSERT INTO secure_links (purpose, token_hash, contact_request_id, campaign_entry_id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(
          link.purpose,
          link.tokenHash,
          link.contactRequestId ?? null,
          link.campaignEntryId ?? null,
          link.userId ?? null,
          link.now.toISOString(),
          link.expiresAt.toISOString(),
        ).lastInsertRowid,
      );
    },
    /** The link with this hash and purpose, if it exists, has not expired and was not revoked. */
    findUsableLink(tokenHash: string, purpose: SecureLinkPurpose, now: Date): SecureLinkRecord | undefined {
      const row = stmt('SELECT * FROM secure_links WHERE token_hash = ? AND purpose = ?').get(tokenHash, purpose) as LinkRow | undefined;
      if (!row || row.expires_at <= now.toISOString()) return undefined;
      return toLink(row);
    },
    revokeRequestLinks(contactRequestId: number, now: Date): number {
      return stmt('UPDATE secure_links SET revoked_at = ? WHERE contact_request_id = ? AND revoked_at IS NULL').run(
        now.toISOString(),
        contactRequestId,
      ).changes;
    },
    revokeEntryLinks(campaignEntryId: number, now: Date): number {
      return stmt('UPDATE secure_links SET revoked_at = ? WHERE campaign_entry_id = ? AND revoked_at IS NULL').run(
        now.toISOString(),
        campaignEntryId,
      ).changes;
    },
    /** Uses up one link; false when it was already revoked (so two requests cannot both use it). */
    revokeLink(id: number, now: Date): boolean {
      return stmt('UPDATE secure_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id).changes > 0;
    },
    /** An account's password links: all revoked when one is used, a new one is sent, or the account is disabled. */
    revokeUserLinks(userId: number, now: Date): number {
      return stmt("UPDATE secure_links SET revoked_at = ? WHERE user_id = ? AND purpose = 'password' AND revoked_at IS NULL").run(
        now.toISOString(),
        userId,
      ).changes;
    },
    /** Links past their expiry are useless: the retention job deletes them. */
    purgeExpiredLinks(now: Date): number {
      return stmt('DELETE FROM secure_links WHERE expires_at <= ?').run(now.toISOString()).changes;
    },
  };
}
export type SecureLinkRepository = ReturnType<typeof secureLinkRepository>;

// --- Campaigns ---------------------------------------------------------------------------------

export type CampaignRecord = {
  id: number;
  title: string;
  selection: unknown;
  createdById: number | null;
  createdByLabel: string;
  createdAt: string;
  reminderSentAt: string | null;
};

export type CampaignEntryRecord = {
  id: number;
  campaignId: number;
  actor: { id: number; slug: string; name: string; status: string };
  recipient: string | null;
  departements: string[];
  sentAt: string | null;
  openedAt: string | null;
  confirmedAt: string | null;
  correctedAt: string | null;
  submissionId: number | null;
  remindedAt: string | null;
};

type CampaignRow = {
  id: number;
  title: string;
  selection: string;
  created_by: number | null;
  created_by_label: string;
  created_at: string;
  reminder_sent_at: string | null;
};
type EntryRow = {
  id: number;
  campaign_id: number;
  actor_id: number;
  actor_slug: string;
  actor_name: string;
  actor_status: string;
  recipient: string | null;
  departements: string;
  sent_at: string | null;
  opened_at: string | null;
  confirmed_at: string | null;
  corrected_at: string | null;
  submission_id: number | null;
  reminded_at: string | null;
};
const toCampaign = (r: CampaignRow): CampaignRecord => ({
  id: r.id,
  title: r.title,
  selection: JSON.parse(r.selection),
  createdById: r.created_by,
  createdByLabel: r.created_by_label,
  createdAt: r.created_at,
  reminderSentAt: r.reminder_sent_at,
});
const toEntry = (r: EntryRow): CampaignEntryRecord => ({
  id: r.id,
  campaignId: r.campaign_id,
  actor: { id: r.actor_id, slug: r.actor_slug, name: r.actor_name, status: r.actor_status },
  recipient: r.recipient,
  departements: JSON.parse(r.departements) as string[],
  sentAt: r.sent_at,
  openedAt: r.opened_at,
  confirmedAt: r.confirmed_at,
  correctedAt: r.corrected_at,
  submissionId: r.submission_id,
  remindedAt: r.reminded_at,
});
const ENTRY_SELECT = `SELECT e.*, a.slug AS actor_slug, a.name AS actor_name, a.status AS actor_status
  FROM campaign_entries e JOIN actors a ON a.id = e.actor_id`;

export const campaignRef = (entryId: number) => `campaign_entry:${entryId}`;

export type CampaignRepository = {
  createCampaign: (
    c: { title: string; selection: unknown; createdById: number; createdByLabel: string; now: Date },
    entries: { actorId: number; recipient: string | null; departements: string[] }[],
    mailFor: (entryId: number, entry: { actorId: number; recipient: string }) => QueuedMail,
  ) => number;
  findCampaign(id: number): CampaignRecord | undefined;
  listCampaigns(): CampaignRecord[];
  listEntries(campaignId: number): CampaignEntryRecord[];
  findEntry(entryId: number): CampaignEntryRecord | undefined;
  markOpened(entryId: number, now: Date): void;
  markConfirmed(entryId: number, now: Date): void;
  markCorrected(entryId: number, submissionId: number, now: Date): void;
  recordReminder: (campaignId: number, now: Date, mails: { entryId: number; mail: QueuedMail }[]) => boolean;
  purgeCampaignsCreatedBefore: (cutoff: Date) => number;
};

export function campaignRepository(db: Db): CampaignRepository {
  const stmt = statementCache(db);
  const outbox = outboxRepository(db);
  return {
    /**
     * Creates a campaign and its entries; `mailFor` builds each entry's mail (with its link, made in
     * the same transaction) — an entry without a recipient gets none.
     */
    createCampaign: db.transaction(
      (
        c: { title: string; selection: unknown; createdById: number; createdByLabel: string; now: Date },
        entries: { actorId: number; recipient: string | null; departements: string[] }[],
        mailFor: (entryId: number, entry: { actorId: number; recipient: string }) => QueuedMail,
      ): number => {
        const at = c.now.toISOString();
        const id = Number(
          stmt('INSERT INTO campaigns (title, selection, created_by, created_by_label, created_at) VALUES (?, ?, ?, ?, ?)').run(
            c.title,
            JSON.stringify(c.selection),
            c.createdById,
            c.createdByLabel,
            at,
          ).lastInsertRowid,
        );
        for (const e of entries) {
          const entryId = Number(
            stmt('INSERT INTO campaign_entries (campaign_id, actor_id, recipient, departements, sent_at) VALUES (?, ?, ?, ?, ?)').run(
              id,
              e.actorId,
              e.recipient,
              JSON.stringify(e.departements),
              e.recipient ? at : null,
            ).lastInsertRowid,
          );
          if (e.recipient)
            outbox.enqueueMail({ ...mailFor(entryId, { actorId: e.actorId, recipient: e.recipient }), subjectRef: campaignRef(entryId) });
        }
        return id;
      },
    ),
    findCampaign(id: number): CampaignRecord | undefined {
      const row = stmt('SELECT * FROM campaigns WHERE id = ?').get(id) as CampaignRow | undefined;
      return row && toCampaign(row);
    },
    listCampaigns(): CampaignRecord[] {
      return (stmt('SELECT * FROM campaigns ORDER BY created_at DESC, id DESC').all() as CampaignRow[]).map(toCampaign);
    },
    listEntries(campaignId: number): CampaignEntryRecord[] {
      return (stmt(`${ENTRY_SELECT} WHERE e.campaign_id = ? ORDER BY a.name_sort`).all(campaignId) as EntryRow[]).map(toEntry);
    },
    findEntry(entryId: number): CampaignEntryRecord | undefined {
      const row = stmt(`${ENTRY_SELECT} WHERE e.id = ?`).get(entryId) as EntryRow | undefined;
      return row && toEntry(row);
    },
    markOpened(entryId: number, now: Date): void {
      stmt('UPDATE campaign_entries SET opened_at = coalesce(opened_at, ?) WHERE id = ?').run(now.toISOString(), entryId);
    },
    markConfirmed(entryId: number, now: Date): void {
      stmt('UPDATE campaign_entries SET confirmed_at = ? WHERE id = ?').run(now.toISOString(), entryId);
    },
    markCorrected(entryId: number, submissionId: number, now: Date): void {
      stmt('UPDATE campaign_entries SET corrected_at = ?, submission_id = ? WHERE id = ?').run(now.toISOString(), submissionId, entryId);
    },
    /** The one reminder of a campaign: marks it sent and queues the mails, in one transaction; false if already sent. */
    recordReminder: db.transaction((campaignId: number, now: Date, mails: { entryId: number; mail: QueuedMail }[]): boolean => {
      const at = now.toISOString();
      if (stmt('UPDATE campaigns SET reminder_sent_at = ? WHERE id = ? AND reminder_sent_at IS NULL').run(at, campaignId).changes === 0)
        return false;
      for (const { entryId, mail } of mails) {
        stmt('UPDATE campaign_entries SET reminded_at = ? WHERE id = ?').run(at, entryId);
        outbox.enqueueMail({ ...mail, subjectRef: campaignRef(entryId) });
      }
      return true;
    }),
    /** Campaigns launched before `cutoff` go with their entries, links and mails (retention). */
    purgeCampaignsCreatedBefore: db.transaction((cutoff: Date): number => {
      const ids = stmt('SELECT id FROM campaigns WHERE created_at < ?').pluck().all(cutoff.toISOString()) as number[];
      for (const id of ids) {
        const entries = stmt('SELECT id FROM campaign_entries WHERE campaign_id = ?').pluck().all(id) as number[];
        for (const e of entries) outbox.deleteByRef(campaignRef(e));
        stmt('DELETE FROM campaigns WHERE id = ?').run(id);
      }
      return ids.length;
    }),
  };
}

// --- Jobs --------------------------------------------------------------------------------------

export function jobRunRepository(db: Db) {
  const stmt = statementCache(db);
  return {
    lastRun(name: string): string | undefined {
      return stmt('SELECT last_run_at FROM job_runs WHERE name = ?').pluck().get(name) as string | undefined;
    },
    recordRun(name: string, at: Date, result: unknown): void {
      stmt(
        'INSERT INTO job_runs (name, last_run_at, result) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET last_run_at = excluded.last_run_at, result = excluded.result',
      ).run(name, at.toISOString(), JSON.stringify(result));
    },
    listRuns(): { name: string; lastRunAt: string; result: unknown }[] {
      return (stmt('SELECT * FROM job_runs ORDER BY name').all() as { name: string; last_run_at: string; result: string | null }[]).map(
        (r) => ({ name: r.name, lastRunAt: r.last_run_at, result: r.result ? JSON.parse(r.result) : null }),
      );
    },
  };
}
