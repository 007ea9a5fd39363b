/**
 * `/mon-compte` — who I am (name, e-mail, role, départements), what my account gives me (for a
 * verified professional: the professionals' contacts in the directory), my open sessions (each
 * can be closed, or all the others at once) and « Se déconnecter ».
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { NarrowPage } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAccount, ROLE_NAMES } from '../../i18n/fr.account.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { AdminTable } from '../admin/admin-table.tsx';
import { type Session, sessionQuery } from './session.ts';
import '../admin/admin.css';
import { departementNamesQuery } from '../departements/queries.ts';
import { accountKeys, describeDevice, mySessionsQuery, revokeMyOtherSessions, revokeMySession } from './queries.ts';
import { useLogout } from './use-logout.ts';

const t = frAccount.page;

function Sessions() {
  const queryClient = useQueryClient();
  const sessions = useQuery(mySessionsQuery());
  const [message, setMessage] = useState('');
  const done = (text: string) => {
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: accountKeys.sessions });
  };
  const revoke = useMutation({
    mutationFn: (id: string) => revokeMySession(id),
    onSuccess: () => done(t.revoked),
  });
  const revokeOthers = useMutation({
    mutationFn: () => revokeMyOtherSessions(),
    onSuccess: (r) => done(t.revokedOthers(r.ended)),
  });
  const others = (sessions.data?.items ?? []).filter((s) => !s.current).length;
  return (
    <section aria-labelledby="account-sessions">
      <h2 id="account-sessions">{t.sessionsHeading}</h2>
      <p>{t.sessionsIntro}</p>
      {sessions.isError && <ErrorMessage error={sessions.error} />}
      {(revoke.isError || revokeOthers.isError) && <ErrorMessage error={revoke.error ?? revokeOthers.error} />}
      {sessions.data && (
        <AdminTable columns={[t.device, t.created, t.lastSeen, t.actions]}>
          {sessions.data.items.map((s) => {
            const device = describeDevice(s.user_agent) ?? t.unknownDevice;
            return (
              <tr key={s.id}>
                <td className="account-device">
                  {device}
                  {s.current && (
                    <>
                      <br />
                      <strong>{t.thisOne}</strong>
                    </>
                  )}
                </td>
                <td>{frAccount.formatDate(s.created_at)}</td>
                <td>{frAccount.formatDate(s.last_seen_at)}</td>
                <td>
                  {!s.current && (
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t.revokeLabel(device, frAccount.formatDate(s.created_at))}
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(s.id)}
                    >
                      {t.revoke}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </AdminTable>
      )}
      <div className="account-actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={revokeOthers.isPending || others === 0}
          onClick={() => revokeOthers.mutate()}
        >
          {t.revokeOthers}
        </button>
        <p role="status" className="field__hint">
          {message}
        </p>
      </div>
    </section>
  );
}

function Identity({ session }: { session: Session }) {
  const names = useQuery(departementNamesQuery());
  const u = session.user;
  return (
    <section aria-labelledby="account-identity">
      <h2 id="account-identity">{t.identity}</h2>
      <dl className="account-facts">
        <dt>{t.name}</dt>
        <dd>{u.display_name ?? t.noName}</dd>
        <dt>{t.email}</dt>
        <dd>{u.email}</dd>
        <dt>{t.role}</dt>
        <dd>{ROLE_NAMES[u.role]}</dd>
        {u.departements.length > 0 && (
          <>
            <dt>{t.departements}</dt>
            <dd>{u.departements.map((c) => `${names.data?.get(c) ?? c} (${c})`).join(', ')}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function AccountPage() {
  useDocumentTitle(t.title);
  const session = useQuery(sessionQuery());
  const logout = useLogout(() => navigate('/'));

  if (session.isPending) return <p role="status">{frAccount.header.label}…</p>;
  if (session.isError) return <ErrorMessage error={session.error} />;
  if (!session.data) {
    return (
      <NarrowPage heading={t.heading}>
        <p>
          {t.signInRequired} <Link href="/connexion?suite=%2Fmon-compte">{t.signIn}</Link>
        </p>
      </NarrowPage>
    );
  }
  const pro = session.data.user.role === 'professionnel-verifie';
  return (
    <NarrowPage heading={t.heading}>
      <Identity session={session.data} />
      {pro ? (
        <section aria-labelledby="account-pro">
          <h2 id="account-pro">{t.proSpaceHeading}</h2>
          <p>{t.proSpace}</p>
          <p>{t.proConfidential}</p>
          <p className="account-actions">
            <Link className="button button--primary" href="/">
              {t.goToDirectory}
            </Link>
            <Link href="/orientation">{t.goToOrientation}</Link>
          </p>
        </section>
      ) : (
        <p className="account-actions">
          <Link className="button button--primary" href="/admin">
            {t.goToAdmin}
          </Link>
        </p>
      )}
      <Sessions />
      <p className="account-actions">
        <button type="button" className="button button--secondary" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {t.logout}
        </button>
      </p>
    </NarrowPage>
  );
}
