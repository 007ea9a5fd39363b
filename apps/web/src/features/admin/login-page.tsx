/** `/connexion` — sign-in for curators, relays and verified professionals. */
import { LoginInputSchema, type Role } from '@pare/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAccount } from '../../i18n/fr.account.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { client, read } from '../../lib/client.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { sessionQuery, sessionStarted } from '../account/session.ts';
import { FormError, SubmitButton, TextField } from './fields.tsx';
import { errorsAt, type FieldErrors, issuesToErrors, zodToErrors } from './form-errors.ts';
import './admin.css';

const t = frAdmin.login;

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
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
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
    const parsed = LoginInputSchema.safeParse({ email, password });
    if (!parsed.success) {
      setErrors(zodToErrors(parsed.error));
      return;
    }
    setErrors(new Map());
    login.mutate(parsed.data);
  }

  if (session.data) {
    return (
      <div className="narrow-page admin-page">
        <h1 data-page-heading tabIndex={-1}>
          {t.heading}
        </h1>
        <p>{t.already(session.data.user.display_name ?? session.data.user.email)}</p>
        <p>
          <Link href={nextPath(search, session.data.user.role)}>
            {session.data.user.role === 'professionnel-verifie' ? frAccount.header.account : t.goToAdmin}
          </Link>
        </p>
      </div>
    );
  }

  const emailErrors = errorsAt(errors, 'email');
  const passwordErrors = errorsAt(errors, 'password');
  return (
    <div className="narrow-page admin-page">
      <h1 data-page-heading tabIndex={-1}>
        {t.heading}
      </h1>
      <p>{t.intro}</p>
      <FormError error={login.error} />
      <form className="admin-form" onSubmit={onSubmit} noValidate>
        <TextField
          id="login-email"
          label={t.email}
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          errors={emailErrors}
          required
        />
        <TextField
          id="login-password"
          label={t.password}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          errors={passwordErrors}
          required
        />
        <p>
          <SubmitButton pending={login.isPending} label={t.submit} busy={t.busy} />
        </p>
      </form>
      <p>
        {frAccount.request.loginPrompt} <Link href="/demander-un-compte">{frAccount.request.title}</Link>
      </p>
    </div>
  );
}
