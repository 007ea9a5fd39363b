import { hash, verify } from '@node-rs/argon2';
import type { UserRecord } from '@pare/db';
import type { CurrentUser, LoginInput } from '@pare/schema';
import type { AppDeps, RequestAuth } from '../lib/context.ts';
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

/** The signed-in person and their session, as `/auth/me` and `/account/session` answer it; null when nobody is signed in. */
export function sessionView(
  deps: Pick<AppDeps, 'users' | 'config'>,
  auth: Pick<RequestAuth, 'user' | 'csrfToken' | 'sessionToken'>,
  now = new Date(),
): { user: CurrentUser; csrf_token: string; expires_at: string | null } | null {
  if (!auth.user || !auth.csrfToken) return null;
  const session = auth.sessionToken ? deps.users.findSession(auth.sessionToken, now, deps.config.sessionIdleMs) : undefined;
  return { user: currentUser(auth.user), csrf_token: auth.csrfToken, expires_at: session?.expiresAt ?? null };
}

/** Signs out: the session is gone on the server (its cookie is the caller's to clear). */
export function logout(deps: Pick<AppDeps, 'users'>, sessionToken: string | null): void {
  if (!sessionToken) throw new ApiError('unauthorized');
  deps.users.deleteSession(sessionToken);
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
