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

type Tab = 'ressources' | 'protocoles';

function StatusCell({ status }: { status: 'published' | 'archived' }) {
  return <>{status === 'published' ? frResources.admin.statusPublished : frResources.admin.statusArchived}</>;
}

function ResourceRows({ items }: { items: AdminResource[] }) {
  const t = frResources.admin;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t.tableTitle}</th>
          <th scope="col">{t.tableType}</th>
          <th scope="col">{t.tableTerritory}</th>
          <th scope="col">{t.tableStatus}</th>
          <th scope="col">{t.tableUpdated}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <Link href={`/admin/ressources/${r.id}`}>{r.title}</Link>
              {!r.editable && <span className="badge badge--muted"> {t.readOnly}</span>}
            </th>
            <td>{RESOURCE_TYPE_LABELS[r.type]}</td>
            <td>{r.scope === 'departements' ? r.departements.join(', ') : RESOURCE_SCOPE_LABELS[r.scope]}</td>
            <td>
              <StatusCell status={r.status} />
            </td>
            <td>{formatDate(r.updated_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProtocolRows({ items }: { items: AdminProtocol[] }) {
  const t = frResources.admin;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t.tableTitle}</th>
          <th scope="col">{t.tableType}</th>
          <th scope="col">{t.tableTerritory}</th>
          <th scope="col">{t.tableStatus}</th>
          <th scope="col">{t.tableUpdated}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link href={`/admin/protocoles/${p.id}`}>{p.title}</Link>
              {!p.editable && <span className="badge badge--muted"> {t.readOnly}</span>}
            </th>
            <td>{PROTOCOL_KIND_LABELS[p.kind]}</td>
            <td>{p.departements.join(', ')}</td>
            <td>
              <StatusCell status={p.status} />
            </td>
            <td>{formatDate(p.updated_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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
      <nav className="tabs" aria-label={t.tabsLabel}>
        <Link href="/admin/ressources" aria-current={tab === 'ressources' ? 'page' : undefined}>
          {t.tabResources}
        </Link>
        <Link href="/admin/ressources?vue=protocoles" aria-current={tab === 'protocoles' ? 'page' : undefined}>
          {t.tabProtocols}
        </Link>
      </nav>
      <p>
        <Link className="button button--primary" href={tab === 'ressources' ? '/admin/ressources/nouvelle' : '/admin/protocoles/nouveau'}>
          {tab === 'ressources' ? t.newResource : t.newProtocol}
        </Link>
      </p>
      <form className="search-form search-form--admin-resources" onSubmit={submit}>
        <div className="field">
          <label htmlFor="admin-ressources-q">{t.searchLabel}</label>
          <input id="admin-ressources-q" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="admin-ressources-etat">{t.statusLabel}</label>
          <select
            id="admin-ressources-etat"
            value={status}
            onChange={(e) =>
              navigate(`/admin/ressources?${new URLSearchParams({ vue: tab, ...(q ? { q } : {}), status: e.target.value }).toString()}`, {
                keepScroll: true,
              })
            }
          >
            <option value="all">{t.statusAll}</option>
            <option value="published">{t.statusPublished}</option>
            <option value="archived">{t.statusArchived}</option>
          </select>
        </div>
        <div className="field field--submit">
          <button type="submit" className="button button--secondary">
            {frResources.list.submit}
          </button>
        </div>
      </form>
      {current.isPending && <p className="notice">{t.loading}</p>}
      {current.isError && <ErrorMessage error={current.error} />}
      {tab === 'ressources' &&
        resources.data &&
        (resources.data.items.length ? <ResourceRows items={resources.data.items} /> : <p>{t.empty}</p>)}
      {tab === 'protocoles' &&
        protocols.data &&
        (protocols.data.items.length ? <ProtocolRows items={protocols.data.items} /> : <p>{t.empty}</p>)}
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
