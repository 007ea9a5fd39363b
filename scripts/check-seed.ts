/**
 * Checks seed files the way the test suite does: `npx tsx scripts/check-seed.ts [files…]`
 * (default: the whole of data/seed/actors). Prints each problem with its file and slug; exits 1
 * if there is any.
 */
import { relative, resolve } from 'node:path';
import { checkSeedEntries, readSeedEntries } from '../packages/db/src/index.ts';

const root = resolve(import.meta.dirname, '../data/seed/actors');
const args = process.argv.slice(2);
const entries = (args.length ? args : [root]).flatMap((arg) => {
  const path = resolve(arg);
  return readSeedEntries(path).map((e) => ({ ...e, file: path === root ? e.file : relative(root, path) }));
});
const problems = checkSeedEntries(entries);
for (const p of problems) console.log(`${p.file} · ${p.slug} · ${p.message}`);
console.log(`${entries.length} entrées, ${problems.length} problème(s)`);
process.exit(problems.length ? 1 : 0);
