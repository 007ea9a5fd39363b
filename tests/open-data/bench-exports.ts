/**
 * Benchmark (not a test): every open-data export of a directory of N generated actors (default
 * 100,000), streamed through the real app and read chunk by chunk, with time and peak heap.
 *   node --expose-gc --import tsx tests/open-data/bench-exports.ts [N]
 * The actors are generated (marked `generated`, names "… (données de benchmark)") in a
 * temporary database that is deleted afterwards; nothing touches data/pare.db.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@pare/api/app';
import { actorRepository, openDatabase } from '@pare/db';
import { listCommunes } from '@pare/geo';
import { ACTIONS, type CreateActorInput, PUBLICS } from '@pare/schema';

const count = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'pare-bench-'));
const db = openDatabase(join(dir, 'pare.db'));
const repo = actorRepository(db);
const communes = listCommunes().slice(0, 5000);

let started = performance.now();
const insertMany = db.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const commune = communes[i % communes.length];
    if (!commune) continue;
    const input: CreateActorInput = {
      name: `Acteur généré ${String(i).padStart(6, '0')} (données de benchmark)`,
      type: 'association',
      description: 'Acteur fictif généré pour mesurer les exports. Ne pas publier.',
      publics: [PUBLICS[i % 3] ?? 'jeunes'],
      actions: [ACTIONS[i % ACTIONS.length] ?? 'ecoute', ACTIONS[(i + 3) % ACTIONS.length] ?? 'soin'],
      territory: { scope: 'departements', regions: [], departements: [commune.departement], communes: [] },
      languages: ['fr'],
      accepts_contact_requests: false,
      sites: [{ label: null, address: `${i} rue du Banc d’essai`, commune_code: commune.code, confidential: i % 10 === 0 }],
      contacts: [
        { kind: 'phone', value: `01 00 ${String(i % 100).padStart(2, '0')} 00 00`, visibility: i % 7 === 0 ? 'professionnels' : 'public' },
      ],
      provenance: { verified_by: 'Banc d’essai' },
    };
    repo.createActor(input, { generated: true });
  }
});
for (let i = 0; i < count; i += 1000) insertMany(i, Math.min(count, i + 1000));
console.log(`${count} actors generated in ${Math.round(performance.now() - started)} ms`);

const app = createApp({ db });
for (const url of [
  '/api/exports/actors.csv',
  '/api/exports/actors.geojson',
  '/api/exports/data-inclusion/structures.json',
  '/api/exports/data-inclusion/services.json',
]) {
  globalThis.gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  let peak = baseHeap;
  let retained = baseHeap;
  let bytes = 0;
  let chunks = 0;
  started = performance.now();
  const res = await app.request(url);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    // With --expose-gc: what the export really holds, garbage aside.
    if (globalThis.gc && ++chunks % 25 === 0) {
      globalThis.gc();
      retained = Math.max(retained, process.memoryUsage().heapUsed);
    }
  }
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(
    `${url}: ${mb(bytes)} MB in ${Math.round(performance.now() - started)} ms, peak heap +${mb(peak - baseHeap)} MB, retained after GC +${mb(retained - baseHeap)} MB over ${mb(baseHeap)} MB`,
  );
}
db.close();
rmSync(dir, { recursive: true, force: true });
