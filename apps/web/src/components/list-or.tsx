import type { ReactNode } from 'react';

/** The items (each an `li` with its key) as a list, or what to say when there is none. */
export function listOr(items: ReactNode[], none: ReactNode, className?: string): ReactNode {
  return items.length > 0 ? <ul className={className}>{items}</ul> : none;
}

/** A term of a description list whose description is a list (`listOr`): `none` when it is empty. */
export function ListEntry({ term, items, none, className }: { term: ReactNode; items: ReactNode[]; none: ReactNode; className?: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{listOr(items, none, className)}</dd>
    </>
  );
}
