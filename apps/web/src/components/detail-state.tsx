import { type UseQueryOptions, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiRequestError } from '../lib/api.ts';
import { BackLink } from './back-link.tsx';
import { ErrorMessage } from './error-message.tsx';
import { useDocumentTitle } from './use-document-title.ts';

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

/**
 * A public detail page (a news item, an event, a resource): the link back to its list, the state
 * while it loads or fails, then the entry; the document's title says which.
 */
export function DetailPage<T extends { title: string }, K extends readonly unknown[]>({
  className,
  back,
  texts,
  options,
  render,
}: {
  className: string;
  back: string;
  texts: { back: string; loading: string; notFoundTitle: string; errorTitle: string };
  /** The entry's query (`newsQuery(slug)`). */
  options: UseQueryOptions<T, Error, T, K>;
  render: (entry: T) => ReactNode;
}) {
  const query = useQuery(options);
  const notFound = query.error instanceof ApiRequestError && query.error.code === 'not_found';
  useDocumentTitle(query.data?.title ?? (notFound ? texts.notFoundTitle : query.isError ? texts.errorTitle : texts.loading));
  return (
    <div className={className}>
      <BackLink href={back}>{texts.back}</BackLink>
      <DetailState query={query} loading={texts.loading} errorHeading={notFound ? texts.notFoundTitle : texts.errorTitle} />
      {query.data && render(query.data)}
    </div>
  );
}

/** The top of a detail page's entry: its title (the page's `h1`) and the line that says what it is. */
export function DetailHeader({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <header className="actor__header">
      <h1 id={id} tabIndex={-1} data-page-heading>
        {title}
      </h1>
      <p className="actor__type">{children}</p>
    </header>
  );
}
