/**
 * A routed request followed to the end: the referent answers through the link in its mail
 * (« Je prends contact », « Contact établi », « Je ne peux pas »), is reminded once when silent,
 * and the request comes back to the team when nobody answered in time. The person who asked is
 * told when the request is taken in charge and when it is closed, if they gave an e-mail.
 */
import { type ContactRequestRecord, contactRequestRepository, type Db, type QueuedMail } from '@pare/db';
import { getCommune } from '@pare/geo';
import type { AnswerInput, AnswerView, ContactRequestStatus } from '@pare/schema';
import { resolveConfig } from '../lib/config.ts';
import type { AppConfig, AppDeps } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { INBOX_WEB_PATH } from './contact-requests.ts';
import { reposOf } from './index.ts';
import { issueLink, linkUrl, resolveLink } from './secure-links.ts';
import { addWorkingDays } from './working-days.ts';

export const FOLLOW_UP_MAIL_KINDS = {
  reminder: 'contact-request-reminder',
  team: 'contact-request-team',
  requester: 'contact-request-requester',
} as const;

/** The settings the follow-up reads (a subset of AppConfig, so the job runner needs no web app). */
export type FollowUpSettings = Pick<AppConfig, 'teamEmail' | 'publicUrl' | 'followUp'>;

export type FollowUpConfig = {
  teamEmail: string;
  publicUrl: string | undefined;
  answerLinkDays: number;
  reminderWorkingDays: number;
  escalationWorkingDays: number;
};

export function followUpConfig(config: FollowUpSettings): FollowUpConfig {
  // Jobs and commands may hold a partial config: its defaults come from the one resolver.
  const { teamEmail, followUp } = resolveConfig(config);
  return { teamEmail, publicUrl: config.publicUrl, ...followUp };
}

const SIGNATURE = [
  '',
  '— PARÉ, annuaire des acteurs de la lutte contre la prostitution des mineurs',
  'Ce message est envoyé automatiquement.',
];
const EMERGENCY =
  'En cas de danger, n’attendez pas : appelez le 17 ou le 112, le 119 (enfance en danger, gratuit, 24 h/24), ou envoyez un SMS au 114.';

/** The history's « who » for an answer through the link: the structure, never an address. */
export const referentLabel = (actorName: string | undefined) => `référent de ${actorName ?? 'la structure'}`;
export const SYSTEM_FOLLOW_UP_LABEL = 'suivi automatique';

/** The answer link's text in the routed mail (see contact-requests.ts). */
export function answerLinkLines(url: string, days: number): string[] {
  return [
    'Dites-nous où en est cette demande, sans compte ni mot de passe, sur cette page :',
    url,
    `(lien personnel, valable ${days} jours ou jusqu’à la clôture de la demande : ne le transférez pas).`,
  ];
}

// --- the answer page ---------------------------------------------------------------------------

const ANSWERABLE: readonly ContactRequestStatus[] = ['nouvelle', 'transmise', 'en-cours', 'sans-reponse'];
const NEXT: Record<AnswerInput['action'], { to: ContactRequestStatus; from: readonly ContactRequestStatus[] }> = {
  'prise-en-charge': { to: 'en-cours', from: ['nouvelle', 'transmise', 'sans-reponse'] },
  'contact-etabli': { to: 'cloturee', from: ['nouvelle', 'transmise', 'en-cours', 'sans-reponse'] },
  impossible: { to: 'a-reorienter', from: ['nouvelle', 'transmise', 'en-cours', 'sans-reponse'] },
};

/** The request behind an answer token; a closed request or a revoked link is refused with a clear message. */
function requestOfToken(db: Db, token: string, now: Date): { request: ContactRequestRecord; linkId: number } {
  const link = resolveLink(db, 'answer', token, now);
  const request = contactRequestRepository(db).findContactRequestById(link.contactRequestId as number);
  if (!request) throw new ApiError('not_found');
  if (request.status === 'cloturee')
    throw new ApiError('gone', 'Cette demande est close : ce lien ne sert plus. Merci pour votre réponse.');
  if (link.revokedAt || !ANSWERABLE.includes(request.status)) {
    throw new ApiError('gone', 'Cette demande a été reprise par l’équipe PARÉ : ce lien ne sert plus. Merci.');
  }
  return { request, linkId: link.id };
}

