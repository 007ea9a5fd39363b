import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@pare/schema';
import type { Db } from './database.ts';
import { statementCache } from './database.ts';
import { pick } from './pick.ts';

export type UserRecord = {
  id: number;
  email: string;
  passwordHash: string;
  role: Role;
  departements: string[];
  displayName: string | null;
  active: boolean;
};

export type SessionRecord = { id: string; user: UserRecord; csrfToken: string; expiresAt: string };

/** A session as its owner sees it in « Mon compte »: never its token nor the token's hash. */
export type SessionSummary = {
  id: string;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
};

type SessionRow = {
  token_hash: string;
  id: string;
  user_id: number;
  csrf_token: string;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
};

type UserRow = {
  id: number;
  email: string;
  password_hash: string;
  role: Role;
  departements: string;
  display_name: string | null;
  active: number;
};

function rowToUser(r: UserRow): UserRecord {
  return {
    ...pick(r, 'id', 'email'),
    passwordHash: r.password_hash,
    role: r.role,
    departements: JSON.parse(r.departements) as string[],
    displayName: r.display_name,
    active: r.active === 1,
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Accounts, sessions and sign-in failures. Passwords arrive already hashed: hashing is the API's job. */
export function userRepository(db: Db) {
  const stmt = statementCache(db);

  function findUserByEmail(email: string): UserRecord | undefined {
    const row = stmt('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
    return row && rowToUser(row);
  }

  function findUserById(id: number): UserRecord | undefined {
    const row = stmt('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row && rowToUser(row);
  }

  function listUsers(): UserRecord[] {
    return (stmt('SELECT * FROM users ORDER BY email').all() as UserRow[]).map(rowToUser);
  }

  function createUser(u: {
    email: string;
    passwordHash: string;
    role: Role;
    departements?: string[];
    displayName?: string | null;
  }): UserRecord {
    const info = stmt('INSERT INTO users (email, password_hash, role, departements, display_name) VALUES (?, ?, ?, ?, ?)').run(
      u.email.toLowerCase(),
      u.passwordHash,
      u.role,
      JSON.stringify(u.departements ?? []),
      u.displayName ?? null,
    );
    return findUserById(Number(info.lastInsertRowid)) as UserRecord;
  }

  function updateUser(
    id: number,
    patch: { role?: Role; departements?: string[]; active?: boolean; passwordHash?: string; displayName?: string | null },
  ) {
    const current = findUserById(id);
    if (!current) return undefined;
    stmt(`UPDATE users SET role = ?, departements = ?, active = ?, password_hash = ?, display_name = ?,
      updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(
      patch.role ?? current.role,
      JSON.stringify(patch.departements ?? current.departements),
      (patch.active ?? current.active) ? 1 : 0,
      patch.passwordHash ?? current.passwordHash,
      patch.displayName === undefined ? current.displayName : patch.displayName,
      id,
    );
    if (patch.active === false || patch.passwordHash || patch.role) stmt('DELETE FROM sessions WHERE user_id = ?').run(id);
    return findUserById(id);
  }

  /**
   * Opens a session; returns the cookie token (only its hash is stored), the CSRF token and the
   * session's public id (what « Mon compte » lists and revokes). `userAgent` is kept, cut to 300
   * characters, so a person recognises their devices.
   */
  function createSession(
    userId: number,
    now: Date,
    ttlMs: number,
    userAgent: string | null = null,
  ): { id: string; token: string; csrfToken: string; expiresAt: string } {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const id = randomBytes(12).toString('hex');
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    stmt(
      'INSERT INTO sessions (token_hash, id, user_id, csrf_token, user_agent, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      sha256(token),
      id,
      userId,
      csrfToken,
      userAgent ? userAgent.slice(0, 300) : null,
      now.toISOString(),
      now.toISOString(),
      expiresAt,
    );
    return { id, token, csrfToken, expiresAt };
  }

  /** An account's live sessions, the most recently used first; `current` marks the one of `currentToken`. */
  function listSessions(userId: number, now: Date, currentToken: string | null = null): SessionSummary[] {
    const currentHash = currentToken ? sha256(currentToken) : null;
    const rows = stmt('SELECT * FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC').all(
      userId,
      now.toISOString(),
    ) as SessionRow[];
    return rows.map((r) => ({
      id: r.id,
      userAgent: r.user_agent,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      current: r.token_hash === currentHash,
    }));
  }

  /** Ends one session of this account (by its public id); false when it is not one of its sessions. */
  function deleteSessionById(userId: number, id: string): boolean {
    return stmt('DELETE FROM sessions WHERE user_id = ? AND id = ?').run(userId, id).changes > 0;
  }

  /** Ends every session of the account but the one with this token; returns how many ended. */
  function deleteOtherSessions(userId: number, keepToken: string): number {
    return stmt('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?').run(userId, sha256(keepToken)).changes;
  }

  /** Ends every session of the account; returns how many ended. */
  function deleteUserSessions(userId: number): number {
    return stmt('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
  }

  /** Active administrators: there must always be one. */
  function countActiveAdmins(): number {
    return stmt("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1").pluck().get() as number;
  }

  /**
   * The live session for a cookie token, or undefined when unknown, expired, idle for longer
   * than `idleMs`, or its user deactivated. Touches `last_seen_at`.
   */
  function findSession(token: string, now: Date, idleMs: number): SessionRecord | undefined {
    const row = stmt('SELECT * FROM sessions WHERE token_hash = ?').get(sha256(token)) as SessionRow | undefined;
    if (!row) return undefined;
    const expired = row.expires_at <= now.toISOString() || new Date(row.last_seen_at).getTime() + idleMs <= now.getTime();
    const user = findUserById(row.user_id);
    if (expired || !user?.active) {
      stmt('DELETE FROM sessions WHERE token_hash = ?').run(row.token_hash);
      return undefined;
    }
    stmt('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(now.toISOString(), row.token_hash);
    return { id: row.id, user, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  function deleteSession(token: string) {
    stmt('DELETE FROM sessions WHERE token_hash = ?').run(sha256(token));
  }

  function purgeExpiredSessions(now: Date) {
    return stmt('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString()).changes;
  }

  /**
   * Counts a sign-in attempt before its password is checked, in one write transaction: the
   * attempts already in the window are counted and, when both are under their limit, this one is
   * written at once. So concurrent attempts (the password check takes tens of milliseconds) each
   * see the ones before them, and no more than the limit are ever checked. Refused attempts are
   * not written: a locked account unlocks when its window passes.
   */
  const beginAttempt = db.transaction(
    (email: string, address: string, now: Date, since: Date, limits: { account: number; address: number }) => {
      const s = since.toISOString();
      stmt('DELETE FROM login_failures WHERE at < ?').run(s);
      const account = stmt('SELECT count(*) FROM login_failures WHERE email = ? AND at >= ?').pluck().get(email.toLowerCase(), s) as number;
      const byAddress = stmt('SELECT count(*) FROM login_failures WHERE address = ? AND at >= ?').pluck().get(address, s) as number;
      if (account >= limits.account || byAddress >= limits.address) return null;
      const info = stmt('INSERT INTO login_failures (email, address, at) VALUES (?, ?, ?)').run(
        email.toLowerCase(),
        address,
        now.toISOString(),
      );
      return Number(info.lastInsertRowid);
    },
  );

  function beginLoginAttempt(
    email: string,
    address: string,
    now: Date,
    since: Date,
    limits: { account: number; address: number },
  ): number | null {
    return beginAttempt.immediate(email, address, now, since, limits);
  }

  /** A successful sign-in: its attempt and the account's earlier failures are forgotten. */
  function endSuccessfulLoginAttempt(attemptId: number, email: string) {
    db.transaction(() => {
      stmt('DELETE FROM login_failures WHERE id = ?').run(attemptId);
      stmt('DELETE FROM login_failures WHERE email = ?').run(email.toLowerCase());
    })();
  }

  /** Failures in the window, for the account and for the address. */
  function countLoginFailures(email: string, address: string, since: Date): { account: number; address: number } {
    const s = since.toISOString();
    return {
      account: stmt('SELECT count(*) FROM login_failures WHERE email = ? AND at >= ?').pluck().get(email.toLowerCase(), s) as number,
      address: stmt('SELECT count(*) FROM login_failures WHERE address = ? AND at >= ?').pluck().get(address, s) as number,
    };
  }

  /** An administrator unlocks an account: its failures are forgotten. */
  function clearLoginFailures(email: string) {
    stmt('DELETE FROM login_failures WHERE email = ?').run(email.toLowerCase());
  }

  return {
    findUserByEmail,
    findUserById,
    listUsers,
    createUser,
    updateUser,
    createSession,
    listSessions,
    deleteSessionById,
    deleteOtherSessions,
    deleteUserSessions,
    countActiveAdmins,
    findSession,
    deleteSession,
    purgeExpiredSessions,
    beginLoginAttempt,
    endSuccessfulLoginAttempt,
    countLoginFailures,
    clearLoginFailures,
  };
}

export type UserRepository = ReturnType<typeof userRepository>;
