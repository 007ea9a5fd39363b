/** An error in French, with the fields in cause when the API named them. */
import type { ReactNode } from 'react';
import { fr } from '../i18n/fr.ts';
import { ApiRequestError } from '../lib/api.ts';

export function ErrorMessage({ title, error, children }: { title?: string; error: unknown; children?: ReactNode }) {
  const e = error instanceof ApiRequestError ? error : null;
  return (
    <div className="notice notice--error" role="alert">
      {title && <h2 className="notice__title">{title}</h2>}
      <p>{e?.message ?? fr.errors.generic}</p>
      {e && e.issues.length > 0 && (
        <>
          <p>{fr.errors.issuesHeading}</p>
          <ul>
            {e.issues.map((i) => (
              <li key={`${i.path}:${i.message}`}>{i.message}</li>
            ))}
          </ul>
        </>
      )}
      {e?.requestId && <p className="notice__ref">{fr.errors.reference(e.requestId)}</p>}
      {children}
    </div>
  );
}
