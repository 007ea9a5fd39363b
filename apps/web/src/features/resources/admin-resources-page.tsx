/** `/admin/ressources` — the curators' list of resources and protocols (archived ones included). */
import type { AdminProtocol, AdminResource } from '@pare/schema';
import { frResources, PROTOCOL_KIND_LABELS, RESOURCE_SCOPE_LABELS, RESOURCE_TYPE_LABELS } from '../../i18n/fr.resources.ts';
import { formatDate } from '../../lib/format.ts';
import { AdminPageFrame } from '../admin/admin-layout.tsx';
import { adminProtocolsQuery, adminResourcesQuery } from './queries.ts';
import './resources.css';
import { DataTable, TabbedListHead, TitleCell, useTabbedList } from '../../components/admin-list.tsx';

type Tab = 'ressources' | 'protocoles';
const ta = frResources.admin;

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

const LIST_TABS = [
  {
    href: '/admin/ressources',
    label: ta.tabResources,
    keep: { vue: 'ressources' },
    create: ['/admin/ressources/nouvelle', ta.newResource],
  },
  {
    href: '/admin/ressources?vue=protocoles',
    label: ta.tabProtocols,
    keep: { vue: 'protocoles' },
    create: ['/admin/protocoles/nouveau', ta.newProtocol],
  },
] as const;

function Lists() {
  const list = useTabbedList('/admin/ressources', LIST_TABS, [adminResourcesQuery, adminProtocolsQuery]);
  const tab: Tab = list.open === 0 ? 'ressources' : 'protocoles';
  const [resources, protocols] = list.lists;
  return (
    <>
      <TabbedListHead
        list={list}
        idPrefix="admin-ressources"
        texts={ta}
        submitLabel={frResources.list.submit}
        statuses={[
          { value: 'all', label: ta.statusAll },
          { value: 'published', label: ta.statusPublished },
          { value: 'archived', label: ta.statusArchived },
        ]}
      />
      {tab === 'ressources' &&
        resources.data &&
        (resources.data.items.length ? <EntryRows items={resources.data.items.map(resourceRow)} /> : <p>{ta.empty}</p>)}
      {tab === 'protocoles' &&
        protocols.data &&
        (protocols.data.items.length ? <EntryRows items={protocols.data.items.map(protocolRow)} /> : <p>{ta.empty}</p>)}
    </>
  );
}

export function AdminResourcesPage() {
  const t = frResources.admin;
  // The heading under the back office's menu, as on its other pages (it stood above it).
  return (
    <AdminPageFrame title={t.pageTitle} heading={t.heading} className="admin-resources-page">
      <Lists />
    </AdminPageFrame>
  );
}
