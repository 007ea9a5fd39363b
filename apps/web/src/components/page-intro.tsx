import type { ReactNode } from 'react';

/**
 * The top of a page: its one `h1` (focused by the router after a move: `data-page-heading`), the
 * sentence that says what the page is for, and whatever follows it (links, feeds).
 */
export function PageIntro({
  as: Tag = 'header',
  heading,
  intro,
  children,
}: {
  as?: 'header' | 'div';
  heading: ReactNode;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Tag className="page-intro">
      <h1 tabIndex={-1} data-page-heading>
        {heading}
      </h1>
      {intro !== undefined && <p>{intro}</p>}
      {children}
    </Tag>
  );
}

/** A page of one short form or message (sign-in, password, referencing): narrow, its `h1` first. */
export function NarrowPage({ heading, children }: { heading: ReactNode; children: ReactNode }) {
  return (
    <div className="narrow-page admin-page">
      <h1 data-page-heading tabIndex={-1}>
        {heading}
      </h1>
      {children}
    </div>
  );
}
