/** Publics and actions shown as small labelled lists of badges. */

import type { Action, Public } from '@pare/schema';
import { ACTION_LABELS, PUBLIC_LABELS } from '@pare/schema/codes';
import { fr } from '../i18n/fr.ts';

export function PublicBadges({ publics, label = fr.result.publics }: { publics: readonly Public[]; label?: string }) {
  if (publics.length === 0) return null;
  return (
    <ul className="badges" aria-label={label}>
      {publics.map((p) => (
        <li key={p} className="badge badge--public">
          {PUBLIC_LABELS[p]}
        </li>
      ))}
    </ul>
  );
}

export function ActionBadges({ actions, label = fr.result.actions }: { actions: readonly Action[]; label?: string }) {
  if (actions.length === 0) return null;
  return (
    <ul className="badges" aria-label={label}>
      {actions.map((a) => (
        <li key={a} className="badge badge--action">
          {ACTION_LABELS[a]}
        </li>
      ))}
    </ul>
  );
}

export function ConfidentialBadge() {
  return <span className="badge badge--confidential">{fr.result.confidential}</span>;
}
