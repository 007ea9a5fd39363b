import { MAX_UPLOAD_BYTES } from '@pare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, type Signed, withSignedIn } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { concat, DOCX, filesIn, JPEG, ODT, PDF, PNG, uploadAs, zip } from './setup.ts';

let t: TestApp;
let curator: Signed;

beforeAll(async () => ({ t, who: curator } = await withSignedIn(createTestApp(), 'curateur')));
afterAll(() => t.close());

async function newResource(title: string, extra: Record<string, unknown> = {}): Promise<{ id: number; slug: string }> {
  const res = await asUser(t, curator, '/api/admin/resources', {
    method: 'POST',
    body: { title, type: 'guide', publics: ['professionnels'], territory: { scope: 'national' }, ...extra },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; slug: string };
}

const revisionCount = (id: number) =>
  t.db.prepare(`SELECT count(*) FROM revisions WHERE entity = 'resource' AND entity_id = ?`).pluck().get(id) as number;
const storedFile = (id: number) => t.db.prepare('SELECT file_key, file_name, file_type, file_size FROM resources WHERE id = ?').get(id);

describe('a refused file leaves nothing behind', () => {
  let target: { id: number; slug: string };
  beforeAll(async () => {
    target = await newResource('Guide pour les tests de dépôt refusés');
  });

  const cases: [string, { bytes: Uint8Array | string; name: string; type?: string }, number][] = [
    ['a shell script renamed .pdf', { bytes: '#!/bin/sh\nrm -rf /\n', name: 'guide.pdf', type: 'application/pdf' }, 400],
    [
      'an HTML page with a script renamed .pdf',
      { bytes: '<html><script>alert(document.cookie)</script></html>', name: 'guide.pdf', type: 'application/pdf' },
      400,
    ],
    [
      'an SVG image (it can hold scripts)',
      { bytes: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', name: 'logo.svg', type: 'image/svg+xml' },
      400,
    ],
    ['an empty file', { bytes: new Uint8Array(0), name: 'vide.pdf', type: 'application/pdf' }, 400],
    ['a name climbing out of the directory', { bytes: PDF, name: '../../etc/passwd.pdf', type: 'application/pdf' }, 400],
    ['a name with a Windows path', { bytes: PDF, name: '..\\x.pdf', type: 'application/pdf' }, 400],
    ['a name with a slash', { bytes: PDF, name: 'dossier/guide.pdf', type: 'application/pdf' }, 400],
    ['a name with a NUL byte', { bytes: PDF, name: 'guide.pdf\u0000.html', type: 'application/pdf' }, 400],
    ['a hidden file name', { bytes: PDF, name: '.htaccess.pdf', type: 'application/pdf' }, 400],
    ['a PDF named .png', { bytes: PDF, name: 'image.png', type: 'image/png' }, 400],
    ['a PNG declared as text/html', { bytes: PNG, name: 'image.png', type: 'text/html' }, 400],
    ['a PDF declared as an image', { bytes: PDF, name: 'guide.pdf', type: 'image/jpeg' }, 400],
    [
      'a PDF with an HTML script inside (polyglot)',
      { bytes: concat(PDF, '<script>alert(1)</script>'), name: 'guide.pdf', type: 'application/pdf' },
      400,
    ],
    [
      'a PDF that runs JavaScript when opened',
      { bytes: concat(PDF, '1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj'), name: 'guide.pdf' },
      400,
    ],
    [
      'a JPEG with a ZIP archive appended (polyglot)',
      { bytes: concat(JPEG, zip([['x.txt', 'hidden']])), name: 'photo.jpg', type: 'image/jpeg' },
      400,
    ],
    ['a ZIP archive renamed .docx', { bytes: zip([['readme.txt', 'not a document']]), name: 'rapport.docx' }, 400],
    [
      'a file over the size limit',
      { bytes: new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x41), name: 'gros.pdf', type: 'application/pdf' },
      413,
    ],
  ];

  it.each(cases)('%s is refused with a French error on `file`', async (_what, file, status) => {
    const before = filesIn(t.uploadsDir);
    const revisions = revisionCount(target.id);
    const res = await uploadAs(t, curator, target.id, file);
    const body = (await res.json()) as { error: string; message: string; issues?: { path: string; message: string }[] };
    expect(res.status).toBe(status);
    expect(body.error).toBe(status === 413 ? 'payload_too_large' : 'validation_error');
    if (status === 400) {
      expect(body.issues?.map((i) => i.path)).toEqual(['file']);
      expect(body.issues?.[0]?.message).toMatch(/[a-zé]{4,}/);
    }
    expect(filesIn(t.uploadsDir)).toEqual(before);
    expect(storedFile(target.id)).toEqual({ file_key: null, file_name: null, file_type: null, file_size: null });
    expect(revisionCount(target.id)).toBe(revisions);
  });

  it('a request without a file says which field is missing', async () => {
    const res = await uploadAs(t, curator, target.id, null);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string }[] };
    expect(body.issues[0]?.path).toBe('file');
  });

  it('a JSON body instead of a form is refused on `file`', async () => {
    const res = await asUser(t, curator, `/api/admin/resources/${target.id}/file`, { method: 'PUT', body: { file: 'x' } });
    expect(res.status).toBe(400);
  });

  it('a resource that has a link cannot also get a file', async () => {
    const linked = await newResource('Ressource avec un lien', { url: 'https://example.org/guide' });
    const res = await uploadAs(t, curator, linked.id, { bytes: PDF, name: 'guide.pdf', type: 'application/pdf' });
    expect(res.status).toBe(400);
    expect(filesIn(t.uploadsDir)).toEqual([]);
  });
});

