/**
 * `/admin/ressources/:id`, `/admin/ressources/nouvelle`, `/admin/protocoles/:id`,
 * `/admin/protocoles/nouveau` — the curators' forms. Every save goes through the API's
 * validation; its French messages are shown beside the fields they name.
 */
import type {
  AdminProtocol,
  AdminResource,
  CreateProtocolInputRaw,
  CreateResourceInputRaw,
  MeetingFrequency,
  MemberRole,
  ProtocolKind,
  Public,
  ResourceScope,
  ResourceTheme,
  ResourceType,
} from '@pare/schema';
import { PUBLIC_LABELS, PUBLICS } from '@pare/schema/codes';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frEditor } from '../../i18n/fr.editor.ts';
import {
  frResources,
  MEETING_FREQUENCY_CODES,
  MEETING_FREQUENCY_LABELS,
  MEMBER_ROLE_CODES,
  MEMBER_ROLE_LABELS,
  PROTOCOL_KIND_CODES,
  PROTOCOL_KIND_LABELS,
  RESOURCE_SCOPE_CODES,
  RESOURCE_SCOPE_LABELS,
  RESOURCE_THEME_CODES,
  RESOURCE_THEME_LABELS,
  RESOURCE_TYPE_CODES,
  RESOURCE_TYPE_LABELS,
} from '../../i18n/fr.resources.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { AdminLayout } from '../admin/admin-layout.tsx';
import { TerritoryPicker } from '../admin/territory-picker.tsx';
import { apiSend } from './api-send.ts';
import { adminProtocolQuery, adminResourceQuery, resourceKeys, revisionsQuery } from './queries.ts';
import './resources.css';

const t = frResources.edit;
const MAX_BYTES = 10 * 1024 * 1024;

const splitList = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const orNull = (v: string) => (v.trim() ? v.trim() : null);

// --- small form parts ------------------------------------------------------------------------

