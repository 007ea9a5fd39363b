import type { MouseEvent, ReactNode } from 'react';
import { Link } from '../lib/router.tsx';

/** « ← Retour … » above a page's heading. */
export function BackLink({
  href,
  onClick,
  children,
}: {
  href: string;
  onClick?: (e: MouseEvent<HTMLAnchorElement>) => void;
  children: ReactNode;
}) {
  return (
    <p className="back-link">
      <Link href={href} {...(onClick ? { onClick } : {})}>
        <span aria-hidden="true">← </span>
        {children}
      </Link>
    </p>
  );
}
