/**
 * The parts of a back-office list page (resources and protocols, news and events): the tabs, the
 * search-and-status filter, and the table whose first cell names the entry and links to its form.
 */
import type { FormEvent, ReactNode } from 'react';
import { Link } from '../lib/router.tsx';
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

export function DataTable({ columns, className = 'data-table', children }: { columns: Column[]; className?: string; children: ReactNode }) {
  return (
    <table className={className}>
      <TableHead columns={columns} />
      <tbody>{children}</tbody>
    </table>
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
