import { actorRepository } from '@pare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorsCsvChunks } from '../../apps/api/src/services/open-data/csv.ts';
import { actorsGeoJsonChunks } from '../../apps/api/src/services/open-data/geojson.ts';
import { type OpenDataDeps, publishedActorBatches } from '../../apps/api/src/services/open-data/public-actors.ts';
import { jsonArrayChunks, textStream } from '../../apps/api/src/services/open-data/stream.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let loads: number[][];
let deps: OpenDataDeps;
let published: number[];

beforeAll(() => {
  t = createTestApp();
  const repo = actorRepository(t.db);
  loads = [];
  // A repository that records what each read asked for.
  deps = {
    db: t.db,
    actors: {
      loadActors: (ids) => {
        loads.push([...ids]);
        return repo.loadActors(ids);
      },
    },
  };
  published = t.db.prepare(`SELECT id FROM actors WHERE status = 'published' ORDER BY id`).pluck().all() as number[];
});
afterAll(() => t.close());

describe('exports read the directory in batches', () => {
  it('every published actor comes once, in id order, in batches of at most the batch size', () => {
    loads = [];
    const seen = [...publishedActorBatches(deps, 7)].flat().map((a) => a.id);
    expect(seen).toEqual(published);
    expect(loads.length).toBe(Math.ceil(published.length / 7));
    for (const batch of loads) expect(batch.length).toBeLessThanOrEqual(7);
  });

  it('an archived actor is not exported', () => {
    const repo = actorRepository(t.db);
    const first = published[0] as number;
    t.db.prepare(`UPDATE actors SET status = 'archived' WHERE id = ?`).run(first);
    try {
      const seen = [...publishedActorBatches(deps, 5)].flat().map((a) => a.id);
      expect(seen).not.toContain(first);
      expect(seen).toHaveLength(published.length - 1);
    } finally {
      t.db.prepare(`UPDATE actors SET status = 'published' WHERE id = ?`).run(first);
    }
    expect(repo.findActorById(first)?.status).toBe('published');
  });

  it('the response body is computed as it is read: the first chunk needs only the first batch', async () => {
    loads = [];
    const stream = textStream(
      () => actorsCsvChunks(deps, { origin: 'http://localhost', delimiter: ',', batchSize: 5 }),
      () => {},
    );
    const reader = stream.getReader();
    await reader.read(); // header
    await reader.read(); // first batch
    expect(loads.length).toBeLessThanOrEqual(2);
    await reader.cancel();
    const afterCancel = loads.length;
    await new Promise((r) => setTimeout(r, 10));
    expect(loads.length).toBe(afterCancel);
  });

  it('the whole stream, batch by batch, equals the export in one batch', async () => {
    const read = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
    const small = await read(
      textStream(
        () => actorsGeoJsonChunks(deps, { origin: 'http://x', batchSize: 3 }),
        () => {},
      ),
    );
    const large = await read(
      textStream(
        () => actorsGeoJsonChunks(deps, { origin: 'http://x', batchSize: 10_000 }),
        () => {},
      ),
    );
    expect(small).toBe(large);
    expect(JSON.parse(small).type).toBe('FeatureCollection');
  });

  it('a JSON array of no item is still valid JSON', async () => {
    const text = await new Response(
      textStream(
        () => jsonArrayChunks<number>([[], []], (n) => [n]),
        () => {},
      ),
    ).text();
    expect(JSON.parse(text)).toEqual([]);
  });

  it('a failure mid-way breaks the transfer and is reported, rather than ending a file that looks complete', async () => {
    const errors: unknown[] = [];
    function* failing() {
      yield '[1';
      throw new Error('disk gone');
    }
    const stream = textStream(failing, (err) => errors.push(err));
    await expect(new Response(stream).text()).rejects.toThrow();
    expect(errors).toHaveLength(1);
  });
});
