/**
 * Issues of the letter: composed from a period (the agenda, news and new resources it holds —
 * for a département's edition, that département's own), reordered and introduced by curators,
 * previewed, tested on oneself, then sent through the outbox.
 *
 * Sending is resumable: `beginSend` makes one delivery row per subscriber (unique per issue) in
 * one transaction; then, batch by batch, each delivery's mail is queued and the delivery marked
 * `queued` in the same transaction. A crash loses at most the batch under way, which was not
 * committed — neither its mails nor its marks — and the next run (the send route again, or the
 * jobs) takes the pending deliveries up where they stopped. Nobody is queued twice.
 */
import {
  type Db,
  type EventRecord,
  listPublishedEvents,
  listPublishedNews,
  type NewsletterIssue,
  type NewsletterItem,
  type NewsRecord,
  newsletterRepository,
  type ResourceRecord,
  resourceRepository,
  type UserRecord,
} from '@pare/db';
import { getDepartement } from '@pare/geo';
import {
  type CreateNewsletterIssueInput,
  EVENT_KIND_LABELS,
  type NewsletterIssueDetail,
  RESOURCE_TYPE_LABELS,
  type UpdateNewsletterIssueInput,
} from '@pare/schema';
import { ApiError } from '../lib/errors.ts';
import { reposOf } from './index.ts';
import { NEWSLETTER_KIND, NEWSLETTER_TEST_KIND, type NewsletterDeps, subscriberRef } from './newsletter.ts';
import { letterFactory, siteBase } from './newsletter-letter.ts';
import { newToken } from './secure-links.ts';

/** Mails queued per transaction: small enough to keep the database free for others between batches. */
export const SEND_BATCH_SIZE = 200;

const parisDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const parisDayTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' });

