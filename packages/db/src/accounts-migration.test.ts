/** Migration 0020 on a database that already holds links and sessions: nothing lost, the new rules hold. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from './database.ts';

const MIGRATIONS = join(import.meta.dirname, 'migrations');
const dir = mkdtempSync(join(tmpdir(), 'pare-0020-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 0020 (accounts in the web)', () => {
  it('keeps the answer links and the sessions already there, and makes a password link belong to an account', () => {
    const before = join(dir, 'before');
    mkdirSync(before);
    for (const m of listMigrations(MIGRATIONS).filter((m) => m.version < 20)) copyFileSync(join(MIGRATIONS, m.name), join(before, m.name));
    const db = new Database(join(dir, 'pare.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, before);
    db.exec(`INSERT INTO users (id, email, password_hash, role) VALUES (1, 'a@example.test', 'x', 'admin');
      INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
        VALUES ('h', 1, 'c', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z');
      INSERT INTO contact_requests (id, reference, recipient, name, email, profile, commune_code, departement_code, consent_at, created_at, updated_at)
        VALUES (7, 'DR-TEST', 'equipe-pare', 'Camille', 'c@example.test', 'famille', '57672', '57', 'x', 'x', 'x');
      INSERT INTO secure_links (purpose, token_hash, contact_request_id, created_at, expires_at)
        VALUES ('answer', 'hash-1', 7, '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z');`);

    expect(migrate(db, MIGRATIONS)).toContain('0020_accounts_web.sql');
    expect(db.prepare('SELECT purpose, contact_request_id FROM secure_links WHERE token_hash = ?').get('hash-1')).toEqual({
      purpose: 'answer',
      contact_request_id: 7,
    });
    expect(db.prepare('SELECT id FROM sessions').pluck().get()).toMatch(/^[0-9a-f]{24}$/);
    const insert = db.prepare(
      "INSERT INTO secure_links (purpose, token_hash, user_id, created_at, expires_at) VALUES ('password', ?, ?, 'x', 'y')",
    );
    expect(() => insert.run('hash-2', null)).toThrow(/CHECK/);
    expect(() => insert.run('hash-3', 1)).not.toThrow();
    // A deleted account takes its links with it.
    db.prepare('DELETE FROM users WHERE id = 1').run();
    expect(db.prepare("SELECT count(*) FROM secure_links WHERE purpose = 'password'").pluck().get()).toBe(0);
    db.close();
  });
});
