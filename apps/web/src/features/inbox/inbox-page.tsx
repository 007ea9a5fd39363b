/**
 * The team inbox, inside the back office's frame (menu, sign-out): the contact requests (filters in
 * the URL, urgent first, flags, detail with history), their status changes and « Transmettre à une
 * structure »; for curators and admins, the outbox's failed mails with a retry. Signed-in staff only.
 */
import { CONTACT_REQUEST_PROFILES, CONTACT_REQUEST_STATUSES } from '@pare/schema/codes';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { FoldToggle } from '../../components/fold-toggle.tsx';
import { OptionList } from '../../components/form-parts.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import type { Session } from '../account/session.ts';
import { AdminLayout } from '../admin/admin-layout.tsx';
import '../orientation/orientation.css';
import './inbox.css';
import { t, ti } from './inbox-text.ts';
import { OutboxPanel } from './outbox-panel.tsx';
import { filtersFromSearch, type InboxFilters, NO_FILTERS, PER_PAGE, requestListQuery, searchOfFilters } from './queries.ts';
import { RequestDetailPanel } from './request-detail.tsx';
import { RequestTables } from './request-tables.tsx';

function Inbox({ session }: { session: Session }) {
  const ids = {
    status: useId(),
    urgent: useId(),
    profile: useId(),
    age: useId(),
    departement: useId(),
    departementHint: useId(),
    actor: useId(),
    actorHint: useId(),
  };
  const { search } = useLocation();
  // The filters live in the URL: the dashboard links to them, Back and a reload keep them.
  const filters = { ...filtersFromSearch(search), page: 1 };
  const [page, setPage] = useState(1);
  const [draft, setDraft] = useState<InboxFilters>(filters);
  const [open, setOpen] = useState<string | null>(null);
  // On a phone the filters are folded under one button (components/fold-toggle.tsx): their six fields took the
  // first screen, and the requests to handle first came below it. Elsewhere always shown.
  const [filtersShown, setFiltersShown] = useState(false);
  const filtersId = useId();
  const current = { ...filters, page };
  const list = useQuery(requestListQuery(current));
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PER_PAGE)) : 1;
  const urlKey = searchOfFilters(filters);
  // Back or a dashboard link changed the URL: the form shows it, and paging starts again.
  useEffect(() => {
    setDraft(filtersFromSearch(search));
    setPage(1);
  }, [urlKey]);

  function go(f: InboxFilters) {
    navigate(`/equipe/demandes${searchOfFilters(f)}`, { keepScroll: true });
  }

  const applied = (['status', 'urgent', 'profile', 'olderThanHours', 'departement', 'actor'] as const).filter(
    (k) => filters[k] !== '',
  ).length;

  function apply(e: FormEvent) {
    e.preventDefault();
    setFiltersShown(false);
    go({ ...draft, departement: draft.departement.trim().toUpperCase(), actor: draft.actor.trim().toLowerCase(), page: 1 });
  }

  const select = (key: keyof InboxFilters, id: string, label: string, options: [string, string][]) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={String(draft[key])} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}>
        <OptionList options={options} />
      </select>
    </div>
  );

  /** A text filter with its hint under it. */
  const hintedInput = (
    key: 'departement' | 'actor',
    id: string,
    hintId: string,
    label: string,
    hint: string,
    input: { inputMode?: 'text'; maxLength?: number } = {},
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        {...input}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        aria-describedby={hintId}
      />
      <p id={hintId} className="field__hint">
        {hint}
      </p>
    </div>
  );

  return (
    <>
      <FoldToggle
        className="inbox-filters__toggle"
        open={filtersShown}
        onToggle={() => setFiltersShown((s) => !s)}
        controls={filtersId}
        label={t.filtersToggle}
        detail={t.filtersActive(applied)}
      />
      <form
        id={filtersId}
        className={`inbox-filters fold-content${filtersShown ? ' is-open' : ''}`}
        onSubmit={apply}
        aria-label={t.filtersLabel}
        noValidate
      >
        {select('status', ids.status, t.status, [
          ['', t.anyStatus],
          ...CONTACT_REQUEST_STATUSES.map((s): [string, string] => [s, t.statuses[s] ?? s]),
        ])}
        {select('urgent', ids.urgent, ti.filters.urgent, [
          ['', ti.filters.urgentAny],
          ['true', ti.filters.urgentOnly],
        ])}
        {select('profile', ids.profile, ti.filters.profile, [
          ['', ti.filters.profileAny],
          ...CONTACT_REQUEST_PROFILES.map((p): [string, string] => [p, t.profiles[p] ?? p]),
        ])}
        {select('olderThanHours', ids.age, ti.filters.age, [
          ['', ti.filters.ageAny],
          ['48', ti.filters.ageOlder],
        ])}
        {hintedInput('departement', ids.departement, ids.departementHint, t.departement, t.departementHint, {
          inputMode: 'text',
          maxLength: 3,
        })}
        {hintedInput('actor', ids.actor, ids.actorHint, t.actor, t.actorHint)}
        <p className="notice__actions">
          <button type="submit" className="button button--primary">
            {t.apply}
          </button>
          <button type="button" className="button button--link" onClick={() => go(NO_FILTERS)}>
            {t.reset}
          </button>
        </p>
      </form>

      {list.isPending && <p role="status">{t.loading}</p>}
      {list.isError && <ErrorMessage title={t.errorTitle} error={list.error} />}
      {list.data && (
        <>
          <p role="status">{t.count(list.data.total)}</p>
          {list.data.items.length > 0 && <RequestTables items={list.data.items} open={open} onOpen={setOpen} />}
          {pages > 1 && (
            <nav className="pagination" aria-label={t.heading}>
              <button type="button" className="button button--secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t.previous}
              </button>
              <span>{t.page(page, pages)}</span>
              <button type="button" className="button button--secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                {t.next}
              </button>
            </nav>
          )}
        </>
      )}

      {open && <RequestDetailPanel key={open} reference={open} onClose={() => setOpen(null)} />}
      {(session.user.role === 'admin' || session.user.role === 'curateur') && <OutboxPanel />}
    </>
  );
}

export function InboxPage() {
  useDocumentTitle(t.title);
  return (
    <AdminLayout>
      {(session) => (
        <div className="inbox admin-page">
          {/* Compact: on a phone the intro is left out (styles.css), the requests come sooner. */}
          <div className="page-intro page-intro--compact">
            <h1 tabIndex={-1} data-page-heading>
              {t.heading}
            </h1>
            <p>{t.intro}</p>
          </div>
          <Inbox session={session} />
        </div>
      )}
    </AdminLayout>
  );
}