function answerViewOf(r: ContactRequestRecord, expiresAt: string): AnswerView {
  const commune = getCommune(r.communeCode);
  return {
    reference: r.reference,
    status: r.status,
    actor: r.actor ? { name: r.actor.name } : null,
    profile: r.profile,
    commune: { code: r.communeCode, name: commune?.name ?? r.communeCode },
    name: r.name,
    phone: r.phone,
    email: r.email,
    message: r.message,
    created_at: r.createdAt,
    expires_at: expiresAt,
    actions: (Object.keys(NEXT) as AnswerInput['action'][]).filter((a) => NEXT[a].from.includes(r.status)),
  };
}

/** `GET /api/answer/{token}`: what the referent needs to call back, and the answers still possible. */
export function getAnswerView(deps: Pick<AppDeps, 'db'>, token: string, now = new Date()): AnswerView {
  const link = resolveLink(deps.db, 'answer', token, now);
  const { request } = requestOfToken(deps.db, token, now);
  return answerViewOf(request, link.expiresAt);
}

/** The mail to the person who asked, when they gave an e-mail: taken in charge, or closed. */
export function requesterMail(r: ContactRequestRecord, to: 'en-cours' | 'cloturee', structureName: string | null): QueuedMail | null {
  if (!r.email) return null;
  const who = structureName ? `la structure ${structureName}` : 'une structure de l’annuaire PARÉ';
  const lines =
    to === 'en-cours'
      ? [
          'Bonjour,',
          '',
          `Votre demande de contact ${r.reference} est prise en charge : ${who} va vous recontacter par le moyen que vous avez indiqué.`,
        ]
      : [
          'Bonjour,',
          '',
          `Votre demande de contact ${r.reference} est close : la structure indique avoir pris contact avec vous.`,
          'Si ce n’est pas le cas, ou si vous avez encore besoin d’aide, faites une nouvelle demande sur PARÉ en citant cette référence.',
        ];
  return {
    kind: FOLLOW_UP_MAIL_KINDS.requester,
    recipient: r.email,
    subject:
      to === 'en-cours' ? `Votre demande ${r.reference} est prise en charge — PARÉ` : `Votre demande ${r.reference} est close — PARÉ`,
    body: [...lines, '', EMERGENCY, ...SIGNATURE].join('\n'),
  };
}

/** The structure may be named to the person only if the request was routed to it and it has no confidential site. */
export function nameableStructure(deps: Pick<AppDeps, 'actors'>, r: ContactRequestRecord): string | null {
  if (r.recipient !== 'acteur' || !r.actor) return null;
  const actor = deps.actors.findActorById(r.actor.id);
  if (!actor || actor.sites.some((s) => s.confidential)) return null;
  return actor.name;
}

function teamMail(cfg: FollowUpConfig, r: ContactRequestRecord, why: 'impossible' | 'sans-reponse', reason?: string): QueuedMail {
  const inbox = cfg.publicUrl ? [`Boîte de l’équipe : ${cfg.publicUrl.replace(/\/+$/, '')}${INBOX_WEB_PATH}`] : [];
  const intro =
    why === 'impossible'
      ? [
          `${r.actor?.name ?? 'La structure'} indique ne pas pouvoir prendre en charge la demande ${r.reference}.`,
          `Raison donnée : ${reason ?? ''}`,
        ]
      : [
          `${r.actor?.name ?? 'La structure'} n’a pas répondu à la demande ${r.reference} dans le délai prévu, malgré une relance.`,
          'La demande revient dans la boîte de l’équipe, au statut « sans réponse ».',
        ];
  return {
    kind: FOLLOW_UP_MAIL_KINDS.team,
    recipient: cfg.teamEmail,
    subject: `Demande ${r.reference} à réorienter — PARÉ`,
    body: [
      'Bonjour,',
      '',
      ...intro,
      '',
      'Merci de la réorienter vers une autre structure ou de recontacter la personne.',
      ...inbox,
      ...SIGNATURE,
    ].join('\n'),
  };
}

