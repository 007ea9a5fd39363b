/**
 * Back office of news and events: `/admin/actualites` (the list, with an « Agenda » tab) and the
 * editors `/admin/actualites/:id|nouvelle` and `/admin/agenda/:id|nouveau`: the content in
 * Markdown, publish / archive / back to draft, the news image, the history with revert.
 */
import type { AdminEvent, AdminNews, ContentStatus, EventKind, Public } from '@pare/schema';
import { PUBLIC_LABELS } from '@pare/schema/codes';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { DataTable, TabbedListHead, TitleCell, useTabbedList } from '../../components/admin-list.tsx';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { StatusLine } from '../../components/status-line.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { CONTENT_STATUS_LABELS, EVENT_KIND_LABELS, frNews } from '../../i18n/fr.news.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { AdminLayout, AdminPageFrame } from '../admin/admin-layout.tsx';
import { CheckboxGroup, SelectField, TextArea, TextField } from '../admin/fields.tsx';
import { errorsAt, issuesToErrors } from '../admin/form-errors.ts';
import { formatEventWhen } from './format.ts';
import {
  adminEventQuery,
  adminEventsListQuery,
  adminNewsListQuery,
  adminNewsQuery,
  type EventInput,
  eventWrites,
  type NewsInput,
  newsKeys,
  newsWrites,
  revisionsQuery,
} from './queries.ts';
import './news.css';