describe('upload and download', () => {
  it('a PDF goes in under a random name and comes back as an attachment with its detected type', async () => {
    const r = await newResource('Guide de repérage téléchargeable');
    const res = await uploadAs(t, curator, r.id, { bytes: PDF, name: 'Guide été 2025 "final".pdf', type: 'application/pdf' });
    expect(res.status, await res.clone().text()).toBe(200);
    const admin = (await res.json()) as { file: { name: string; content_type: string; size: number; url: string } };
    expect(admin.file).toMatchObject({ name: 'Guide été 2025 _final_.pdf', content_type: 'application/pdf', size: PDF.length });

    const stored = filesIn(t.uploadsDir);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f]{32}$/);

    const pub = await t.app.request(`/api/resources/${r.slug}`);
    const resource = (await pub.json()) as { file: { url: string } };
    expect(JSON.stringify(resource)).not.toContain(stored[0] as string);
    expect(resource.file.url).toBe(`/api/resources/${r.slug}/file`);

    const dl = await t.app.request(resource.file.url);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
    expect(dl.headers.get('content-disposition')).toBe(
      `attachment; filename="Guide ete 2025 _final_.pdf"; filename*=UTF-8''Guide%20%C3%A9t%C3%A9%202025%20_final_.pdf`,
    );
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(PDF);
  });

  it('replacing the file removes the old one from disk, and each change is a revision', async () => {
    const r = await newResource('Affiche de prévention');
    const before = filesIn(t.uploadsDir);
    const first = await uploadAs(t, curator, r.id, { bytes: PNG, name: 'affiche.png', type: 'image/png' });
    expect(first.status).toBe(200);
    const second = await uploadAs(t, curator, r.id, { bytes: JPEG, name: 'affiche.jpg', type: 'image/jpeg' });
    expect(second.status).toBe(200);
    expect(filesIn(t.uploadsDir)).toHaveLength(before.length + 1);
    const dl = await t.app.request(`/api/resources/${r.slug}/file`);
    expect(dl.headers.get('content-type')).toBe('image/jpeg');

    const history = await asUser(t, curator, `/api/admin/resources/${r.id}/revisions`);
    const { items } = (await history.json()) as { items: { action: string; changes: { path: string }[] }[] };
    expect(items.map((i) => i.action)).toEqual(['update', 'update', 'create']);
    expect(items[0]?.changes.map((c) => c.path)).toContain('file.name');

    const removed = await asUser(t, curator, `/api/admin/resources/${r.id}/file`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(filesIn(t.uploadsDir)).toEqual(before);
    expect((await t.app.request(`/api/resources/${r.slug}/file`)).status).toBe(404);
  });

  it.each([
    ['docx', DOCX, 'rapport.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['odt', ODT, 'rapport.odt', 'application/vnd.oasis.opendocument.text'],
    ['jpeg declared image/jpg', JPEG, 'photo.jpeg', 'image/jpg'],
  ])('an office document or image (%s) is accepted with the type read from its bytes', async (_what, bytes, name, declared) => {
    const r = await newResource(`Document ${name}`);
    const res = await uploadAs(t, curator, r.id, { bytes, name, type: declared });
    expect(res.status, await res.clone().text()).toBe(200);
    const dl = await t.app.request(`/api/resources/${r.slug}/file`);
    expect(dl.headers.get('content-type')).toBe(declared === 'image/jpg' ? 'image/jpeg' : declared);
  });

  it('an archived resource and its file are no longer public', async () => {
    const r = await newResource('Fiche bientôt retirée');
    await uploadAs(t, curator, r.id, { bytes: PDF, name: 'fiche.pdf' });
    expect((await asUser(t, curator, `/api/admin/resources/${r.id}/archive`, { method: 'POST' })).status).toBe(200);
    expect((await t.app.request(`/api/resources/${r.slug}`)).status).toBe(404);
    expect((await t.app.request(`/api/resources/${r.slug}/file`)).status).toBe(404);
  });
});

