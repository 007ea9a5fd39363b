/**
 * Submissions: referencing requests and error reports sent without an account, the queue the
 * curators work through, partial acceptance and the submitter's notification by mail.
 */
import { randomInt } from 'node:crypto';
import {
  type ActorRecord,
  actorToInput,
  diffSnapshots,
  type FieldChange,
  pick,
  type SubmissionRecord,
  submissionRef,
  type UserRecord,
} from '@pare/db';
import {
  type AcceptSubmissionInput,
  type CreateActorInput,
  FieldPathSchema,
  MAX_FIELD_PATH_INDEX,
  type SubmissionDetail,
  type SubmissionInput,
  type SubmissionList,
  type SubmissionSummary,
  type SubmissionsQuery,
  toOneLine,
} from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import {
  assertMayWrite,
  authorLabel,
  createActorRecorded,
  inputDepartements,
  mayHandle,
  mergeActorPatch,
  organisationLabel,
  parseActorInput,
  todayIn,
  withActorErrors,
  writeActor,
} from './curation.ts';
import { findDuplicates, probeFromInput, refuseLikelyDuplicates } from './duplicates.ts';
import { reposOf } from './index.ts';

export const SUBMISSION_MAIL_KIND = 'submission-decision';

const reachOf = (s: SubmissionRecord) => ({ national: s.departements.length === 0, departements: s.departements });

// --- public side --------------------------------------------------------------------------------

/**
 * Queues a submission with status `nouvelle`. A filled honeypot gets the same answer and is
 * dropped, so a robot learns nothing.
 */
