/** What every public page has: skip link, quick exit, emergency numbers, header, footer. */
import type { ReactNode } from 'react';
import { fr } from '../i18n/fr.ts';
import { Link } from '../lib/router.tsx';
import { EmergencyBanner } from './emergency-banner.tsx';
import { QuickExitButton } from './quick-exit.tsx';

export const MAIN_ID = 'contenu';

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {fr.app.skipLink}
      </a>
      <QuickExitButton />
      <EmergencyBanner />
      <header className="site-header">
        <div className="site-header__inner">
          <Link href="/" className="site-header__brand">
            <span className="site-header__name">{fr.app.name}</span>
            <span className="site-header__tagline">{fr.app.tagline}</span>
          </Link>
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p>{fr.app.footerAbout}</p>
        <p>{fr.app.footerPrivacy}</p>
      </footer>
    </>
  );
}
