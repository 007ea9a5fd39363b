import type { ReactNode } from 'react';
import { Link } from '../lib/router.tsx';

/** One entry of a list of results (an actor, a resource, a news item, an event): its title links to its page, then what the card says. */
export function LinkedCard({
  className,
  heading: Heading,
  href,
  title,
  children,
}: {
  /** Besides `result`. */
  className?: string;
  heading: 'h2' | 'h3' | 'h4';
  href: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <li className={className ? `result ${className}` : 'result'}>
      <Heading className="result__name">
        <Link href={href}>{title}</Link>
      </Heading>
      {children}
    </li>
  );
}
