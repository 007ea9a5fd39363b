/** The frame of every back-office page: checks the session, the navigation, sign-out. */

import { ROLE_LABELS } from '@pare/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { frNews } from '../../i18n/fr.news.ts';
import { frNewsletter } from '../../i18n/fr.newsletter.ts';
import { frStats } from '../../i18n/fr.stats.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { apiSend, rememberSession, type Session, sessionKey, sessionQuery } from './admin-api.ts';
import './admin.css';

const t = frAdmin.layout;

function Nav({ session }: { session: Session }) {
  const queryClient = useQueryClient();
  const { pathname } = useLocation();
  const logout = useMutation({
    mutationFn: () => apiSend<null>('POST', '/auth/logout'),
    onSettled: () => {
      rememberSession(null);
      queryClient.setQueryData(sessionKey, null);
      queryClient.removeQueries({ queryKey: ['admin'] });
      navigate('/connexion');
    },
  });
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
  ];
  const current = (href: string) =>
    href === '/admin' ? pathname === '/admin' : pathname === href || (pathname.startsWith(`${href}/`) && href !== '/admin/acteurs');
  return (
    <nav className="admin-nav" aria-label={t.navLabel}>
      <ul>
        {links.map(([href, label]) => (
          <li key={href}>
            <Link href={href} aria-current={current(href) || (href === '/admin/acteurs' && pathname === href) ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
      <p className="admin-nav__user">
        <span>{t.signedInAs(session.user.display_name ?? session.user.email, ROLE_LABELS[session.user.role])}</span>{' '}
        <button type="button" className="button button--secondary" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {logout.isPending ? t.loggingOut : t.logout}
        </button>
      </p>
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
      <div className="admin">
        <p className="notice">{t.noAccess}</p>
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
