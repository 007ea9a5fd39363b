import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The public pages load first on a family's phone: they may import only the code lists
// ('@pare/schema/codes'), not the zod schemas ('@pare/schema', ~28 kB gzip), which stay in the
// lazily loaded back-office and form chunks.
const PUBLIC_DIRS = [
  'components',
  'lib',
  'features/search',
  'features/map',
  'features/actor',
  'features/territories',
  'features/placeholder',
  'features/resources',
  'features/departements',
  'features/follow-up',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('public pages and the shared schema', () => {
  it('import runtime values only from @pare/schema/codes', () => {
    const root = join(import.meta.dirname, '..');
    const offenders = PUBLIC_DIRS.flatMap((d) => files(join(root, d))).filter((f) =>
      /^import (?!type )[^;]*from '@pare\/schema';/m.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
