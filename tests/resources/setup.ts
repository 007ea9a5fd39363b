/**
 * Helpers for the resource-centre tests. The app is `createTestApp()`: the resource centre seeded,
 * its uploads in a temporary directory of its own (so a test can check that a refused file leaves nothing).
 */
import { readdirSync } from 'node:fs';
import type { Signed } from '../helpers/accounts.ts';
import { TEST_ORIGIN } from '../helpers/accounts.ts';
import type { TestApp } from '../helpers/test-app.ts';

export function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** PUT a file to a resource as `who`, in multipart/form-data, the way a browser sends it. */
export function uploadAs(
  t: TestApp,
  who: Signed | null,
  id: number,
  file: { bytes: Uint8Array | string; name: string; type?: string } | null,
  opts: { csrf?: boolean; field?: string } = {},
) {
  const form = new FormData();
  if (file) {
    const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes;
    form.append(opts.field ?? 'file', new File([Uint8Array.from(bytes)], file.name, { type: file.type ?? '' }));
  }
  const headers: Record<string, string> = {};
  if (who) {
    headers.cookie = who.cookie;
    headers.origin = TEST_ORIGIN;
    if (opts.csrf !== false) headers['x-csrf-token'] = who.csrf;
  }
  return t.app.request(`/api/admin/resources/${id}/file`, { method: 'PUT', headers, body: form });
}

// ---------------------------------------------------------------------------------------------
// Small real files, built here (test data, never shipped).
// ---------------------------------------------------------------------------------------------

export const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
export const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
);
export const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** One field of a binary record: [offset, bytes (2 or 4), value]. */
type Field = [number, 2 | 4, number];

/** A little-endian record of `size` bytes, zero but for its fields. */
function record(size: number, fields: Field[]): Buffer {
  const b = Buffer.alloc(size);
  for (const [at, width, value] of fields) {
    if (width === 2) b.writeUInt16LE(value, at);
    else b.writeUInt32LE(value, at);
  }
  return b;
}

/** A ZIP archive with stored (uncompressed) entries: enough for OOXML/ODF type detection. */
export function zip(entries: [string, string][]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const fname = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    // What the local header and the central directory entry both hold (version needed, CRC-32,
    // sizes, name length), at its place in the local header: two bytes further in the central entry.
    const common: Field[] = [
      [4, 2, 20],
      [14, 4, crc],
      [18, 4, data.length],
      [22, 4, data.length],
      [26, 2, fname.length],
    ];
    const local = record(30, [[0, 4, 0x04034b50], ...common]);
    parts.push(local, fname, data);
    // The central entry adds the version made by, and where its local header starts.
    const entry = record(46, [
      [0, 4, 0x02014b50],
      [4, 2, 20],
      ...common.map(([at, width, value]): Field => [at + 2, width, value]),
      [42, 4, offset],
    ]);
    central.push(entry, fname);
    offset += local.length + fname.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = record(22, [
    [0, 4, 0x06054b50],
    [8, 2, entries.length],
    [10, 2, entries.length],
    [12, 4, cd.length],
    [16, 4, offset],
  ]);
  return Uint8Array.from(Buffer.concat([...parts, cd, end]));
}

export const DOCX = zip([
  [
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  ],
  ['word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'],
]);
export const ODT = zip([
  ['mimetype', 'application/vnd.oasis.opendocument.text'],
  ['content.xml', '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'],
]);

export const concat = (...parts: (Uint8Array | string)[]) =>
  Uint8Array.from(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));
