/** Labelled form fields with their hint and French errors, wired for screen readers (aria-invalid, aria-describedby). */
import type { ChangeEvent, ReactNode } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { OptionList } from '../../components/form-parts.tsx';
import { ApiRequestError } from '../../lib/api.ts';
import { errorsAt, type FieldErrors } from './form-errors.ts';

export function FieldError({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <p id={id} className="field__error">
      {[...new Set(messages)].join(' ')}
    </p>
  );
}

type Common = { id: string; label: ReactNode; hint?: string | undefined; errors?: readonly string[]; required?: boolean };

function describedBy(id: string, hint: string | undefined, errors: readonly string[]) {
  return [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** What every control says to a screen reader: invalid or not, and where its hint and errors are. */
function ariaOf(id: string, hint: string | undefined, errors: readonly string[]) {
  return { 'aria-invalid': errors.length > 0 || undefined, 'aria-describedby': describedBy(id, hint, errors) };
}

/** The frame of one field: its label, its hint, the control, its errors; `className` for a field of its own kind. */
export function Field({
  id,
  label,
  hint,
  errors,
  className = 'field',
  children,
}: Omit<Common, 'required'> & { errors: readonly string[]; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {children}
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}

type ControlProps = Common & { value: string; onChange: (v: string) => void; onBlur?: (() => void) | undefined };

/** A field's props, split into its frame's (label, hint, errors) and its control's (value, change, required, aria). */
function frameAndControl({ id, label, hint, errors = [], required, value, onChange, onBlur }: ControlProps) {
  const frame = { id, label, hint, errors };
  const control = {
    id,
    value,
    required,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => onChange(e.target.value),
    onBlur,
    ...ariaOf(id, hint, errors),
  };
  return [frame, control] as const;
}

export function TextField({
  type = 'text',
  autoComplete,
  inputMode,
  ...props
}: ControlProps & { type?: string; autoComplete?: string; inputMode?: 'numeric' | 'email' | 'tel' | 'url' | 'text' }) {
  const [frame, control] = frameAndControl(props);
  return (
    <Field {...frame}>
      <input type={type} autoComplete={autoComplete} inputMode={inputMode} {...control} />
    </Field>
  );
}

export function TextArea({ rows = 4, ...props }: ControlProps & { rows?: number }) {
  const [frame, control] = frameAndControl(props);
  return (
    <Field {...frame}>
      <textarea rows={rows} {...control} />
    </Field>
  );
}

export function SelectField({ options, ...props }: Omit<ControlProps, 'onBlur'> & { options: readonly (readonly [string, string])[] }) {
  const [frame, control] = frameAndControl(props);
  return (
    <Field {...frame}>
      <select {...control}>
        <OptionList options={options} />
      </select>
    </Field>
  );
}

/** A sign-in field: what a password manager may fill in it says whether it holds an address or a password. */
export type CredentialSpec<K extends string> = {
  name: K;
  id: string;
  label: string;
  hint?: string;
  autoComplete: 'username' | 'current-password' | 'new-password';
};

/** The fields of a sign-in or password form, all required, each with the errors at its name. */
export function CredentialFields<K extends string>({
  fields,
  values,
  onChange,
  errors,
}: {
  fields: readonly CredentialSpec<K>[];
  values: Record<K, string>;
  onChange: (name: K, value: string) => void;
  errors: FieldErrors;
}) {
  return fields.map((f) => (
    <TextField
      key={f.name}
      id={f.id}
      label={f.label}
      hint={f.hint}
      type={f.autoComplete === 'username' ? 'email' : 'password'}
      autoComplete={f.autoComplete}
      value={values[f.name]}
      onChange={(v) => onChange(f.name, v)}
      errors={errorsAt(errors, f.name)}
      required
    />
  ));
}

export function CheckboxGroup<T extends string>({
  id,
  label,
  errors = [],
  options,
  value,
  onChange,
}: Common & { options: Record<T, string>; value: readonly T[]; onChange: (v: T[]) => void }) {
  const toggle = (code: T, on: boolean) => onChange(on ? [...value.filter((v) => v !== code), code] : value.filter((v) => v !== code));
  return (
    <fieldset id={id} className="admin-checkboxes" aria-describedby={errors.length ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      {(Object.entries(options) as [T, string][]).map(([code, text]) => (
        <label key={code} className="admin-checkbox">
          <input type="checkbox" name={id} value={code} checked={value.includes(code)} onChange={(e) => toggle(code, e.target.checked)} />{' '}
          {text}
        </label>
      ))}
      <FieldError id={`${id}-error`} messages={errors} />
    </fieldset>
  );
}

export function Checkbox({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <div className="field field--checkbox">
      <label htmlFor={id} className="admin-checkbox">
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
    </div>
  );
}

/** The list of what to fix, at the top of a form, each linked to its field when it has one. */
export function ErrorSummary({ title, items }: { title: string; items: { path: string; message: string; target?: string | undefined }[] }) {
  if (items.length === 0) return null;
  return (
    <div className="notice notice--error" role="alert" tabIndex={-1}>
      <p className="notice__title">{title}</p>
      <ul>
        {items.map((i) => (
          <li key={`${i.path}:${i.message}`}>{i.target ? <a href={`#${i.target}`}>{i.message}</a> : i.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** A request's error, unless it names fields: then each field says its own, and the summary lists them. */
export function FormError({ error }: { error: Error | null }) {
  if (!error || (error instanceof ApiRequestError && error.issues.length > 0)) return null;
  return <ErrorMessage error={error} />;
}