export function createSubmission(deps: AppDeps, input: SubmissionInput, now = new Date()): { reference: string; message: string } {
  const message = 'Merci ! Votre demande a bien été reçue. L’équipe PARÉ va l’examiner et vous répondra par e-mail.';
  if (input.homepage) {
    deps.log.info('submission honeypot', {});
    return { reference: `P-${randomInt(1000, 99999)}`, message };
  }
  const repo = reposOf(deps).submissions;
  const common = {
    message: input.message || null,
    submitterName: input.submitter.name,
    submitterEmail: input.submitter.email,
    consentAt: now.toISOString(),
  };
  let created: SubmissionRecord;
  if (input.kind === 'referencement') {
    const p = input.proposal;
    created = repo.createSubmission({
      ...common,
      kind: 'referencement',
      actorId: null,
      title: p.name,
      proposal: p,
      departements: p.territory?.scope === 'national' ? [] : inputDepartements(p),
    });
  } else {
    const actor = deps.actors.findActorBySlug(input.actor_slug);
    if (actor?.status !== 'published') throw new ApiError('not_found', 'Cette fiche n’existe pas ou n’est plus référencée.');
    const current = actorToInput(actor);
    created = repo.createSubmission({
      ...common,
      kind: 'correction',
      actorId: actor.id,
      title: actor.name,
      proposal: stripUndefined(input.changes ?? {}),
      departements: current.territory.scope === 'national' ? [] : inputDepartements(current),
    });
  }
  deps.log.info('submission received', { submissionId: created.id, kind: created.kind });
  return { reference: `P-${created.id}`, message };
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

// --- curator side -------------------------------------------------------------------------------

function summaryOf(s: SubmissionRecord): SubmissionSummary {
  return {
    ...pick(s, 'id', 'kind', 'status', 'title'),
    actor_id: s.actorId,
    departements: s.departements,
    submitter_name: s.submitterName,
    created_at: s.createdAt,
    decided_at: s.decidedAt,
  };
}

/** The queue: `nouvelle` by default, oldest first; a relais sees their départements only. */
export function listSubmissions(deps: AppDeps, user: UserRecord, q: SubmissionsQuery): SubmissionList {
  const status = q.status === 'all' ? undefined : (q.status ?? 'nouvelle');
  const { total, items } = reposOf(deps).submissions.listSubmissions({
    status,
    kind: q.kind,
    departements: user.role === 'relais' ? user.departements : undefined,
    limit: q.per_page,
    offset: (q.page - 1) * q.per_page,
  });
  // A relais's list is filtered by the places stored with each submission, then by where its actor is now.
  const visible = user.role === 'relais' ? items.filter((s) => mayHandleSubmission(deps, user, s)) : items;
  return { total: total - (items.length - visible.length), page: q.page, per_page: q.per_page, items: visible.map(summaryOf) };
}

/** Submissions waiting for a decision that this user can see (for the dashboard). */
export function countPendingSubmissions(deps: AppDeps, user: UserRecord): number {
  return reposOf(deps).submissions.countSubmissions({
    status: 'nouvelle',
    departements: user.role === 'relais' ? user.departements : undefined,
  });
}

/**
 * Where a submission belongs now. A correction follows its actor: the départements stored with
 * it are those of the day it was sent, and the actor may have moved since (a relais of its old
 * département must not read its confidential address through an old submission).
 */
function currentReachOf(deps: AppDeps, s: SubmissionRecord): { national: boolean; departements: string[] } {
  const actor = s.kind === 'correction' && s.actorId !== null ? deps.actors.findActorById(s.actorId) : undefined;
  if (!actor) return reachOf(s);
  const input = actorToInput(actor);
  return { national: input.territory.scope === 'national', departements: inputDepartements(input) };
}

/** May this user see and decide this submission? A relais: only when both the stored and the current places are theirs. */
function mayHandleSubmission(deps: AppDeps, user: UserRecord, s: SubmissionRecord): boolean {
  return mayHandle(user, reachOf(s)) && mayHandle(user, currentReachOf(deps, s));
}

function findHandledSubmission(deps: AppDeps, user: UserRecord, id: number): SubmissionRecord {
  const s = reposOf(deps).submissions.findSubmission(id);
  if (!s) throw new ApiError('not_found', 'Cette proposition n’existe pas.');
  if (!mayHandleSubmission(deps, user, s)) throw new ApiError('forbidden', 'Cette proposition ne relève pas de vos départements.');
  return s;
}

type Comparison = {
  actor: ActorRecord | null;
  current: CreateActorInput | null;
  proposed: Record<string, unknown>;
  changes: FieldChange[];
};

const isBlank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The current entry (none for a referencing request), the proposal applied over it, and their differences. */
function compare(deps: AppDeps, s: SubmissionRecord): Comparison {
  const actor = s.kind === 'correction' && s.actorId !== null ? (deps.actors.findActorById(s.actorId) ?? null) : null;
  const current = s.kind === 'correction' && actor ? actorToInput(actor) : null;
  const base = baseOf(current, s.proposal);
  const proposed = mergeActorPatch(base, s.proposal);
  // « Nothing » against « an empty list » is no change to review (the parser fills the default).
  const changes = diffSnapshots(base, proposed).filter((c) => !(isBlank(c.before) && isBlank(c.after)));
  return { actor, current, proposed, changes };
}

/**
 * What a submission is compared with: the current entry, or for a new actor empty lists and
 * groups, so that each proposed site, contact and territory field is its own change — the
 * curator keeps the phone and drops the e-mail, item by item.
 */
function baseOf(current: CreateActorInput | null, proposal: Record<string, unknown>): Record<string, unknown> {
  if (current) return { ...current };
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  return {
    sites: [],
    contacts: [],
    // Only when proposed: a missing territory stays one missing field (« territory »).
    ...(isObject(proposal.territory) ? { territory: {} } : {}),
    ...(isObject(proposal.provenance) ? { provenance: {} } : {}),
  };
}

/** One submission, side by side with the entry it would change. */
export function getSubmissionDetail(deps: AppDeps, user: UserRecord, id: number): SubmissionDetail {
  const s = findHandledSubmission(deps, user, id);
  const { actor, current, proposed, changes } = compare(deps, s);
  const duplicates =
    s.kind === 'referencement' && s.status === 'nouvelle'
      ? findDuplicates(deps, probeFromInput(s.proposal as Partial<CreateActorInput>), (c) => mayHandle(user, c))
      : [];
  return {
    ...summaryOf(s),
    submitter_email: s.submitterEmail,
    message: s.message,
    proposal: s.proposal,
    decided_by: s.decidedByLabel,
    decision_reason: s.decisionReason,
    accepted_fields: s.acceptedFields,
    revision_id: s.revisionId,
    actor: actor ? { id: actor.id, slug: actor.slug, name: actor.name, status: actor.status } : null,
    current: current as Record<string, unknown> | null,
    proposed,
    changes,
    duplicates,
  };
}

// --- paths --------------------------------------------------------------------------------------

const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

const invalidPath = (path: string) =>
  new ApiError('validation_error', 'Chemin de champ invalide.', [{ path: path.slice(0, 200), message: 'Chemin de champ invalide' }]);

/**
 * Sets `value` at a dotted path (`sites.0.postcode`), creating objects and arrays on the way.
 * The path is bounded before anything is touched (the same rule as FieldPathSchema): an index
 * past the longest list would make a sparse array that every later step walks.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const checked = FieldPathSchema.safeParse(path);
  if (!checked.success) throw invalidPath(path);
  const keys = path.split('.');
  if (keys.some((k) => k === '' || UNSAFE_KEYS.has(k))) throw invalidPath(path);
  let node: Record<string, unknown> | unknown[] = target;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const k: string | number = Array.isArray(node) ? Number(key) : key;
    if (Array.isArray(node) && (!Number.isInteger(k) || (k as number) > MAX_FIELD_PATH_INDEX)) throw invalidPath(path);
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[k] = value;
      return;
    }
    let child = container[k];
    if (typeof child !== 'object' || child === null) {
      child = /^\d+$/.test(keys[i + 1] ?? '') ? [] : {};
      container[k] = child;
    } else {
      child = Array.isArray(child) ? [...child] : { ...(child as Record<string, unknown>) };
      container[k] = child;
    }
    node = child as Record<string, unknown> | unknown[];
  });
}

/**
 * Items removed from a list come out of the diff as `null`, and items refused leave holes: drop
 * them. A contact tied to a site follows its site's new position, or to none when it is gone.
 */
function compactLists(o: Record<string, unknown>): Record<string, unknown> {
  const present = (x: unknown) => x !== null && x !== undefined;
  const sites = o.sites;
  if (Array.isArray(sites)) {
    const newIndex = new Map<number, number>();
    // Array.from visits holes too (a refused site before an accepted one).
    Array.from(sites).forEach((x, i) => {
      if (present(x)) newIndex.set(i, newIndex.size);
    });
    o.sites = Array.from(sites).filter(present);
    if (Array.isArray(o.contacts))
      o.contacts = o.contacts.map((c) => {
        if (typeof c !== 'object' || c === null || typeof (c as { site?: unknown }).site !== 'number') return c;
        return { ...(c as object), site: newIndex.get((c as { site: number }).site) ?? null };
      });
  }
  if (Array.isArray(o.contacts)) o.contacts = Array.from(o.contacts).filter(present);
  return o;
}

/** Accepting `sites` accepts every change under it (`sites.0.postcode`…). */
const covers = (field: string, path: string) => path === field || path.startsWith(`${field}.`);

/** What an acceptance would save: the accepted changes over the current entry, then the curator's edits. */
export function applyAcceptance(
  base: Record<string, unknown>,
  changes: FieldChange[],
  body: Pick<AcceptSubmissionInput, 'fields' | 'overrides'>,
): { next: Record<string, unknown>; accepted: string[]; partial: boolean } {
  const next: Record<string, unknown> = structuredClone(base);
  const chosen = body.fields ? changes.filter((c) => body.fields?.some((f) => covers(f, c.path))) : changes;
  for (const c of chosen) setPath(next, c.path, structuredClone(c.after));
  const overridden = Object.entries(body.overrides ?? {});
  for (const [path, value] of overridden) setPath(next, path, structuredClone(value));
  const accepted = [...new Set([...chosen.map((c) => c.path), ...overridden.map(([p]) => p)])];
  const partial = chosen.length < changes.length || overridden.length > 0;
  return { next: compactLists(next), accepted, partial };
}

// --- decisions ----------------------------------------------------------------------------------

function assertOpen(s: SubmissionRecord) {
  if (s.status !== 'nouvelle') throw new ApiError('conflict', 'Cette proposition a déjà été traitée.');
}

// Mails are built from one-line values only: a name or a title stored before names were checked
// must not open a new line (a fake « Référence : … » at the top of a mail from PARÉ).
function what(s: SubmissionRecord): string {
  return s.kind === 'referencement'
    ? `votre demande de référencement de « ${toOneLine(s.title)} »`
    : `votre signalement concernant la fiche « ${toOneLine(s.title)} »`;
}

function acceptanceMail(s: SubmissionRecord, actor: { name: string; slug: string }, partial: boolean, publicUrl: string | undefined) {
  return submissionMail(s, 'PARÉ : votre proposition a été acceptée', [
    partial
      ? 'L’équipe l’a examinée et l’a acceptée en partie : certains éléments ont été ajustés ou n’ont pas été retenus.'
      : 'L’équipe l’a examinée et l’a acceptée.',
    publicUrl
      ? `La fiche « ${toOneLine(actor.name)} » est à jour dans l’annuaire : ${publicUrl.replace(/\/+$/, '')}/acteurs/${actor.slug}`
      : `La fiche « ${toOneLine(actor.name)} » est à jour dans l’annuaire : vous la trouverez en cherchant son nom.`,
    '',
    'Si une information change, vous pouvez nous le signaler à tout moment depuis la fiche (« Signaler une erreur »).',
  ]);
}

/** A mail to the person who sent a submission: greeting, thanks, the decision's lines, signature. */
function submissionMail(s: SubmissionRecord, subject: string, decision: string[]) {
  const body = [
    `Bonjour ${toOneLine(s.submitterName)},`,
    '',
    `Merci pour ${what(s)} dans l’annuaire PARÉ.`,
    ...decision,
    '',
    'L’équipe PARÉ',
  ].join('\n');
  return { kind: SUBMISSION_MAIL_KIND, recipient: s.submitterEmail, subject, body, subjectRef: submissionRef(s.id) };
}

function rejectionMail(s: SubmissionRecord, reason: string) {
  return submissionMail(s, 'PARÉ : réponse à votre proposition', [
    'Après examen, l’équipe n’a pas pu y donner suite, pour la raison suivante :',
    '',
    reason,
    '',
    'Vous pouvez envoyer une nouvelle proposition à tout moment depuis l’annuaire.',
  ]);
}

export type AcceptResult = {
  submission: SubmissionSummary;
  actor_id: number | null;
  revision_id: number | null;
  accepted_fields: string[];
};

/**
 * Accepts all of a submission, or only `fields`, with the curator's `overrides`; creates or
 * updates the actor with a revision carrying the submission, and tells the submitter.
 */
export function acceptSubmission(deps: AppDeps, user: UserRecord, id: number, body: AcceptSubmissionInput, now = new Date()): AcceptResult {
  const s = findHandledSubmission(deps, user, id);
  assertOpen(s);
  const { actor, current, changes } = compare(deps, s);
  if (s.kind === 'correction' && !actor) throw new ApiError('conflict', 'La fiche à corriger n’existe plus.');
  const { next: raw, accepted, partial } = applyAcceptance(baseOf(current, s.proposal), changes, body);
  if (s.kind === 'referencement') {
    // The curator has just reviewed what the actor sent: the new entry starts verified.
    raw.provenance = {
      last_verified_at: todayIn(now),
      verified_by: organisationLabel(user),
      ...((raw.provenance as object | undefined) ?? {}),
    };
  }
  const next = parseActorInput(raw);
  assertMayWrite(user, current ? { national: current.territory.scope === 'national', departements: inputDepartements(current) } : null, {
    national: next.territory.scope === 'national',
    departements: inputDepartements(next),
  });
  if (s.kind === 'referencement' && !body.confirm_duplicates) {
    refuseLikelyDuplicates(deps, next, (c) => mayHandle(user, c));
  }
  const submissions = reposOf(deps).submissions;
  const outbox = reposOf(deps).outbox;
  const decidedAt = now.toISOString();

  const result = withActorErrors(() =>
    deps.db.transaction(() => {
      let actorId: number | null = actor?.id ?? null;
      let revisionId: number | null = null;
      let saved = { name: actor?.name ?? next.name, slug: actor?.slug ?? '' };
      if (s.kind === 'referencement') {
        const created = createActorRecorded(deps, user, next, { submissionId: s.id, note: 'Demande de référencement acceptée' });
        revisionId = created.revisionId;
        actorId = created.actor.id;
        saved = created.actor;
      } else if (actor && diffSnapshots(actorToInput(actor), next).length > 0) {
        const written = writeActor(deps, user, actor, next, { action: 'update', submissionId: s.id, note: 'Signalement accepté' });
        revisionId = written.revisionId;
        saved = written.actor;
      }
      const decided = submissions.decideSubmission(s.id, {
        status: 'acceptee',
        decidedBy: user.id,
        decidedByLabel: authorLabel(user),
        decidedAt,
        acceptedFields: accepted,
        revisionId,
        actorId,
      });
      if (!decided) throw new ApiError('conflict', 'Cette proposition a déjà été traitée.');
      outbox.enqueueMail(acceptanceMail(s, { name: saved.name, slug: saved.slug }, partial, deps.config.publicUrl));
      return { actorId, revisionId };
    })(),
  );
  deps.log.info('submission accepted', { submissionId: s.id, actorId: result.actorId });
  const decided = submissions.findSubmission(s.id) as SubmissionRecord;
  return { submission: summaryOf(decided), actor_id: result.actorId, revision_id: result.revisionId, accepted_fields: accepted };
}

/** Rejects with a reason, which the submitter receives. */
export function rejectSubmission(deps: AppDeps, user: UserRecord, id: number, reason: string, now = new Date()): SubmissionSummary {
  const s = findHandledSubmission(deps, user, id);
  assertOpen(s);
  const submissions = reposOf(deps).submissions;
  const outbox = reposOf(deps).outbox;
  deps.db.transaction(() => {
    const decided = submissions.decideSubmission(s.id, {
      status: 'rejetee',
      decidedBy: user.id,
      decidedByLabel: authorLabel(user),
      decidedAt: now.toISOString(),
      reason,
    });
    if (!decided) throw new ApiError('conflict', 'Cette proposition a déjà été traitée.');
    outbox.enqueueMail(rejectionMail(s, reason));
  })();
  deps.log.info('submission rejected', { submissionId: s.id });
  return summaryOf(submissions.findSubmission(s.id) as SubmissionRecord);
}
