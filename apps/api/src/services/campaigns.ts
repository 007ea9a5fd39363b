/**
 * Freshness campaigns: a curator (or a relais for its départements) asks the referents of chosen
 * entries to say, through a link and without an account, « rien n'a changé » (the entry is
 * verified today) or to propose corrections (a `correction` submission in the review queue).
 */
import {
  type ActorRecord,
  type ActorSummaryRecord,
  actorToInput,
  type CampaignEntryRecord,
  type CampaignRecord,
  publicView,
  type UserRecord,
} from '@pare/db';
import type { CampaignDetail, CampaignSummary, LaunchCampaignInput, UpdateLinkInput, UpdateLinkView } from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import {
  authorLabel,
  inputDepartements,
  isStale,
  mayHandle,
  mergeActorPatch,
  parseActorInput,
  staleBefore,
  todayIn,
  withActorErrors,
} from './curation.ts';
import { reposOf } from './index.ts';
import { followUpConfig } from './request-follow-up.ts';
import { issueLink, linkUrl, resolveLink } from './secure-links.ts';

export const CAMPAIGN_MAIL_KINDS = { request: 'campaign-request', reminder: 'campaign-reminder' } as const;
/** A campaign reaches at most this many entries: beyond, choose a département or a type. */
export const MAX_CAMPAIGN_ENTRIES = 2000;

const reach = (a: { scope: string; departements: string[] }) => ({ national: a.scope === 'national', departements: a.departements });
const SIGNATURE = [
  '',
  '— PARÉ, annuaire des acteurs de la lutte contre la prostitution des mineurs',
  'Ce message est envoyé automatiquement.',
];

/** The public label of an answer through an update link: the structure, never an address. */
export const structureLabel = (name: string) => `la structure elle-même (${name})`;

function campaignMail(actorName: string, title: string, url: string, days: number, reminder: boolean) {
  return {
    kind: reminder ? CAMPAIGN_MAIL_KINDS.reminder : CAMPAIGN_MAIL_KINDS.request,
    subject: `${reminder ? 'Rappel : ' : ''}votre fiche « ${actorName} » dans l’annuaire PARÉ est-elle à jour ?`,
    body: [
      'Bonjour,',
      '',
      `${actorName} figure dans PARÉ, l’annuaire national des acteurs de la lutte contre la prostitution des mineurs, que consultent des professionnels, des familles et des jeunes.`,
      `Dans le cadre de la campagne « ${title} », merci de vérifier votre fiche : un clic si rien n’a changé, ou un formulaire prérempli pour proposer des corrections, relues par l’équipe avant publication.`,
      '',
      url,
      `(lien personnel, sans compte, valable ${days} jours : ne le transférez pas).`,
      ...SIGNATURE,
    ].join('\n'),
  };
}

/** The entries a selection names, among those the user may handle. */
function select(deps: AppDeps, user: UserRecord, input: LaunchCampaignInput, now: Date): ActorSummaryRecord[] {
  const before = staleBefore(now);
  const s = input.selection;
  const ids = s.kind === 'actors' ? new Set(s.actor_ids) : null;
  return reposOf(deps)
    .curation.listActorSummaries()
    .filter((a) => a.status === 'published' && mayHandle(user, reach(a)))
    .filter((a) => {
      switch (s.kind) {
        case 'stale':
          return isStale(a.lastVerifiedAt, before) && (!s.departement || a.departements.includes(s.departement));
        case 'departement':
          return a.departements.includes(s.departement);
        case 'type':
          return a.type === s.type && (!s.departement || a.departements.includes(s.departement));
        case 'actors':
          return ids?.has(a.id) ?? false;
        case 'all':
          return true;
      }
      return false;
    });
}

