/** Publics and actions shown as small labelled lists of badges. */

import type { Action, Public } from '@pare/schema';
import { ACTION_LABELS, PUBLIC_LABELS } from '@pare/schema/codes';
import { fr } from '../i18n/fr.ts';

/** Codes as a labelled list of badges; nothing when there is none. */
function CodeBadges<C extends string>({
  codes,
  labels,
  kind,
  label,
}: {
  codes: readonly C[];
  labels: Record<C, string>;
  kind: string;
  label: string;
}) {
  if (codes.length === 0) return null;
  return (
    <ul className="badges" aria-label={label}>
      {codes.map((c) => (
        <li key={c} className={`badge badge--${kind}`}>
          {labels[c]}
        </li>
      ))}
    </ul>
  );
}

export function PublicBadges({ publics, label = fr.result.publics }: { publics: readonly Public[]; label?: string }) {
  return <CodeBadges codes={publics} labels={PUBLIC_LABELS} kind="public" label={label} />;
}

export function ActionBadges({ actions, label = fr.result.actions }: { actions: readonly Action[]; label?: string }) {
  return <CodeBadges codes={actions} labels={ACTION_LABELS} kind="action" label={label} />;
}

export function ConfidentialBadge() {
  return <span className="badge badge--confidential">{fr.result.confidential}</span>;
}
