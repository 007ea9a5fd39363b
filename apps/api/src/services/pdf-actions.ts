/**
 * Whether a PDF can act when opened: run JavaScript, launch a program, send a form, load data,
 * play rich media, carry files, or open a link by itself. The PDF's objects are read with
 * pdf-lib (@cantoo/pdf-lib, a maintained fork), which decodes name escapes (`/J#61vaScript` is
 * `/JavaScript`) and expands compressed object streams, so nothing hides from the check the way
 * it hides from a search of the raw bytes.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFInvalidObject,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
} from '@cantoo/pdf-lib';

/** Names that only appear in a PDF that runs code, sends or loads data, or carries other files. */
const ACTIVE_NAMES = new Set([
  'JS',
  'JavaScript',
  'Launch',
  'SubmitForm',
  'ImportData',
  'RichMedia',
  'EmbeddedFile',
  'EmbeddedFiles',
  'XFA',
]);
/** What an action may not do when it fires by itself (`/OpenAction`, `/AA`): the above, and open a link. */
const AUTOMATIC_ACTIONS = new Set(['URI', 'GoToR', 'GoToE', 'Launch', 'JavaScript', 'SubmitForm', 'ImportData', 'RichMedia']);

export type PdfVerdict = { ok: true } | { ok: false; reason: 'active' | 'encrypted' | 'unreadable' };

const nameOf = (o: PDFObject | undefined) => (o instanceof PDFName ? o.decodeText() : undefined);

/** Every object reachable from `root`, references followed once. */
function* walk(doc: PDFDocument, root: PDFObject, seen = new Set<PDFObject>()): Generator<PDFObject> {
  const stack: PDFObject[] = [root];
  while (stack.length > 0) {
    let o = stack.pop() as PDFObject;
    if (o instanceof PDFRef) {
      const target = doc.context.lookup(o);
      if (!target) continue;
      o = target;
    }
    if (seen.has(o)) continue;
    seen.add(o);
    yield o;
    if (o instanceof PDFDict) for (const [, v] of o.entries()) stack.push(v);
    else if (o instanceof PDFArray) for (const v of o.asArray()) stack.push(v);
    else if (o instanceof PDFStream) stack.push(o.dict);
  }
}

/** Does an automatic trigger (`/OpenAction`, one of `/AA`'s) start an action of a refused kind, itself or through `/Next`? */
function triggersRefusedAction(doc: PDFDocument, trigger: PDFObject): boolean {
  for (const o of walk(doc, trigger)) {
    if (!(o instanceof PDFDict)) continue;
    const kind = nameOf(o.get(PDFName.of('S')));
    if (kind && AUTOMATIC_ACTIONS.has(kind)) return true;
  }
  return false;
}

/** Reads the PDF's objects and says whether it may be published as a plain document. */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfVerdict> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, throwOnInvalidObject: false, updateMetadata: false });
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  // Encrypted streams cannot be read, so what they hold cannot be checked.
  if (doc.isEncrypted || doc.context.trailerInfo.Encrypt) return { ok: false, reason: 'encrypted' };
  const objects: PDFObject[] = doc.context.enumerateIndirectObjects().map(([, o]) => o);
  for (const key of ['Root', 'Info'] as const) {
    const o = doc.context.trailerInfo[key];
    if (o) objects.push(o);
  }
  const seen = new Set<PDFObject>();
  for (const root of objects) {
    for (const o of walk(doc, root, seen)) {
      // A part the parser could not read may be read by a more lenient reader: refused.
      if (o instanceof PDFInvalidObject) return { ok: false, reason: 'unreadable' };
      // An object stream left packed (a filter the parser does not know) hides its objects.
      if (o instanceof PDFRawStream && nameOf(o.dict.get(PDFName.of('Type'))) === 'ObjStm') return { ok: false, reason: 'unreadable' };
      if (o instanceof PDFName && ACTIVE_NAMES.has(o.decodeText())) return { ok: false, reason: 'active' };
      if (!(o instanceof PDFDict)) continue;
      for (const [key, value] of o.entries()) {
        const k = key.decodeText();
        if (ACTIVE_NAMES.has(k)) return { ok: false, reason: 'active' };
        if (k === 'OpenAction' && triggersRefusedAction(doc, value)) return { ok: false, reason: 'active' };
        if (k === 'AA') {
          const triggers = value instanceof PDFRef ? doc.context.lookup(value) : value;
          if (triggers instanceof PDFDict && [...triggers.entries()].some(([, t]) => triggersRefusedAction(doc, t))) {
            return { ok: false, reason: 'active' };
          }
        }
      }
    }
  }
  return { ok: true };
}
