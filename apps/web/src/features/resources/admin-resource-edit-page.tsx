/**
 * `/admin/ressources/:id`, `/admin/ressources/nouvelle`, `/admin/protocoles/:id`,
 * `/admin/protocoles/nouveau` — the curators' forms: loads the entry, then its editor.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { frResources } from '../../i18n/fr.resources.ts';
import { AdminLayout } from '../admin/admin-layout.tsx';
import { ProtocolEditor } from './admin-protocol-editor.tsx';
import { ResourceEditor } from './admin-resource-editor.tsx';
import { adminProtocolQuery, adminResourceQuery } from './queries.ts';
import './resources.css';

const t = frResources.edit;

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
    // The link back under the back office's menu, as on its other pages (it stood above it).
    <AdminLayout>
      {() => (
        <div className="admin-resource-edit-page">
          <BackLink href={kind === 'resource' ? '/admin/ressources' : '/admin/ressources?vue=protocoles'}>{t.back}</BackLink>
          {id === null ? (
            kind === 'resource' ? (
              <ResourceEditor existing={null} />
            ) : (
              <ProtocolEditor existing={null} />
            )
          ) : (
            <Loaded key={`${kind}:${id}`} kind={kind} id={id} />
          )}
        </div>
      )}
    </AdminLayout>
  );
}
