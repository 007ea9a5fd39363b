/**
 * `/admin/acteurs/nouveau` and `/admin/acteurs/:id` — create or edit an entry: the form, the
 * duplicates warning before saving a new one, verify / archive / restore, and its history.
 */
import { type AdminActor, CreateActorInputSchema, DUPLICATE_REASON_LABELS, type Duplicate } from '@pare/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorMessage, ReadPending } from '../../components/error-message.tsx';
import { SuccessNotice } from '../../components/status-line.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { frEditor } from '../../i18n/fr.editor.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { type ActorDraft, draftFromActor, draftToInput, emptyDraft } from './actor-draft.ts';
import { ActorForm, FormToc, fieldId } from './actor-form.tsx';
import { ActorHistory } from './actor-history.tsx';
import { StatusBadges } from './actor-list-page.tsx';
import { RelaisActorGate, RelaisScopeNotice } from './actor-read-only.tsx';
import { AdminLayout } from './admin-layout.tsx';
import { ErrorSummary, FormError } from './fields.tsx';
import { errorsAt, type FieldErrors, issuesToErrors, readyToSend, zodToErrors } from './form-errors.ts';
import { adminActorQuery, adminKeys, fetchDuplicates, saveActor, setActorState } from './queries.ts';

const t = frAdmin.edit;
const fe = frEditor.form;

/** Duplicates found before saving, or listed by a 409: a list of links, or of the API's lines. */
export function DuplicatesWarning({
  items,
  lines,
  onConfirm,
  busy,
  title = t.duplicatesTitle,
  confirmLabel = t.saveAnyway,
}: {
  items?: Duplicate[];
  lines?: string[];
  onConfirm: () => void;
  busy: boolean;
  title?: string;
  confirmLabel?: string;
}) {
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{title}</p>
      <p>{t.duplicatesIntro}</p>
      <ul>
        {items?.map((d) => (
          <li key={d.id}>
            <Link href={`/admin/acteurs/${d.id}`}>{d.name}</Link> — {d.reasons.map((r) => DUPLICATE_REASON_LABELS[r]).join(', ')}
          </li>
        ))}
        {lines?.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <p>
        <button type="button" className="button button--secondary" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </p>
    </div>
  );
}

/** The field a summary line links to: list items go to their list's input. */
function targetOf(path: string): string {
  const m = /^(territory\.(?:regions|departements|communes)|languages|publics|actions)(\.\d+)?$/.exec(path);
  // A site's commune is chosen in its place box.
  const commune = /^(sites\.\d+)\.commune_code$/.exec(path);
  return fieldId(commune ? `${commune[1]}.place` : (m?.[1] ?? path));
}

/** A message for the save bar, tied to the version it confirms (a revert or an action hides it). */
export type SavedNotice = { message: string; updatedAt: string };

/** Set just before leaving « Nouvelle fiche » for the created entry's page, read once there. */
let createdNotice: { id: number; name: string } | null = null;

/** Moves the focus to a field (the first error): scrolled to the middle, clear of the sticky save bar. */
function focusField(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  const focusable = el.matches('input, select, textarea, button, output, [tabindex]')
    ? el
    : el.querySelector<HTMLElement>('input, select, textarea');
  (focusable ?? el).focus({ preventScroll: true });
}