type Kind = 'news' | 'event';
const t = frNews.admin;
const e = frNews.edit;
const splitList = (v: string) =>
  v
    .split(/[,;\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const STATUSES = [
  { value: 'all', label: t.statusAll },
  ...(Object.keys(CONTENT_STATUS_LABELS) as ContentStatus[]).map((s) => ({ value: s, label: CONTENT_STATUS_LABELS[s] })),
];
const territory = (deps: string[]) => (deps.length === 0 ? frNews.common.national : deps.join(', '));

// --- list ---------------------------------------------------------------------------------------

const LIST_TABS = [
  { href: '/admin/actualites', label: t.tabNews, keep: {}, create: ['/admin/actualites/nouvelle', t.newNews] },
  { href: '/admin/actualites?vue=agenda', label: t.tabEvents, keep: { vue: 'agenda' }, create: ['/admin/agenda/nouveau', t.newEvent] },
] as const;

function Lists() {
  const list = useTabbedList('/admin/actualites', LIST_TABS, [adminNewsListQuery, adminEventsListQuery]);
  const tab: Kind = list.open === 0 ? 'news' : 'event';
  const current = list.current;
  return (
    <>
      <TabbedListHead list={list} idPrefix="admin-actualites" texts={t} submitLabel={t.submit} statuses={STATUSES} />
      {current.data && <p role="status">{t.count(current.data.total)}</p>}
      {current.data && current.data.items.length === 0 && <p>{t.empty}</p>}
      {current.data && current.data.items.length > 0 && (
        <div className="table-scroll">
          <DataTable columns={[t.tableTitle, tab === 'event' && t.tableWhen, t.tableTerritory, t.tableStatus, t.tableUpdated]}>
            {current.data.items.map((item: AdminNews | AdminEvent) => (
              <tr key={item.id}>
                <TitleCell
                  href={`${tab === 'news' ? '/admin/actualites' : '/admin/agenda'}/${item.id}`}
                  title={item.title}
                  readOnly={item.editable ? null : t.readOnly}
                />
                {tab === 'event' && 'starts_at' in item && <td>{formatEventWhen(item.starts_at, item.ends_at)}</td>}
                <td>{territory(item.departements)}</td>
                <td>{CONTENT_STATUS_LABELS[item.status]}</td>
                <td>{formatDate(item.updated_at)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </>
  );
}

export function AdminNewsListPage() {
  return (
    <AdminPageFrame title={t.title} heading={t.title} className="admin-resources-page">
      <Lists />
    </AdminPageFrame>
  );
}

// --- editor -------------------------------------------------------------------------------------

type Form = {
  title: string;
  slug: string;
  summary: string;
  body: string;
  departements: string;
  audiences: Public[];
  // news
  actors: string;
  resources: string;
  image_alt: string;
  // events
  kind: EventKind;
  starts_at: string;
  ends_at: string;
  commune_code: string;
  place_name: string;
  online_url: string;
  organiser: string;
  registration_url: string;
  replay_url: string;
};

const EMPTY: Form = {
  title: '',
  slug: '',
  summary: '',
  body: '',
  departements: '',
  audiences: [],
  actors: '',
  resources: '',
  image_alt: '',
  kind: 'webinaire',
  starts_at: '',
  ends_at: '',
  commune_code: '',
  place_name: '',
  online_url: '',
  organiser: '',
  registration_url: '',
  replay_url: '',
};

type Entry = AdminNews | AdminEvent;
const isEvent = (x: Entry): x is AdminEvent => 'starts_at' in x;

function formOf(x: Entry): Form {
  const common = {
    title: x.input.title,
    slug: x.input.slug ?? '',
    summary: x.input.summary,
    body: x.input.body,
    departements: x.input.departements.join(', '),
    audiences: x.input.audiences,
  };
  if (isEvent(x)) {
    const i = x.input;
    return {
      ...EMPTY,
      ...common,
      kind: i.kind,
      starts_at: i.starts_at,
      ends_at: i.ends_at,
      commune_code: i.commune_code ?? '',
      place_name: i.place_name ?? '',
      online_url: i.online_url ?? '',
      organiser: i.organiser ?? '',
      registration_url: i.registration_url ?? '',
      replay_url: i.replay_url ?? '',
    };
  }
  return { ...EMPTY, ...common, actors: x.input.actors.join(', '), resources: x.input.resources.join(', '), image_alt: x.input.image_alt };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

function commonInput(f: Form) {
  return {
    title: f.title,
    ...(f.slug.trim() ? { slug: f.slug.trim() } : {}),
    summary: f.summary,
    body: f.body,
    departements: splitList(f.departements),
    audiences: f.audiences,
  };
}

const newsInputOf = (f: Form): NewsInput => ({
  ...commonInput(f),
  actors: splitList(f.actors),
  resources: splitList(f.resources),
  image_alt: f.image_alt,
});

function eventInputOf(f: Form): EventInput {
  return {
    ...commonInput(f),
    kind: f.kind,
    starts_at: f.starts_at,
    ends_at: f.ends_at,
    commune_code: orNull(f.commune_code),
    place_name: orNull(f.place_name),
    online_url: orNull(f.online_url),
    organiser: orNull(f.organiser),
    registration_url: orNull(f.registration_url),
    replay_url: orNull(f.replay_url),
  };
}

/** Creates (`id` null) or replaces a news item or an event from the form. */
function saveEntry(kind: Kind, id: number | null, f: Form): Promise<Entry> {
  if (kind === 'news') return id === null ? newsWrites.create(newsInputOf(f)) : newsWrites.update(id, newsInputOf(f));
  return id === null ? eventWrites.create(eventInputOf(f)) : eventWrites.update(id, eventInputOf(f));
}

function ImageSection({ news, onChange }: { news: AdminNews; onChange: (n: AdminNews) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const fileErrors = error instanceof ApiRequestError ? error.issues.filter((i) => i.path === 'file').map((i) => i.message) : [];

  async function run(action: () => Promise<AdminNews>) {
    setBusy(true);
    try {
      onChange(await action());
      setError(null);
      setFile(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  function upload(ev: FormEvent) {
    ev.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    void run(() => newsWrites.uploadImage(news.id, form));
  }

  return (
    <section className="actor-section" aria-labelledby="titre-image">
      <h2 id="titre-image">{e.image}</h2>
      {news.image_url && (
        <figure>
          <img className="news-image" src={news.image_url} alt={news.input.image_alt} />
          <figcaption>
            {e.imageCurrent}{' '}
            {news.editable && (
              <button
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => void run(() => newsWrites.deleteImage(news.id))}
              >
                {e.imageRemove}
              </button>
            )}
          </figcaption>
        </figure>
      )}
      {news.editable && (
        <form onSubmit={upload}>
          <div className="field">
            <label htmlFor={id}>{e.image}</label>
            <input
              id={id}
              type="file"
              accept=".png,.jpg,.jpeg,.webp"
              aria-invalid={fileErrors.length > 0 || undefined}
              aria-describedby={fileErrors.length ? `${id}-error` : undefined}
              onChange={(ev) => setFile(ev.target.files?.[0] ?? null)}
            />
            {fileErrors.length > 0 && (
              <p id={`${id}-error`} className="field__error">
                {fileErrors.join(' ')}
              </p>
            )}
          </div>
          <button type="submit" className="button button--primary" disabled={!file || busy}>
            {e.imageUpload}
          </button>
        </form>
      )}
      {error !== null && fileErrors.length === 0 && <ErrorMessage error={error} />}
    </section>
  );
}

function History({ kind, entry, onRevert }: { kind: Kind; entry: Entry; onRevert: (x: Entry) => void }) {
  const api = kind === 'news' ? 'news' : 'events';
  const revisions = useQuery(revisionsQuery(api, entry.id));
  const [error, setError] = useState<unknown>(null);
  async function revert(revisionId: number) {
    try {
      onRevert(await (api === 'news' ? newsWrites : eventWrites).revert(entry.id, revisionId));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section className="actor-section" aria-labelledby="titre-historique">
      <h2 id="titre-historique">{e.history}</h2>
      {error !== null && <ErrorMessage error={error} />}
      {revisions.data && revisions.data.items.length === 0 && <p>{e.historyEmpty}</p>}
      {revisions.data && revisions.data.items.length > 0 && (
        <ol className="history-list">
          {revisions.data.items.map((r, i) => (
            <li key={r.id}>
              <strong>{e.actions[r.action] ?? r.action}</strong> —{' '}
              {new Date(r.created_at).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}
              {r.author && ` ${e.by(r.author)}`}
              {r.changes.length > 0 && <span className="field__hint"> · {e.changed(r.changes.map((c) => c.path).join(', '))}</span>}
              {i > 0 && entry.editable && (
                <>
                  {' '}
                  <button type="button" className="button button--secondary" onClick={() => void revert(r.id)}>
                    {e.revert}
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Editor({ kind, existing }: { kind: Kind; existing: Entry | null }) {
  const queryClient = useQueryClient();
  const [entry, setEntry] = useState<Entry | null>(existing);
  const [form, setForm] = useState<Form>(existing ? formOf(existing) : EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const readOnly = entry !== null && !entry.editable;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const title = entry
    ? kind === 'news'
      ? e.editNewsTitle(entry.title)
      : e.editEventTitle(entry.title)
    : kind === 'news'
      ? e.newNewsTitle
      : e.newEventTitle;
  useDocumentTitle(title);
  const errors = issuesToErrors(error instanceof ApiRequestError ? error.issues : []);
  const err = (path: string) => errorsAt(errors, path);
  const fid = (name: string) => `contenu-${name}`;
  /** A field's id (`contenu-…`, in French), value, setter and the API's errors at its name. */
  const bind = <K extends keyof Form>(name: K, id: string) => ({
    id: fid(id),
    value: form[name],
    onChange: (v: Form[K]) => set(name, v),
    errors: err(name),
  });

  function updated(x: Entry, note: string) {
    setEntry(x);
    setForm(formOf(x));
    setError(null);
    setMessage(note);
    setHistoryKey((k) => k + 1);
    void queryClient.invalidateQueries({ queryKey: newsKeys.admin });
    void queryClient.invalidateQueries({ queryKey: newsKeys.news });
    void queryClient.invalidateQueries({ queryKey: newsKeys.events });
  }

  async function save(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      if (entry) updated(await saveEntry(kind, entry.id, form), e.saved);
      else {
        const created = await saveEntry(kind, null, form);
        updated(created, e.saved);
        navigate(`${kind === 'news' ? '/admin/actualites' : '/admin/agenda'}/${created.id}`, { replace: true, keepScroll: true });
      }
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  }

  async function setStatus(action: 'publish' | 'archive' | 'unpublish') {
    if (!entry) return;
    try {
      updated(await (kind === 'news' ? newsWrites : eventWrites).setStatus(entry.id, action), e.saved);
    } catch (x) {
      setError(x);
    }
  }

  async function remove() {
    if (!entry || !window.confirm(e.removeConfirm)) return;
    try {
      await (kind === 'news' ? newsWrites : eventWrites).remove(entry.id);
      void queryClient.invalidateQueries({ queryKey: newsKeys.admin });
      navigate(kind === 'news' ? '/admin/actualites' : '/admin/actualites?vue=agenda');
    } catch (x) {
      setError(x);
    }
  }

  const publicHref = entry && entry.status === 'publie' ? `${kind === 'news' ? '/actualites' : '/agenda'}/${entry.slug}` : null;

  return (
    <>
      <h1 tabIndex={-1} data-page-heading>
        {title}
      </h1>
      {entry && (
        <p>
          <strong>{e.status(CONTENT_STATUS_LABELS[entry.status])}</strong>
          {publicHref && (
            <>
              {' '}
              · <Link href={publicHref}>{e.viewPublic}</Link>
            </>
          )}
        </p>
      )}
      {readOnly && <p className="notice">{e.readOnly}</p>}
      <StatusLine message={message} />
      {error !== null && <ErrorMessage error={error} />}
      <form className="admin-form" onSubmit={(ev) => void save(ev)} noValidate>
        <fieldset disabled={readOnly || busy}>
          <TextField {...bind('title', 'titre')} label={e.title} required />
          <TextField {...bind('slug', 'slug')} label={e.slug} hint={e.slugHint} />
          {kind === 'event' && (
            <>
              <SelectField
                id={fid('type')}
                label={e.kind}
                value={form.kind}
                onChange={(v) => set('kind', v as EventKind)}
                options={Object.entries(EVENT_KIND_LABELS)}
                errors={err('kind')}
              />
              <TextField {...bind('starts_at', 'debut')} type="datetime-local" label={e.startsAt} required />
              <TextField {...bind('ends_at', 'fin')} type="datetime-local" label={e.endsAt} required />
              <TextField {...bind('commune_code', 'commune')} label={e.commune} hint={e.communeHint} inputMode="numeric" />
              <TextField {...bind('place_name', 'lieu')} label={e.placeName} />
              <TextField {...bind('online_url', 'en-ligne')} type="url" label={e.onlineUrl} />
              <TextField {...bind('organiser', 'organisateur')} label={e.organiser} />
              <TextField {...bind('registration_url', 'inscription')} type="url" label={e.registrationUrl} />
              <TextField {...bind('replay_url', 'replay')} type="url" label={e.replayUrl} />
            </>
          )}
          <TextArea {...bind('summary', 'resume')} label={e.summary} hint={e.summaryHint} rows={3} />
          <TextArea {...bind('body', 'texte')} label={e.body} hint={e.bodyHint} rows={12} />
          <TextField {...bind('departements', 'departements')} label={e.departements} hint={e.departementsHint} />
          <CheckboxGroup {...bind('audiences', 'publics')} label={e.audiences} options={PUBLIC_LABELS} />
          {kind === 'news' && (
            <>
              <TextField {...bind('actors', 'acteurs')} label={e.actors} hint={e.actorsHint} />
              <TextField {...bind('resources', 'ressources')} label={e.resources} hint={e.resourcesHint} />
              <TextField {...bind('image_alt', 'image-alt')} label={e.imageAlt} hint={e.imageAltHint} />
            </>
          )}
          <p>
            <button type="submit" className="button button--primary">
              {busy ? e.saving : entry ? e.save : e.create}
            </button>
          </p>
        </fieldset>
      </form>
      {entry?.editable && (
        <p className="admin-actions">
          {entry.status !== 'publie' && (
            <button type="button" className="button button--primary" onClick={() => void setStatus('publish')}>
              {e.publish}
            </button>
          )}{' '}
          {entry.status !== 'brouillon' && (
            <button type="button" className="button button--secondary" onClick={() => void setStatus('unpublish')}>
              {e.unpublish}
            </button>
          )}{' '}
          {entry.status !== 'archive' && (
            <button type="button" className="button button--secondary" onClick={() => void setStatus('archive')}>
              {e.archive}
            </button>
          )}{' '}
          {entry.status === 'brouillon' && entry.published_at === null && (
            <button type="button" className="button button--secondary" onClick={() => void remove()}>
              {e.remove}
            </button>
          )}
        </p>
      )}
      {kind === 'news' && entry && !isEvent(entry) && <ImageSection news={entry} onChange={(n) => updated(n, e.saved)} />}
      {kind === 'news' && !entry && <p className="field__hint">{e.imageAfterSave}</p>}
      {entry && (
        <section className="actor-section" aria-labelledby="titre-apercu">
          <h2 id="titre-apercu">{e.preview}</h2>
          {entry.body_html ? (
            // The server's sanitised HTML, exactly as the public page shows it.
            <div className="news-body" dangerouslySetInnerHTML={{ __html: entry.body_html }} />
          ) : (
            <p>{e.previewEmpty}</p>
          )}
        </section>
      )}
      {entry && <History key={historyKey} kind={kind} entry={entry} onRevert={(x) => updated(x, e.reverted)} />}
    </>
  );
}

function Loaded({ kind, id }: { kind: Kind; id: number }) {
  const news = useQuery({ ...adminNewsQuery(id), enabled: kind === 'news' });
  const event = useQuery({ ...adminEventQuery(id), enabled: kind === 'event' });
  const q = kind === 'news' ? news : event;
  if (q.isPending) return <p className="notice">{t.loading}</p>;
  if (q.isError) return <ErrorMessage error={q.error} />;
  return <Editor kind={kind} existing={q.data} />;
}

export function AdminContentEditPage({ kind, id }: { kind: Kind; id: number | null }) {
  return (
    // The link back under the back office's menu, as on its other pages (it stood above it).
    <AdminLayout>
      {() => (
        <div className="admin-resource-edit-page">
          <BackLink href={kind === 'news' ? '/admin/actualites' : '/admin/actualites?vue=agenda'}>{e.back}</BackLink>
          {id === null ? <Editor kind={kind} existing={null} /> : <Loaded key={`${kind}:${id}`} kind={kind} id={id} />}
        </div>
      )}
    </AdminLayout>
  );
}
