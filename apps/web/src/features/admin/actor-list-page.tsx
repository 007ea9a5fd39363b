/**
 * `/admin/acteurs` — every entry (archived ones too), filtered by words, département, status and
 * freshness; a selection (checkboxes, all of the page) marked verified today in one call.
 */
import { ACTOR_STATUS_LABELS, ACTOR_TYPE_LABELS, type AdminActorSummary } from '@pare/schema';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorMessage, ReadPending } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { frCurationFollow } from '../../i18n/fr.curation-follow.ts';
import { formatDate } from '../../lib/format.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { AdminPage } from './admin-layout.tsx';
import { AdminTable } from './admin-table.tsx';
import './curation-follow.css';
import { adminActorsQuery, adminKeys, coveringEntriesQuery, verifyActors } from './queries.ts';

const tb = frCurationFollow.bulk;

const t = frAdmin.list;

export function StatusBadges({ actor }: { actor: Pick<AdminActorSummary, 'status' | 'stale'> }) {
  return (
    <>
      {actor.status === 'archived' && <span className="badge badge--archived">{ACTOR_STATUS_LABELS.archived}</span>}{' '}
      {actor.stale && actor.status === 'published' && <span className="badge badge--stale">{t.staleBadge}</span>}
    </>
  );
}

function Filters({ search }: { search: string }) {
  const params = new URLSearchParams(search);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [dep, setDep] = useState(params.get('departement') ?? '');
  const [status, setStatus] = useState(params.get('status') ?? 'all');
  const [stale, setStale] = useState(params.get('stale') === 'true');
  // Back/forward or a dashboard link changes the URL: the form follows.
  useEffect(() => {
    const p = new URLSearchParams(search);
    setQ(p.get('q') ?? '');
    setDep(p.get('departement') ?? '');
    setStatus(p.get('status') ?? 'all');
    setStale(p.get('stale') === 'true');
  }, [search]);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (q.trim()) next.set('q', q.trim());
    if (dep.trim()) next.set('departement', dep.trim().toUpperCase());
    if (status !== 'all') next.set('status', status);
    if (stale) next.set('stale', 'true');
    const s = next.toString();
    navigate(`/admin/acteurs${s ? `?${s}` : ''}`, { keepScroll: true });
  }
  return (
    <search aria-label={t.filters}>
      <form className="admin-form" onSubmit={onSubmit}>
        <div className="admin-grid">
          <div className="field">
            <label htmlFor="f-q">{t.q}</label>
            <input id="f-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="f-dep">{t.departement}</label>
            <input id="f-dep" type="text" value={dep} onChange={(e) => setDep(e.target.value)} aria-describedby="f-dep-hint" size={4} />
            <p id="f-dep-hint" className="field__hint">
              {t.departementHint}
            </p>
          </div>
          <div className="field">
            <label htmlFor="f-status">{t.status}</label>
            <select id="f-status" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="all">{t.statusAll}</option>
              <option value="published">{ACTOR_STATUS_LABELS.published}</option>
              <option value="archived">{ACTOR_STATUS_LABELS.archived}</option>
            </select>
          </div>
        </div>
        <label className="admin-checkbox">
          <input type="checkbox" checked={stale} onChange={(e) => setStale(e.target.checked)} /> {t.stale}
        </label>
        <p>
          <button type="submit" className="button button--primary">
            {t.apply}
          </button>
        </p>
      </form>
    </search>
  );
}

