/**
 * `/demander-un-compte` — how a professional asks for an account: what it gives, how the team
 * checks it, and the request form (name, organisation, function, professional e-mail,
 * départements by name, message). The request lands in the administrators' queue.
 */
import { AccountRequestInputSchema } from '@pare/schema';
import { useMutation } from '@tanstack/react-query';
import { type ComponentProps, type FormEvent, useRef, useState } from 'react';
import { SubmitButton } from '../../components/form-parts.tsx';
import { NarrowPage } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAccount } from '../../i18n/fr.account.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { ErrorSummary, FormError, TextArea, TextField } from '../admin/fields.tsx';
import { errorsAt, type FieldErrors, issuesToErrors, zodToErrors } from '../admin/form-errors.ts';
import { type AccountRequestInput, requestAccount } from './queries.ts';
import '../admin/admin.css';
import { DepartementPicker, type PickedDepartement } from './departement-picker.tsx';
import './account.css';

const t = frAccount.request;

const FIELD_IDS: Record<string, string> = {
  name: 'request-name',
  organisation: 'request-organisation',
  function: 'request-function',
  email: 'request-email',
  departements: 'request-departements',
  message: 'request-message',
};

export function AccountRequestPage() {
  useDocumentTitle(t.title);
  const [form, setForm] = useState({ name: '', organisation: '', function: '', email: '', message: '' });
  const [departements, setDepartements] = useState<PickedDepartement[]>([]);
  const [errors, setErrors] = useState<FieldErrors>(new Map());
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  /** A field changed: its error goes (the summary keeps the others). */
  const clearError = (path: string) =>
    setErrors((prev) =>
      errorsAt(prev, path).length === 0 ? prev : new Map([...prev].filter(([p]) => p !== path && !p.startsWith(`${path}.`))),
    );
  const set = (k: keyof typeof form) => (v: string) => {
    setForm({ ...form, [k]: v });
    clearError(k);
  };

  const send = useMutation({
    mutationFn: (body: AccountRequestInput) => requestAccount(body),
    onSuccess: () => setTimeout(() => doneRef.current?.focus(), 0),
    onError: (err) => {
      if (err instanceof ApiRequestError && err.issues.length > 0) {
        setErrors(issuesToErrors(err.issues));
        setTimeout(() => summaryRef.current?.querySelector<HTMLElement>('[role="alert"]')?.focus(), 0);
      }
    },
  });

  /** One required line of the form: its id, label, value and errors all named by its key. */
  const textField = (
    key: 'name' | 'organisation' | 'function' | 'email',
    more: Pick<ComponentProps<typeof TextField>, 'hint' | 'type' | 'autoComplete' | 'inputMode'>,
  ) => (
    <TextField
      id={FIELD_IDS[key] ?? key}
      label={t[key]}
      {...more}
      value={form[key]}
      onChange={set(key)}
      errors={errorsAt(errors, key)}
      required
    />
  );

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = { ...form, message: form.message || undefined, departements: departements.map((d) => d.code) };
    const parsed = AccountRequestInputSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(zodToErrors(parsed.error));
      setTimeout(() => summaryRef.current?.querySelector<HTMLElement>('[role="alert"]')?.focus(), 0);
      return;
    }
    setErrors(new Map());
    send.mutate(input);
  }

  if (send.isSuccess) {
    return (
      <NarrowPage heading={t.heading}>
        <div className="notice notice--success" role="status" tabIndex={-1} ref={doneRef}>
          <p>{t.done}</p>
        </div>
      </NarrowPage>
    );
  }
  const summary = [...errors].flatMap(([path, messages]) =>
    messages.map((message) => ({ path, message, target: FIELD_IDS[path.split('.')[0] ?? ''] })),
  );
  return (
    <NarrowPage heading={t.heading}>
      {t.intro.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <p>
        {t.already} <Link href="/connexion">{t.signIn}</Link>
      </p>
      <div ref={summaryRef}>
        <ErrorSummary title={t.issues} items={summary} />
      </div>
      <FormError error={send.error} />
      <form className="admin-form" onSubmit={onSubmit} noValidate>
        {textField('name', { autoComplete: 'name' })}
        {textField('organisation', { hint: t.organisationHint, autoComplete: 'organization' })}
        {textField('function', { hint: t.functionHint, autoComplete: 'organization-title' })}
        {textField('email', { type: 'email', autoComplete: 'email', inputMode: 'email' })}
        <DepartementPicker
          id="request-departements"
          label={t.departements}
          value={departements}
          onChange={(d) => {
            setDepartements(d);
            clearError('departements');
          }}
          errors={errorsAt(errors, 'departements')}
        />
        <TextArea
          id="request-message"
          label={t.message}
          hint={t.messageHint}
          value={form.message}
          onChange={set('message')}
          errors={errorsAt(errors, 'message')}
        />
        <p>
          <SubmitButton pending={send.isPending} label={t.submit} busy={t.busy} />
        </p>
      </form>
    </NarrowPage>
  );
}
