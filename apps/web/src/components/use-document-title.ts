import { useEffect } from 'react';
import { fr } from '../i18n/fr.ts';

/** « <page> — PARÉ » while the page is shown. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} — ${fr.app.titleSuffix}` : fr.app.titleSuffix;
  }, [title]);
}
