/** Who is signed in, with « Mon compte » and « Se déconnecter »: in the header of every page. */
import { frAccount, ROLE_NAMES } from '../../i18n/fr.account.ts';
import { Link, useLocation } from '../../lib/router.tsx';
import type { Session } from './session.ts';
import { useLogout } from './use-logout.ts';

const t = frAccount.header;

export function SignedInBar({ session }: { session: Session }) {
  const { pathname } = useLocation();
  const logout = useLogout();
  return (
    <nav className="account-bar" aria-label={t.label}>
      <span className="account-bar__who">{t.who(session.user.display_name ?? session.user.email, ROLE_NAMES[session.user.role])}</span>
      <Link href="/mon-compte" aria-current={pathname === '/mon-compte' ? 'page' : undefined}>
        {t.account}
      </Link>
      <button type="button" className="button button--link account-bar__logout" onClick={() => logout.mutate()} disabled={logout.isPending}>
        {logout.isPending ? t.loggingOut : t.logout}
      </button>
    </nav>
  );
}
