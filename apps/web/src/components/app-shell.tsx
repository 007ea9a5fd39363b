/** What every public page has: skip link, quick exit, emergency numbers, header, footer. */
import type { ReactNode } from 'react';
import { HeaderAccount } from '../features/account/header-account.tsx';
import { frNewsletter } from '../i18n/fr.newsletter.ts';
import { fr } from '../i18n/fr.ts';
import { Link } from '../lib/router.tsx';
import { EmergencyBanner } from './emergency-banner.tsx';
import { LinkList } from './link-section.tsx';
import { NAV_LINKS } from './nav-links.ts';
import { QuickExitButton } from './quick-exit.tsx';

export const MAIN_ID = 'contenu';

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {fr.app.skipLink}
      </a>
      {/* One band: the quick exit (first in the tab order) and the emergency numbers. On a phone the
          quick exit is a bar of its own at the bottom of the screen, with its height kept free under
          the page; on larger screens the band sticks to the top. Either way it covers nothing. */}
      <div className="top-band">
        <div className="quick-exit-bar">
          <QuickExitButton />
        </div>
        <EmergencyBanner />
      </div>
      <header className="site-header">
        <div className="site-header__inner">
          <Link href="/" className="site-header__brand">
            <span className="site-header__name">{fr.app.name}</span>
            <span className="site-header__tagline">{fr.app.tagline}</span>
          </Link>
          <nav className="site-nav" aria-label={fr.app.navLabel}>
            <LinkList links={NAV_LINKS} />
          </nav>
          <HeaderAccount />
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p>{fr.app.footerAbout}</p>
        <p>{fr.app.footerPrivacy}</p>
        <nav aria-label={fr.app.footerNavLabel}>
          <ul className="site-footer__links">
            <li>
              <Link href="/referencer">{fr.app.footerLinks.referencing}</Link>
            </li>
            <li>
              <Link href="/demander-un-compte">{fr.app.footerLinks.askAccount}</Link>
            </li>
            <li>
              <Link href="/lettre">{frNewsletter.footerLink}</Link>
            </li>
            <li>
              <Link href="/connexion">{fr.app.footerLinks.curators}</Link>
            </li>
            <li>
              {/* A server page, not a client route: a plain link. */}
              <a href="/api/docs">{fr.app.footerLinks.apiDocs}</a>
            </li>
          </ul>
        </nav>
      </footer>
    </>
  );
}