/** `POST /api/admin/campaigns`: one mail per entry with a referent; entries without one are listed apart. */
export function launchCampaign(deps: AppDeps, user: UserRecord, input: LaunchCampaignInput, now = new Date()): CampaignDetail {
  if (user.role === 'relais' && input.selection.kind === 'departement' && !user.departements.includes(input.selection.departement)) {
    throw new ApiError('forbidden', 'Ce département n’est pas dans votre périmètre.');
  }
  const chosen = select(deps, user, input, now);
  if (chosen.length === 0)
    throw new ApiError('validation_error', 'Aucune fiche ne correspond à cette sélection.', [
      { path: 'selection', message: 'Sélection vide' },
    ]);
  if (chosen.length > MAX_CAMPAIGN_ENTRIES) {
    throw new ApiError('validation_error', `Plus de ${MAX_CAMPAIGN_ENTRIES} fiches : choisissez un département ou un type.`, [
      { path: 'selection', message: `${chosen.length} fiches` },
    ]);
  }
  const cfg = followUpConfig(deps.config);
  const title = input.title ?? `Mise à jour du ${todayIn(now).split('-').reverse().join('/')}`;
  const entries = chosen.map((a) => ({
    actorId: a.id,
    recipient: deps.actors.findActorById(a.id)?.referentEmail ?? null,
    departements: a.departements,
  }));
  const names = new Map(chosen.map((a) => [a.id, a.name]));
  const id = reposOf(deps).campaigns.createCampaign(
    { title, selection: input.selection, createdById: user.id, createdByLabel: authorLabel(user), now },
    entries,
    (entryId, e) => {
      const token = issueLink(deps.db, { purpose: 'update', campaignEntryId: entryId }, cfg.answerLinkDays, now);
      return {
        recipient: e.recipient,
        ...campaignMail(names.get(e.actorId) ?? '', title, linkUrl(cfg.publicUrl, 'update', token), cfg.answerLinkDays, false),
      };
    },
  );
  deps.log.info('campaign launched', { userId: user.id, campaignId: id, entries: entries.length });
  return getCampaign(deps, user, id);
}

function visibleEntries(user: UserRecord, entries: CampaignEntryRecord[]): CampaignEntryRecord[] {
  return entries.filter((e) => mayHandle(user, { national: e.departements.length === 0, departements: e.departements }));
}

function counts(entries: CampaignEntryRecord[]): CampaignSummary['counts'] {
  const sent = entries.filter((e) => e.sentAt);
  return {
    entries: entries.length,
    sent: sent.length,
    opened: sent.filter((e) => e.openedAt).length,
    confirmed: sent.filter((e) => e.confirmedAt).length,
    corrected: sent.filter((e) => e.correctedAt).length,
    no_answer: sent.filter((e) => !e.confirmedAt && !e.correctedAt).length,
    without_referent: entries.filter((e) => !e.recipient).length,
  };
}

function summaryOf(c: CampaignRecord, entries: CampaignEntryRecord[]): CampaignSummary {
  return {
    id: c.id,
    title: c.title,
    created_at: c.createdAt,
    created_by: c.createdByLabel,
    reminder_sent_at: c.reminderSentAt,
    counts: counts(entries),
  };
}

/** `GET /api/admin/campaigns`: newest first; a relais sees the campaigns with entries of its départements, and those entries only. */
export function listCampaigns(deps: AppDeps, user: UserRecord): { items: CampaignSummary[] } {
  const repo = reposOf(deps).campaigns;
  const items = repo
    .listCampaigns()
    .map((c) => ({ c, entries: visibleEntries(user, repo.listEntries(c.id)) }))
    .filter(({ c, entries }) => entries.length > 0 || c.createdById === user.id)
    .map(({ c, entries }) => summaryOf(c, entries));
  return { items };
}

function findCampaign(deps: AppDeps, user: UserRecord, id: number): { c: CampaignRecord; entries: CampaignEntryRecord[] } {
  const repo = reposOf(deps).campaigns;
  const c = repo.findCampaign(id);
  if (!c) throw new ApiError('not_found', 'Aucune campagne ne porte ce numéro.');
  const entries = visibleEntries(user, repo.listEntries(id));
  if (entries.length === 0 && c.createdById !== user.id)
    throw new ApiError('forbidden', 'Cette campagne ne concerne pas vos départements.');
  return { c, entries };
}

