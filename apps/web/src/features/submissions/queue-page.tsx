/** `/admin/propositions` — the queue of referencing requests and error reports. */
import { SUBMISSION_KIND_LABELS, SUBMISSION_STATUS_LABELS, SUBMISSION_STATUSES } from '@pare/schema';
import { useQuery } from '@tanstack/react-query';
import { ReadPending } from '../../components/error-message.tsx';
import { OptionList } from '../../components/form-parts.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { formatDate } from '../../lib/format.ts';
import { Link, navigate, useSearchParam } from '../../lib/router.tsx';
import { AdminPage } from '../admin/admin-layout.tsx';
import { AdminTable } from '../admin/admin-table.tsx';
import { submissionsQuery } from './queries.ts';

const t = frAdmin.queue;

function Queue({ status }: { status: string }) {
  const list = useQuery(submissionsQuery(status));
  if (!list.isSuccess) return <ReadPending query={list} loading={frAdmin.common.loading} />;
  const { total, items } = list.data;
  return (
    <section aria-labelledby="queue-count">
      <h2 id="queue-count" aria-live="polite">
        {t.count(total)}
      </h2>
      {items.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <AdminTable columns={[t.colTitle, t.colKind, t.colDate, t.colPlace, t.colFrom, t.colStatus]}>
          {items.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <Link href={`/admin/propositions/${s.id}`}>{s.title}</Link>
              </th>
              <td>{SUBMISSION_KIND_LABELS[s.kind]}</td>
              <td>{formatDate(s.created_at)}</td>
              <td>{s.departements.join(', ') || frAdmin.list.national}</td>
              <td>{s.submitter_name || '—'}</td>
              <td>{SUBMISSION_STATUS_LABELS[s.status]}</td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}

export function SubmissionQueuePage() {
  useDocumentTitle(t.title);
  const status = useSearchParam('statut') ?? 'nouvelle';
  const options: [string, string][] = [
    ...SUBMISSION_STATUSES.map((s) => [s, SUBMISSION_STATUS_LABELS[s]] as [string, string]),
    ['all', t.all],
  ];
  return (
    <AdminPage heading={t.heading}>
      {() => (
        <>
          <p>{t.intro}</p>
          <div className="field field--inline">
            <label htmlFor="queue-status">{t.statusFilter}</label>
            <select
              id="queue-status"
              value={status}
              onChange={(e) => navigate(`/admin/propositions?statut=${e.target.value}`, { keepScroll: true })}
            >
              <OptionList options={options} />
            </select>
          </div>
          <Queue status={status} />
        </>
      )}
    </AdminPage>
  );
}
