/**
 * Routed contact requests: who receives a request, its reference, the mail it becomes, and the
 * team inbox (list, detail, status changes). Contents never go to the logs.
 */
import { randomBytes } from 'node:crypto';
import {
  type ActorRecord,
  type ContactRequestHistoryEntry,
  type ContactRequestRecord,
  DuplicateReferenceError,
  type UserRecord,
} from '@pare/db';
import { getCommune, getDepartement } from '@pare/geo';
import type {
  ChangeContactRequestStatusInput,
  ContactRequestCounts,
  ContactRequestCreated,
  ContactRequestDetail,
  ContactRequestSummary,
  CreateContactRequestInput,
  ListContactRequestsQuery,
  RequestStatus,
  RequestStatusLookupInput,
  TransmitCandidate,
  TransmitContactRequestInput,
} from '@pare/schema';
import {
  ACTION_LABELS,
  type Action,
  type ContactRequestRecipient,
  createContactRequestInputSchema,
  type OrientationProfile,
} from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { ApiError, validationError } from '../lib/errors.ts';
import { coversDepartement, departementsReached, seesAll } from '../lib/policy.ts';
import { mayHandle } from './curation.ts';
import { reposOf } from './index.ts';
import { CONTACT_REQUEST_MAIL_KIND } from './mailer.ts';
import { answerLinkLines, followUpConfig, nameableStructure, requesterMail } from './request-follow-up.ts';
import { issueLink, linkUrl } from './secure-links.ts';

/** The public form's body, with the commune checked against the referential. Built once. */
export const CreateContactRequestInputSchema = createContactRequestInputSchema((code) => getCommune(code) !== undefined);

/** The team inbox's page in the web client, for the link in the team's mails. */
export const INBOX_WEB_PATH = '/equipe/demandes';

/** Digits and capitals without 0/O, 1/I: a reference read over the phone is not misheard. 32 signs, 5 bits each. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** 'PARE-' and 8 signs drawn from 40 crypto-random bits: neither guessable nor sequential. */
export function generateReference(): string {
  let value = 0;
  for (const byte of randomBytes(5)) value = value * 256 + byte; // 40 bits: exact in a double
  let out = '';
  for (let i = 0; i < 8; i++) {
    out += REFERENCE_ALPHABET[value % 32];
    value = Math.floor(value / 32);
  }
  return `PARE-${out}`;
}

export type ContactRouting = {
  recipient: ContactRequestRecipient;
  /** The address the mail goes to. Never sent back to the person. */
  to: string;
  why: 'referent' | 'confidential' | 'no-requests' | 'no-actor';
};

/**
 * Who receives a request: the actor's referent when the actor accepts requests, has a referent and
 * no confidential site; the PARÉ team otherwise — always for an actor with any confidential site, so
 * a shelter's team is reached only through people who know how to protect it.
 */
export function routeContactRequest(actor: ActorRecord | undefined, teamEmail: string): ContactRouting {
  if (!actor) return { recipient: 'equipe-pare', to: teamEmail, why: 'no-actor' };
  if (actor.sites.some((s) => s.confidential)) return { recipient: 'equipe-pare', to: teamEmail, why: 'confidential' };
  if (actor.acceptsContactRequests && actor.referentEmail) return { recipient: 'acteur', to: actor.referentEmail, why: 'referent' };
  return { recipient: 'equipe-pare', to: teamEmail, why: 'no-requests' };
}

/**
 * A request the team must read first: the person said there is immediate danger, or a young person
 * asks for a place to sleep (« mise à l'abri / hébergement ») — a 16-year-old with nowhere to go
 * tonight must not wait behind a parent's question. Derived once, when the request is made.
 */
export function isUrgentRequest(r: {
  profile: OrientationProfile;
  urgency?: string | null | undefined;
  needs?: readonly string[] | undefined;
}) {
  return r.urgency === 'danger-immediat' || (r.profile === 'jeune' && (r.needs ?? []).includes('hebergement'));
}

