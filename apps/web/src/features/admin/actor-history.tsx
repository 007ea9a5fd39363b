/** The history of an entry: who changed what and when, each change field by field, and « revert to this version ». */
import { REVISION_ACTION_LABELS, type RevisionOut } from '@pare/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { apiSend } from './admin-api.ts';
import { AdminLayout } from './admin-layout.tsx';
import { adminActorQuery, adminKeys, revisionsQuery } from './queries.ts';

const t = frAdmin.history;

/** A value of the input form, readable: text as is, lists and objects as indented JSON. */
export function ValueView({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '')
    return <span className="admin-value admin-value--empty">{frAdmin.common.none}</span>;
  if (typeof value === 'string') return <p className="admin-value">{value}</p>;
  if (typeof value === 'boolean') return <p className="admin-value">{value ? frAdmin.common.yes : frAdmin.common.no}</p>;
  return <pre className="admin-value">{JSON.stringify(value, null, 2)}</pre>;
}

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

function Revision({ revision, latest, onRevert, busy }: { revision: RevisionOut; latest: boolean; onRevert: () => void; busy: boolean }) {
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
          <div className="admin-table-wrap">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t.field}</th>
                  <th scope="col">{t.before}</th>
                  <th scope="col">{t.after}</th>
                </tr>
              </thead>
              <tbody>
                {revision.changes.map((c) => (
                  <tr key={c.path}>
                    <th scope="row">
                      <code>{c.path}</code>
                    </th>
                    <td>
                      <ValueView value={c.before} />
                    </td>
                    <td>
                      <ValueView value={c.after} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
  const [done, setDone] = useState(false);
  const revert = useMutation({
    mutationFn: (revisionId: number) => apiSend('POST', `/admin/actors/${actorId}/revisions/${revisionId}/revert`),
    onSuccess: async () => {
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: adminKeys.actor(actorId) });
    },
  });
  if (revisions.isPending) return <p role="status">{frAdmin.common.loading}</p>;
  if (revisions.isError) return <ErrorMessage error={revisions.error} />;
  const items = revisions.data.items;
  return (
    <>
      {done && (
        <p className="notice notice--success" role="status">
          {t.reverted}
        </p>
      )}
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
    <AdminLayout>
      {() => (
        <div className="admin-page">
          <h1 data-page-heading tabIndex={-1}>
            {actor.data ? t.title(actor.data.name) : t.heading}
          </h1>
          <p>
            <Link href={`/admin/acteurs/${id}`}>← {actor.data?.name ?? frAdmin.layout.actors}</Link>
          </p>
          <ActorHistory actorId={id} />
        </div>
      )}
    </AdminLayout>
  );
}
