/** The history of an entry: who changed what and when, each change field by field, and « revert to this version ». */
import { REVISION_ACTION_LABELS, type RevisionOut } from '@pare/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorMessage, ReadPending } from '../../components/error-message.tsx';
import { SuccessNotice } from '../../components/status-line.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { AdminPage } from './admin-layout.tsx';
import { AdminTable } from './admin-table.tsx';
import { FieldValue, fieldLabel } from './field-labels.tsx';
import { adminActorQuery, adminKeys, revertActor, revisionsQuery } from './queries.ts';

const t = frAdmin.history;

/** A value of the input form, readable (kept for older callers: the form's labels and names, never JSON). */
export function ValueView({ value, path = '' }: { value: unknown; path?: string }) {
  return <FieldValue path={path} value={value} />;
}

/**
 * The contacts a diff knows of (from `contacts.N` and `contacts.N.kind` changes), so that a
 * changed value is named by its contact's kind when the diff says it.
 */
export function contextOf(changes: readonly { path: string; before: unknown; after: unknown }[], side: 'before' | 'after') {
  const contacts: Record<string, unknown>[] = [];
  for (const c of changes) {
    const m = /^contacts\.(\d+)(?:\.(kind))?$/.exec(c.path);
    if (!m) continue;
    const i = Number(m[1]);
    const v = c[side];
    if (m[2] === 'kind') contacts[i] = { ...(contacts[i] ?? {}), kind: v };
    else if (typeof v === 'object' && v !== null) contacts[i] = v as Record<string, unknown>;
  }
  return { contacts };
}

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

function Revision({
  revision,
  latest,
  onRevert,
  busy,
  current,
}: {
  revision: RevisionOut;
  latest: boolean;
  onRevert: () => void;
  busy: boolean;
  /** The entry as it is now: names a contact's value by its kind when the diff does not say it. */
  current: Record<string, unknown> | undefined;
}) {
  const when = Number.isNaN(Date.parse(revision.created_at))
    ? formatDate(revision.created_at)
    : dateTime.format(new Date(revision.created_at));
  return (
    <li>
      <p>
        <strong>{REVISION_ACTION_LABELS[revision.action]}</strong> — {when} — {t.by(revision.author)}
        {revision.submission_id !== null && (
          <>
            {' '}
            — <Link href={`/admin/propositions/${revision.submission_id}`}>{t.fromSubmission(revision.submission_id)}</Link>
          </>
        )}
        {revision.reverted_to !== null && <> — {t.revertedTo(revision.reverted_to)}</>}
        {latest && (
          <>
            {' '}
            — <em>{t.current}</em>
          </>
        )}
      </p>
      {revision.note && <p className="field__hint">{revision.note}</p>}
      {revision.changes.length > 0 && (
        <details>
          <summary>{t.changes(revision.changes.length)}</summary>
          <AdminTable columns={[t.field, t.before, t.after]}>
            {revision.changes.map((c) => (
              <tr key={c.path}>
                <th scope="row">
                  {fieldLabel(c.path, contextOf(revision.changes, 'after'), contextOf(revision.changes, 'before'), current)}
                </th>
                <td>
                  <FieldValue path={c.path} value={c.before} />
                </td>
                <td>
                  <FieldValue path={c.path} value={c.after} />
                </td>
              </tr>
            ))}
          </AdminTable>
        </details>
      )}
      {!latest && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={onRevert}
            disabled={busy}
            aria-label={`${t.revert} (${t.version(revision.id)})`}
          >
            {t.revert}
          </button>
        </p>
      )}
    </li>
  );
}

/** The history list of one entry, with revert. */
export function ActorHistory({ actorId }: { actorId: number }) {
  const queryClient = useQueryClient();
  const revisions = useQuery(revisionsQuery(actorId));
  const actor = useQuery(adminActorQuery(actorId));
  const [done, setDone] = useState(false);
  const revert = useMutation({
    mutationFn: (revisionId: number) => revertActor(actorId, revisionId),
    onSuccess: async () => {
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: adminKeys.actor(actorId) });
    },
  });
  if (!revisions.isSuccess) return <ReadPending query={revisions} loading={frAdmin.common.loading} />;
  const items = revisions.data.items;
  return (
    <>
      <SuccessNotice message={done ? t.reverted : null} />
      {revert.isError && <ErrorMessage error={revert.error} />}
      {items.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <ol className="admin-history">
          {items.map((r, i) => (
            <Revision
              key={r.id}
              revision={r}
              latest={i === 0}
              busy={revert.isPending}
              current={actor.data?.input as Record<string, unknown> | undefined}
              onRevert={() => {
                if (window.confirm(t.confirmRevert)) revert.mutate(r.id);
              }}
            />
          ))}
        </ol>
      )}
    </>
  );
}

/** `/admin/acteurs/:id/historique` — the history on its own page. */
export function ActorHistoryPage({ id }: { id: number }) {
  const actor = useQuery(adminActorQuery(id));
  useDocumentTitle(actor.data ? t.title(actor.data.name) : t.heading);
  return (
    <AdminPage heading={actor.data ? t.title(actor.data.name) : t.heading}>
      {() => (
        <>
          <p>
            <Link href={`/admin/acteurs/${id}`}>← {actor.data?.name ?? frAdmin.layout.actors}</Link>
          </p>
          <ActorHistory actorId={id} />
        </>
      )}
    </AdminPage>
  );
}
