import type { ReactNode } from 'react';
import { ErrorMessage } from './error-message.tsx';

/**
 * A detail page before its entry is there: « Chargement… » while it comes, or a heading that says
 * what went wrong (not found, or another error) above the error and what to do about it.
 */
export function DetailState({
  query: { isPending, isError, error },
  loading,
  errorHeading,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown };
  loading: string;
  errorHeading: string;
  children?: ReactNode;
}) {
  return (
    <>
      {isPending && <p className="notice">{loading}</p>}
      {isError && (
        <>
          <h1 tabIndex={-1} data-page-heading>
            {errorHeading}
          </h1>
          <ErrorMessage error={error}>{children}</ErrorMessage>
        </>
      )}
    </>
  );
}