const URGENCY_LABEL: Record<string, string> = {
  'danger-immediat': 'danger immédiat',
  inquietude: 'inquiétude',
  information: 'besoin d’information',
};
const needLabel = (n: string) => ACTION_LABELS[n as Action] ?? (n === 'je-ne-sais-pas' ? 'ne sait pas' : n);

const PROFILE_LABEL: Record<OrientationProfile, string> = {
  jeune: 'jeune',
  famille: 'famille ou proche',
  professionnel: 'professionnel',
};

const parisTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const parisDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

export function purgeDate(createdAt: Date, retentionDays: number): Date {
  return new Date(createdAt.getTime() + retentionDays * 24 * 60 * 60 * 1000);
}

type MailFacts = {
  reference: string;
  routing: ContactRouting;
  actor: ActorRecord | undefined;
  name: string;
  phone: string | null;
  email: string | null;
  profile: OrientationProfile;
  communeCode: string;
  message: string;
  urgency?: string | null | undefined;
  needs?: readonly string[] | undefined;
  now: Date;
  retentionDays: number;
  teamEmail: string;
  publicUrl: string | undefined;
  /** The structure's answer link (routed requests only) and how long it lasts. */
  answer?: { url: string; days: number } | undefined;
};

/**
 * The mail a request becomes: plain French text with what the recipient needs to call back (name or
 * pseudonym, phone or e-mail, commune, profile, message) and nothing else. Personal data stays in
 * the body: the subject carries only the reference.
 */
export function composeContactRequestMail(f: MailFacts): { kind: string; recipient: string; subject: string; body: string } {
  const commune = getCommune(f.communeCode);
  const where = commune ? `${commune.name} (${commune.departement})` : f.communeCode;
  const toActor = f.routing.recipient === 'acteur';
  const intro = toActor
    ? `Une personne demande à être recontactée par ${f.actor?.name ?? 'votre structure'}, via l’annuaire PARÉ.`
    : 'Une nouvelle demande de contact est arrivée pour l’équipe PARÉ.';
  const chosen =
    f.routing.why === 'confidential'
      ? `Structure choisie : ${f.actor?.name ?? ''} — lieu confidentiel : la demande passe par l’équipe. Transmettez-la au référent sans communiquer ses coordonnées à la personne.`
      : f.routing.why === 'no-requests'
        ? `Structure choisie : ${f.actor?.name ?? ''} — elle ne reçoit pas directement les demandes : à transmettre ou à traiter par l’équipe.`
        : f.routing.why === 'no-actor'
          ? 'Structure choisie : aucune — à orienter par l’équipe.'
          : null;
  const lines = [
    'Bonjour,',
    '',
    intro,
    '',
    `Référence : ${f.reference}`,
    `Reçue le : ${parisTime.format(f.now)} (heure de Paris)`,
    ...(chosen ? [chosen] : []),
    ...(isUrgentRequest(f) ? ['URGENT : à traiter en priorité.'] : []),
    `Profil : ${PROFILE_LABEL[f.profile]}`,
    `Commune : ${where}`,
    ...(f.urgency ? [`Urgence déclarée : ${URGENCY_LABEL[f.urgency] ?? f.urgency}`] : []),
    ...(f.needs && f.needs.length > 0 ? [`Besoins : ${f.needs.map(needLabel).join(', ')}`] : []),
    '',
    `Nom ou pseudonyme : ${f.name}`,
    ...(f.phone ? [`Téléphone : ${f.phone}`] : []),
    ...(f.email ? [`E-mail : ${f.email}`] : []),
    '',
    'Message :',
    f.message || '(pas de message)',
    '',
    toActor
      ? `Merci de recontacter cette personne par le moyen qu’elle a indiqué. Si la demande ne relève pas de votre structure, dites-le sur la page ci-dessous (ou écrivez à l’équipe PARÉ, ${f.teamEmail}, en citant la référence), sans transférer ce message.`
      : 'Recontactez la personne, ou transmettez la demande à la structure la plus adaptée, puis mettez à jour son statut dans la boîte de l’équipe.',
    ...(toActor && f.answer ? ['', ...answerLinkLines(f.answer.url, f.answer.days)] : []),
    ...(!toActor && f.publicUrl ? [`Boîte de l’équipe : ${f.publicUrl.replace(/\/+$/, '')}${INBOX_WEB_PATH}`] : []),
    '',
    `Ces informations sont confidentielles : ne les gardez que le temps de traiter la demande. PARÉ les supprime le ${parisDate.format(purgeDate(f.now, f.retentionDays))} (${f.retentionDays} jours après la demande).`,
    '',
    '— PARÉ, annuaire des acteurs de la lutte contre la prostitution des mineurs',
    'Ce message est envoyé automatiquement.',
  ];
  return {
    kind: CONTACT_REQUEST_MAIL_KIND,
    recipient: f.routing.to,
    subject: `Demande de contact ${f.reference} — PARÉ`,
    body: lines.join('\n'),
  };
}

