/**
 * `/demander-un-compte` — how a professional asks for an account: what it gives, how the team
 * checks it, and the request form (name, organisation, function, professional e-mail,
 * départements by name, message). The request lands in the administrators' queue.
 */
import { AccountRequestInputSchema } from '@pare/schema';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAccount } from '../../i18n/fr.account.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { ErrorSummary, TextArea, TextField } from '../admin/fields.tsx';
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

  const heading = (
    <h1 data-page-heading tabIndex={-1}>
      {t.heading}
    </h1>
  );
  if (send.isSuccess) {
    return (
      <div className="narrow-page admin-page">
        {heading}
        <div className="notice notice--success" role="status" tabIndex={-1} ref={doneRef}>
          <p>{t.done}</p>
        </div>
      </div>
    );
  }
  const summary = [...errors].flatMap(([path, messages]) =>
    messages.map((message) => ({ path, message, target: FIELD_IDS[path.split('.')[0] ?? ''] })),
  );
  return (
    <div className="narrow-page admin-page">
      {heading}
      {t.intro.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <p>
        {t.already} <Link href="/connexion">{t.signIn}</Link>
      </p>
      <div ref={summaryRef}>
        <ErrorSummary title={t.issues} items={summary} />
      </div>
      {send.isError && !(send.error instanceof ApiRequestError && send.error.issues.length > 0) && <ErrorMessage error={send.error} />}
      <form className="admin-form" onSubmit={onSubmit} noValidate>
        <TextField
          id="request-name"
          label={t.name}
          value={form.name}
          onChange={set('name')}
          errors={errorsAt(errors, 'name')}
          autoComplete="name"
          required
        />
        <TextField
          id="request-organisation"
          label={t.organisation}
          hint={t.organisationHint}
          value={form.organisation}
          onChange={set('organisation')}
          errors={errorsAt(errors, 'organisation')}
          autoComplete="organization"
          required
        />
        <TextField
          id="request-function"
          label={t.function}
          hint={t.functionHint}
          value={form.function}
          onChange={set('function')}
          errors={errorsAt(errors, 'function')}
          autoComplete="organization-title"
          required
        />
        <TextField
          id="request-email"
          label={t.email}
          type="email"
          value={form.email}
          onChange={set('email')}
          errors={errorsAt(errors, 'email')}
          autoComplete="email"
          inputMode="email"
          required
        />
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
          <button type="submit" className="button button--primary" disabled={send.isPending}>
            {send.isPending ? t.busy : t.submit}
          </button>
        </p>
      </form>
    </div>
  );
}
