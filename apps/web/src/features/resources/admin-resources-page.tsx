/** `/admin/ressources` — the curators' list of resources and protocols (archived ones included). */
import type { AdminProtocol, AdminResource } from '@pare/schema';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frResources, PROTOCOL_KIND_LABELS, RESOURCE_SCOPE_LABELS, RESOURCE_TYPE_LABELS } from '../../i18n/fr.resources.ts';
import { formatDate } from '../../lib/format.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { AdminLayout } from '../admin/admin-layout.tsx';
import { adminProtocolsQuery, adminResourcesQuery } from './queries.ts';
import './resources.css';
import { DataTable, ListFilters, TabNav, TitleCell } from '../../components/admin-list.tsx';

type Tab = 'ressources' | 'protocoles';

function StatusCell({ status }: { status: 'published' | 'archived' }) {
  return <>{status === 'published' ? frResources.admin.statusPublished : frResources.admin.statusArchived}</>;
}

const columns = () => {
  const t = frResources.admin;
  return [t.tableTitle, t.tableType, t.tableTerritory, t.tableStatus, t.tableUpdated];
};

/** One row a resource or protocol: its title (linking to its editor), what it is, where, its status, when it last changed. */
function EntryRows({
  items,
}: {
  items: {
    id: number;
    title: string;
    editable: boolean;
    status: 'published' | 'archived';
    updated_at: string;
    path: string;
    what: string;
    where: string;
  }[];
}) {
  const t = frResources.admin;
  return (
    <DataTable columns={columns()}>
      {items.map((r) => (
        <tr key={r.id}>
          <TitleCell href={`${r.path}/${r.id}`} title={r.title} readOnly={r.editable ? null : t.readOnly} />
          <td>{r.what}</td>
          <td>{r.where}</td>
          <td>
            <StatusCell status={r.status} />
          </td>
          <td>{formatDate(r.updated_at)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

const resourceRow = (r: AdminResource) => ({
  ...r,
  path: '/admin/ressources',
  what: RESOURCE_TYPE_LABELS[r.type],
  where: r.scope === 'departements' ? r.departements.join(', ') : RESOURCE_SCOPE_LABELS[r.scope],
});
const protocolRow = (p: AdminProtocol) => ({
  ...p,
  path: '/admin/protocoles',
  what: PROTOCOL_KIND_LABELS[p.kind],
  where: p.departements.join(', '),
});

function Lists() {
  const t = frResources.admin;
  const { search } = useLocation();
  const url = new URLSearchParams(search);
  const tab: Tab = url.get('vue') === 'protocoles' ? 'protocoles' : 'ressources';
  const q = url.get('q') ?? '';
  const status = url.get('status') ?? 'all';
  const params = new URLSearchParams({ per_page: '200', status, ...(q ? { q } : {}) }).toString();
  const resources = useQuery({ ...adminResourcesQuery(params), enabled: tab === 'ressources' });
  const protocols = useQuery({ ...adminProtocolsQuery(params), enabled: tab === 'protocoles' });
  const [text, setText] = useState(q);
  const current = tab === 'ressources' ? resources : protocols;

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams({ vue: tab, ...(text ? { q: text } : {}), ...(status !== 'all' ? { status } : {}) });
    navigate(`/admin/ressources?${next.toString()}`, { keepScroll: true });
  }

  return (
    <>
      <TabNav
        label={t.tabsLabel}
        tabs={[
          { href: '/admin/ressources', label: t.tabResources, current: tab === 'ressources' },
          { href: '/admin/ressources?vue=protocoles', label: t.tabProtocols, current: tab === 'protocoles' },
        ]}
      />
      <p>
        <Link className="button button--primary" href={tab === 'ressources' ? '/admin/ressources/nouvelle' : '/admin/protocoles/nouveau'}>
          {tab === 'ressources' ? t.newResource : t.newProtocol}
        </Link>
      </p>
      <ListFilters
        idPrefix="admin-ressources"
        searchLabel={t.searchLabel}
        text={text}
        onText={setText}
        statusLabel={t.statusLabel}
        status={status}
        onStatus={(next) =>
          navigate(`/admin/ressources?${new URLSearchParams({ vue: tab, ...(q ? { q } : {}), status: next }).toString()}`, {
            keepScroll: true,
          })
        }
        statuses={[
          { value: 'all', label: t.statusAll },
          { value: 'published', label: t.statusPublished },
          { value: 'archived', label: t.statusArchived },
        ]}
        submitLabel={frResources.list.submit}
        onSubmit={submit}
      />
      {current.isPending && <p className="notice">{t.loading}</p>}
      {current.isError && <ErrorMessage error={current.error} />}
      {tab === 'ressources' &&
        resources.data &&
        (resources.data.items.length ? <EntryRows items={resources.data.items.map(resourceRow)} /> : <p>{t.empty}</p>)}
      {tab === 'protocoles' &&
        protocols.data &&
        (protocols.data.items.length ? <EntryRows items={protocols.data.items.map(protocolRow)} /> : <p>{t.empty}</p>)}
    </>
  );
}

export function AdminResourcesPage() {
  const t = frResources.admin;
  useDocumentTitle(t.pageTitle);
  return (
    <div className="admin-resources-page">
      <h1 tabIndex={-1} data-page-heading>
        {t.heading}
      </h1>
      <AdminLayout>{() => <Lists />}</AdminLayout>
    </div>
  );
}
