/**
 * The field kit of the resource centre's back-office editors (resources and protocols): labelled
 * fields with the API's messages beside them, checkbox groups, territory pickers, the heading with
 * its status line, the archive toggle and the history of revisions.
 */

import { useQuery } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, type InputHTMLAttributes, type ReactNode, useId } from 'react';
import { CodeCheckboxes } from '../../components/code-checkboxes.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { OptionList } from '../../components/form-parts.tsx';
import { StatusLine } from '../../components/status-line.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frEditor } from '../../i18n/fr.editor.ts';
import { frResources } from '../../i18n/fr.resources.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { TerritoryPicker, type TerritoryPickerProps } from '../admin/territory-picker.tsx';
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

/** Régions or départements chosen by name (chips), with the hint of their kind. */
function CodesPicker(props: Omit<TerritoryPickerProps, 'id' | 'hint'> & { kind: 'regions' | 'departements' }) {
  return <TerritoryPicker id={useId()} hint={frEditor.picker[`${props.kind}Hint`]} {...props} />;
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

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;
type FieldChange = ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>;
/** The fields of a form that hold a string (a text, a date, one code). */
type StringKey<F> = { [K in keyof F]-?: F[K] extends string ? K : never }[keyof F] & string;
/** The fields of a form that hold a list of codes. */
type CodesKey<F> = { [K in keyof F]-?: F[K] extends readonly string[] ? K : never }[keyof F] & string;

/**
 * The form's fields bound to its values, its setter and the API's error, one call a field: an
 * input, a text of several lines, some codes or one code of a list, territories picked by name. `prefix` names a row's fields in the
 * API's messages (`members.0.`).
 */
export function fieldKit<F>(values: F, set: <K extends keyof F>(k: K, v: F[K]) => void, error: unknown, prefix = '') {
  const field = (name: StringKey<F>, label: string, hint: string | undefined, control: Parameters<typeof Field>[0]['children']) => (
    <Field key={name} label={label} {...(hint ? { hint } : {})} error={error} path={prefix + name}>
      {control}
    </Field>
  );
  const bound = (name: StringKey<F>) => ({
    value: values[name] as string,
    onChange: (e: FieldChange) => set(name, e.target.value as F[typeof name]),
  });
  return {
    input: (name: StringKey<F>, label: string, { hint, type = 'text', ...attributes }: InputAttributes & { hint?: string } = {}) =>
      field(name, label, hint, (p) => <input {...p} type={type} {...attributes} {...bound(name)} />),
    textarea: (name: StringKey<F>, label: string, maxLength: number, hint?: string) =>
      field(name, label, hint, (p) => <textarea {...p} maxLength={maxLength} {...bound(name)} />),
    /** Some codes of a list, as checkboxes. */
    checkboxes: <T extends string>(name: CodesKey<F>, legend: string, codes: readonly T[], labels: Record<T, string>) => (
      <Checkboxes
        key={name}
        legend={legend}
        codes={codes}
        labels={labels}
        value={values[name] as T[]}
        onChange={(v) => set(name, v as F[typeof name])}
        error={error}
        path={prefix + name}
      />
    ),
    /** Régions or départements chosen by name, kept as « 57, 54 »; `path` names them in the API's messages. */
    codes: (name: StringKey<F>, kind: 'regions' | 'departements', label: string, path = prefix + name) => (
      <CodesPicker
        key={name}
        kind={kind}
        label={label}
        codes={splitList(values[name] as string)}
        errors={issuesFor(error, path)}
        onChange={(codes) => set(name, codes.join(', ') as F[typeof name])}
      />
    ),
    /** One code of a list, by its label; `none` adds a first, empty choice. */
    select: <T extends string>(name: StringKey<F>, label: string, codes: readonly T[], labels: Record<T, string>, none?: string) =>
      field(name, label, undefined, (p) => (
        <select {...p} {...bound(name)}>
          {none !== undefined && <option value="">{none}</option>}
          <OptionList options={codes.map((c) => [String(c), labels[c]] as const)} />
        </select>
      )),
  };
}

export function Checkboxes<T extends string>({
  error,
  path,
  ...group
}: {
  legend: string;
  codes: readonly T[];
  labels: Record<T, string>;
  value: T[];
  onChange: (v: T[]) => void;
  error: unknown;
  path: string;
}) {
  return <CodeCheckboxes {...group} messages={issuesFor(error, path)} />;
}

export type CommonForm = { title: string; slug: string; summary: string; source_url: string };
type CommonProps = { form: CommonForm; set: (k: keyof CommonForm, v: string) => void; error: unknown };

/** The fields both forms have (title, address name, summary, source), as in `EntryForm`: blank, from a saved input, as the API's input. */
export const commonFields = {
  empty: { slug: '', title: '', summary: '', source_url: '' } satisfies CommonForm,
  of: (i: { slug?: string | null; title: string; summary?: string | null; source_url?: string | null }): CommonForm => ({
    slug: i.slug ?? '',
    title: i.title,
    summary: i.summary ?? '',
    source_url: i.source_url ?? '',
  }),
  input: (f: CommonForm) => ({
    ...(f.slug.trim() ? { slug: f.slug.trim() } : {}),
    title: f.title,
    summary: f.summary,
    source_url: orNull(f.source_url),
  }),
};

/** The entry's title and its address name (slug), first in both forms. */
function TitleAndSlug({ form, set, error }: CommonProps) {
  const kit = fieldKit(form, set, error);
  return (
    <>
      {kit.input('title', `${t.title} ${t.required}`, { required: true, maxLength: 300 })}
      {kit.input('slug', t.slug, { hint: t.slugHint, maxLength: 120 })}
    </>
  );
}

function SummaryField({ form, set, error }: CommonProps) {
  return fieldKit(form, set, error).textarea('summary', t.summary, 5000, t.summaryHint);
}

function SourceUrlField({ form, set, error }: CommonProps) {
  return fieldKit(form, set, error).input('source_url', t.sourceUrl, { type: 'url', inputMode: 'url' });
}

/** Rows added and removed one by one (a protocol's members, its meetings), each with its fields. */
export function RowList<R>({
  legend,
  rows,
  onChange,
  blank,
  addLabel,
  removeLabel,
  children,
}: {
  legend: string;
  rows: R[];
  onChange: (rows: R[]) => void;
  blank: R;
  addLabel: string;
  removeLabel: (n: number) => string;
  children: (row: R, i: number) => ReactNode;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {rows.map((row, i) => (
        <div className="row" key={i}>
          {children(row, i)}
          <button type="button" className="button button--link" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {removeLabel(i + 1)}
          </button>
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={() => onChange([...rows, blank])}>
        {addLabel}
      </button>
    </fieldset>
  );
}

function History({ kind, id }: { kind: 'resources' | 'protocols'; id: number }) {
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

/**
 * The editor's heading (also the document's title), read-only notice, status line and error
 * summary, then the form: its fields (`children`) and the save button, all disabled while read-only
 * or saving.
 */
function EditorForm({
  title,
  editor,
  children,
}: {
  title: string;
  editor: { readOnly: boolean; busy: boolean; message: string | null; error: unknown; save: (e: FormEvent) => Promise<void> };
  children: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <>
      <h1 tabIndex={-1} data-page-heading>
        {title}
      </h1>
      {editor.readOnly && <p className="notice">{t.readOnly}</p>}
      <StatusLine message={editor.message} />
      {editor.error !== null && <ErrorMessage title={t.errorsHeading} error={editor.error} />}
      <form className="admin-form" onSubmit={(e) => void editor.save(e)} noValidate>
        <fieldset disabled={editor.readOnly || editor.busy}>
          {children}
          <button type="submit" className="button button--primary">
            {editor.busy ? t.saving : t.save}
          </button>
        </fieldset>
      </form>
    </>
  );
}

/** Archives a published entry, or publishes an archived one again. */
function ArchiveToggle({ published, onToggle }: { published: boolean; onToggle: (action: 'archive' | 'restore') => Promise<void> }) {
  return (
    <p>
      <button type="button" className="button button--secondary" onClick={() => void onToggle(published ? 'archive' : 'restore')}>
        {published ? t.archive : t.restore}
      </button>
    </p>
  );
}

/**
 * One entry's editor (`useEntryEditor`): the form (title and address name, the kind's own first
 * field, the summary, the kind's other fields, the source), then what the kind adds below it
 * (`after`: a resource's file), the archive toggle and the history.
 */
export function EntryEditorPage({
  editor,
  first,
  children,
  after,
}: {
  editor: Parameters<typeof EditorForm>[0]['editor'] &
    CommonProps & {
      entry: { id: number; editable: boolean; status: 'published' | 'archived' } | null;
      title: string;
      history: 'resources' | 'protocols';
      setStatus: (action: 'archive' | 'restore') => Promise<void>;
    };
  first: ReactNode;
  children: ReactNode;
  after?: ReactNode;
}) {
  const { entry, form, set, error, setStatus } = editor;
  return (
    <>
      <EditorForm title={editor.title} editor={editor}>
        <TitleAndSlug form={form} set={set} error={error} />
        {first}
        <SummaryField form={form} set={set} error={error} />
        {children}
        <SourceUrlField form={form} set={set} error={error} />
      </EditorForm>
      {after}
      {entry?.editable && <ArchiveToggle published={entry.status === 'published'} onToggle={setStatus} />}
      {entry && <History kind={editor.history} id={entry.id} />}
    </>
  );
}