function EditForm({
  actor,
  onSaved,
  notice,
}: {
  actor: AdminActor | null;
  onSaved?: (notice: SavedNotice) => void;
  /** What the save bar says when the form opens (« Fiche enregistrée. », « Fiche créée »), focused. */
  notice?: string | null;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ActorDraft>(() => (actor ? draftFromActor(actor) : emptyDraft()));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>(new Map());
  const [duplicates, setDuplicates] = useState<{ items?: Duplicate[]; lines?: string[] } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const [initial] = useState(() => JSON.stringify(draftToInput(draft)));
  const dirty = useMemo(() => JSON.stringify(draftToInput(draft)) !== initial, [draft, initial]);

  // The confirmation is next to the Save button: the focus goes there (after the page's own
  // heading focus, which a new address triggers), so a screen reader reads it and the eyes find it.
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => noticeRef.current?.focus({ preventScroll: true }), 60);
    return () => window.clearTimeout(timer);
  }, [notice]);

  const parsed = useMemo(() => CreateActorInputSchema.safeParse(draftToInput(draft)), [draft]);
  const clientErrors = useMemo(() => (parsed.success ? new Map() : zodToErrors(parsed.error)), [parsed]);

  const errorsFor = (path: string) => {
    const shown = submitted || [...touched].some((p) => p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`));
    return [...(shown ? errorsAt(clientErrors, path) : []), ...errorsAt(serverErrors, path)];
  };

  const save = useMutation({
    mutationFn: async (confirm: boolean) => {
      const input = draftToInput(draft);
      return saveActor(actor ? actor.id : null, input, confirm);
    },
    onSuccess: (saved) => {
      setServerErrors(new Map());
      setDuplicates(null);
      queryClient.setQueryData(adminKeys.actor(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: adminKeys.revisions(saved.id) });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'actors'] });
      onSaved?.({ message: t.saved, updatedAt: saved.updated_at });
      if (!actor) {
        createdNotice = { id: saved.id, name: saved.name };
        navigate(`/admin/acteurs/${saved.id}`, { replace: true, keepScroll: true });
      }
    },
    onError: (err) => {
      if (!(err instanceof ApiRequestError)) return;
      if (err.code === 'conflict' && err.issues.some((i) => i.path.startsWith('duplicates'))) {
        setDuplicates({ lines: err.issues.map((i) => i.message) });
      } else {
        setServerErrors(issuesToErrors(err.issues));
      }
      if (err.code === 'conflict' && err.issues.some((i) => i.path.startsWith('duplicates'))) return;
      summaryRef.current?.focus();
    },
  });

  const checkDuplicates = useMutation({
    mutationFn: () => {
      const site = draft.sites[0];
      const website = draft.contacts.find((c) => c.kind === 'website')?.value;
      const phone = draft.contacts.find((c) => c.kind === 'phone')?.value;
      return fetchDuplicates({
        name: draft.name,
        commune: site?.commune_code || undefined,
        postcode: site?.commune_code ? undefined : site?.postcode || undefined,
        departement: draft.scope === 'departements' ? draft.departements[0] : undefined,
        siret: draft.siret.replace(/\s/g, '') || undefined,
        website: website || undefined,
        phone: phone || undefined,
      });
    },
    onSuccess: (found) => {
      if (found.items.length > 0) setDuplicates({ items: found.items });
      else save.mutate(false);
    },
    // The check is a help, not a gate: the server checks again.
    onError: () => save.mutate(false),
  });

  function onSubmit(e: FormEvent) {
    if (!readyToSend(e, parsed, { setSubmitted, setServerErrors, summaryRef })) return;
    if (!actor) checkDuplicates.mutate();
    else save.mutate(false);
  }

  const summary = [...(submitted ? [...clientErrors] : []), ...serverErrors].flatMap(([path, messages]) =>
    (messages as string[]).map((message) => ({ path, message, target: targetOf(path) })),
  );
  const busy = save.isPending || checkDuplicates.isPending;

  return (
    <form className="admin-form" onSubmit={onSubmit} noValidate aria-describedby={summary.length ? 'af-summary' : undefined}>
      <div id="af-summary" ref={summaryRef} tabIndex={-1}>
        <ErrorSummary title={t.errorsSummary(summary.length)} items={summary} />
        <FormError error={save.error} />
      </div>
      <ActorForm
        draft={draft}
        onChange={setDraft}
        errorsFor={errorsFor}
        onTouch={(p) => setTouched((s) => (s.has(p) ? s : new Set(s).add(p)))}
      />
      {duplicates && <DuplicatesWarning {...duplicates} busy={busy} onConfirm={() => save.mutate(true)} />}
      <section className="save-bar" aria-label={fe.saveBar}>
        <p className="save-bar__state">
          {summary.length > 0 ? (
            <a
              href={`#${summary[0]?.target ?? 'af-summary'}`}
              className="save-bar__errors"
              onClick={(e) => {
                e.preventDefault();
                focusField(summary[0]?.target ?? 'af-summary');
              }}
            >
              {fe.errors(summary.length)}
            </a>
          ) : dirty ? (
            <span className="save-bar__dirty">{fe.unsaved}</span>
          ) : (
            <span>{fe.upToDate}</span>
          )}
        </p>
        <p ref={noticeRef} className="save-bar__notice" role="status" tabIndex={-1}>
          {notice && !dirty ? notice : ''}
        </p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {checkDuplicates.isPending ? t.checking : save.isPending ? frAdmin.common.saving : frAdmin.common.save}
        </button>
      </section>
    </form>
  );
}

