/**
 * Uploaded resource files: what is accepted (the real type read from the bytes), how names are
 * cleaned, where files live (outside the web root, under random names) and how they are served.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasUnsafeLineCharacter, MAX_UPLOAD_BYTES, UPLOAD_TYPES, type UploadMimeType } from '@pare/schema';
import { unzipSync } from 'fflate';
import { fileTypeFromBuffer } from 'file-type';
import { ApiError } from '../lib/errors.ts';
import { inspectPdf } from './pdf-actions.ts';

/** `data/uploads` at the project root: ignored by git, never served as static files. */
export const DEFAULT_UPLOADS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../data/uploads');

/** The uploads directory from the app's configuration (`config.uploadsDir`, from PARE_UPLOADS_DIR). */
export function uploadsDirOf(config: object): string {
  const dir = (config as { uploadsDir?: unknown }).uploadsDir;
  return typeof dir === 'string' && dir.length > 0 ? dir : DEFAULT_UPLOADS_DIR;
}

/** The largest request body the upload route reads: the file plus the multipart envelope. */
export const UPLOAD_BODY_LIMIT = MAX_UPLOAD_BYTES + 64 * 1024;

/** The upload route: app.ts lets its body past the general 64 KiB limit (it has its own). */
export function isUploadPath(path: string): boolean {
  return /^\/api\/admin\/resources\/\d{1,12}\/file$/.test(path);
}

const MEGA = 1024 * 1024;
const TYPE_NAMES: Record<UploadMimeType, string> = {
  'application/pdf': 'PDF',
  'image/png': 'image PNG',
  'image/jpeg': 'image JPEG',
  'image/webp': 'image WebP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document Word (docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'classeur Excel (xlsx)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'présentation PowerPoint (pptx)',
  'application/vnd.oasis.opendocument.text': 'document OpenDocument (odt)',
};
export const ACCEPTED_TYPES_TEXT = 'PDF, images PNG, JPEG ou WebP, documents docx, xlsx, pptx ou odt';

/** Declared types a browser may send for a file whatever its content. */
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/x-download']);
const TYPE_ALIASES: Record<string, UploadMimeType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
};

/** A refused file: the reason is both the message and the issue on `file`. */
const fileError = (message: string) => new ApiError('validation_error', message, [{ path: 'file', message }]);

export function tooLarge(): ApiError {
  const message = `Fichier trop volumineux : ${MAX_UPLOAD_BYTES / MEGA} Mo au plus.`;
  return new ApiError('payload_too_large', message, [{ path: 'file', message }]);
}

/**
 * The name to keep (and show in Content-Disposition), or a French reason to refuse it. Path
 * characters are refused rather than stripped: a name like `../../etc/passwd.pdf` says someone
 * is trying something, and the curator should rename the file on purpose.
 */
export function cleanFileName(raw: string): { name: string } | { error: string } {
  const name = raw.normalize('NFC').trim();
  if (name.length === 0) return { error: 'Le fichier n’a pas de nom.' };
  if (name.length > 200) return { error: 'Nom de fichier trop long (200 caractères au plus).' };
  // C0 and C1 controls (U+0085 is a line break to some readers), bidi overrides (« fdp.exe » shown
  // as « exe.pdf »), zero-width characters: refused, as in every name (@pare/schema text.ts).
  if (hasUnsafeLineCharacter(name)) {
    return { error: 'Le nom du fichier contient des caractères de contrôle ou invisibles : renommez-le.' };
  }
  if (/[/\\]/.test(name) || name.includes('..') || name.startsWith('.')) {
    return { error: 'Le nom du fichier ne doit contenir ni « / », ni « \\ », ni « .. » : renommez-le.' };
  }
  // Characters that some systems refuse in a name, or that would confuse a header: replaced.
  return { name: name.replace(/[<>:"|?*;]/g, '_').replace(/\s+/g, ' ') };
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * HTML markup, in the bytes of a file that is not text: an element a browser would act on
 * (script, image with an error handler, refresh, frame, form, link, style…), an event handler
 * attribute, or a `javascript:` URL. Names of a few letters are left out (`<a>`, `<b>`), since
 * compressed data holds such byte runs by chance; every element that can act is named.
 */
const HTML_MARKUP =
  /<(?:script|html|!doctype|\?php|svg|iframe|frame|frameset|body|head|object|embed|applet|img|image|meta|link|style|base|form|input|button|textarea|select|video|audio|source|track|math|template|details|marquee|isindex|noscript|title|xml|a\s+href)[\s>/]|<[a-z][\w:-]{0,30}\s[^<>]{0,500}\bon[a-z]{3,30}\s*=|javascript:/i;
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OOXML and ODF documents: ZIP archives whose entries are read by office suites. */
const ZIP_TYPES = new Set<UploadMimeType>([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
]);
/** The largest uncompressed size a document's entry may declare, and all of them together (a zip bomb declares gigabytes). */
export const MAX_ZIP_ENTRY_BYTES = 64 * MEGA;
export const MAX_ZIP_TOTAL_BYTES = 256 * MEGA;

/** True when the bytes also read as something else: HTML or script, or an appended archive. */
function looksPolyglot(bytes: Buffer, type: UploadMimeType): boolean {
  if (HTML_MARKUP.test(bytes.toString('latin1'))) return true;
  // An image or a PDF never holds a ZIP archive (a "GIFAR"-style polyglot); OOXML and ODF are ZIPs.
  if (type === 'application/pdf' || type.startsWith('image/')) return bytes.indexOf(ZIP_LOCAL_HEADER) >= 0;
  return false;
}

/**
 * The entries of a ZIP-based document, as its central directory declares them (read by fflate,
 * nothing decompressed): refused when one declares more than MAX_ZIP_ENTRY_BYTES once
 * uncompressed, or all together more than MAX_ZIP_TOTAL_BYTES, or when the archive is unreadable.
 */
function zipTooLarge(bytes: Buffer): boolean {
  let total = 0;
  let tooLarge = false;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        total += entry.originalSize;
        if (entry.originalSize > MAX_ZIP_ENTRY_BYTES || total > MAX_ZIP_TOTAL_BYTES) tooLarge = true;
        return false;
      },
    });
  } catch {
    return true;
  }
  return tooLarge;
}

