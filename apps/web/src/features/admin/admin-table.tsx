/** The back office's tables: scrolled sideways on a phone, their columns named once. */
import type { ReactNode } from 'react';
import { type Column, TableHead } from '../../components/admin-list.tsx';

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
        <TableHead columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
