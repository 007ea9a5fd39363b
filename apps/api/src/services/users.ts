/** Accounts, for administrators: list, create, change role, départements, activity, password. */
import type { UserRecord } from '@pare/db';
import type { AdminUser, CreateUserInput, UpdateUserInput } from '@pare/schema';
import type { AppDeps } from '../lib/context.ts';
import { ApiError, validationError } from '../lib/errors.ts';
import { hashPassword } from './auth.ts';
import { organisationLabel } from './curation.ts';

/** Never the password hash. */
export function adminUserView(u: UserRecord): AdminUser {
  return { id: u.id, email: u.email, role: u.role, departements: u.departements, display_name: u.displayName, active: u.active };
}

export function listUsers(deps: AppDeps): { items: AdminUser[] } {
  return { items: deps.users.listUsers().map(adminUserView) };
}

export async function createUser(deps: AppDeps, input: CreateUserInput): Promise<AdminUser> {
  if (deps.users.findUserByEmail(input.email)) {
    throw new ApiError('conflict', 'Un compte existe déjà pour cette adresse.', [
      { path: 'email', message: 'Un compte existe déjà pour cette adresse' },
    ]);
  }
  const user = deps.users.createUser({
    email: input.email,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    departements: input.role === 'relais' ? input.departements : [],
    // Every account signs the history with a name, never with its login.
    displayName:
      input.display_name || organisationLabel({ role: input.role, departements: input.role === 'relais' ? input.departements : [] }),
  });
  deps.log.info('user created', { userId: user.id, role: user.role });
  return adminUserView(user);
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
  deps.log.info('user updated', { userId: id, by: actor.id });
  return adminUserView(updated as UserRecord);
}
