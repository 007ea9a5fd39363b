/** `/connexion` — sign-in for curators, relays and verified professionals. */
import { LoginInputSchema, type Role } from '@pare/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { SubmitButton } from '../../components/form-parts.tsx';
import { NarrowPage } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAccount } from '../../i18n/fr.account.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { client, read } from '../../lib/client.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { sessionQuery, sessionStarted } from '../account/session.ts';
import { CredentialFields, FormError } from './fields.tsx';
import { type FieldErrors, issuesToErrors, zodToErrors } from './form-errors.ts';
import './admin.css';

const t = frAdmin.login;
const FIELDS = [
  { name: 'email', id: 'login-email', label: t.email, autoComplete: 'username' },
  { name: 'password', id: 'login-password', label: t.password, autoComplete: 'current-password' },
] as const;

/**
 * Only a path of this app: never an outside address. A verified professional lands on « Mon
 * compte » (which leads to the directory), never on the back office it cannot use.
 */
function nextPath(search: string, role?: Role): string {
  const next = new URLSearchParams(search).get('suite');
  const allowed =
    next &&
    !/^\/[/\\]/.test(next) &&
    /^\/(admin|acteurs|referencer|signaler|mon-compte|ressources|departements|orientation)?(\/|\?|$)/.test(next)
      ? next
      : null;
  if (role === 'professionnel-verifie') return allowed && !/^\/(admin|equipe)(\/|\?|$)/.test(allowed) ? allowed : '/mon-compte';
  return allowed ?? '/admin';
}

export function LoginPage() {
  useDocumentTitle(t.title);
  const queryClient = useQueryClient();
  const { search } = useLocation();
  const session = useQuery(sessionQuery());
  const [values, setValues] = useState({ email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>(new Map());

  const login = useMutation({
    mutationFn: (input: { email: string; password: string }) => read(client.auth.login.$post({ json: input })),
    onSuccess: (s) => {
      sessionStarted(queryClient, s);
      navigate(nextPath(search, s.user.role));
    },
    onError: (err) => {
      if (err instanceof ApiRequestError && err.issues.length > 0) setErrors(issuesToErrors(err.issues));
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = LoginInputSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(zodToErrors(parsed.error));
      return;
    }
    setErrors(new Map());
    login.mutate(parsed.data);
  }

  if (session.data) {
    return (
      <NarrowPage heading={t.heading}>
        <p>{t.already(session.data.user.display_name ?? session.data.user.email)}</p>
        <p>
          <Link href={nextPath(search, session.data.user.role)}>
            {session.data.user.role === 'professionnel-verifie' ? frAccount.header.account : t.goToAdmin}
          </Link>
        </p>
      </NarrowPage>
    );
  }

  return (
    <NarrowPage heading={t.heading}>
      <p>{t.intro}</p>
      <FormError error={login.error} />
      <form className="admin-form" onSubmit={onSubmit} noValidate>
        <CredentialFields fields={FIELDS} values={values} onChange={(k, v) => setValues((f) => ({ ...f, [k]: v }))} errors={errors} />
        <p>
          <SubmitButton pending={login.isPending} label={t.submit} busy={t.busy} />
        </p>
      </form>
      <p>
        {frAccount.request.loginPrompt} <Link href="/demander-un-compte">{frAccount.request.title}</Link>
      </p>
    </NarrowPage>
  );
}