export function getCampaign(deps: AppDeps, user: UserRecord, id: number): CampaignDetail {
  const { c, entries } = findCampaign(deps, user, id);
  const state = (e: CampaignEntryRecord): CampaignDetail['entries'][number]['state'] =>
    !e.recipient ? 'sans-referent' : e.correctedAt ? 'corrigee' : e.confirmedAt ? 'confirmee' : e.openedAt ? 'ouverte' : 'envoyee';
  return {
    ...summaryOf(c, entries),
    entries: entries.map((e) => ({
      actor: { id: e.actor.id, slug: e.actor.slug, name: e.actor.name },
      state: state(e),
      sent_at: e.sentAt,
      opened_at: e.openedAt,
      confirmed_at: e.confirmedAt,
      corrected_at: e.correctedAt,
      submission_id: e.submissionId,
      reminded_at: e.remindedAt,
    })),
  };
}

/** `POST /api/admin/campaigns/{id}/remind`: one reminder, with a fresh link, to every referent that has not answered. */
export function remindCampaign(deps: AppDeps, user: UserRecord, id: number, now = new Date()): CampaignDetail {
  const { c } = findCampaign(deps, user, id);
  if (user.role === 'relais' && c.createdById !== user.id)
    throw new ApiError('forbidden', 'Seul l’auteur de la campagne ou un curateur peut la relancer.');
  if (c.reminderSentAt) throw new ApiError('conflict', 'Le rappel de cette campagne a déjà été envoyé.');
  const repo = reposOf(deps).campaigns;
  const cfg = followUpConfig(deps.config);
  const waiting = repo.listEntries(id).filter((e) => e.recipient && !e.confirmedAt && !e.correctedAt && e.actor.status === 'published');
  const sent = deps.db.transaction(() =>
    repo.recordReminder(
      id,
      now,
      waiting.map((e) => {
        const token = issueLink(deps.db, { purpose: 'update', campaignEntryId: e.id }, cfg.answerLinkDays, now);
        return {
          entryId: e.id,
          mail: {
            recipient: e.recipient as string,
            ...campaignMail(e.actor.name, c.title, linkUrl(cfg.publicUrl, 'update', token), cfg.answerLinkDays, true),
          },
        };
      }),
    ),
  )();
  if (!sent) throw new ApiError('conflict', 'Le rappel de cette campagne a déjà été envoyé.');
  deps.log.info('campaign reminder', { userId: user.id, campaignId: id, mails: waiting.length });
  return getCampaign(deps, user, id);
}

// --- the update link ---------------------------------------------------------------------------

function entryOfToken(
  deps: AppDeps,
  token: string,
  now: Date,
): { entry: CampaignEntryRecord; actor: ActorRecord; title: string; expiresAt: string } {
  const link = resolveLink(deps.db, 'update', token, now);
  const repo = reposOf(deps).campaigns;
  const entry = repo.findEntry(link.campaignEntryId as number);
  const actor = entry && deps.actors.findActorById(entry.actor.id);
  if (!entry || !actor) throw new ApiError('not_found');
  if (link.revokedAt || entry.confirmedAt || entry.correctedAt) {
    throw new ApiError('gone', 'Merci : votre réponse à cette campagne est déjà enregistrée. Ce lien ne sert plus.');
  }
  if (actor.status !== 'published') throw new ApiError('gone', 'Cette fiche n’est plus publiée dans l’annuaire : ce lien ne sert plus.');
  return { entry, actor, title: repo.findCampaign(entry.campaignId)?.title ?? '', expiresAt: link.expiresAt };
}

/**
 * The link holder sees the entry as the public does: a confidential site without its address, no
 * professionals-only contact. Lists it sends back replace the whole list when accepted, so what it
 * could not see is put back: confidential sites (whole) after its sites, hidden contacts after its
 * contacts, their site index following their site.
 */