const PDF_REFUSALS: Record<'active' | 'encrypted' | 'unreadable', string> = {
  active:
    'Le PDF contient des actions (JavaScript, lancement de programme, envoi de formulaire, lien ouvert tout seul, fichier joint) : il est refusé. Imprimez-le de nouveau en PDF.',
  encrypted: 'Le PDF est chiffré : son contenu ne peut pas être vérifié. Enregistrez-le sans mot de passe ni restriction.',
  unreadable: 'Le PDF est abîmé ou contient des parties illisibles : il est refusé. Exportez-le de nouveau depuis son logiciel d’origine.',
};

export type CheckedUpload = { bytes: Buffer; name: string; type: UploadMimeType; size: number };

/**
 * Checks an uploaded `file` form field: one file, not empty, within the size limit, a clean
 * name, a type read from its bytes that we accept, an extension and a declared type that agree
 * with it, and nothing else hidden inside. Throws the one API error (400 on `file`, or 413).
 */
export async function checkUpload(field: unknown): Promise<CheckedUpload> {
  if (Array.isArray(field)) throw fileError('Un seul fichier à la fois.');
  if (!(field instanceof File)) throw fileError('Aucun fichier reçu : envoyez-le dans le champ « file ».');
  if (field.size === 0) throw fileError('Le fichier est vide.');
  if (field.size > MAX_UPLOAD_BYTES) throw tooLarge();
  const cleaned = cleanFileName(field.name);
  if ('error' in cleaned) throw fileError(cleaned.error);
  const bytes = Buffer.from(await field.arrayBuffer());
  if (bytes.length === 0) throw fileError('Le fichier est vide.');
  if (bytes.length > MAX_UPLOAD_BYTES) throw tooLarge();

  const detected = await fileTypeFromBuffer(bytes);
  const type = detected?.mime as UploadMimeType | undefined;
  if (!type || !(type in UPLOAD_TYPES)) {
    throw fileError(
      `Ce type de fichier n’est pas accepté (son contenu n’est pas un document reconnu). Types acceptés : ${ACCEPTED_TYPES_TEXT}.`,
    );
  }
  const ext = extensionOf(cleaned.name);
  if (!(UPLOAD_TYPES[type] as readonly string[]).includes(ext)) {
    throw fileError(
      `L’extension « .${ext || '(aucune)'} » ne correspond pas au contenu du fichier (${TYPE_NAMES[type]}, extension attendue : .${UPLOAD_TYPES[type][0]}).`,
    );
  }
  const declared = field.type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!GENERIC_TYPES.has(declared) && (TYPE_ALIASES[declared] ?? declared) !== type) {
    throw fileError(`Le type déclaré (${declared.slice(0, 80)}) ne correspond pas au contenu du fichier (${TYPE_NAMES[type]}).`);
  }
  if (looksPolyglot(bytes, type)) {
    throw fileError(
      'Le fichier contient du code (HTML, script) ou un autre fichier caché : il est refusé. Exportez-le de nouveau depuis son logiciel d’origine.',
    );
  }
  if (type === 'application/pdf') {
    const verdict = await inspectPdf(bytes);
    if (!verdict.ok) throw fileError(PDF_REFUSALS[verdict.reason]);
  }
  if (ZIP_TYPES.has(type) && zipTooLarge(bytes)) {
    throw fileError(
      `Le document est illisible ou annonce un contenu démesuré une fois décompressé (plus de ${MAX_ZIP_ENTRY_BYTES / MEGA} Mo pour une de ses parties) : il est refusé.`,
    );
  }
  return { bytes, name: cleaned.name, type, size: bytes.length };
}

const KEY = /^[0-9a-f]{32}$/;

/** The path of a stored file; the key is checked so it can never leave the directory. */
export function storedFilePath(dir: string, key: string): string {
  if (!KEY.test(key)) throw new Error('invalid file key');
  return join(dir, key);
}

/**
 * Writes the bytes under a new random name (through a temporary file renamed once complete, so
 * a crash never leaves a half file under a real key). Returns the key.
 */
export function storeFile(dir: string, bytes: Buffer): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(16).toString('hex');
  const final = storedFilePath(dir, key);
  const temp = `${final}.part`;
  try {
    writeFileSync(temp, bytes, { flag: 'wx', mode: 0o600 });
    renameSync(temp, final);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  return key;
}

/** Removes a stored file; a file already gone is not an error. */
export function removeStoredFile(dir: string, key: string): void {
  rmSync(storedFilePath(dir, key), { force: true });
}

/** The files in the uploads directory (tests compare it before and after a refused upload). */
export function listStoredFiles(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/**
 * `attachment` with the cleaned name: an ASCII fallback in `filename` (quotes and anything
 * outside printable ASCII replaced), the exact name in `filename*` (RFC 6266 / 5987).
 */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
