/** The frame of every back-office page: checks the session, the navigation, sign-out. */
import { ROLE_LABELS } from '@pare/schema';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { FoldToggle } from '../../components/fold-toggle.tsx';
import { ActionButton } from '../../components/form-parts.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAccount } from '../../i18n/fr.account.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { frNews } from '../../i18n/fr.news.ts';
import { frNewsletter } from '../../i18n/fr.newsletter.ts';
import { frStats } from '../../i18n/fr.stats.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { useRegisterBackOfficeNav } from '../account/back-office-nav.ts';
import { type Session, sessionQuery } from '../account/session.ts';
import { useLogout } from '../account/use-logout.ts';
import './admin.css';

const t = frAdmin.layout;

function Nav({ session }: { session: Session }) {
  useRegisterBackOfficeNav();
  const { pathname } = useLocation();
  // Also reads the public pages again: the professionals' contacts go with the session.
  const logout = useLogout(() => navigate('/connexion'));
  const links: [string, string][] = [
    ['/admin', t.dashboard],
    ['/admin/acteurs', t.actors],
    ['/admin/acteurs/nouveau', t.newActor],
    ['/admin/propositions', t.submissions],
    ['/admin/ressources', t.resources],
    ['/admin/actualites', frNews.admin.nav],
    ['/admin/import', t.import],
    ['/admin/campagnes', t.campaigns],
    ['/admin/couverture', frStats.nav],
    ...(session.user.role === 'relais' ? [] : ([['/admin/lettre', frNewsletter.admin.nav]] as [string, string][])),
    ['/equipe/demandes', t.inbox],
    ...(session.user.role === 'admin' ? ([['/admin/comptes', frAccount.admin.nav]] as [string, string][]) : []),
    ['/mon-compte', frAccount.header.account],
  ];
  const current = (href: string) =>
    href === '/admin' ? pathname === '/admin' : pathname === href || (pathname.startsWith(`${href}/`) && href !== '/admin/acteurs');
  const isHere = (href: string) => current(href) || (href === '/admin/acteurs' && pathname === href);
  // On a phone the menu is folded under one button (components/fold-toggle.tsx): its thirteen links and the
  // sign-out took the first screen, and every page's heading came below it. Elsewhere the
  // button is hidden and the menu always shown.
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const here = links.find(([href]) => isHere(href))?.[1];
  return (
    <nav className="admin-nav" aria-label={t.navLabel}>
      <FoldToggle
        open={open}
        onToggle={() => setOpen((o) => !o)}
        controls={menuId}
        label={t.menu}
        {...(here ? { detail: ` · ${here}` } : {})}
      />
      <div id={menuId} className={`admin-nav__menu fold-content${open ? ' is-open' : ''}`}>
        <ul>
          {links.map(([href, label]) => (
            <li key={href}>
              <Link href={href} aria-current={isHere(href) ? 'page' : undefined} onClick={() => setOpen(false)}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
        <p className="admin-nav__user">
          <span>{t.signedInAs(session.user.display_name ?? session.user.email, ROLE_LABELS[session.user.role])}</span>{' '}
          <ActionButton secondary pending={logout.isPending} label={t.logout} busy={t.loggingOut} onClick={() => logout.mutate()} />
        </p>
      </div>
    </nav>
  );
}

/** Renders `children(session)` for a signed-in editor; sends anyone else to the sign-in page. */
export function AdminLayout({ children }: { children: (session: Session) => ReactNode }) {
  const session = useQuery(sessionQuery());
  const { href } = useLocation();
  const signedOut = session.isSuccess && session.data === null;

  useEffect(() => {
    if (signedOut) navigate(`/connexion?suite=${encodeURIComponent(href)}`, { replace: true });
  }, [signedOut, href]);

  if (session.isPending) return <p role="status">{frAdmin.common.loading}</p>;
  if (session.isError) return <ErrorMessage error={session.error} />;
  if (!session.data) {
    return (
      <p role="status">
        {t.signInRequired} <Link href={`/connexion?suite=${encodeURIComponent(href)}`}>{t.signIn}</Link>
      </p>
    );
  }
  const data = session.data;
  if (data.user.role === 'professionnel-verifie') {
    return (
      <div className="admin narrow-page">
        <h1 data-page-heading tabIndex={-1}>
          {frAccount.page.proSpaceHeading}
        </h1>
        <p className="notice">{t.noAccess}</p>
        <p className="account-actions">
          <Link className="button button--primary" href="/">
            {frAccount.page.goToDirectory}
          </Link>
          <Link href="/mon-compte">{frAccount.header.account}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="admin">
      <Nav session={data} />
      {children(data)}
    </div>
  );
}

/** A back-office page: the frame, its heading (focused after navigation), then `children(session)`. */
export function AdminPage({ heading, children }: { heading: ReactNode; children: (session: Session) => ReactNode }) {
  return (
    <AdminLayout>
      {(session) => (
        <div className="admin-page">
          <h1 data-page-heading tabIndex={-1}>
            {heading}
          </h1>
          {children(session)}
        </div>
      )}
    </AdminLayout>
  );
}

/**
 * A back-office page with its own frame (`className`): its document title, the layout, then its
 * `heading` (focused after navigation) if given, else one the page writes itself.
 */
export function AdminPageFrame({
  title,
  heading,
  className,
  children,
}: {
  title: string;
  heading?: ReactNode;
  className: string;
  children: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <AdminLayout>
      {() => (
        <div className={className}>
          {heading !== undefined && (
            <h1 tabIndex={-1} data-page-heading>
              {heading}
            </h1>
          )}
          {children}
        </div>
      )}
    </AdminLayout>
  );
}

/**
 * A back-office page whose entry could not be read: its heading, why (`expected.notice` when the
 * API answered `expected.status`, the error itself otherwise), and the link back to the list.
 */
export function EntryReadError({
  heading,
  error,
  expected,
  back,
}: {
  heading: string;
  error: unknown;
  expected: { status: number; notice: string };
  back: { href: string; label: string };
}) {
  return (
    <div className="admin-page">
      <h1 data-page-heading tabIndex={-1}>
        {heading}
      </h1>
      {error instanceof ApiRequestError && error.status === expected.status ? (
        <p className="notice">{expected.notice}</p>
      ) : (
        <ErrorMessage error={error} />
      )}
      <p>
        <Link href={back.href}>{back.label}</Link>
      </p>
    </div>
  );
}