function Results({ search }: { search: string }) {
  const list = useQuery({ ...adminActorsQuery(search), placeholderData: keepPreviousData });
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const verify = useMutation({
    mutationFn: (ids: number[]) => verifyActors(ids),
    onSuccess: () => {
      setSelected(new Set());
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  const params = new URLSearchParams(search);
  const page = Number(params.get('page') ?? '1');
  // Another page or other filters: the selection was of rows no longer shown.
  useEffect(() => setSelected(new Set()), [search]);
  if (!list.isSuccess) return <ReadPending query={list} loading={frAdmin.common.loading} />;
  const { total, per_page, items } = list.data;
  const pages = Math.ceil(total / per_page);
  const names = new Map(items.map((a) => [a.id, a.name]));
  const allOnPage = items.length > 0 && items.every((a) => selected.has(a.id));
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setSelected(allOnPage ? new Set() : new Set(items.map((a) => a.id)));
  const go = (p: number) => {
    const next = new URLSearchParams(search);
    next.set('page', String(p));
    navigate(`/admin/acteurs?${next.toString()}`);
  };
  return (
    <section aria-labelledby="list-count">
      <h2 id="list-count" aria-live="polite">
        {t.count(total)}
      </h2>
      {items.length > 0 && (
        <div className="admin-bulk">
          <p aria-live="polite">{tb.selected(selected.size)}</p>
          <button
            type="button"
            className="button button--secondary"
            disabled={selected.size === 0 || verify.isPending}
            onClick={() => {
              if (window.confirm(tb.confirm(selected.size))) verify.mutate([...selected]);
            }}
          >
            {verify.isPending ? tb.verifying : tb.verify}
          </button>
        </div>
      )}
      {verify.isError && <ErrorMessage error={verify.error} />}
      {verify.data && (
        <div className="notice notice--success" role="status">
          <p>{tb.done(verify.data.verified.length)}</p>
          {verify.data.refused.length > 0 && (
            <>
              <p>{tb.refused(verify.data.refused.length)}</p>
              <ul>
                {verify.data.refused.map((r) => (
                  <li key={r.id}>
                    {names.get(r.id) ?? `#${r.id}`} : {r.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {items.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <AdminTable
          columns={[
            {
              label: <input type="checkbox" checked={allOnPage} onChange={toggleAll} aria-label={tb.selectAll} />,
              className: 'admin-select',
            },
            t.colName,
            t.colType,
            t.colPlace,
            t.colVerified,
            t.colStatus,
          ]}
        >
          {items.map((a) => (
            <tr key={a.id}>
              <td className="admin-select">
                <input type="checkbox" checked={selected.has(a.id)} onChange={() => toggle(a.id)} aria-label={tb.select(a.name)} />
              </td>
              <th scope="row">
                <Link href={`/admin/acteurs/${a.id}`}>{a.name}</Link>
              </th>
              <td>{ACTOR_TYPE_LABELS[a.type]}</td>
              <td>{a.scope === 'national' ? t.national : a.departements.join(', ') || frAdmin.common.none}</td>
              <td>{a.last_verified_at ? formatDate(a.last_verified_at) : frAdmin.common.never}</td>
              <td>
                {a.status === 'published' ? ACTOR_STATUS_LABELS.published : ''} <StatusBadges actor={a} />
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      {pages > 1 && (
        <nav className="admin-actions" aria-label={frAdmin.common.pageStatus(page, pages)}>
          <button type="button" className="button button--secondary" disabled={page <= 1} onClick={() => go(page - 1)}>
            {frAdmin.common.previous}
          </button>
          <span>{frAdmin.common.pageStatus(page, pages)}</span>
          <button type="button" className="button button--secondary" disabled={page >= pages} onClick={() => go(page + 1)}>
            {frAdmin.common.next}
          </button>
        </nav>
      )}
    </section>
  );
}

/** A relais: the regional and national entries that cover its départements, to open read-only. */
function CoveringEntries() {
  const covering = useQuery(coveringEntriesQuery());
  const items = covering.data?.items ?? [];
  if (covering.isError) return <ErrorMessage error={covering.error} />;
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="list-covering">
      <h2 id="list-covering">{frCurationFollow.covering.heading(items.length)}</h2>
      <p>{frCurationFollow.covering.intro}</p>
      <ul>
        {items.map((a) => (
          <li key={a.id}>
            <Link href={`/admin/acteurs/${a.id}`}>{a.name}</Link>{' '}
            <span className="field__hint">
              ({(ACTOR_TYPE_LABELS as Record<string, string>)[a.type] ?? a.type},{' '}
              {a.scope === 'national' ? t.national : a.regions.join(', ')})
            </span>{' '}
            <span className="badge badge--archived">{frCurationFollow.readOnly.badge}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AdminActorListPage() {
  useDocumentTitle(t.title);
  const { search } = useLocation();
  return (
    <AdminPage heading={t.heading}>
      {(session) => (
        <>
          <Filters search={search} />
          <Results search={search.replace(/^\?/, '')} />
          {session.user.role === 'relais' && <CoveringEntries />}
        </>
      )}
    </AdminPage>
  );
}