/** `POST /api/answer/{token}`: the referent's answer, in the status history as « référent de <structure> ». */
export function answerRequest(deps: AppDeps, token: string, input: AnswerInput, now = new Date()): AnswerView {
  const { request } = requestOfToken(deps.db, token, now);
  const step = NEXT[input.action];
  if (!step.from.includes(request.status)) throw new ApiError('conflict', 'Cette réponse est déjà enregistrée.');
  const cfg = followUpConfig(deps.config);
  const mails: QueuedMail[] = [];
  if (step.to === 'en-cours' || step.to === 'cloturee') {
    const mail = requesterMail(request, step.to, nameableStructure(deps, request));
    if (mail) mails.push(mail);
  }
  if (step.to === 'a-reorienter') mails.push(teamMail(cfg, request, 'impossible', input.reason));
  const links = reposOf(deps).secureLinks;
  const changed = deps.db.transaction(() => {
    const ok = reposOf(deps).contactRequests.changeContactRequestStatus(request.id, {
      from: request.status,
      to: step.to,
      userId: null,
      byLabel: referentLabel(request.actor?.name),
      note: input.action === 'impossible' ? (input.reason ?? null) : null,
      now,
      mark: { answered: true },
      mails,
    });
    // The link's task is over when the request leaves the structure's hands.
    if (ok && step.to !== 'en-cours') links.revokeRequestLinks(request.id, now);
    return ok;
  })();
  if (!changed) throw new ApiError('conflict', 'La demande a changé entre-temps : rechargez la page.');
  deps.log.info('contact request answered through link', { to: step.to });
  const after = reposOf(deps).contactRequests.findContactRequestById(request.id) as ContactRequestRecord;
  const link = resolveLink(deps.db, 'answer', token, now);
  return answerViewOf(after, link.expiresAt);
}

// --- reminders and escalation ------------------------------------------------------------------

export type FollowUpReport = { reminded: number; escalated: number };

function reminderMail(cfg: FollowUpConfig, r: ContactRequestRecord, to: string, url: string): QueuedMail {
  const commune = getCommune(r.communeCode);
  return {
    kind: FOLLOW_UP_MAIL_KINDS.reminder,
    recipient: to,
    subject: `Relance : demande de contact ${r.reference} — PARÉ`,
    body: [
      'Bonjour,',
      '',
      `Une personne (${commune ? `${commune.name}, ` : ''}référence ${r.reference}) a demandé à être recontactée par ${r.actor?.name ?? 'votre structure'} via l’annuaire PARÉ, et nous n’avons pas encore de nouvelle.`,
      'Ses coordonnées sont dans le premier message. Un clic suffit pour nous dire où vous en êtes :',
      '',
      ...answerLinkLines(url, cfg.answerLinkDays),
      '',
      `Sans réponse dans les prochains jours ouvrés, la demande sera reprise par l’équipe PARÉ (${cfg.teamEmail}).`,
      ...SIGNATURE,
    ].join('\n'),
  };
}

/**
 * Every routed request still waiting for its referent: one reminder after `reminderWorkingDays`
 * working days (with a fresh answer link), then back to the team as `sans-reponse` after
 * `escalationWorkingDays`. Idempotent: run twice at the same instant, it does nothing the second time.
 */
export function runRequestFollowUp(
  deps: Pick<AppDeps, 'db' | 'actors'> & { config: FollowUpSettings; log: Logger },
  now = new Date(),
): FollowUpReport {
  const cfg = followUpConfig(deps.config);
  const repo = reposOf(deps).contactRequests;
  const report: FollowUpReport = { reminded: 0, escalated: 0 };
  for (const r of repo.listAwaitingAnswer()) {
    const routedAt = new Date(r.routedAt as string);
    const referent = r.actor ? deps.actors.findActorById(r.actor.id)?.referentEmail : null;
    if (
      now >= addWorkingDays(routedAt, cfg.escalationWorkingDays) ||
      (!referent && now >= addWorkingDays(routedAt, cfg.reminderWorkingDays))
    ) {
      const ok = repo.changeContactRequestStatus(r.id, {
        from: r.status,
        to: 'sans-reponse',
        userId: null,
        byLabel: SYSTEM_FOLLOW_UP_LABEL,
        note: `Pas de réponse de la structure en ${cfg.escalationWorkingDays} jours ouvrés`,
        now,
        mark: { escalated: true },
        mails: [teamMail(cfg, r, 'sans-reponse')],
      });
      if (ok) report.escalated++;
      continue;
    }
    if (!r.reminderSentAt && referent && now >= addWorkingDays(routedAt, cfg.reminderWorkingDays)) {
      const sent = deps.db.transaction(() => {
        const token = issueLink(deps.db, { purpose: 'answer', contactRequestId: r.id }, cfg.answerLinkDays, now);
        return repo.recordReminder(r.id, reminderMail(cfg, r, referent, linkUrl(cfg.publicUrl, 'answer', token)), now);
      })();
      if (sent) report.reminded++;
    }
  }
  if (report.reminded || report.escalated) deps.log.info('contact request follow-up', report);
  return report;
}
