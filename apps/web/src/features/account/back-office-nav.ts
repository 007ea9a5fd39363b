/**
 * Whether the back office's menu (which shows who is signed in, with « Se déconnecter ») is on
 * screen: the header's own « Mon compte · Se déconnecter » then steps aside, so a page never has
 * two sign-out buttons.
 */
import { useEffect, useSyncExternalStore } from 'react';

let mounted = 0;
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

/** Called by the back office's menu while it is rendered. */
export function useRegisterBackOfficeNav(): void {
  useEffect(() => {
    mounted += 1;
    notify();
    return () => {
      mounted -= 1;
      notify();
    };
  }, []);
}

export function useBackOfficeNavShown(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => mounted > 0,
  );
}