function Actions({ actor }: { actor: AdminActor }) {
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (what: 'verify' | 'archive' | 'restore') => setActorState(actor.id, what),
    onSuccess: (saved, what) => {
      queryClient.setQueryData(adminKeys.actor(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: adminKeys.revisions(saved.id) });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'actors'] });
      setDone(what === 'verify' ? t.verified : what === 'archive' ? t.archived : t.restored);
    },
  });
  return (
    <>
      <div className="admin-actions">
        <button type="button" className="button button--secondary" onClick={() => act.mutate('verify')} disabled={act.isPending}>
          {t.verify}
        </button>
        {actor.status === 'published' ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={act.isPending}
            onClick={() => window.confirm(t.confirmArchive) && act.mutate('archive')}
          >
            {t.archive}
          </button>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => act.mutate('restore')} disabled={act.isPending}>
            {t.restore}
          </button>
        )}
        {actor.status === 'published' && <Link href={`/acteurs/${actor.slug}`}>{t.publicPage}</Link>}
      </div>
      <SuccessNotice message={done} />
      {act.isError && <ErrorMessage error={act.error} />}
    </>
  );
}

function Existing({ id }: { id: number }) {
  const actor = useQuery(adminActorQuery(id));
  const [saved, setSaved] = useState<SavedNotice | null>(null);
  const [created] = useState(() => {
    const c = createdNotice?.id === id ? createdNotice : null;
    createdNotice = null;
    return c;
  });
  useDocumentTitle(actor.data ? t.titleEdit(actor.data.name) : t.titleNew);
  if (!actor.isSuccess) return <ReadPending query={actor} loading={frAdmin.common.loading} />;
  const a = actor.data;
  return (
    <div className="admin-page">
      <h1 data-page-heading tabIndex={-1}>
        {a.name} <StatusBadges actor={a} />
      </h1>
      {a.status === 'archived' && <p className="notice">{t.archivedNotice}</p>}
      {a.stale && a.status === 'published' && <p className="notice">{t.staleNotice}</p>}
      <Actions actor={a} />
      <FormToc />
      {/* A new key after a revert or an action: the form starts again from what was saved. */}
      <EditForm
        key={`${a.id}:${a.updated_at}:${a.status}`}
        actor={a}
        onSaved={setSaved}
        notice={saved?.updatedAt === a.updated_at ? saved.message : created ? frEditor.form.created(created.name) : null}
      />
      <section aria-labelledby="history-title">
        <h2 id="history-title">{frAdmin.history.heading}</h2>
        <ActorHistory actorId={a.id} />
      </section>
    </div>
  );
}

/** `id` null (or « nouveau »): a new entry. */
export function AdminActorEditPage({ id }: { id: number | 'nouveau' | null }) {
  const existing = typeof id === 'number' ? id : null;
  return (
    <AdminLayout>
      {(session) => {
        // A relais: its entries in the form; the regional and national ones read-only; others refused before any form.
        if (session.user.role === 'relais') {
          if (existing !== null) return <RelaisActorGate id={existing} editable={<Existing id={existing} />} />;
          return (
            <>
              <RelaisScopeNotice departements={session.user.departements} />
              <NewActor />
            </>
          );
        }
        return existing !== null ? <Existing id={existing} /> : <NewActor />;
      }}
    </AdminLayout>
  );
}

function NewActor() {
  useDocumentTitle(t.titleNew);
  return (
    <div className="admin-page">
      <h1 data-page-heading tabIndex={-1}>
        {t.headingNew}
      </h1>
      <FormToc />
      <EditForm actor={null} />
    </div>
  );
}
