/** The back office's tables: scrolled sideways on a phone, their columns named once. */
import type { ReactNode } from 'react';

/** A column's heading; `{ label, className }` for a numeric (`num`) or a selection column. */
export type Column = ReactNode | { label: ReactNode; className: string };

const isSpec = (c: Column): c is { label: ReactNode; className: string } =>
  typeof c === 'object' && c !== null && 'label' in c && 'className' in c;

export function AdminTable({
  columns,
  caption,
  className,
  children,
}: {
  columns: readonly Column[];
  /** Said to screen readers only (the section's heading already shows it). */
  caption?: string;
  className?: string;
  /** The rows. */
  children: ReactNode;
}) {
  return (
    <div className="admin-table-wrap">
      <table className={className ? `admin-table ${className}` : 'admin-table'}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c, i) =>
              isSpec(c) ? (
                <th key={i} scope="col" className={c.className}>
                  {c.label}
                </th>
              ) : (
                <th key={i} scope="col">
                  {c}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
