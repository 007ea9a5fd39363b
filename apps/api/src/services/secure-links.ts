/**
 * Links mailed to structures that act without an account (`/reponse/<token>`, `/mise-a-jour/<token>`),
 * and to a person choosing the password of their account (`/mot-de-passe/<token>`, single-use).
 * The token is 256 bits from the system's CSPRNG, written once into the mail; the database keeps
 * only its SHA-256. A wrong, expired or malformed token gets the same 404.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Db, type SecureLinkRecord, secureLinkRepository } from '@pare/db';
import type { SecureLinkPurpose } from '@pare/schema';
import { ApiError } from '../lib/errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** 32 bytes in base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** The web pages the links open. */
export const LINK_PATHS: Record<SecureLinkPurpose, string> = { answer: '/reponse', update: '/mise-a-jour', password: '/mot-de-passe' };

/** The absolute link for a mail; without PARE_PUBLIC_URL, the path alone (the README asks to set it). */
export function linkUrl(publicUrl: string | undefined, purpose: SecureLinkPurpose, token: string): string {
  return `${publicUrl ? publicUrl.replace(/\/+$/, '') : ''}${LINK_PATHS[purpose]}/${token}`;
}

/** Makes and stores a link; the token goes into the mail and nowhere else. */
export function issueLink(
  db: Db,
  target:
    | { purpose: 'answer'; contactRequestId: number }
    | { purpose: 'update'; campaignEntryId: number }
    | { purpose: 'password'; userId: number },
  days: number,
  now: Date,
): string {
  const { token, hash } = newToken();
  secureLinkRepository(db).createLink({ ...target, tokenHash: hash, now, expiresAt: new Date(now.getTime() + days * DAY_MS) });
  return token;
}

export const UNKNOWN_LINK_MESSAGE = 'Ce lien est inconnu ou a expiré. Si vous pensez qu’il devrait fonctionner, écrivez à l’équipe PARÉ.';

/** The usable link behind a token, or the one 404 for malformed, unknown and expired tokens alike. */
export function resolveLink(db: Db, purpose: SecureLinkPurpose, token: string, now: Date): SecureLinkRecord {
  const link = TOKEN_PATTERN.test(token) ? secureLinkRepository(db).findUsableLink(hashToken(token), purpose, now) : undefined;
  if (!link) throw new ApiError('not_found', UNKNOWN_LINK_MESSAGE);
  return link;
}

/** Paths that carry a token, as the request log writes them: the token never reaches a log line. */
export function loggablePath(path: string): string {
  return path.replace(
    /^(\/api\/answer|\/api\/update|\/api\/account\/password|\/reponse|\/mise-a-jour|\/mot-de-passe|\/api\/newsletter\/subscriptions\/(?:confirm|unsubscribe)|\/lettre\/(?:confirmer|desinscription))\/[^/]+/,
    '$1/:token',
  );
}

export const isSecureLinkPath = (path: string) =>
  /^(\/api\/answer|\/api\/update|\/api\/account\/password|\/reponse|\/mise-a-jour|\/mot-de-passe|\/api\/newsletter\/subscriptions\/(?:confirm|unsubscribe)|\/lettre\/(?:confirmer|desinscription))(\/|$)/.test(
    path,
  );