/** What the person reads after sending: who has the request, what comes next, how long we keep it. */
export function nextSteps(reference: string, routing: ContactRouting, actorName: string | undefined, retentionDays: number): string {
  const who =
    routing.recipient === 'acteur'
      ? `Elle est transmise à ${actorName ?? 'la structure choisie'}, qui vous recontactera par téléphone ou par e-mail, en général sous quelques jours ouvrés.`
      : 'L’équipe PARÉ la lit et vous recontacte, ou la transmet à la structure la plus adaptée, en général sous quelques jours ouvrés. Vos coordonnées ne sont données qu’à cette structure.';
  return [
    `Votre demande est enregistrée sous la référence ${reference}.`,
    who,
    'Gardez cette référence : avec l’e-mail ou le téléphone que vous avez donné, elle permet de voir où en est votre demande sur la page « Suivre ma demande ». Si vous avez laissé une adresse e-mail, vous serez aussi prévenu(e) quand elle sera prise en charge, puis close.',
    `Vos coordonnées et votre message sont supprimés au plus tard ${retentionDays} jours après votre demande.`,
    'En cas de danger, n’attendez pas : appelez le 17 ou le 112, ou le 119 (enfance en danger, gratuit, 24 h/24).',
  ].join(' ');
}

const blankToNull = (v: string | null | undefined) => (v && v.trim() !== '' ? v.trim() : null);

/**
 * Records a request and queues its mail in one transaction, and answers with its reference and what
 * happens next. A filled honeypot (`website`) gets the same kind of answer, and nothing is stored or sent.
 */