export function keepHidden(current: ReturnType<typeof actorToInput>, proposal: Record<string, unknown>): Record<string, unknown> {
  const out = { ...proposal };
  const sites = Array.isArray(proposal.sites) ? (proposal.sites as unknown[]) : null;
  const confidential = current.sites.map((site, index) => ({ site, index })).filter((x) => x.site.confidential);
  const newIndex = new Map<number, number>();
  if (sites) {
    for (const [k, x] of confidential.entries()) newIndex.set(x.index, sites.length + k);
    out.sites = [...sites, ...confidential.map((x) => x.site)];
  }
  const hiddenContacts = current.contacts.filter(
    (c) => c.visibility === 'professionnels' || (c.site != null && current.sites[c.site]?.confidential === true),
  );
  if (Array.isArray(proposal.contacts)) {
    out.contacts = [
      ...(proposal.contacts as unknown[]),
      ...hiddenContacts.map((c) => ({ ...c, site: c.site != null && sites ? (newIndex.get(c.site) ?? null) : c.site })),
    ];
  } else if (sites && hiddenContacts.some((c) => c.site != null)) {
    // Its sites change but not its contacts: the hidden contacts keep pointing at their (moved) site.
    out.contacts = current.contacts.map((c) => (c.site != null && newIndex.has(c.site) ? { ...c, site: newIndex.get(c.site) } : c));
  }
  return out;
}

/** `GET /api/update/{token}`: the entry as the public sees it (a confidential site stays at its commune), and the campaign. */
export function getUpdateView(deps: AppDeps, token: string, now = new Date()): UpdateLinkView {
  const { entry, actor, title, expiresAt } = entryOfToken(deps, token, now);
  reposOf(deps).campaigns.markOpened(entry.id, now);
  return { campaign: { title }, actor: publicView(actor), expires_at: expiresAt };
}

/**
 * `POST /api/update/{token}`: « rien-na-change » marks the entry verified today (a revision says by
 * whom: the structure); « corrections » files a correction submission with its diff for the curators.
 */
export function answerUpdate(
  deps: AppDeps,
  token: string,
  input: UpdateLinkInput,
  now = new Date(),
): { result: 'confirmee' | 'corrigee'; message: string } {
  const { entry, actor } = entryOfToken(deps, token, now);
  const campaigns = reposOf(deps).campaigns;
  const links = reposOf(deps).secureLinks;
  const label = structureLabel(actor.name);
  if (input.action === 'rien-na-change') {
    const previous = actorToInput(actor);
    const next = parseActorInput(mergeActorPatch(previous, { provenance: { last_verified_at: todayIn(now), verified_by: label } }));
    withActorErrors(() =>
      deps.db.transaction(() => {
        const saved = deps.actors.replaceActor(actor.id, next);
        reposOf(deps).revisions.recordRevision({
          entity: 'actor',
          entityId: actor.id,
          action: 'verify',
          snapshot: actorToInput(saved),
          previous,
          authorId: null,
          authorLabel: label,
          note: 'Confirmée par la structure (campagne de mise à jour)',
        });
        campaigns.markConfirmed(entry.id, now);
        links.revokeEntryLinks(entry.id, now);
      })(),
    );
    deps.log.info('campaign entry confirmed', { campaignEntryId: entry.id });
    return { result: 'confirmee', message: 'Merci ! Votre fiche est marquée comme vérifiée aujourd’hui.' };
  }
  const current = actorToInput(actor);
  const submission = deps.db.transaction(() => {
    const created = reposOf(deps).submissions.createSubmission({
      kind: 'correction',
      actorId: actor.id,
      title: actor.name,
      proposal: keepHidden(current, Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined))),
      departements: current.territory.scope === 'national' ? [] : inputDepartements(current),
      message: input.message || 'Corrections proposées par la structure (campagne de mise à jour).',
      submitterName: label.slice(0, 200),
      submitterEmail: entry.recipient as string,
      consentAt: now.toISOString(),
    });
    campaigns.markCorrected(entry.id, created.id, now);
    links.revokeEntryLinks(entry.id, now);
    return created;
  })();
  deps.log.info('campaign entry corrected', { campaignEntryId: entry.id, submissionId: submission.id });
  return { result: 'corrigee', message: 'Merci ! Vos corrections sont transmises à l’équipe PARÉ, qui les relit avant publication.' };
}
