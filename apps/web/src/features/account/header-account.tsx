/**
 * The header's « Nom (rôle) · Mon compte · Se déconnecter », on every page when signed in. Its
 * texts load only for a signed-in person (a lazy chunk): a visitor's first page stays as light.
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { fr } from '../../i18n/fr.ts';
import { useBackOfficeNavShown } from './back-office-nav.ts';
import { sessionQuery } from './session.ts';
import './account.css';

const SignedInBar = lazy(() => import('./signed-in-bar.tsx').then((m) => ({ default: m.SignedInBar })));

export function HeaderAccount() {
  const session = useQuery(sessionQuery());
  const backOffice = useBackOfficeNavShown();
  const signedIn = Boolean(session.data);
  const was = useRef(false);
  const [loggedOut, setLoggedOut] = useState(false);
  // Signed out from this page: say so where the button was.
  useEffect(() => {
    if (was.current && !signedIn) setLoggedOut(true);
    if (signedIn) setLoggedOut(false);
    was.current = signedIn;
  }, [signedIn]);
  if (!session.data) {
    return (
      <p className="account-bar account-bar--status" role="status">
        {loggedOut ? fr.app.loggedOut : ''}
      </p>
    );
  }
  // The back office's menu already says who is signed in, with its own « Se déconnecter ».
  if (backOffice) return null;
  return (
    <Suspense fallback={null}>
      <SignedInBar session={session.data} />
    </Suspense>
  );
}
