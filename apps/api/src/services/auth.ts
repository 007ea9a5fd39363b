import { hash, verify } from '@node-rs/argon2';
import type { UserRecord } from '@pare/db';
import type { CurrentUser, LoginInput } from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { ApiError } from '../lib/errors.ts';

/** Sign-in throttling: failures allowed in the window, per account and per client address. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified when the account does not exist, so an unknown e-mail costs the same time.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$gAeVuETkvQUMK5VC+bIivQ$2DDKQ979Q6ngxK0oARaow2xnTEplfW3mJlJuIrfoPUQ';

export function currentUser(u: UserRecord): CurrentUser {
  return { id: u.id, email: u.email, role: u.role, departements: u.departements, display_name: u.displayName };
}

/**
 * Checks the password and opens a session. Throttled per account and per address: the attempt
 * is counted (in the database, atomically) before the password is checked, so concurrent
 * attempts cannot slip under the limits. The answer and its timing never say whether the
 * account exists.
 */
export async function login(deps: AppDeps, input: LoginInput, address: string, now = new Date(), userAgent: string | null = null) {
  const attemptId = deps.users.beginLoginAttempt(input.email, address, now, new Date(now.getTime() - LOGIN_WINDOW_MS), {
    account: MAX_FAILURES_PER_ACCOUNT,
    address: MAX_FAILURES_PER_ADDRESS,
  });
  if (attemptId === null) {
    deps.log.info('login throttled', { address });
    throw new ApiError('rate_limited', 'Trop de tentatives de connexion. Réessayez dans 15 minutes.');
  }
  const user = deps.users.findUserByEmail(input.email);
  const ok = await verify(user?.passwordHash ?? DUMMY_HASH, input.password).catch(() => false);
  if (!user || !ok || !user.active) {
    // The attempt stays counted as a failure.
    deps.log.info('login failed', { address });
    throw new ApiError('unauthorized', 'Adresse e-mail ou mot de passe incorrect.');
  }
  deps.users.endSuccessfulLoginAttempt(attemptId, input.email);
  const session = deps.users.createSession(user.id, now, deps.config.sessionTtlMs, userAgent);
  deps.log.info('login', { userId: user.id });
  return { user, ...session };
}
