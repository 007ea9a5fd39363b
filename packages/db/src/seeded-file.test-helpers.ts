/**
 * For tests of what one connection keeps across another's writes: the test fixtures seeded in a
 * fresh database file, opened twice (as two server processes would), removed after each test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { type Db, openDatabase } from './database.ts';
import { seedDirectory } from './seed.ts';

const FIXTURES = new URL('../../../tests/fixtures/actors.yaml', import.meta.url).pathname;

/** Two connections `a` (seeded, then `prepare`d) and `b` on one file, new for each test; `file` to open more. */
export function seededFileConnections(prepare: (a: Db) => void = () => undefined) {
  const ctx = { a: undefined as unknown as Db, b: undefined as unknown as Db, file: '' };
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pare-two-'));
    ctx.file = join(dir, 'pare.db');
    ctx.a = openDatabase(ctx.file);
    seedDirectory(ctx.a, FIXTURES);
    prepare(ctx.a);
    ctx.b = openDatabase(ctx.file);
  });
  afterEach(() => {
    ctx.a.close();
    ctx.b.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return ctx;
}