function issuesFor(error: unknown, path: string): string[] {
  if (!(error instanceof ApiRequestError)) return [];
  return error.issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`)).map((i) => i.message);
}

/** Régions or départements chosen by name (chips), kept in the form as « 57, 54 ». */
function CodesPicker({
  kind,
  label,
  error,
  path,
  value,
  onChange,
}: {
  kind: 'regions' | 'departements';
  label: string;
  error: unknown;
  path: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <TerritoryPicker
      id={id}
      kind={kind}
      label={label}
      hint={frEditor.picker[`${kind}Hint`]}
      codes={splitList(value)}
      errors={issuesFor(error, path)}
      onChange={(codes) => onChange(codes.join(', '))}
    />
  );
}

function Field({
  label,
  hint,
  error,
  path,
  children,
}: {
  label: string;
  hint?: string;
  error: unknown;
  path: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const messages = issuesFor(error, path);
  const describedBy = [hint ? `${id}-aide` : null, messages.length ? `${id}-erreur` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(messages.length ? { 'aria-invalid': true } : {}) })}
      {hint && (
        <span id={`${id}-aide`} className="field__hint">
          {hint}
        </span>
      )}
      {messages.length > 0 && (
        <span id={`${id}-erreur`} className="field__error">
          {messages.join(' ')}
        </span>
      )}
    </div>
  );
}

function Checkboxes<T extends string>({
  legend,
  codes,
  labels,
  value,
  onChange,
  error,
  path,
}: {
  legend: string;
  codes: readonly T[];
  labels: Record<T, string>;
  value: T[];
  onChange: (v: T[]) => void;
  error: unknown;
  path: string;
}) {
  const messages = issuesFor(error, path);
  return (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      <ul>
        {codes.map((c) => (
          <li key={c}>
            <label>
              <input
                type="checkbox"
                checked={value.includes(c)}
                onChange={(e) =>
                  onChange(e.target.checked ? codes.filter((x) => x === c || value.includes(x)) : value.filter((x) => x !== c))
                }
              />{' '}
              {labels[c]}
            </label>
          </li>
        ))}
      </ul>
      {messages.length > 0 && <p className="field__error">{messages.join(' ')}</p>}
    </fieldset>
  );
}

function History({ kind, id }: { kind: 'resources' | 'protocols'; id: number }) {
  const query = useQuery(revisionsQuery(kind, id));
  return (
    <section className="actor-section" aria-labelledby="titre-historique">
      <h2 id="titre-historique">{t.history}</h2>
      {query.data && query.data.items.length === 0 && <p>{t.historyNone}</p>}
      {query.data && (
        <ol>
          {query.data.items.map((r) => (
            <li key={r.id}>
              {t.historyItem(t.actions[r.action] ?? r.action, formatDate(r.created_at), r.author)}
              {r.changes.length > 0 && <> : {r.changes.map((c) => c.path).join(', ')}</>}
              {r.note && <> — {r.note}</>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Status({ message }: { message: string | null }) {
  return (
    <p role="status" className={message ? 'notice' : 'visually-hidden'}>
      {message}
    </p>
  );
}

// --- resources ---------------------------------------------------------------------------------

type ResourceForm = {
  slug: string;
  title: string;
  type: ResourceType;
  summary: string;
  publics: Public[];
  themes: ResourceTheme[];
  scope: ResourceScope;
  regions: string;
  departements: string;
  date: string;
  reference: string;
  url: string;
  producers: string;
  source_url: string;
};

const EMPTY_RESOURCE: ResourceForm = {
  slug: '',
  title: '',
  type: 'guide',
  summary: '',
  publics: [],
  themes: [],
  scope: 'national',
  regions: '',
  departements: '',
  date: '',
  reference: '',
  url: '',
  producers: '',
  source_url: '',
};

function resourceForm(r: AdminResource): ResourceForm {
  const i = r.input;
  return {
    slug: i.slug ?? '',
    title: i.title,
    type: i.type,
    summary: i.summary ?? '',
    publics: i.publics,
    themes: i.themes ?? [],
    scope: i.territory.scope,
    regions: (i.territory.regions ?? []).join(', '),
    departements: (i.territory.departements ?? []).join(', '),
    date: i.date ?? '',
    reference: i.reference ?? '',
    url: i.url ?? '',
    producers: (i.producers ?? []).join(', '),
    source_url: i.source_url ?? '',
  };
}

function resourceInput(f: ResourceForm): CreateResourceInputRaw {
  return {
    ...(f.slug.trim() ? { slug: f.slug.trim() } : {}),
    title: f.title,
    type: f.type,
    summary: f.summary,
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
    source_url: orNull(f.source_url),
  };
}

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
      onChange(await apiSend<AdminResource>('PUT', `/admin/resources/${resource.id}/file`, form));
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
      onChange(await apiSend<AdminResource>('DELETE', `/admin/resources/${resource.id}/file`));
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
      <Status message={message} />
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

function ResourceEditor({ existing }: { existing: AdminResource | null }) {
  const queryClient = useQueryClient();
  const [resource, setResource] = useState(existing);
  const [form, setForm] = useState<ResourceForm>(existing ? resourceForm(existing) : EMPTY_RESOURCE);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const readOnly = resource !== null && !resource.editable;
  const set = <K extends keyof ResourceForm>(k: K, v: ResourceForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  useDocumentTitle(resource ? t.editResourceTitle(resource.title) : t.newResourceTitle);

  function updated(r: AdminResource, note: string) {
    setResource(r);
    setForm(resourceForm(r));
    setError(null);
    setMessage(note);
    void queryClient.invalidateQueries({ queryKey: resourceKeys.all });
    void queryClient.invalidateQueries({ queryKey: resourceKeys.admin });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      if (resource) updated(await apiSend<AdminResource>('PATCH', `/admin/resources/${resource.id}`, resourceInput(form)), t.saved);
      else {
        const created = await apiSend<AdminResource>('POST', '/admin/resources', resourceInput(form));
        updated(created, t.created);
        navigate(`/admin/ressources/${created.id}`, { replace: true, keepScroll: true });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function setStatus(action: 'archive' | 'restore') {
    if (!resource) return;
    try {
      updated(
        await apiSend<AdminResource>('POST', `/admin/resources/${resource.id}/${action}`),
        action === 'archive' ? t.archived : t.saved,
      );
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <h1 tabIndex={-1} data-page-heading>
        {resource ? t.editResourceTitle(resource.title) : t.newResourceTitle}
      </h1>
      {readOnly && <p className="notice">{t.readOnly}</p>}
      <Status message={message} />
      {error !== null && <ErrorMessage title={t.errorsHeading} error={error} />}
      <form className="admin-form" onSubmit={(e) => void save(e)} noValidate>
        <fieldset disabled={readOnly || busy}>
          <Field label={`${t.title} ${t.required}`} error={error} path="title">
            {(p) => <input {...p} type="text" required maxLength={300} value={form.title} onChange={(e) => set('title', e.target.value)} />}
          </Field>
          <Field label={t.slug} hint={t.slugHint} error={error} path="slug">
            {(p) => <input {...p} type="text" maxLength={120} value={form.slug} onChange={(e) => set('slug', e.target.value)} />}
          </Field>
          <Field label={t.type} error={error} path="type">
            {(p) => (
              <select {...p} value={form.type} onChange={(e) => set('type', e.target.value as ResourceType)}>
                {RESOURCE_TYPE_CODES.map((c) => (
                  <option key={c} value={c}>
                    {RESOURCE_TYPE_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t.summary} hint={t.summaryHint} error={error} path="summary">
            {(p) => <textarea {...p} maxLength={5000} value={form.summary} onChange={(e) => set('summary', e.target.value)} />}
          </Field>
          <Checkboxes
            legend={`${t.publics} ${t.required}`}
            codes={PUBLICS}
            labels={PUBLIC_LABELS}
            value={form.publics}
            onChange={(v) => set('publics', v)}
            error={error}
            path="publics"
          />
          <Checkboxes
            legend={t.themes}
            codes={RESOURCE_THEME_CODES}
            labels={RESOURCE_THEME_LABELS}
            value={form.themes}
            onChange={(v) => set('themes', v)}
            error={error}
            path="themes"
          />
          <Field label={t.scope} error={error} path="territory.scope">
            {(p) => (
              <select {...p} value={form.scope} onChange={(e) => set('scope', e.target.value as ResourceScope)}>
                {RESOURCE_SCOPE_CODES.map((c) => (
                  <option key={c} value={c}>
                    {RESOURCE_SCOPE_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {form.scope === 'regions' && (
            <CodesPicker
              kind="regions"
              label={frEditor.fields.regions}
              error={error}
              path="territory.regions"
              value={form.regions}
              onChange={(v) => set('regions', v)}
            />
          )}
          {form.scope === 'departements' && (
            <CodesPicker
              kind="departements"
              label={frEditor.fields.departements}
              error={error}
              path="territory.departements"
              value={form.departements}
              onChange={(v) => set('departements', v)}
            />
          )}
          <Field label={t.date} error={error} path="date">
            {(p) => <input {...p} type="date" value={form.date} onChange={(e) => set('date', e.target.value)} />}
          </Field>
          <Field label={t.reference} hint={t.referenceHint} error={error} path="reference">
            {(p) => <input {...p} type="text" maxLength={300} value={form.reference} onChange={(e) => set('reference', e.target.value)} />}
          </Field>
          <Field label={t.url} hint={t.urlHint} error={error} path="url">
            {(p) => <input {...p} type="url" inputMode="url" value={form.url} onChange={(e) => set('url', e.target.value)} />}
          </Field>
          <Field label={t.producers} hint={t.producersHint} error={error} path="producers">
            {(p) => <input {...p} type="text" value={form.producers} onChange={(e) => set('producers', e.target.value)} />}
          </Field>
          <Field label={t.sourceUrl} error={error} path="source_url">
            {(p) => <input {...p} type="url" inputMode="url" value={form.source_url} onChange={(e) => set('source_url', e.target.value)} />}
          </Field>
          <button type="submit" className="button button--primary">
            {busy ? t.saving : t.save}
          </button>
        </fieldset>
      </form>
      {resource ? (
        <FileSection resource={resource} onChange={(r) => updated(r, t.saved)} />
      ) : (
        <p className="field__hint">{t.fileSaveFirst}</p>
      )}
      {resource?.editable && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void setStatus(resource.status === 'published' ? 'archive' : 'restore')}
          >
            {resource.status === 'published' ? t.archive : t.restore}
          </button>
        </p>
      )}
      {resource && <History kind="resources" id={resource.id} />}
    </>
  );
}

// --- protocols ---------------------------------------------------------------------------------

type MemberRow = { actor: string; role: MemberRole; note: string };
type MeetingRow = { date: string; summary: string };
type ProtocolForm = {
  slug: string;
  kind: ProtocolKind;
  title: string;
  summary: string;
  departements: string;
  date: string;
  frequency: MeetingFrequency | '';
  parent: string;
  members: MemberRow[];
  meetings: MeetingRow[];
  resources: string;
  source_url: string;
};

const EMPTY_PROTOCOL: ProtocolForm = {
  slug: '',
  kind: 'convention',
  title: '',
  summary: '',
  departements: '',
  date: '',
  frequency: '',
  parent: '',
  members: [],
  meetings: [],
  resources: '',
  source_url: '',
};

function protocolForm(p: AdminProtocol): ProtocolForm {
  const i = p.input;
  return {
    slug: i.slug ?? '',
    kind: i.kind,
    title: i.title,
    summary: i.summary ?? '',
    departements: i.departements.join(', '),
    date: i.date ?? '',
    frequency: i.frequency ?? '',
    parent: i.parent ?? '',
    members: (i.members ?? []).map((m) => ({ actor: m.actor, role: m.role, note: m.note ?? '' })),
    meetings: (i.meetings ?? []).map((m) => ({ date: m.date, summary: m.summary ?? '' })),
    resources: (i.resources ?? []).join(', '),
    source_url: i.source_url ?? '',
  };
}

function protocolInput(f: ProtocolForm): CreateProtocolInputRaw {
  return {
    ...(f.slug.trim() ? { slug: f.slug.trim() } : {}),
    kind: f.kind,
    title: f.title,
    summary: f.summary,
    departements: splitList(f.departements).map((d) => d.toUpperCase()),
    date: orNull(f.date),
    frequency: f.frequency || null,
    parent: orNull(f.parent),
    members: f.members.map((m) => ({ actor: m.actor.trim(), role: m.role, note: orNull(m.note) })),
    meetings: f.meetings.map((m) => ({ date: m.date, summary: m.summary })),
    resources: splitList(f.resources),
    source_url: orNull(f.source_url),
  };
}

function ProtocolEditor({ existing }: { existing: AdminProtocol | null }) {
  const queryClient = useQueryClient();
  const [protocol, setProtocol] = useState(existing);
  const [form, setForm] = useState<ProtocolForm>(existing ? protocolForm(existing) : EMPTY_PROTOCOL);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const readOnly = protocol !== null && !protocol.editable;
  const set = <K extends keyof ProtocolForm>(k: K, v: ProtocolForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const setMember = (i: number, m: Partial<MemberRow>) =>
    set(
      'members',
      form.members.map((x, j) => (j === i ? { ...x, ...m } : x)),
    );
  const setMeeting = (i: number, m: Partial<MeetingRow>) =>
    set(
      'meetings',
      form.meetings.map((x, j) => (j === i ? { ...x, ...m } : x)),
    );
  useDocumentTitle(protocol ? t.editProtocolTitle(protocol.title) : t.newProtocolTitle);

  function updated(p: AdminProtocol, note: string) {
    setProtocol(p);
    setForm(protocolForm(p));
    setError(null);
    setMessage(note);
    void queryClient.invalidateQueries({ queryKey: resourceKeys.protocols });
    void queryClient.invalidateQueries({ queryKey: resourceKeys.admin });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      if (protocol) updated(await apiSend<AdminProtocol>('PATCH', `/admin/protocols/${protocol.id}`, protocolInput(form)), t.saved);
      else {
        const created = await apiSend<AdminProtocol>('POST', '/admin/protocols', protocolInput(form));
        updated(created, t.saved);
        navigate(`/admin/protocoles/${created.id}`, { replace: true, keepScroll: true });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function setStatus(action: 'archive' | 'restore') {
    if (!protocol) return;
    try {
      updated(
        await apiSend<AdminProtocol>('POST', `/admin/protocols/${protocol.id}/${action}`),
        action === 'archive' ? t.archived : t.saved,
      );
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <h1 tabIndex={-1} data-page-heading>
        {protocol ? t.editProtocolTitle(protocol.title) : t.newProtocolTitle}
      </h1>
      {readOnly && <p className="notice">{t.readOnly}</p>}
      <Status message={message} />
      {error !== null && <ErrorMessage title={t.errorsHeading} error={error} />}
      <form className="admin-form" onSubmit={(e) => void save(e)} noValidate>
        <fieldset disabled={readOnly || busy}>
          <Field label={`${t.title} ${t.required}`} error={error} path="title">
            {(p) => <input {...p} type="text" required maxLength={300} value={form.title} onChange={(e) => set('title', e.target.value)} />}
          </Field>
          <Field label={t.slug} hint={t.slugHint} error={error} path="slug">
            {(p) => <input {...p} type="text" maxLength={120} value={form.slug} onChange={(e) => set('slug', e.target.value)} />}
          </Field>
          <Field label={t.kind} error={error} path="kind">
            {(p) => (
              <select {...p} value={form.kind} onChange={(e) => set('kind', e.target.value as ProtocolKind)}>
                {PROTOCOL_KIND_CODES.map((c) => (
                  <option key={c} value={c}>
                    {PROTOCOL_KIND_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t.summary} hint={t.summaryHint} error={error} path="summary">
            {(p) => <textarea {...p} maxLength={5000} value={form.summary} onChange={(e) => set('summary', e.target.value)} />}
          </Field>
          <CodesPicker
            kind="departements"
            label={`${frEditor.fields.departements} ${t.required}`}
            error={error}
            path="departements"
            value={form.departements}
            onChange={(v) => set('departements', v)}
          />
          <Field label={t.date} error={error} path="date">
            {(p) => <input {...p} type="date" value={form.date} onChange={(e) => set('date', e.target.value)} />}
          </Field>
          <Field label={t.frequency} error={error} path="frequency">
            {(p) => (
              <select {...p} value={form.frequency} onChange={(e) => set('frequency', e.target.value as MeetingFrequency | '')}>
                <option value="">{t.frequencyNone}</option>
                {MEETING_FREQUENCY_CODES.map((c) => (
                  <option key={c} value={c}>
                    {MEETING_FREQUENCY_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t.parent} error={error} path="parent">
            {(p) => <input {...p} type="text" value={form.parent} onChange={(e) => set('parent', e.target.value)} />}
          </Field>

          <fieldset>
            <legend>{t.members}</legend>
            {form.members.map((m, i) => (
              <div className="row" key={i}>
                <Field label={t.memberActor} error={error} path={`members.${i}.actor`}>
                  {(p) => <input {...p} type="text" value={m.actor} onChange={(e) => setMember(i, { actor: e.target.value })} />}
                </Field>
                <Field label={t.memberRole} error={error} path={`members.${i}.role`}>
                  {(p) => (
                    <select {...p} value={m.role} onChange={(e) => setMember(i, { role: e.target.value as MemberRole })}>
                      {MEMBER_ROLE_CODES.map((c) => (
                        <option key={c} value={c}>
                          {MEMBER_ROLE_LABELS[c]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t.memberNote} error={error} path={`members.${i}.note`}>
                  {(p) => (
                    <input {...p} type="text" maxLength={300} value={m.note} onChange={(e) => setMember(i, { note: e.target.value })} />
                  )}
                </Field>
                <button
                  type="button"
                  className="button button--link"
                  onClick={() =>
                    set(
                      'members',
                      form.members.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t.removeMember(i + 1)}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => set('members', [...form.members, { actor: '', role: 'membre', note: '' }])}
            >
              {t.addMember}
            </button>
          </fieldset>

          <fieldset>
            <legend>{t.meetings}</legend>
            {form.meetings.map((m, i) => (
              <div className="row" key={i}>
                <Field label={t.meetingDate} error={error} path={`meetings.${i}.date`}>
                  {(p) => <input {...p} type="date" value={m.date} onChange={(e) => setMeeting(i, { date: e.target.value })} />}
                </Field>
                <Field label={t.meetingSummary} error={error} path={`meetings.${i}.summary`}>
                  {(p) => (
                    <textarea {...p} maxLength={2000} value={m.summary} onChange={(e) => setMeeting(i, { summary: e.target.value })} />
                  )}
                </Field>
                <button
                  type="button"
                  className="button button--link"
                  onClick={() =>
                    set(
                      'meetings',
                      form.meetings.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t.removeMeeting(i + 1)}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => set('meetings', [...form.meetings, { date: '', summary: '' }])}
            >
              {t.addMeeting}
            </button>
          </fieldset>

          <Field label={t.linkedResources} error={error} path="resources">
            {(p) => <input {...p} type="text" value={form.resources} onChange={(e) => set('resources', e.target.value)} />}
          </Field>
          <Field label={t.sourceUrl} error={error} path="source_url">
            {(p) => <input {...p} type="url" inputMode="url" value={form.source_url} onChange={(e) => set('source_url', e.target.value)} />}
          </Field>
          <button type="submit" className="button button--primary">
            {busy ? t.saving : t.save}
          </button>
        </fieldset>
      </form>
      {protocol?.editable && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void setStatus(protocol.status === 'published' ? 'archive' : 'restore')}
          >
            {protocol.status === 'published' ? t.archive : t.restore}
          </button>
        </p>
      )}
      {protocol && <History kind="protocols" id={protocol.id} />}
    </>
  );
}

// --- page ----------------------------------------------------------------------------------------

function Loaded({ kind, id }: { kind: 'resource' | 'protocol'; id: number }) {
  const resource = useQuery({ ...adminResourceQuery(id), enabled: kind === 'resource' });
  const protocol = useQuery({ ...adminProtocolQuery(id), enabled: kind === 'protocol' });
  const query = kind === 'resource' ? resource : protocol;
  useEffect(() => {
    if (query.data) document.querySelector<HTMLElement>('[data-page-heading]')?.focus({ preventScroll: true });
  }, [query.data]);
  if (query.isPending) return <p className="notice">{frResources.admin.loading}</p>;
  if (query.isError) return <ErrorMessage error={query.error} />;
  return kind === 'resource' ? <ResourceEditor existing={resource.data ?? null} /> : <ProtocolEditor existing={protocol.data ?? null} />;
}

/** The edit form of a resource or protocol; `id: null` for a new one. */
export function AdminResourceEditPage({ kind, id }: { kind: 'resource' | 'protocol'; id: number | null }) {
  return (
    <div className="admin-resource-edit-page">
      <p className="back-link">
        <Link href={kind === 'resource' ? '/admin/ressources' : '/admin/ressources?vue=protocoles'}>
          <span aria-hidden="true">← </span>
          {t.back}
        </Link>
      </p>
      <AdminLayout>
        {() =>
          id === null ? (
            kind === 'resource' ? (
              <ResourceEditor existing={null} />
            ) : (
              <ProtocolEditor existing={null} />
            )
          ) : (
            <Loaded key={`${kind}:${id}`} kind={kind} id={id} />
          )
        }
      </AdminLayout>
    </div>
  );
}
