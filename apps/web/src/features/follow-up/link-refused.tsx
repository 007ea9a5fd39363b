/** What a structure sees when its link is wrong or expired (404) or no longer useful (410): never a dead end. */
import type { ReactNode } from 'react';
import { ErrorMessage, RetryButton } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frFollowUp } from '../../i18n/fr.follow-up.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';

const t = frFollowUp.link;

/** The answer mail names the team's address; an update link's structure can also correct its entry from its public page. */
function ReachTheTeam({ link }: { link: LinkKind }) {
  return (
    <section className="follow-up__panel" aria-labelledby="joindre-equipe">
      <h2 id="joindre-equipe">{link === 'update' ? t.reachTeamUpdateHeading : t.reachTeamHeading}</h2>
      {link === 'update' ? (
        <>
          <p>{t.reachTeamUpdate}</p>
          <p>
            <Link href="/">{t.searchEntry}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t.reachTeamText}</p>
          <p className="follow-up__danger">{t.danger}</p>
        </>
      )}
    </section>
  );
}

/** The page of a refused link: its heading, then why and what to do. */
function RefusedPage({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <div className="follow-up narrow-page">
      <h1 tabIndex={-1} data-page-heading>
        {heading}
      </h1>
      {children}
    </div>
  );
}

/** The page for a link the API refused to open (or an error reading it). */
export type LinkKind = 'answer' | 'update';

export function LinkRefused({ link, error, onRetry }: { link: LinkKind; error: unknown; onRetry: () => void }) {
  const status = error instanceof ApiRequestError ? error.status : 0;
  const kind = status === 404 ? 'unknown' : status === 410 ? 'gone' : 'error';
  useDocumentTitle(kind === 'unknown' ? t.unknownTitle : kind === 'gone' ? t.goneTitle : t.errorTitle);
  if (kind === 'unknown') {
    return (
      <RefusedPage heading={t.unknownHeading}>
        <p>{t.unknownText}</p>
        <ReachTheTeam link={link} />
      </RefusedPage>
    );
  }
  if (kind === 'gone') {
    return (
      <RefusedPage heading={t.goneHeading}>
        {/* The API says why, in French: closed, or taken back by the team. */}
        <p className="follow-up__lead">{(error as ApiRequestError).message}</p>
        <p>{t.goneHint}</p>
        <ReachTheTeam link={link} />
      </RefusedPage>
    );
  }
  return (
    <RefusedPage heading={t.errorTitle}>
      {status === 429 ? (
        <div className="notice notice--error" role="alert">
          <p>{t.tooMany}</p>
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
      <p>
        <RetryButton label={t.retry} onRetry={onRetry} />
      </p>
      <ReachTheTeam link={link} />
    </RefusedPage>
  );
}
