/**
 * The resource editor (`/admin/ressources/:id`, `/admin/ressources/nouvelle`): the form, the
 * attached file and the history. Every save goes through the API's validation; its French
 * messages are shown beside the fields they name.
 */
import type { AdminResource, CreateResourceInputRaw, Public, ResourceScope, ResourceTheme, ResourceType } from '@pare/schema';
import { PUBLIC_LABELS, PUBLICS } from '@pare/schema/codes';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { StatusLine } from '../../components/status-line.tsx';
import { frEditor } from '../../i18n/fr.editor.ts';
import {
  frResources,
  RESOURCE_SCOPE_CODES,
  RESOURCE_SCOPE_LABELS,
  RESOURCE_THEME_CODES,
  RESOURCE_THEME_LABELS,
  RESOURCE_TYPE_CODES,
  RESOURCE_TYPE_LABELS,
} from '../../i18n/fr.resources.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { type CommonForm, commonFields, EntryEditorPage, fieldKit, issuesFor, orNull, splitList } from './admin-edit-kit.tsx';
import { resourceWrites } from './queries.ts';
import { type EntryForm, useEntryEditor } from './use-entry-editor.ts';

const t = frResources.edit;
const MAX_BYTES = 10 * 1024 * 1024;

type ResourceForm = CommonForm & {
  type: ResourceType;
  publics: Public[];
  themes: ResourceTheme[];
  scope: ResourceScope;
  regions: string;
  departements: string;
  date: string;
  reference: string;
  url: string;
  producers: string;
};

const resourceForm: EntryForm<AdminResource, ResourceForm, CreateResourceInputRaw> = {
  empty: {
    ...commonFields.empty,
    type: 'guide',
    publics: [],
    themes: [],
    scope: 'national',
    regions: '',
    departements: '',
    date: '',
    reference: '',
    url: '',
    producers: '',
  },
  of: ({ input: i }) => ({
    ...commonFields.of(i),
    type: i.type,
    publics: i.publics,
    themes: i.themes ?? [],
    scope: i.territory.scope,
    regions: (i.territory.regions ?? []).join(', '),
    departements: (i.territory.departements ?? []).join(', '),
    date: i.date ?? '',
    reference: i.reference ?? '',
    url: i.url ?? '',
    producers: (i.producers ?? []).join(', '),
  }),
  input: (f) => ({
    ...commonFields.input(f),
    type: f.type,
    publics: f.publics,
    themes: f.themes,
    territory: {
      scope: f.scope,
      regions: f.scope === 'regions' ? splitList(f.regions) : [],
      departements: f.scope === 'departements' ? splitList(f.departements).map((d) => d.toUpperCase()) : [],
    },
    date: orNull(f.date),
    reference: orNull(f.reference),
    url: orNull(f.url),
    producers: splitList(f.producers),
  }),
};

function FileSection({ resource, onChange }: { resource: AdminResource; onChange: (r: AdminResource) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const inputId = useId();

  async function upload(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setMessage(null);
    if (file.size > MAX_BYTES) {
      setError(new ApiRequestError('payload_too_large', t.tooLarge, 413, [{ path: 'file', message: t.tooLarge }]));
      return;
    }
    const form = new FormData();
    form.append('file', file);
    setBusy(true);
    try {
      onChange(await resourceWrites.uploadFile(resource.id, form));
      setError(null);
      setMessage(t.uploaded);
      setFile(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      onChange(await resourceWrites.deleteFile(resource.id));
      setMessage(t.fileRemoved);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="actor-section" aria-labelledby="titre-fichier">
      <h2 id="titre-fichier">{t.fileHeading}</h2>
      <StatusLine message={message} />
      {resource.file ? (
        <p>
          {t.fileCurrent(resource.file.name)}{' '}
          {resource.editable && (
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void remove()}>
              {t.removeFile}
            </button>
          )}
        </p>
      ) : (
        <p>{t.fileNone}</p>
      )}
      {resource.input.url ? (
        <p className="field__hint">{t.fileHasLink}</p>
      ) : (
        resource.editable && (
          <form onSubmit={(e) => void upload(e)}>
            <div className="field">
              <label htmlFor={inputId}>{t.fileLabel}</label>
              <input
                id={inputId}
                type="file"
                accept=".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx,.odt"
                aria-describedby={`${inputId}-aide`}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
              <span id={`${inputId}-aide`} className="field__hint">
                {t.fileHint}
              </span>
              {issuesFor(error, 'file').length > 0 && <span className="field__error">{issuesFor(error, 'file').join(' ')}</span>}
            </div>
            <button type="submit" className="button button--primary" disabled={!file || busy}>
              {busy ? t.uploading : t.upload}
            </button>
          </form>
        )
      )}
      {error !== null && issuesFor(error, 'file').length === 0 && <ErrorMessage error={error} />}
    </section>
  );
}

export function ResourceEditor({ existing }: { existing: AdminResource | null }) {
  const editor = useEntryEditor('resource', existing, resourceForm, resourceWrites);
  const { entry: resource, form, set, error, updated } = editor;
  const kit = fieldKit(form, set, error);

  return (
    <EntryEditorPage
      editor={editor}
      first={kit.select('type', t.type, RESOURCE_TYPE_CODES, RESOURCE_TYPE_LABELS)}
      after={
        resource ? (
          <FileSection resource={resource} onChange={(r) => updated(r, t.saved)} />
        ) : (
          <p className="field__hint">{t.fileSaveFirst}</p>
        )
      }
    >
      {kit.checkboxes('publics', `${t.publics} ${t.required}`, PUBLICS, PUBLIC_LABELS)}
      {kit.checkboxes('themes', t.themes, RESOURCE_THEME_CODES, RESOURCE_THEME_LABELS)}
      {kit.select('scope', t.scope, RESOURCE_SCOPE_CODES, RESOURCE_SCOPE_LABELS)}
      {(form.scope === 'regions' || form.scope === 'departements') &&
        kit.codes(form.scope, form.scope, frEditor.fields[form.scope], `territory.${form.scope}`)}
      {kit.input('date', t.date, { type: 'date' })}
      {kit.input('reference', t.reference, { hint: t.referenceHint, maxLength: 300 })}
      {kit.input('url', t.url, { hint: t.urlHint, type: 'url', inputMode: 'url' })}
      {kit.input('producers', t.producers, { hint: t.producersHint })}
    </EntryEditorPage>
  );
}
