import type { ReactNode } from 'react';

/** The items (each an `li` with its key) as a list, or what to say when there is none. */
export function listOr(items: ReactNode[], none: ReactNode, className?: string): ReactNode {
  return items.length > 0 ? <ul className={className}>{items}</ul> : none;
}
