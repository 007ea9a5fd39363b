/** `/mot-de-passe/:token` — « choisir un mot de passe », from the single-use link mailed at creation or reset. */
import { SetPasswordInputSchema } from '@pare/schema';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { SubmitButton } from '../../components/form-parts.tsx';
import { NarrowPage } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAccount } from '../../i18n/fr.account.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { CredentialFields, FormError } from '../admin/fields.tsx';
import { type FieldErrors, issuesToErrors, zodToErrors } from '../admin/form-errors.ts';
import '../admin/admin.css';
import { choosePassword, passwordLinkQuery } from './queries.ts';

const t = frAccount.password;
const FIELDS = [
  { name: 'password', id: 'password', label: t.password, hint: t.passwordHint, autoComplete: 'new-password' },
  { name: 'confirm', id: 'confirm', label: t.confirm, autoComplete: 'new-password' },
] as const;

export function SetPasswordPage({ token }: { token: string }) {
  useDocumentTitle(t.title);
  const link = useQuery(passwordLinkQuery(token));
  const [values, setValues] = useState({ password: '', confirm: '' });
  const { password, confirm } = values;
  const [errors, setErrors] = useState<FieldErrors>(new Map());
  const doneRef = useRef<HTMLDivElement>(null);

  const save = useMutation({
    mutationFn: (body: { password: string }) => choosePassword(token, body.password),
    onSuccess: () => setTimeout(() => doneRef.current?.focus(), 0),
    onError: (err) => {
      if (err instanceof ApiRequestError && err.issues.length > 0) setErrors(issuesToErrors(err.issues));
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = SetPasswordInputSchema.safeParse({ password });
    const next = parsed.success ? new Map() : zodToErrors(parsed.error);
    if (parsed.success && confirm !== password) next.set('confirm', [t.mismatch]);
    setErrors(next);
    if (next.size === 0 && parsed.success) save.mutate(parsed.data);
  }

  const gone =
    (link.error instanceof ApiRequestError && link.error.status === 404) ||
    (save.error instanceof ApiRequestError && save.error.status === 404);
  if (link.isPending) return <p role="status">{frAdmin.common.loading}</p>;
  if (gone) {
    return (
      <NarrowPage heading={t.heading}>
        <p className="notice notice--error">{t.unknown}</p>
      </NarrowPage>
    );
  }
  if (link.isError) return <ErrorMessage error={link.error} />;
  if (save.isSuccess) {
    return (
      <NarrowPage heading={t.heading}>
        <div className="notice notice--success" role="status" tabIndex={-1} ref={doneRef}>
          <p>{t.done}</p>
          <p>
            <Link className="button button--primary" href="/connexion">
              {t.signIn}
            </Link>
          </p>
        </div>
      </NarrowPage>
    );
  }
  return (
    <NarrowPage heading={t.heading}>
      <p>{t.intro(link.data.email)}</p>
      <FormError error={save.error} />
      <form className="admin-form" onSubmit={onSubmit} noValidate>
        {/* The address as a username field: password managers save the new password under it. */}
        <input type="email" name="username" autoComplete="username" value={link.data.email} readOnly hidden />
        <CredentialFields fields={FIELDS} values={values} onChange={(k, v) => setValues((f) => ({ ...f, [k]: v }))} errors={errors} />
        <p>
          <SubmitButton pending={save.isPending} label={t.submit} busy={t.busy} />
        </p>
      </form>
    </NarrowPage>
  );
}
