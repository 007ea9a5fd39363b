/**
 * The pieces under the import route: the CSV and JSON readers (line numbers, however the file
 * is cut into chunks), the body spooler (size limit, encoding), and the rebuilding of an entry's
 * state before a revision.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { diffSnapshots, snapshotBefore } from '@pare/db';
import { describe, expect, it } from 'vitest';
import { csvRecords, detectDelimiter } from '../../apps/api/src/services/import/csv-reader.ts';
import { jsonRecords } from '../../apps/api/src/services/import/json-reader.ts';
import { ImportFileError, spoolBody } from '../../apps/api/src/services/import/source.ts';

async function* chunksOf(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
const streamOf = (parts: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(p);
      controller.close();
    },
  });

describe('CSV records', () => {
  const text = ['nom,b', 'é,1', '', '"deux\r\nlignes",2', '"trois\nlignes\nici",3', 'fin,4', ''].join('\r\n');

  it.each([1, 2, 3, 7, 1000])('line numbers are right whatever the chunk size (%i), line breaks in cells included', async (size) => {
    const records = await all(csvRecords(chunksOf(text, size), ','));
    expect(records).toEqual([
      { line: 1, endLine: 1, cells: ['nom', 'b'] },
      { line: 2, endLine: 2, cells: ['é', '1'] },
      { line: 4, endLine: 5, cells: ['deux\r\nlignes', '2'] },
      { line: 6, endLine: 8, cells: ['trois\nlignes\nici', '3'] },
      { line: 9, endLine: 9, cells: ['fin', '4'] },
    ]);
  });

  it('a quote never closed is reported once, with the lines it swallowed', async () => {
    const records = await all(csvRecords(chunksOf('nom,b\nok,1\n"ouvert,2\nperdu,3\n', 4), ','));
    expect(records.at(-1)).toEqual({
      line: 3,
      endLine: 4,
      error: 'Guillemet ouvert à la ligne 3 et jamais refermé : les lignes 3 à 4 n’ont pas pu être lues.',
    });
  });

  it.each([
    ['nom,type,publics', ','],
    ['nom;type;"a,b";publics', ';'],
    ['nom\ttype', '\t'],
    ['nom', ','],
  ])('the separator of %j is %j', (line, delimiter) => {
    expect(detectDelimiter(`${line}\r\nx`)).toBe(delimiter);
  });
});

describe('JSON records', () => {
  const doc =
    '{\n "version": "1.0",\n "structures": [\n  {"id": "a", "nom": "x \\" ] }"},\n  {"id": "b"}\n ],\n "services": [{"id": "s", "structure_id": "a"}]\n}\n';

  it.each([1, 3, 10, 1000])('records of the arrays of an object, with their key and line, whatever the chunk size (%i)', async (size) => {
    expect(await all(jsonRecords(chunksOf(doc, size)))).toEqual([
      { line: 4, group: 'structures', value: { id: 'a', nom: 'x " ] }' } },
      { line: 5, group: 'structures', value: { id: 'b' } },
      { line: 7, group: 'services', value: { id: 's', structure_id: 'a' } },
    ]);
  });

  it('a broken record is reported alone; a cut file says where it stops', async () => {
    const records = await all(jsonRecords(chunksOf('[\n{"a": 1,},\n{"b": 2},\n{"c": ', 5)));
    expect(records).toEqual([
      { line: 2, group: null, error: expect.stringMatching(/^JSON invalide/) },
      { line: 3, group: null, value: { b: 2 } },
      { line: 4, group: null, error: 'Fichier JSON incomplet : il s’arrête à la ligne 4 avant la fin de cet enregistrement.' },
    ]);
  });

  it('text that is not JSON is refused at once', async () => {
    await expect(all(jsonRecords(chunksOf('nom,type\n', 4)))).rejects.toThrow();
  });
});

describe('receiving the body', () => {
  it('stops reading past the limit, even without a Content-Length, and leaves no file behind', async () => {
    const parts = Array.from({ length: 10 }, () => new Uint8Array(1000).fill(0x61));
    const error = await spoolBody(streamOf(parts), 4500).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).tooLarge).toBe(true);
    expect((error as Error).message).toBe('Fichier trop volumineux : 0 Mo au plus.');
  });

  it('a file valid UTF-8 for its first megabyte but not after is Windows-1252 (the whole file decides)', async () => {
    const head = new Uint8Array(1024 * 1024).fill(0x61);
    const file = await spoolBody(streamOf([head, Uint8Array.from([0x0a, 0x43, 0x9c, 0x75, 0x72])]));
    expect(file.detected).toEqual({ encoding: 'windows-1252', bom: false });
    file.dispose();
    expect(existsSync(dirname(file.path))).toBe(false);
  });

  it('a multi-byte character cut between two chunks is still UTF-8', async () => {
    const bytes = new TextEncoder().encode('nom\nÉcole');
    const file = await spoolBody(streamOf([bytes.slice(0, 5), bytes.slice(5)]));
    expect(file.detected).toEqual({ encoding: 'utf-8', bom: false });
    file.dispose();
  });
});

describe('the state before a revision, from its snapshot and changes', () => {
  const site = (commune: string, address: string | null = null) => ({
    label: null,
    address,
    postcode: null,
    commune_code: commune,
    confidential: false,
  });
  const base = {
    slug: 'a',
    name: 'A',
    publics: ['jeunes'],
    territory: { scope: 'departements', departements: ['57'] },
    sites: [site('57463', '1 rue')],
    contacts: [{ kind: 'phone', value: '03 00 00 00 01', site: 0 }],
    provenance: { source_url: null },
  };
  it.each([
    ['a field changed', { ...base, name: 'B' }],
    ['a site added', { ...base, sites: [site('57463', '1 rue'), site('57672')] }],
    ['every site removed', { ...base, sites: [], contacts: [{ kind: 'phone', value: '03 00 00 00 01', site: null }] }],
    [
      'a contact replaced and a code list changed',
      { ...base, publics: ['familles', 'jeunes'], contacts: [{ kind: 'email', value: 'x@example.test', site: null }] },
    ],
    ['provenance filled', { ...base, provenance: { source_url: 'https://example.test/' } }],
  ])('%s', (_, after) => {
    expect(snapshotBefore(after, diffSnapshots(base, after))).toEqual(base);
  });
});
