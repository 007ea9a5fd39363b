/**
 * The field kit of the resource centre's back-office editors (resources and protocols): labelled
 * fields with the API's messages beside them, checkbox groups, territory pickers, the heading with
 * its status line, the archive toggle and the history of revisions.
 */

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { frEditor } from '../../i18n/fr.editor.ts';
import { frResources } from '../../i18n/fr.resources.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { TerritoryPicker } from '../admin/territory-picker.tsx';
import { revisionsQuery } from './queries.ts';

const t = frResources.edit;

export const splitList = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
export const orNull = (v: string) => (v.trim() ? v.trim() : null);

export function issuesFor(error: unknown, path: string): string[] {
  if (!(error instanceof ApiRequestError)) return [];
  return error.issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`)).map((i) => i.message);
}

/** Régions or départements chosen by name (chips), kept in the form as « 57, 54 ». */
export function CodesPicker({
  kind,
  label,
  error,
  path,
  value,
  onChange,
}: {
  kind: 'regions' | 'departements';
  label: string;
  error: unknown;
  path: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <TerritoryPicker
      id={id}
      kind={kind}
      label={label}
      hint={frEditor.picker[`${kind}Hint`]}
      codes={splitList(value)}
      errors={issuesFor(error, path)}
      onChange={(codes) => onChange(codes.join(', '))}
    />
  );
}

export function Field({
  label,
  hint,
  error,
  path,
  children,
}: {
  label: string;
  hint?: string;
  error: unknown;
  path: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const messages = issuesFor(error, path);
  const describedBy = [hint ? `${id}-aide` : null, messages.length ? `${id}-erreur` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(messages.length ? { 'aria-invalid': true } : {}) })}
      {hint && (
        <span id={`${id}-aide`} className="field__hint">
          {hint}
        </span>
      )}
      {messages.length > 0 && (
        <span id={`${id}-erreur`} className="field__error">
          {messages.join(' ')}
        </span>
      )}
    </div>
  );
}

export function Checkboxes<T extends string>({
  legend,
  codes,
  labels,
  value,
  onChange,
  error,
  path,
}: {
  legend: string;
  codes: readonly T[];
  labels: Record<T, string>;
  value: T[];
  onChange: (v: T[]) => void;
  error: unknown;
  path: string;
}) {
  const messages = issuesFor(error, path);
  return (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      <ul>
        {codes.map((c) => (
          <li key={c}>
            <label>
              <input
                type="checkbox"
                checked={value.includes(c)}
                onChange={(e) =>
                  onChange(e.target.checked ? codes.filter((x) => x === c || value.includes(x)) : value.filter((x) => x !== c))
                }
              />{' '}
              {labels[c]}
            </label>
          </li>
        ))}
      </ul>
      {messages.length > 0 && <p className="field__error">{messages.join(' ')}</p>}
    </fieldset>
  );
}

export function History({ kind, id }: { kind: 'resources' | 'protocols'; id: number }) {
  const query = useQuery(revisionsQuery(kind, id));
  return (
    <section className="actor-section" aria-labelledby="titre-historique">
      <h2 id="titre-historique">{t.history}</h2>
      {query.data && query.data.items.length === 0 && <p>{t.historyNone}</p>}
      {query.data && (
        <ol>
          {query.data.items.map((r) => (
            <li key={r.id}>
              {t.historyItem(t.actions[r.action] ?? r.action, formatDate(r.created_at), r.author)}
              {r.changes.length > 0 && <> : {r.changes.map((c) => c.path).join(', ')}</>}
              {r.note && <> — {r.note}</>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function Status({ message }: { message: string | null }) {
  return (
    <p role="status" className={message ? 'notice' : 'visually-hidden'}>
      {message}
    </p>
  );
}

/** The editor's heading, read-only notice, status line and error summary. */
export function EditorHeading({
  title,
  readOnly,
  message,
  error,
}: {
  title: string;
  readOnly: boolean;
  message: string | null;
  error: unknown;
}) {
  return (
    <>
      <h1 tabIndex={-1} data-page-heading>
        {title}
      </h1>
      {readOnly && <p className="notice">{t.readOnly}</p>}
      <Status message={message} />
      {error !== null && <ErrorMessage title={t.errorsHeading} error={error} />}
    </>
  );
}

/** Archives a published entry, or publishes an archived one again. */
export function ArchiveToggle({ published, onToggle }: { published: boolean; onToggle: (action: 'archive' | 'restore') => Promise<void> }) {
  return (
    <p>
      <button type="button" className="button button--secondary" onClick={() => void onToggle(published ? 'archive' : 'restore')}>
        {published ? t.archive : t.restore}
      </button>
    </p>
  );
}
