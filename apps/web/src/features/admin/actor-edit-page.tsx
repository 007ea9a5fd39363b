/**
 * `/admin/acteurs/nouveau` and `/admin/acteurs/:id` — create or edit an entry: the form, the
 * duplicates warning before saving a new one, verify / archive / restore, and its history.
 */
import { type AdminActor, CreateActorInputSchema, DUPLICATE_REASON_LABELS, type Duplicate } from '@pare/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { type ActorDraft, draftFromActor, draftToInput, emptyDraft } from './actor-draft.ts';
import { ActorForm, fieldId } from './actor-form.tsx';
import { ActorHistory } from './actor-history.tsx';
import { StatusBadges } from './actor-list-page.tsx';
import { RelaisActorGate, RelaisScopeNotice } from './actor-read-only.tsx';
import { apiSend } from './admin-api.ts';
import { AdminLayout } from './admin-layout.tsx';
import { ErrorSummary } from './fields.tsx';
import { errorsAt, type FieldErrors, issuesToErrors, zodToErrors } from './form-errors.ts';
import { adminActorQuery, adminKeys, fetchDuplicates } from './queries.ts';

const t = frAdmin.edit;

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
  return fieldId(m?.[1] ?? path);
}

function EditForm({ actor, onSaved }: { actor: AdminActor | null; onSaved?: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ActorDraft>(() => (actor ? draftFromActor(actor) : emptyDraft()));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>(new Map());
  const [duplicates, setDuplicates] = useState<{ items?: Duplicate[]; lines?: string[] } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const parsed = useMemo(() => CreateActorInputSchema.safeParse(draftToInput(draft)), [draft]);
  const clientErrors = useMemo(() => (parsed.success ? new Map() : zodToErrors(parsed.error)), [parsed]);

  const errorsFor = (path: string) => {
    const shown = submitted || [...touched].some((p) => p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`));
    return [...(shown ? errorsAt(clientErrors, path) : []), ...errorsAt(serverErrors, path)];
  };

  const save = useMutation({
    mutationFn: async (confirm: boolean) => {
      const input = draftToInput(draft);
      if (actor) return apiSend<AdminActor>('PATCH', `/admin/actors/${actor.id}`, input);
      return apiSend<AdminActor>('POST', '/admin/actors', { ...input, ...(confirm ? { confirm_duplicates: true } : {}) });
    },
    onSuccess: (saved) => {
      setServerErrors(new Map());
      setDuplicates(null);
      queryClient.setQueryData(adminKeys.actor(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: adminKeys.revisions(saved.id) });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'actors'] });
      onSaved?.(t.saved);
      if (!actor) navigate(`/admin/acteurs/${saved.id}`, { replace: true });
    },
    onError: (err) => {
      if (!(err instanceof ApiRequestError)) return;
      if (err.code === 'conflict' && err.issues.some((i) => i.path.startsWith('duplicates'))) {
        setDuplicates({ lines: err.issues.map((i) => i.message) });
      } else {
        setServerErrors(issuesToErrors(err.issues));
      }
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
        departement: draft.scope === 'departements' ? draft.departements.split(/[\s,;]+/)[0] || undefined : undefined,
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
    e.preventDefault();
    setSubmitted(true);
    setServerErrors(new Map());
    if (!parsed.success) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
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
        {save.isError && !(save.error instanceof ApiRequestError && save.error.issues.length > 0) && <ErrorMessage error={save.error} />}
      </div>
      <ActorForm
        draft={draft}
        onChange={setDraft}
        errorsFor={errorsFor}
        onTouch={(p) => setTouched((s) => (s.has(p) ? s : new Set(s).add(p)))}
      />
      {duplicates && <DuplicatesWarning {...duplicates} busy={busy} onConfirm={() => save.mutate(true)} />}
      <p className="admin-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {checkDuplicates.isPending ? t.checking : save.isPending ? frAdmin.common.saving : frAdmin.common.save}
        </button>
      </p>
    </form>
  );
}

function Actions({ actor }: { actor: AdminActor }) {
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (what: 'verify' | 'archive' | 'restore') => apiSend<AdminActor>('POST', `/admin/actors/${actor.id}/${what}`),
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
      {done && (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      )}
      {act.isError && <ErrorMessage error={act.error} />}
    </>
  );
}

function Existing({ id }: { id: number }) {
  const actor = useQuery(adminActorQuery(id));
  const [saved, setSaved] = useState<string | null>(null);
  useDocumentTitle(actor.data ? t.titleEdit(actor.data.name) : t.titleNew);
  if (actor.isPending) return <p role="status">{frAdmin.common.loading}</p>;
  if (actor.isError) return <ErrorMessage error={actor.error} />;
  const a = actor.data;
  return (
    <div className="admin-page">
      <h1 data-page-heading tabIndex={-1}>
        {a.name} <StatusBadges actor={a} />
      </h1>
      {a.status === 'archived' && <p className="notice">{t.archivedNotice}</p>}
      {a.stale && a.status === 'published' && <p className="notice">{t.staleNotice}</p>}
      <Actions actor={a} />
      {/* A new key after a revert or an action: the form starts again from what was saved. */}
      {saved && (
        <p className="notice notice--success" role="status">
          {saved}
        </p>
      )}
      <EditForm key={`${a.id}:${a.updated_at}:${a.status}`} actor={a} onSaved={setSaved} />
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
      <EditForm actor={null} />
    </div>
  );
}