export function submitContactRequest(deps: AppDeps, input: CreateContactRequestInput, now = new Date()): ContactRequestCreated {
  const teamEmail = deps.config.teamEmail;
  const retentionDays = deps.config.retentionDays;
  const commune = getCommune(input.commune);
  if (!commune) throw validationError([{ path: 'commune', message: 'Commune inconnue : choisissez-la dans la liste' }]);
  let actor: ActorRecord | undefined;
  if (input.actor) {
    actor = deps.actors.findActorBySlug(input.actor);
    if (actor?.status !== 'published')
      throw validationError([{ path: 'actor', message: 'Cet acteur n’existe pas ou n’est plus référencé' }]);
  }
  const routing = routeContactRequest(actor, teamEmail);
  const answer = (reference: string): ContactRequestCreated => ({
    reference,
    status: 'nouvelle',
    recipient: routing.recipient,
    next_steps: nextSteps(reference, routing, actor?.name, retentionDays),
    retention_days: retentionDays,
  });

  if (input.website && input.website.trim() !== '') {
    // A robot filled the invisible field: it must not learn that it was spotted.
    deps.log.info('contact request ignored', { reason: 'honeypot' });
    return answer(generateReference());
  }

  const request = {
    recipient: routing.recipient,
    actorId: actor?.id ?? null,
    name: input.name,
    phone: blankToNull(input.phone),
    email: blankToNull(input.email),
    profile: input.profile,
    communeCode: commune.code,
    departementCode: commune.departement,
    message: input.message ?? '',
    urgency: input.urgency ?? null,
    needs: input.needs ?? [],
    urgent: isUrgentRequest({ profile: input.profile, urgency: input.urgency, needs: input.needs }),
  };
  const repo = reposOf(deps).contactRequests;
  // 40 random bits: a clash is very unlikely; draw again if it happens.
  const follow = followUpConfig(deps.config);
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = generateReference();
    // Built inside the request's transaction: a routed request's answer link is stored with it.
    const mail = (id: number) =>
      composeContactRequestMail({
        ...request,
        reference,
        routing,
        actor,
        now,
        retentionDays,
        teamEmail,
        publicUrl: deps.config.publicUrl,
        answer:
          routing.recipient === 'acteur'
            ? {
                url: linkUrl(
                  deps.config.publicUrl,
                  'answer',
                  issueLink(deps.db, { purpose: 'answer', contactRequestId: id }, follow.answerLinkDays, now),
                ),
                days: follow.answerLinkDays,
              }
            : undefined,
      });
    try {
      repo.createContactRequest({ ...request, reference }, mail, now);
    } catch (err) {
      if (err instanceof DuplicateReferenceError) continue;
      throw err;
    }
    deps.log.info('contact request received', { recipient: routing.recipient });
    return answer(reference);
  }
  throw new Error('no free contact request reference after 5 draws');
}

// ——— The team inbox ———

