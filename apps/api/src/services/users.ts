/** Accounts, for administrators: list, create, change role, départements, activity, password. */
import type { UserRecord } from '@pare/db';
import type { AdminUser, CreateUserInput, UpdateUserInput } from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { ApiError, validationError } from '../lib/errors.ts';
import { sendPasswordLink } from './accounts.ts';
import { hashPassword } from './auth.ts';
import { organisationLabel } from './curation.ts';
import { reposOf } from './index.ts';

/** Stands for « no password yet »: no argon2 hash ever verifies against it, so nobody signs in before choosing one. */
const NO_PASSWORD_YET = '!no-password-yet';

/** Never the password hash: only whether a password was chosen, and how many sessions are open. */
export function adminUserView(deps: AppDeps, u: UserRecord): AdminUser {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    departements: u.departements,
    display_name: u.displayName,
    active: u.active,
    setup_pending: u.passwordHash === NO_PASSWORD_YET,
    sessions: deps.users.listSessions(u.id, new Date()).length,
  };
}

export function listUsers(deps: AppDeps): { items: AdminUser[] } {
  return { items: deps.users.listUsers().map((u) => adminUserView(deps, u)) };
}

/**
 * Creates an account. Without `password` (the web never sends one), the account has none until
 * its owner follows the « choisir un mot de passe » link mailed here. With `account_request_id`,
 * the professional's request is closed as « compte créé ».
 */
export async function createUser(deps: AppDeps, input: CreateUserInput, actor?: UserRecord): Promise<AdminUser> {
  if (deps.users.findUserByEmail(input.email)) {
    throw new ApiError('conflict', 'Un compte existe déjà pour cette adresse.', [
      { path: 'email', message: 'Un compte existe déjà pour cette adresse' },
    ]);
  }
  const request = input.account_request_id === undefined ? undefined : reposOf(deps).accountRequests.find(input.account_request_id);
  if (input.account_request_id !== undefined && request?.status !== 'nouvelle') {
    throw validationError([{ path: 'account_request_id', message: 'Cette demande n’existe pas ou a déjà été traitée' }]);
  }
  const user = deps.users.createUser({
    email: input.email,
    passwordHash: input.password ? await hashPassword(input.password) : NO_PASSWORD_YET,
    role: input.role,
    departements: input.role === 'relais' ? input.departements : [],
    // Every account signs the history with a name, never with its login.
    displayName:
      input.display_name || organisationLabel({ role: input.role, departements: input.role === 'relais' ? input.departements : [] }),
  });
  deps.log.info('user created', { userId: user.id, role: user.role });
  if (!input.password) sendPasswordLink(deps, user, 'welcome');
  if (request && actor) reposOf(deps).accountRequests.close(request.id, 'acceptee', actor.id, new Date(), user.id);
  return adminUserView(deps, user);
}

/**
 * Changes an account. A new role, a deactivation or a new password closes its sessions.
 * `unlock` (or a new password) forgets the account's failed sign-ins: the way an administrator
 * lifts the 15-minute lockout at once.
 * Administrators cannot demote or deactivate themselves (so someone can always manage accounts).
 */
export async function updateUser(deps: AppDeps, actor: UserRecord, id: number, patch: UpdateUserInput): Promise<AdminUser> {
  const current = deps.users.findUserById(id);
  if (!current) throw new ApiError('not_found', 'Ce compte n’existe pas.');
  if (id === actor.id && ((patch.role && patch.role !== 'admin') || patch.active === false)) {
    throw validationError([
      { path: patch.active === false ? 'active' : 'role', message: 'Vous ne pouvez pas retirer vos propres droits d’administration' },
    ]);
  }
  const role = patch.role ?? current.role;
  const losesAdmin = current.role === 'admin' && current.active && (role !== 'admin' || patch.active === false);
  if (losesAdmin && deps.users.countActiveAdmins() <= 1) {
    throw validationError([
      { path: patch.active === false ? 'active' : 'role', message: 'C’est le dernier administrateur actif : nommez-en un autre d’abord' },
    ]);
  }
  const departements = role === 'relais' ? (patch.departements ?? current.departements) : [];
  if (role === 'relais' && departements.length === 0) {
    throw validationError([{ path: 'departements', message: 'Un relais doit avoir au moins un département' }]);
  }
  const updated = deps.users.updateUser(id, {
    // The repository closes the sessions when given a role: only on an actual change.
    ...(role !== current.role ? { role } : {}),
    departements,
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    ...(patch.display_name !== undefined ? { displayName: patch.display_name } : {}),
    ...(patch.password ? { passwordHash: await hashPassword(patch.password) } : {}),
  });
  if (patch.unlock || patch.password) deps.users.clearLoginFailures(current.email);
  // A disabled account cannot set a password either.
  if (patch.active === false) reposOf(deps).secureLinks.revokeUserLinks(id, new Date());
  deps.log.info('user updated', { userId: id, by: actor.id });
  return adminUserView(deps, updated as UserRecord);
}

/** Mails the account a « choisir un nouveau mot de passe » link (24 h, single-use); the current password works until it is used. */
export function resetUser(deps: AppDeps, actor: UserRecord, id: number): AdminUser {
  const user = deps.users.findUserById(id);
  if (!user) throw new ApiError('not_found', 'Ce compte n’existe pas.');
  if (!user.active) throw validationError([{ path: 'active', message: 'Réactivez le compte avant de lui envoyer un lien' }]);
  sendPasswordLink(deps, user, 'reset');
  deps.log.info('user reset', { userId: id, by: actor.id });
  return adminUserView(deps, user);
}

/** Ends every session of an account (it signs in again on its next visit). */
export function endUserSessions(deps: AppDeps, actor: UserRecord, id: number): { ended: number } {
  if (!deps.users.findUserById(id)) throw new ApiError('not_found', 'Ce compte n’existe pas.');
  const ended = deps.users.deleteUserSessions(id);
  deps.log.info('user sessions ended', { userId: id, by: actor.id, ended });
  return { ended };
}
