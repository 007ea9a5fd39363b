/**
 * The parts of a back-office list page (resources and protocols, news and events): the tabs, the
 * search-and-status filter, their state in the address, and the table whose first cell names the
 * entry and links to its form.
 */
import { type QueryKey, type UseQueryOptions, useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { ErrorMessage } from './error-message.tsx';
import { OptionList } from './form-parts.tsx';

export function TabNav({ label, tabs }: { label: string; tabs: { href: string; label: string; current: boolean }[] }) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((tab) => (
        <Link key={tab.href} href={tab.href} aria-current={tab.current ? 'page' : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

/** The words search and the status select; a new status applies at once, the words on submit. */
export function ListFilters({
  idPrefix,
  searchLabel,
  text,
  onText,
  statusLabel,
  status,
  onStatus,
  statuses,
  submitLabel,
  onSubmit,
}: {
  idPrefix: string;
  searchLabel: string;
  text: string;
  onText: (text: string) => void;
  statusLabel: string;
  status: string;
  onStatus: (status: string) => void;
  statuses: { value: string; label: string }[];
  submitLabel: string;
  onSubmit: (e: FormEvent) => void;
}) {
  return (
    <form className="search-form search-form--admin-resources" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={`${idPrefix}-q`}>{searchLabel}</label>
        <input id={`${idPrefix}-q`} type="search" value={text} onChange={(e) => onText(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-etat`}>{statusLabel}</label>
        <select id={`${idPrefix}-etat`} value={status} onChange={(e) => onStatus(e.target.value)}>
          <OptionList options={statuses.map((s) => [String(s.value), s.label] as const)} />
        </select>
      </div>
      <div className="field field--submit">
        <button type="submit" className="button button--secondary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** A tab of a two-kind list: its link and name, what it keeps in the address when filtered, its « new » button (address, text). */
export type ListTab = { href: string; label: string; keep: Record<string, string>; create: readonly [string, string] };

type ListRead<T, K extends QueryKey> = (params: string) => UseQueryOptions<T, Error, T, K>;

/**
 * A two-kind back-office list at `path`, filtered by words and status from the address: the open
 * tab (the second when `vue` names it), both lists (`reads`, only the open one asked for), and
 * the filters' state; a new status applies at once, the words on submit, beside the tab's `keep`.
 */
export function useTabbedList<A, B, KA extends QueryKey, KB extends QueryKey>(
  path: string,
  tabs: readonly [ListTab, ListTab],
  reads: readonly [ListRead<A, KA>, ListRead<B, KB>],
) {
  const { search } = useLocation();
  const url = new URLSearchParams(search);
  const open: 0 | 1 = url.get('vue') === tabs[1].keep.vue ? 1 : 0;
  const q = url.get('q') ?? '';
  const status = url.get('status') ?? 'all';
  const params = new URLSearchParams({ per_page: '200', status, ...(q ? { q } : {}) }).toString();
  const first = useQuery({ ...reads[0](params), enabled: open === 0 });
  const second = useQuery({ ...reads[1](params), enabled: open === 1 });
  const [text, setText] = useState(q);
  const go = (next: Record<string, string>) =>
    navigate(`${path}?${new URLSearchParams({ ...tabs[open].keep, ...next }).toString()}`, { keepScroll: true });
  return {
    tabs,
    open,
    lists: [first, second] as const,
    current: open === 0 ? first : second,
    filters: {
      text,
      onText: setText,
      status,
      onStatus: (next: string) => go({ ...(q ? { q } : {}), status: next }),
      onSubmit: (e: FormEvent) => {
        e.preventDefault();
        go({ ...(text ? { q: text } : {}), ...(status !== 'all' ? { status } : {}) });
      },
    },
  };
}

/** The head of a two-kind list (`useTabbedList`): the tabs, the open tab's « new » button, the filters, then « Chargement… » or the error. */
export function TabbedListHead({
  list,
  idPrefix,
  texts,
  submitLabel,
  statuses,
}: {
  list: Pick<ReturnType<typeof useTabbedList>, 'tabs' | 'open' | 'current' | 'filters'>;
  idPrefix: string;
  texts: { tabsLabel: string; searchLabel: string; statusLabel: string; loading: string };
  submitLabel: string;
  statuses: { value: string; label: string }[];
}) {
  const [href, label] = list.tabs[list.open].create;
  return (
    <>
      <TabNav label={texts.tabsLabel} tabs={list.tabs.map((tab, i) => ({ href: tab.href, label: tab.label, current: i === list.open }))} />
      <p>
        <Link className="button button--primary" href={href}>
          {label}
        </Link>
      </p>
      <ListFilters
        idPrefix={idPrefix}
        searchLabel={texts.searchLabel}
        statusLabel={texts.statusLabel}
        statuses={statuses}
        submitLabel={submitLabel}
        {...list.filters}
      />
      {list.current.isPending && <p className="notice">{texts.loading}</p>}
      {list.current.isError && <ErrorMessage error={list.current.error} />}
    </>
  );
}

/** A column's heading; `{ label, className }` for a numeric (`num`) or a selection column; `false` for a column this view leaves out. */
export type Column = ReactNode | { label: ReactNode; className: string };

const isSpec = (c: Column): c is { label: ReactNode; className: string } =>
  typeof c === 'object' && c !== null && 'label' in c && 'className' in c;

/** A table's one row of column headings. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          c === false ? null : (
            <th key={i} scope="col" className={isSpec(c) ? c.className : undefined}>
              {isSpec(c) ? c.label : c}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** A list as a table, in a box that scrolls sideways when the table is wider than the screen (styles.css `.table-scroll`). */
export function DataTable({ columns, className = 'data-table', children }: { columns: Column[]; className?: string; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className={className}>
        <TableHead columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The row's heading cell: the entry's title linking to its form, « lecture seule » when not editable. */
export function TitleCell({ href, title, readOnly }: { href: string; title: string; readOnly: string | null }) {
  return (
    <th scope="row">
      <Link href={href}>{title}</Link>
      {readOnly !== null && <span className="badge badge--muted"> {readOnly}</span>}
    </th>
  );
}
