import type { ReactNode } from 'react';

/** A section of a detail page (an actor, a département, a news item…), named by its heading. */
export function DetailSection({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section className="actor-section" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {children}
    </section>
  );
}
