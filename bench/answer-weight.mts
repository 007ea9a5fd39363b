// What a page of distinct searches weighs, and what compressing it costs (docs/PERFORMANCE.md §21):
// `node --max-semi-space-size=64 --import tsx bench/answer-weight.mts <db> [count]`.
//
// The answers are the app's own (`app.request`, no HTTP), uncompressed. For each, on the same
// bytes: Brotli quality 1 (what the server does on the spot) and 0, gzip level 1, the processor's
// caches cooled between calls as a server's other work cools them; then the weight of the same
// page, and the time Brotli takes on it, if each item carried only what a result card and its map
// show: a measure for a decision about the API's shape, not a change of it.

import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createApp } from '../apps/api/src/app.ts';
import { createLogger } from '../apps/api/src/lib/logger.ts';
import { openDatabase } from '../packages/db/src/index.ts';
import { distinctSearchPaths } from './distinct.ts';

const [file, count = '1500'] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/answer-weight.mts <db> [count]');
const app = createApp({ db: openDatabase(file), log: createLogger('silent') });

const bodies: Buffer[] = [];
for (const path of distinctSearchPaths(3, Number(count))) {
  const res = await app.request(path, { headers: { 'accept-encoding': 'identity' } });
  bodies.push(Buffer.from(await res.arrayBuffer()));
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

const brotli = (quality: number) => (b: Buffer) =>
  brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: b.byteLength } });
const encoders: Record<string, (b: Buffer) => Buffer> = {
  'brotli 1': brotli(1),
  'brotli 0': brotli(0),
  'gzip 1': (b) => gzipSync(b, { level: 1 }),
};
// 32 MB read between two calls: what a search's walk over its arrays leaves in the caches.
const cold = new Float64Array(4_000_000);
let sink = 0;
const cool = () => {
  for (let i = 0; i < cold.length; i += 8) sink += cold[i] as number;
};
console.log(`${bodies.length} answers, ${Math.round(mean(bodies.map((b) => b.byteLength)))} bytes of JSON on average`);
for (let round = 1; round <= 3; round++) {
  for (const [name, encode] of Object.entries(encoders)) {
    let us = 0;
    let bytes = 0;
    for (const b of bodies) {
      cool();
      const t0 = performance.now();
      bytes += encode(b).byteLength;
      us += (performance.now() - t0) * 1000;
    }
    console.log(`round ${round} · ${name}: ${(us / bodies.length).toFixed(1)} µs, ${Math.round(bytes / bodies.length)} bytes`);
  }
}

// Each item as a result card shows it (and its map draws it): no description, languages,
// provenance nor update date; its sites without label, address, postcode, accessibility nor
// closures; its lines, the phones and those with their own hours.
type Site = Record<string, unknown>;
type Contact = { kind: string; opening_hours: string | null };
const cards = bodies.map((b) => {
  const page = JSON.parse(b.toString()) as { items: ({ sites: Site[]; contacts: Contact[] } & Record<string, unknown>)[] };
  const items = page.items.map(({ description: _d, provenance: _p, updated_at: _u, languages: _l, sites, contacts, ...rest }) => ({
    ...rest,
    sites: sites.map(({ label: _a, address: _b, postcode: _c, accessibility: _e, temporary_closures: _f, ...site }) => site),
    contacts: contacts.filter((c) => c.kind === 'phone' || c.opening_hours !== null),
  }));
  return Buffer.from(JSON.stringify({ ...page, items }));
});
const brotli1 = brotli(1);
for (let round = 1; round <= 3; round++) {
  const us = { whole: 0, cards: 0 };
  for (let i = 0; i < bodies.length; i++) {
    for (const [name, list] of [
      ['whole', bodies],
      ['cards', cards],
    ] as const) {
      cool();
      const t0 = performance.now();
      brotli1(list[i] as Buffer);
      us[name] += (performance.now() - t0) * 1000;
    }
  }
  console.log(
    `round ${round} · Brotli 1, whole records: ${(us.whole / bodies.length).toFixed(1)} µs; ` +
      `as cards: ${(us.cards / bodies.length).toFixed(1)} µs`,
  );
}
console.log(
  `as cards: ${Math.round(mean(cards.map((b) => b.byteLength)))} bytes of JSON, ` +
    `${Math.round(mean(cards.map((b) => brotli1(b).byteLength)))} with Brotli 1 ` +
    `(whole: ${Math.round(mean(bodies.map((b) => brotli1(b).byteLength)))})`,
);
if (sink === -1) console.log(sink);
process.exit(0);