/** app.ts caps every /api body at 64 KiB except the upload route, which has its own 10 MB cap. */
describe('files larger than a JSON body', () => {
  const pdfOf = (size: number) => {
    const bytes = new Uint8Array(size).fill(0x20);
    bytes.set(PDF);
    return bytes;
  };

  it('a PDF just under 10 MB is accepted', async () => {
    const r = await newResource('Rapport volumineux');
    const res = await uploadAs(t, curator, r.id, { bytes: pdfOf(MAX_UPLOAD_BYTES - 100), name: 'rapport.pdf', type: 'application/pdf' });
    expect(res.status).toBe(200);
  });

  it.each([MAX_UPLOAD_BYTES + 1, 3 * MAX_UPLOAD_BYTES])('a %i-byte PDF is refused with 413 on `file`, leaving nothing', async (size) => {
    const r = await newResource(`Rapport trop lourd ${size}`);
    const before = filesIn(t.uploadsDir);
    const res = await uploadAs(t, curator, r.id, { bytes: pdfOf(size), name: 'rapport.pdf', type: 'application/pdf' });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path)).toEqual(['file']);
    expect(filesIn(t.uploadsDir)).toEqual(before);
  });
});

describe('orphan files', () => {
  it('a file no resource points at is swept once old enough; live files and fresh uploads stay', async () => {
    const { removeOrphanUploads } = await import('../../apps/api/src/services/resources.ts');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const r = await newResource('Ressource dont le fichier reste');
    await uploadAs(t, curator, r.id, { bytes: PDF, name: 'garde.pdf' });
    const live = filesIn(t.uploadsDir);
    writeFileSync(join(t.uploadsDir, 'ffffffffffffffffffffffffffffffff'), 'orphelin');
    writeFileSync(join(t.uploadsDir, 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee.part'), 'interrompu');
    expect(removeOrphanUploads(t.db, t.uploadsDir)).toEqual([]); // too recent: maybe an upload in progress
    const removed = removeOrphanUploads(t.db, t.uploadsDir, 60 * 60 * 1000, Date.now() + 2 * 60 * 60 * 1000);
    expect(removed.sort()).toEqual(['eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee.part', 'ffffffffffffffffffffffffffffffff']);
    expect(filesIn(t.uploadsDir)).toEqual(live);
    expect((await t.app.request(`/api/resources/${r.slug}/file`)).status).toBe(200);
  });
});
