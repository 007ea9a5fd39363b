/**
 * Accounts in the web: the single-use « choisir un mot de passe » links (a new account, or a reset
 * by an administrator), a person's own sessions, and the professionals' account requests.
 * A password never travels by mail: only a link, whose token the database keeps as a SHA-256.
 */
import type { accountRequestRepository, UserRecord } from '@pare/db';
import {
  type AccountRequest,
  type AccountRequestInput,
  AccountRequestInputSchema,
  type PasswordLinkView,
  ROLE_LABELS,
  type SessionList,
  toOneLine,
} from '@pare/schema';
import { CONFIG_DEFAULTS } from '../lib/config.ts';
import type { AppDeps } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';
import { hashPassword } from './auth.ts';
import { reposOf } from './index.ts';
import { issueLink, linkUrl, resolveLink, UNKNOWN_LINK_MESSAGE } from './secure-links.ts';

/** Days a new account's link stays usable, and hours for a reset. */
export const WELCOME_LINK_DAYS = 7;
export const RESET_LINK_DAYS = 1;

export const ACCOUNT_MAIL_KINDS = {
  welcome: 'account-welcome',
  reset: 'account-reset',
  requestAck: 'account-request-ack',
  requestTeam: 'account-request-team',
  requestRefused: 'account-request-refused',
} as const;

const SIGNATURE = '\n\n— L’équipe PARÉ (Fondation Droit d’Enfance)';

function passwordMail(user: UserRecord, url: string, kind: 'welcome' | 'reset'): { subject: string; body: string } {
  const hello = `Bonjour${user.displayName ? ` ${toOneLine(user.displayName)}` : ''},`;
  if (kind === 'welcome') {
    return {
      subject: 'PARÉ : votre compte a été créé, choisissez votre mot de passe',
      body:
        `${hello}\n\nUn compte « ${ROLE_LABELS[user.role]} » a été ouvert pour vous sur l’annuaire PARÉ, ` +
        `avec l’adresse ${user.email}.\n\nPour choisir votre mot de passe, ouvrez ce lien (valable ${WELCOME_LINK_DAYS} jours, une seule fois) :\n${url}\n\n` +
        `Si vous n’attendiez pas ce message, ignorez-le : aucun mot de passe n’a été choisi.${SIGNATURE}`,
    };
  }
  return {
    subject: 'PARÉ : choisissez un nouveau mot de passe',
    body:
      `${hello}\n\nUn administrateur de PARÉ vous envoie un lien pour choisir un nouveau mot de passe pour le compte ${user.email}.\n\n` +
      `Ouvrez ce lien (valable 24 heures, une seule fois) :\n${url}\n\n` +
      `Tant que vous ne l’utilisez pas, votre mot de passe actuel reste valable. Si vous n’avez rien demandé, prévenez l’équipe PARÉ.${SIGNATURE}`,
  };
}

/**
 * Mails the account a new « choisir un mot de passe » link; the links sent before are revoked, so
 * only the latest works. Queued in the same transaction as the link.
 */
export function sendPasswordLink(deps: AppDeps, user: UserRecord, kind: 'welcome' | 'reset', now = new Date()): void {
  deps.db.transaction(() => {
    reposOf(deps).secureLinks.revokeUserLinks(user.id, now);
    const token = issueLink(
      deps.db,
      { purpose: 'password', userId: user.id },
      kind === 'welcome' ? WELCOME_LINK_DAYS : RESET_LINK_DAYS,
      now,
    );
    const mail = passwordMail(user, linkUrl(deps.config.publicUrl, 'password', token), kind);
    reposOf(deps).outbox.enqueueMail({ kind: ACCOUNT_MAIL_KINDS[kind], recipient: user.email, ...mail });
  })();
  deps.log.info('password link sent', { userId: user.id, kind });
}

/** The account behind a usable link, or the one 404 (unknown, expired, used, replaced, disabled account alike). */
function usableLink(deps: AppDeps, token: string, now: Date): { id: number; user: UserRecord; expiresAt: string } {
  const link = resolveLink(deps.db, 'password', token, now);
  const user = link.userId === null ? undefined : deps.users.findUserById(link.userId);
  if (link.revokedAt || !user?.active) throw new ApiError('not_found', UNKNOWN_LINK_MESSAGE);
  return { id: link.id, user, expiresAt: link.expiresAt };
}

export function getPasswordLink(deps: AppDeps, token: string, now = new Date()): PasswordLinkView {
  const { user, expiresAt } = usableLink(deps, token, now);
  return { email: user.email, display_name: user.displayName, expires_at: expiresAt };
}

/**
 * Sets the password and uses the link up: every password link of the account is revoked, its
 * sessions end (the repository closes them on a new hash) and its sign-in lockout is lifted.
 */
export async function setPasswordWithLink(deps: AppDeps, token: string, password: string, now = new Date()): Promise<{ email: string }> {
  const { id, user } = usableLink(deps, token, now);
  const passwordHash = await hashPassword(password);
  const done = deps.db.transaction(() => {
    // This very link, checked again inside the write: two tabs submitting it, or a link replaced
    // while the password was being hashed, set no password.
    const links = reposOf(deps).secureLinks;
    if (!links.revokeLink(id, now)) return false;
    links.revokeUserLinks(user.id, now);
    deps.users.updateUser(user.id, { passwordHash });
    deps.users.clearLoginFailures(user.email);
    return true;
  })();
  if (!done) throw new ApiError('not_found', UNKNOWN_LINK_MESSAGE);
  deps.log.info('password set with link', { userId: user.id });
  return { email: user.email };
}