const nextDay = (isoDate: string) => new Date(new Date(`${isoDate}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);

/** What every item of the letter shows: its title and summary, a link to its public page, a line of detail. */
function letterItem(
  kind: NewsletterItem['kind'],
  entry: { id: number; slug: string; title: string; summary: string },
  page: string,
  meta: string,
): NewsletterItem {
  return { kind, id: entry.id, title: entry.title, summary: entry.summary, path: `/${page}/${encodeURIComponent(entry.slug)}`, meta };
}

function eventItem(e: EventRecord): NewsletterItem {
  const place = e.onlineUrl && !e.communeCode ? 'en ligne' : [e.placeName].filter(Boolean).join('');
  const meta = [EVENT_KIND_LABELS[e.kind], parisDayTime.format(new Date(e.startsAt)), place].filter(Boolean).join(' · ');
  return letterItem('event', e, 'agenda', meta);
}

function newsItem(n: NewsRecord): NewsletterItem {
  return letterItem('news', n, 'actualites', n.publishedAt ? `Publié le ${parisDay.format(new Date(n.publishedAt))}` : '');
}

function resourceItem(r: ResourceRecord): NewsletterItem {
  const meta = [RESOURCE_TYPE_LABELS[r.type], r.producers.find((p) => p.status === 'published')?.name].filter(Boolean).join(' · ');
  return letterItem('resource', r, 'ressources', meta);
}

/** Resources added to the directory in the period; for a département's edition, those covering it by name or by région. */
function newResources(db: Db, from: string, toExclusive: string, departement: string | null): ResourceRecord[] {
  const ids = db
    .prepare(`SELECT id FROM resources WHERE status = 'published' AND created_at >= ? AND created_at < ? ORDER BY created_at DESC, id DESC`)
    .pluck()
    .all(from, toExclusive) as number[];
  const repo = resourceRepository(db);
  const region = departement ? getDepartement(departement)?.region : undefined;
  return ids
    .map((id) => repo.findResourceById(id))
    .filter((r): r is ResourceRecord => r !== undefined)
    .filter(
      (r) =>
        !departement || r.territory.departements.includes(departement) || (region !== undefined && r.territory.regions.includes(region)),
    );
}

/** Everything the period offers the edition: the agenda, then the news, then the new resources. */
export function issueCandidates(db: Db, issue: Pick<NewsletterIssue, 'periodFrom' | 'periodTo' | 'departement'>): NewsletterItem[] {
  const q = { from: issue.periodFrom, to: nextDay(issue.periodTo), ...(issue.departement ? { departement: issue.departement } : {}) };
  // A département's edition holds that département's own items; the national letter holds the rest.
  const own = <T extends { departements: string[] }>(list: T[]) =>
    issue.departement ? list.filter((x) => x.departements.length > 0) : list;
  return [
    ...own(listPublishedEvents(db, q)).map(eventItem),
    ...own(listPublishedNews(db, q)).map(newsItem),
    ...newResources(db, issue.periodFrom, q.to, issue.departement).map(resourceItem),
  ];
}

function detail(db: Db, issue: NewsletterIssue): NewsletterIssueDetail {
  const repo = newsletterRepository(db);
  const counts = repo.deliveryCounts(issue.id);
  return {
    id: issue.id,
    title: issue.title,
    period_from: issue.periodFrom,
    period_to: issue.periodTo,
    departement: issue.departement,
    status: issue.status,
    created_at: issue.createdAt,
    sent_at: issue.sentAt,
    queued: issue.queuedCount,
    intro_md: issue.introMd,
    items: issue.items,
    candidates: issue.status === 'draft' ? issueCandidates(db, issue) : [],
    pending: counts.pending,
    recipients: repo.countRecipients(issue.departement),
  };
}

function findIssue(db: Db, id: number): NewsletterIssue {
  const issue = newsletterRepository(db).findIssue(id);
  if (!issue) throw new ApiError('not_found', 'Lettre inconnue.');
  return issue;
}

export function listIssues(db: Db) {
  return {
    items: newsletterRepository(db)
      .listIssues()
      .map((i) => ({
        id: i.id,
        title: i.title,
        period_from: i.periodFrom,
        period_to: i.periodTo,
        departement: i.departement,
        status: i.status,
        created_at: i.createdAt,
        sent_at: i.sentAt,
        queued: i.queuedCount,
      })),
  };
}

/** A new draft, with everything the period offers pre-selected in the letter's order. */
export function createIssue(db: Db, user: UserRecord, input: CreateNewsletterIssueInput, now = new Date()): NewsletterIssueDetail {
  const base = { periodFrom: input.period_from, periodTo: input.period_to, departement: input.departement ?? null };
  const id = newsletterRepository(db).createIssue({
    ...base,
    title: input.title,
    items: issueCandidates(db, base),
    createdBy: user.id,
    now,
  });
  return detail(db, findIssue(db, id));
}

export function getIssue(db: Db, id: number): NewsletterIssueDetail {
  return detail(db, findIssue(db, id));
}

/** Title, introduction, and the chosen items in their order — each one of the period's candidates. */
export function updateIssue(db: Db, id: number, input: UpdateNewsletterIssueInput, now = new Date()): NewsletterIssueDetail {
  const issue = findIssue(db, id);
  if (issue.status !== 'draft') throw new ApiError('conflict', 'Cette lettre est partie : elle ne se modifie plus.');
  let items = issue.items;
  if (input.items) {
    const candidates = new Map(issueCandidates(db, issue).map((c) => [`${c.kind}:${c.id}`, c]));
    const seen = new Set<string>();
    items = input.items.map((ref, i) => {
      const key = `${ref.kind}:${ref.id}`;
      const found = candidates.get(key);
      if (!found || seen.has(key))
        throw new ApiError('validation_error', 'Élément hors de la période ou en double.', [
          {
            path: `items.${i}`,
            message: found ? 'Élément en double' : 'Cet élément n’est pas (ou plus) publié dans la période de la lettre',
          },
        ]);
      seen.add(key);
      return found;
    });
  }
  newsletterRepository(db).updateDraft(id, { title: input.title ?? issue.title, introMd: input.intro_md ?? issue.introMd, items, now });
  return detail(db, findIssue(db, id));
}

export function deleteDraftIssue(db: Db, id: number): void {
  const issue = findIssue(db, id);
  if (issue.status !== 'draft') throw new ApiError('conflict', 'Cette lettre est partie : elle reste dans l’historique.');
  newsletterRepository(db).deleteDraft(id);
}

/** The stand-in for a reader's own unsubscribe link in previews and tests (it unsubscribes nobody). */
const SAMPLE_UNSUBSCRIBE_PATH = '/lettre/desinscription/exemple-de-lien-personnel';

export function previewIssue(deps: NewsletterDeps, id: number) {
  const issue = findIssue(deps.db, id);
  return letterFactory(issue, baseUrl(deps))(`${siteBase(baseUrl(deps))}${SAMPLE_UNSUBSCRIBE_PATH}`);
}

const baseUrl = (deps: NewsletterDeps) => deps.config.publicUrl ?? deps.config.localOrigin;

/** « M'envoyer un test »: the letter as it will look, to the curator's own address. */
export function sendTestIssue(deps: NewsletterDeps, user: UserRecord, id: number): { recipient: string } {
  const letter = previewIssue(deps, id);
  reposOf(deps).outbox.enqueueMail({
    kind: NEWSLETTER_TEST_KIND,
    recipient: user.email,
    subject: `[Test] ${letter.subject}`,
    body: letter.text,
    html: letter.html,
    subjectRef: `newsletter_issue:${id}`,
  });
  return { recipient: user.email };
}

export type SendOptions = {
  batchSize?: number;
  now?: Date;
  /** Called after each mail queued, inside its batch's transaction (tests cut a send here). */
  afterQueued?: (queuedInThisRun: number) => void;
};

/**
 * Sends an issue (a draft: the send begins), or resumes one whose send was cut. Each reader's
 * letter carries their own unsubscribe link, in the text, the HTML and the List-Unsubscribe
 * header, with List-Unsubscribe-Post for one-click unsubscribe (RFC 8058).
 */
function* sendInBatches(deps: NewsletterDeps, id: number, opts: SendOptions): Generator<number, NewsletterIssueDetail> {
  const repo = reposOf(deps).newsletter;
  const outbox = reposOf(deps).outbox;
  let issue = findIssue(deps.db, id);
  if (issue.status === 'sent') throw new ApiError('conflict', 'Cette lettre est déjà partie.');
  // Every letter carries a working unsubscribe link: without the site's public address, nothing leaves.
  const publicUrl = deps.config.publicUrl;
  if (!publicUrl)
    throw new ApiError(
      'conflict',
      'Adresse publique du site inconnue (PARE_PUBLIC_URL) : les liens de désinscription ne fonctionneraient pas.',
    );
  if (issue.status === 'draft') {
    if (issue.items.length === 0 && !issue.introMd.trim())
      throw new ApiError('conflict', 'Cette lettre est vide : choisissez au moins un élément.');
    repo.beginSend(id, opts.now ?? new Date());
    issue = findIssue(deps.db, id);
  }
  const base = siteBase(publicUrl);
  const letterFor = letterFactory(issue, publicUrl);
  let queued = 0;
  for (;;) {
    // Read inside the batch's transaction: two runners (the route and the jobs) never queue one delivery twice.
    const done = deps.db.transaction(() => {
      const batch = repo.pendingDeliveries(id, opts.batchSize ?? SEND_BATCH_SIZE);
      const now = opts.now ?? new Date();
      for (const delivery of batch) {
        const { token, hash } = newToken();
        const letter = letterFor(`${base}/lettre/desinscription/${token}`);
        const outboxId = outbox.enqueueMail({
          kind: NEWSLETTER_KIND,
          recipient: delivery.email,
          subject: letter.subject,
          body: letter.text,
          html: letter.html,
          headers: {
            'List-Unsubscribe': `<${base}/api/newsletter/subscriptions/unsubscribe/${token}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
          subjectRef: subscriberRef(delivery.subscriberId),
        });
        repo.markDeliveryQueued(delivery.id, { unsubscribeTokenHash: hash, outboxId, now });
        queued++;
        opts.afterQueued?.(queued);
      }
      return batch.length === 0;
    })();
    if (done) break;
    yield queued;
  }
  repo.finishSendIfDone(id, opts.now ?? new Date());
  deps.log.info('newsletter queued', { issueId: id, queued });
  return detail(deps.db, findIssue(deps.db, id));
}

/** The send route: the server answers other requests between batches. */
export async function sendIssue(deps: NewsletterDeps, id: number, opts: SendOptions = {}): Promise<NewsletterIssueDetail> {
  const batches = sendInBatches(deps, id, opts);
  for (let step = batches.next(); ; step = batches.next()) {
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The jobs' part, synchronous like every job (`jobs:run` closes the database when they return):
 * sends cut by a crash or a stop are taken up where they stopped.
 */
export function resumeInterruptedSends(deps: NewsletterDeps): number {
  const issues = reposOf(deps).newsletter.listSendingIssues();
  for (const issue of issues) {
    const batches = sendInBatches(deps, issue.id, {});
    while (!batches.next().done);
  }
  return issues.length;
}
