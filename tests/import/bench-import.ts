/**
 * Benchmark (not a test): the CSV import of N generated actors (default 100,000), with time and
 * peak memory.
 *   node --expose-gc --import tsx tests/import/bench-import.ts [N]
 * A directory of N actors is generated (`generateDirectory`, every record marked generated) in a
 * temporary database, exported with the real CSV export, and that file is imported into a second,
 * empty temporary database: a dry run, the real import, then the same file again (all unchanged);
 * then into a third through the route's worker thread.
 * Both databases are deleted afterwards; nothing touches data/pare.db.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createApp } from '@pare/api/app';
import { actorRepository, generateDirectory, openDatabase, type UserRecord } from '@pare/db';
import { runImportApart } from '../../apps/api/src/services/import/apart.ts';
import { runImport } from '../../apps/api/src/services/import/executor.ts';
import { spoolBody } from '../../apps/api/src/services/import/source.ts';

const count = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'pare-bench-import-'));
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

try {
  let started = performance.now();
  const source = openDatabase(join(dir, 'source.db'));
  generateDirectory(source, { actors: count, seed: 1 });
  console.log(`${count} actors generated in ${Math.round(performance.now() - started)} ms`);

  started = performance.now();
  const csvFile = join(dir, 'actors.csv');
  const out = createWriteStream(csvFile);
  const res = await createApp({ db: source }).request('/api/exports/actors.csv');
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  source.close();
  console.log(`exported ${mb(statSync(csvFile).size)} MB of CSV in ${Math.round(performance.now() - started)} ms`);

  const target = openDatabase(join(dir, 'target.db'));
  const deps = { db: target, actors: actorRepository(target) };
  const user: UserRecord = { id: 0, email: 'bench', passwordHash: '', role: 'admin', departements: [], displayName: 'bench', active: true };

  for (const [label, dryRun] of [
    ['dry run into the empty directory', true],
    ['import into the empty directory', false],
    ['same file again (nothing to change)', false],
  ] as const) {
    globalThis.gc?.();
    const base = process.memoryUsage();
    let peakHeap = base.heapUsed;
    let peakRss = base.rss;
    let retained = base.heapUsed;
    let batches = 0;
    const measure = () => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    };
    const sample = setInterval(measure, 20);
    // After each batch of 500 rows; with --expose-gc, every 20 batches: what the import really holds, garbage aside.
    const onBatch = () => {
      measure();
      if (globalThis.gc && ++batches % 20 === 0) {
        globalThis.gc();
        retained = Math.max(retained, process.memoryUsage().heapUsed);
      }
    };
    started = performance.now();
    // The route's path: the body is spooled to a temporary file (size limit, encoding), then imported.
    const file = await spoolBody(Readable.toWeb(createReadStream(csvFile)) as ReadableStream<Uint8Array>);
    const report = await runImport(deps, file, { format: 'csv', dryRun, author: { user, authorId: null, label: 'bench' }, onBatch });
    file.dispose();
    clearInterval(sample);
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
    const ms = Math.round(performance.now() - started);
    console.log(
      `${label}: ${ms} ms (${Math.round((count / ms) * 1000)} rows/s), ${JSON.stringify(report.summary)}, report ${report.rows.length} rows listed; ` +
        `heap over ${mb(base.heapUsed)} MB: peak +${mb(peakHeap - base.heapUsed)} MB, held after GC +${mb(retained - base.heapUsed)} MB; peak RSS ${mb(peakRss)} MB`,
    );
  }
  target.close();

  // What the route runs: the same import in a worker thread (services/import/apart.ts, 2,000 rows
  // per transaction), into another empty database. Time and the process's peak RSS (workers included).
  const routed = openDatabase(join(dir, 'routed.db'));
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  started = performance.now();
  const file = await spoolBody(Readable.toWeb(createReadStream(csvFile)) as ReadableStream<Uint8Array>);
  const report = await runImportApart({ db: routed, actors: actorRepository(routed) }, file, {
    format: 'csv',
    dryRun: false,
    author: { user, authorId: null, label: 'bench' },
  });
  file.dispose();
  clearInterval(sample);
  const ms = Math.round(performance.now() - started);
  console.log(
    `import through the route's worker: ${ms} ms (${Math.round((count / ms) * 1000)} rows/s), ${JSON.stringify(report.summary)}; peak RSS ${mb(peakRss)} MB`,
  );
  routed.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