// --- a person's own sessions -----------------------------------------------------------------

export function listMySessions(deps: AppDeps, user: UserRecord, currentToken: string | null, now = new Date()): SessionList {
  return {
    items: deps.users.listSessions(user.id, now, currentToken).map((s) => ({
      id: s.id,
      user_agent: s.userAgent,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
      expires_at: s.expiresAt,
      current: s.current,
    })),
  };
}

export function revokeMySession(deps: AppDeps, user: UserRecord, id: string): void {
  if (!deps.users.deleteSessionById(user.id, id)) throw new ApiError('not_found', 'Cette session n’existe pas ou est déjà fermée.');
  deps.log.info('session revoked', { userId: user.id });
}

export function revokeMyOtherSessions(deps: AppDeps, user: UserRecord, currentToken: string): { ended: number } {
  const ended = deps.users.deleteOtherSessions(user.id, currentToken);
  deps.log.info('other sessions revoked', { userId: user.id, ended });
  return { ended };
}

// --- professionals' account requests ---------------------------------------------------------

function requestView(r: ReturnType<ReturnType<typeof accountRequestRepository>['create']>): AccountRequest {
  return {
    id: r.id,
    name: r.name,
    organisation: r.organisation,
    function: r.function,
    email: r.email,
    departements: r.departements,
    message: r.message,
    status: r.status,
    created_at: r.createdAt,
    handled_at: r.handledAt,
    user_id: r.userId,
  };
}

/**
 * Records a professional's request and queues the acknowledgement (and, when PARE_TEAM_EMAIL is
 * set, a note to the team). The answer is the same whether or not an account exists already.
 */
export function createAccountRequest(deps: AppDeps, input: AccountRequestInput): { id: number } {
  const data = AccountRequestInputSchema.parse(input);
  const created = deps.db.transaction(() => {
    const r = reposOf(deps).accountRequests.create({ ...data, message: data.message || null });
    const outbox = reposOf(deps).outbox;
    outbox.enqueueMail({
      kind: ACCOUNT_MAIL_KINDS.requestAck,
      recipient: r.email,
      subject: 'PARÉ : nous avons bien reçu votre demande de compte professionnel',
      body:
        `Bonjour ${toOneLine(r.name)},\n\nNous avons bien reçu votre demande de compte professionnel pour ${toOneLine(r.organisation)}. ` +
        'L’équipe PARÉ vérifie chaque demande auprès de la structure indiquée. Si elle est acceptée, vous recevrez un second message ' +
        'avec un lien pour choisir votre mot de passe.\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message.' +
        SIGNATURE,
    });
    if (deps.config.teamEmail) {
      outbox.enqueueMail({
        kind: ACCOUNT_MAIL_KINDS.requestTeam,
        recipient: deps.config.teamEmail,
        subject: 'PARÉ : nouvelle demande de compte professionnel',
        body: `Une demande de compte professionnel attend dans le back-office (Comptes → Demandes), n° ${r.id}.${SIGNATURE}`,
      });
    }
    return r;
  })();
  deps.log.info('account request received', { accountRequestId: created.id });
  return { id: created.id };
}

export function listAccountRequests(deps: AppDeps): { items: AccountRequest[] } {
  return { items: reposOf(deps).accountRequests.list().map(requestView) };
}

export function refuseAccountRequest(deps: AppDeps, actor: UserRecord, id: number, now = new Date()): AccountRequest {
  const repo = reposOf(deps).accountRequests;
  const found = repo.find(id);
  if (!found) throw new ApiError('not_found', 'Cette demande n’existe pas.');
  deps.db.transaction(() => {
    if (!repo.close(id, 'refusee', actor.id, now)) throw new ApiError('conflict', 'Cette demande a déjà été traitée.');
    reposOf(deps).outbox.enqueueMail({
      kind: ACCOUNT_MAIL_KINDS.requestRefused,
      recipient: found.email,
      subject: 'PARÉ : votre demande de compte professionnel',
      body:
        `Bonjour ${toOneLine(found.name)},\n\nNous n’avons pas pu donner suite à votre demande de compte professionnel. ` +
        'Pour en savoir plus, ou si votre structure fait partie du réseau, écrivez à l’équipe PARÉ.' +
        SIGNATURE,
    });
  })();
  deps.log.info('account request refused', { accountRequestId: id, by: actor.id });
  return requestView(repo.find(id) as NonNullable<ReturnType<typeof repo.find>>);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Retention: the professionals' requests are deleted PARE_RETENTION_DAYS after an administrator
 * handled them (the account, when created, keeps only its e-mail and name), with the mails about them.
 */
export function purgeHandledAccountRequests(
  deps: { db: AppDeps['db']; log: AppDeps['log']; retentionDays?: number | undefined },
  now = new Date(),
): { requests: number; mails: number } {
  const days = deps.retentionDays ?? CONFIG_DEFAULTS.retentionDays;
  const purged = reposOf(deps).accountRequests.purgeHandledBefore(new Date(now.getTime() - days * DAY_MS), [
    ACCOUNT_MAIL_KINDS.requestAck,
    ACCOUNT_MAIL_KINDS.requestTeam,
    ACCOUNT_MAIL_KINDS.requestRefused,
  ]);
  if (purged.requests > 0) deps.log.info('account requests purged', { ...purged, retentionDays: days });
  return purged;
}