function placeRef(kind: 'commune' | 'departement', code: string): { code: string; name: string } {
  const found = kind === 'commune' ? getCommune(code) : getDepartement(code);
  return { code, name: found?.name ?? code };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Who holds a request: the structure it was handed to while it is in its hands, the team otherwise. */
function holderOf(r: ContactRequestRecord): ContactRequestSummary['holder'] {
  const withStructure = r.recipient === 'acteur' && r.actor && r.status !== 'a-reorienter' && r.status !== 'sans-reponse';
  return withStructure && r.actor ? { kind: 'structure', name: r.actor.name } : { kind: 'equipe', name: 'Équipe PARÉ' };
}

export function toSummary(r: ContactRequestRecord, last?: ContactRequestHistoryEntry, now = new Date()): ContactRequestSummary {
  return {
    reference: r.reference,
    status: r.status,
    recipient: r.recipient,
    actor: r.actor ? { slug: r.actor.slug, name: r.actor.name } : null,
    profile: r.profile,
    name: r.name,
    commune: placeRef('commune', r.communeCode),
    departement: placeRef('departement', r.departementCode),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    age_days: Math.max(0, Math.floor((now.getTime() - new Date(r.createdAt).getTime()) / DAY_MS)),
    holder: holderOf(r),
    last_event: last ? { to: last.toStatus, by: last.byLabel, at: last.at } : null,
    needs_attention: r.status === 'a-reorienter' || r.status === 'sans-reponse',
    urgent: r.urgent,
    urgency: r.urgency,
    needs: r.needs,
  };
}

function toDetail(deps: AppDeps, r: ContactRequestRecord): ContactRequestDetail {
  const repo = reposOf(deps).contactRequests;
  const retentionDays = deps.config.retentionDays;
  const history = repo.listHistory(r.id);
  return {
    ...toSummary(r, history.at(-1)),
    phone: r.phone,
    email: r.email,
    message: r.message,
    consent_at: r.consentAt,
    purge_after: purgeDate(new Date(r.createdAt), retentionDays).toISOString(),
    history: history.map((h) => ({ from: h.fromStatus, to: h.toStatus, by: h.byLabel, note: h.note, at: h.at })),
    mails: repo
      .listMails(r.id)
      .map((m) => ({ id: m.id, status: m.status, attempts: m.attempts, sent_at: m.sentAt, next_attempt_at: m.nextAttemptAt })),
  };
}

/** A relais sees the requests whose commune is in its départements; curators and admins see all. */
function findForUser(deps: AppDeps, user: UserRecord, reference: string): ContactRequestRecord {
  const found = reposOf(deps).contactRequests.findContactRequestByReference(reference);
  if (!found) throw new ApiError('not_found', 'Aucune demande ne porte cette référence.');
  if (!coversDepartement(user, found.departementCode)) {
    throw new ApiError('forbidden', 'Cette demande concerne un département dont vous n’avez pas la charge.');
  }
  return found;
}

export function listContactRequestsFor(deps: AppDeps, user: UserRecord, q: ListContactRequestsQuery) {
  const page = q.page ?? 1;
  const perPage = q.per_page ?? 50;
  const restricted = !seesAll(user);
  if (restricted && q.departement && !coversDepartement(user, q.departement)) {
    throw new ApiError('forbidden', 'Ce département n’est pas dans votre périmètre.');
  }
  const { total, items } = reposOf(deps).contactRequests.listContactRequests({
    status: q.status,
    departement: q.departement,
    departements: departementsReached(user),
    actorSlug: q.actor,
    urgent: q.urgent,
    profile: q.profile,
    createdBefore: q.older_than_hours ? new Date(Date.now() - q.older_than_hours * 3_600_000).toISOString() : undefined,
    limit: perPage,
    offset: (page - 1) * perPage,
  });
  const last = reposOf(deps).contactRequests.lastEvents(items.map((r) => r.id));
  return { total, page, per_page: perPage, items: items.map((r) => toSummary(r, last.get(r.id))) };
}

export function getContactRequestFor(deps: AppDeps, user: UserRecord, reference: string): ContactRequestDetail {
  return toDetail(deps, findForUser(deps, user, reference));
}

/** Moves a request on and records who did it, when, from and to which status, with the optional note. */
export function changeContactRequestStatusFor(
  deps: AppDeps,
  user: UserRecord,
  reference: string,
  input: ChangeContactRequestStatusInput,
  now = new Date(),
): ContactRequestDetail {
  const current = findForUser(deps, user, reference);
  if (current.status === input.status) throw new ApiError('conflict', 'La demande a déjà ce statut.');
  const repo = reposOf(deps).contactRequests;
  // The person who left an e-mail hears when someone takes the request in charge, and when it is closed.
  const told =
    input.status === 'en-cours' || input.status === 'cloturee'
      ? requesterMail(current, input.status, nameableStructure(deps, current))
      : null;
  const changed = deps.db.transaction(() => {
    const ok = repo.changeContactRequestStatus(current.id, {
      from: current.status,
      to: input.status,
      userId: user.id,
      byLabel: user.email,
      note: input.note && input.note !== '' ? input.note : null,
      now,
      mails: told ? [told] : [],
    });
    // Closed: the structure's answer link has no use left.
    if (ok && input.status === 'cloturee') reposOf(deps).secureLinks.revokeRequestLinks(current.id, now);
    return ok;
  })();
  if (!changed) throw new ApiError('conflict', 'La demande a changé entre-temps : rechargez-la.');
  deps.log.info('contact request status changed', { userId: user.id, to: input.status });
  return toDetail(deps, repo.findContactRequestById(current.id) as ContactRequestRecord);
}

/** The dashboard's counts, in the user's reach: by status, by status and older than 48 h, urgent and open. */
export function countContactRequestsFor(deps: AppDeps, user: UserRecord, now = new Date()): ContactRequestCounts {
  const c = reposOf(deps).contactRequests.countContactRequests({
    departements: departementsReached(user),
    olderThan: new Date(now.getTime() - 48 * 3_600_000).toISOString(),
  });
  return { by_status: c.byStatus, older_than_48h: c.olderByStatus, urgent_open: c.urgentOpen };
}

const CANDIDATES_MAX = 20;

type ActorReach = { id: number; scope: string; departements: readonly string[] };
/** Acts where the person lives: nationally, in the région of the département (a regional network), or in the département. */
function coversDepartementOf(deps: AppDeps, a: ActorReach, dep: string): boolean {
  if (a.scope === 'national' || a.departements.includes(dep)) return true;
  if (a.scope !== 'regions') return false;
  const region = getDepartement(dep)?.region;
  return region !== undefined && (deps.actors.findActorById(a.id)?.territory.regions.includes(region) ?? false);
}
/** A request may go to a structure acting where the person lives, or, for a relais, to one of its own. */
const mayHandOver = (deps: AppDeps, user: UserRecord, a: ActorReach, dep: string) =>
  coversDepartementOf(deps, a, dep) || mayHandle(user, { national: a.scope === 'national', departements: [...a.departements] });

/**
 * The structures a request can be handed to: published, with a referent to mail. Those acting in the
 * request's département (or nationally) come first. A relais may hand its départements' requests
 * to any structure that covers them — the national lines included — but sees only those.
 */
export function listTransmitCandidatesFor(
  deps: AppDeps,
  user: UserRecord,
  reference: string,
  q: string | undefined,
): { items: TransmitCandidate[] } {
  const request = findForUser(deps, user, reference);
  const queries = reposOf(deps).curation;
  const text = q && q.trim() !== '' ? queries.matchActorText(q) : null;
  const dep = request.departementCode;
  const out: TransmitCandidate[] = [];
  const summaries = queries
    .listActorSummaries()
    .filter((a) => a.status === 'published' && (!text || text.has(a.id)) && mayHandOver(deps, user, a, dep))
    .map((a) => ({ a, covers: coversDepartementOf(deps, a, dep) }))
    .sort((x, y) => Number(y.covers) - Number(x.covers));
  for (const { a, covers } of summaries) {
    if (out.length >= CANDIDATES_MAX) break;
    const actor = deps.actors.findActorById(a.id);
    if (!actor?.referentEmail) continue;
    out.push({
      id: a.id,
      slug: a.slug,
      name: a.name,
      type: a.type,
      scope: a.scope,
      departements: a.departements,
      covers,
      confidential: actor.sites.some((s) => s.confidential),
    });
  }
  return { items: out };
}

const TRANSMITTABLE: readonly ContactRequestRecord['status'][] = ['nouvelle', 'transmise', 'en-cours', 'a-reorienter', 'sans-reponse'];

/**
 * « Transmettre à une structure »: the request goes to the chosen structure's referent with the
 * routed mail of the request lifecycle (and its answer link), becomes `transmise` with a new
 * `routed_at` (the reminder's clock), and the history says who handed it to whom. The previous
 * structure's answer links are revoked. A relais only for the requests of its départements, and
 * only to a structure that covers the request's département or that it may handle.
 */
export function transmitContactRequestFor(
  deps: AppDeps,
  user: UserRecord,
  reference: string,
  input: TransmitContactRequestInput,
  now = new Date(),
): ContactRequestDetail {
  const current = findForUser(deps, user, reference);
  if (!TRANSMITTABLE.includes(current.status))
    throw new ApiError('conflict', 'Cette demande est close : elle ne peut plus être transmise.');
  const actor = deps.actors.findActorById(input.actor_id);
  if (actor?.status !== 'published') {
    throw validationError([{ path: 'actor_id', message: 'Cette structure n’existe pas ou n’est plus référencée.' }]);
  }
  if (!actor.referentEmail) {
    throw validationError([
      { path: 'actor_id', message: 'Cette structure n’a pas de référent à qui envoyer la demande : ajoutez-en un sur sa fiche.' },
    ]);
  }
  const summary = reposOf(deps)
    .curation.listActorSummaries()
    .find((a) => a.id === actor.id);
  if (!summary || !mayHandOver(deps, user, summary, current.departementCode)) {
    throw new ApiError('forbidden', 'Cette structure n’intervient pas dans le département de la demande, ni dans les vôtres.');
  }
  const teamEmail = deps.config.teamEmail;
  const retentionDays = deps.config.retentionDays;
  const follow = followUpConfig(deps.config);
  const repo = reposOf(deps).contactRequests;
  const links = reposOf(deps).secureLinks;
  const note = input.note && input.note !== '' ? input.note : null;
  const changed = deps.db.transaction(() => {
    // The structure that had it can no longer answer for it.
    links.revokeRequestLinks(current.id, now);
    const token = issueLink(deps.db, { purpose: 'answer', contactRequestId: current.id }, follow.answerLinkDays, now);
    const mail = composeContactRequestMail({
      reference: current.reference,
      routing: { recipient: 'acteur', to: actor.referentEmail as string, why: 'referent' },
      actor,
      name: current.name,
      phone: current.phone,
      email: current.email,
      profile: current.profile,
      communeCode: current.communeCode,
      message: current.message,
      urgency: current.urgency,
      needs: current.needs,
      now: new Date(current.createdAt),
      retentionDays,
      teamEmail,
      publicUrl: deps.config.publicUrl,
      answer: { url: linkUrl(deps.config.publicUrl, 'answer', token), days: follow.answerLinkDays },
    });
    const ok = repo.changeContactRequestStatus(current.id, {
      from: current.status,
      to: 'transmise',
      userId: user.id,
      byLabel: user.email,
      note: note ? `Transmise à ${actor.name} — ${note}` : `Transmise à ${actor.name}`,
      now,
      mark: { routedTo: { actorId: actor.id } },
      mails: [mail],
    });
    if (!ok) throw new ApiError('conflict', 'La demande a changé entre-temps : rechargez-la.');
    return ok;
  })();
  if (!changed) throw new ApiError('conflict', 'La demande a changé entre-temps : rechargez-la.');
  deps.log.info('contact request transmitted', { userId: user.id, actorId: actor.id });
  return toDetail(deps, repo.findContactRequestById(current.id) as ContactRequestRecord);
}

// ——— « Où en est ma demande ? » ———

const STATUS_FOR_THE_PERSON: Record<ContactRequestRecord['status'], string> = {
  nouvelle: 'Reçue : elle va être transmise.',
  transmise: 'Transmise : la structure ou l’équipe PARÉ l’a reçue.',
  'en-cours': 'Prise en charge : quelqu’un va vous recontacter, ou l’a fait.',
  cloturee: 'Close.',
  'a-reorienter': 'En cours de réorientation par l’équipe PARÉ.',
  'sans-reponse': 'Reprise par l’équipe PARÉ, qui cherche qui vous recontactera.',
};

const digits = (v: string) => v.replace(/\D/g, '').replace(/^33(?=\d{9}$)/, '0');

/**
 * The status of a request, for the person who made it: the reference and the e-mail or phone they
 * gave must both match. Nothing else leaves (no message, no structure), and a wrong reference or a
 * wrong contact get the same 404.
 */
export function lookUpRequestStatus(deps: AppDeps, input: RequestStatusLookupInput): RequestStatus {
  const found = reposOf(deps).contactRequests.findContactRequestByReference(input.reference);
  const given = input.contact.trim().toLowerCase();
  const matches =
    found !== undefined &&
    ((found.email !== null && found.email.toLowerCase() === given) ||
      (found.phone !== null && digits(given).length >= 9 && digits(found.phone) === digits(given)));
  if (!found || !matches) {
    throw new ApiError(
      'not_found',
      'Aucune demande ne correspond à cette référence et à ce contact. Vérifiez-les, ou écrivez à l’équipe PARÉ.',
    );
  }
  return { reference: found.reference, status: found.status, label: STATUS_FOR_THE_PERSON[found.status], updated_at: found.updatedAt };
}
