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

/**
 * A read not there yet: « Chargement… » (`loading`) while it runs, its error once it failed. A page
 * shows it until the query succeeds (`if (!q.isSuccess) return <ReadPending …/>`).
 */
export function ReadPending({ query, loading }: { query: { isPending: boolean; error: unknown }; loading: ReactNode }) {
  return query.isPending ? <p role="status">{loading}</p> : <ErrorMessage error={query.error} />;
}

/** The « Réessayer » button of a failed read: asks for it again. */
export function RetryButton({ label, onRetry }: { label: string; onRetry: () => void }) {
  return (
    <button type="button" className="button button--secondary" onClick={onRetry}>
      {label}
    </button>
  );
}

/** A failed read in French, under its title, with the button that asks for it again. */
export function RetryableError({
  title,
  error,
  retryLabel,
  onRetry,
}: {
  title: string;
  error: unknown;
  retryLabel: string;
  onRetry: () => void;
}) {
  return (
    <ErrorMessage title={title} error={error}>
      <p className="notice__actions">
        <RetryButton label={retryLabel} onRetry={onRetry} />
      </p>
    </ErrorMessage>
  );
}
