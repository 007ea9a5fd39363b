/**
 * `/admin/comptes` (administrators) — the professionals' account requests (« créer le compte »
 * pre-fills the creation, « refuser » tells the person), the creation of an account (a link to
 * choose the password is mailed: the administrator never picks one), and every account: role,
 * départements (by name), disable / enable, a new password link, its sessions closed.
 */
import { type AccountRequest, type AdminUser, ROLES, type Role } from '@pare/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { SubmitButton } from '../../components/form-parts.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAccount, ROLE_NAMES } from '../../i18n/fr.account.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { AdminLayout } from '../admin/admin-layout.tsx';
import { AdminTable } from '../admin/admin-table.tsx';
import { SelectField, TextField } from '../admin/fields.tsx';
import { errorsAt, type FieldErrors, issuesToErrors } from '../admin/form-errors.ts';
import { departementNamesQuery } from '../departements/queries.ts';
import { DepartementPicker, type PickedDepartement } from './departement-picker.tsx';
import {
  accountKeys,
  accountRequestsQuery,
  type CreateUserInput,
  createUser,
  refuseAccountRequest,
  userActions,
  usersQuery,
} from './queries.ts';
import type { Session } from './session.ts';
import './account.css';

const t = frAccount.admin;
const ROLE_OPTIONS = ROLES.map((r) => [r, ROLE_NAMES[r]] as const);

type Names = Map<string, string> | undefined;
const picked = (codes: string[], names: Names): PickedDepartement[] => codes.map((code) => ({ code, name: names?.get(code) ?? code }));
const departementList = (codes: string[], names: Names) => codes.map((c) => `${names?.get(c) ?? c} (${c})`).join(', ');

function useRefreshAccounts() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: accountKeys.users });
    void queryClient.invalidateQueries({ queryKey: accountKeys.requests });
  };
}

const focusSoon = (el: { current: HTMLElement | null }) => setTimeout(() => el.current?.focus(), 0);

// --- requests ----------------------------------------------------------------------------------

function RequestCard({ request, names, onCreate }: { request: AccountRequest; names: Names; onCreate: (r: AccountRequest) => void }) {
  const refresh = useRefreshAccounts();
  const [confirming, setConfirming] = useState(false);
  const refuse = useMutation({
    mutationFn: () => refuseAccountRequest(request.id),
    onSuccess: refresh,
  });
  const headingId = `request-${request.id}`;
  return (
    <li className="account-request-card">
      <h3 id={headingId}>{t.requestFrom(request.name, request.organisation)}</h3>
      <dl className="account-facts">
        <dt>{t.requestFunction}</dt>
        <dd>{request.function}</dd>
        <dt>{t.requestEmail}</dt>
        <dd>{request.email}</dd>
        <dt>{t.requestDepartements}</dt>
        <dd>{departementList(request.departements, names)}</dd>
        {request.message && (
          <>
            <dt>{t.requestMessage}</dt>
            <dd className="account-message">{request.message}</dd>
          </>
        )}
        <dt>{t.requestDate}</dt>
        <dd>{frAccount.formatDate(request.created_at)}</dd>
      </dl>
      {refuse.isError && <ErrorMessage error={refuse.error} />}
      <div className="account-actions">
        <button type="button" className="button button--primary" onClick={() => onCreate(request)}>
          {t.createFromRequest}
        </button>
        {confirming ? (
          <>
            <span>{t.refuseConfirm}</span>
            <button type="button" className="button button--secondary" onClick={() => refuse.mutate()} disabled={refuse.isPending}>
              {t.refuse}
            </button>
            <button type="button" className="button button--link" onClick={() => setConfirming(false)}>
              {frAccount.admin.close}
            </button>
          </>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
            {t.refuse}
          </button>
        )}
      </div>
    </li>
  );
}

function Requests({ names, onCreate }: { names: Names; onCreate: (r: AccountRequest) => void }) {
  const requests = useQuery(accountRequestsQuery());
  const waiting = (requests.data?.items ?? []).filter((r) => r.status === 'nouvelle');
  const handled = (requests.data?.items ?? []).filter((r) => r.status !== 'nouvelle');
  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">
        {t.requestsHeading} ({waiting.length})
      </h2>
      {requests.isError && <ErrorMessage error={requests.error} />}
      {requests.isSuccess && waiting.length === 0 && <p>{t.requestsNone}</p>}
      <ul className="account-requests">
        {waiting.map((r) => (
          <RequestCard key={r.id} request={r} names={names} onCreate={onCreate} />
        ))}
      </ul>
      {handled.length > 0 && (
        <details>
          <summary>
            {t.handled} ({handled.length})
          </summary>
          <ul>
            {handled.map((r) => (
              <li key={r.id}>
                {t.requestFrom(r.name, r.organisation)} · {r.email} · {t.statuses[r.status]}
                {r.handled_at ? ` (${frAccount.formatDate(r.handled_at)})` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

// --- creation ----------------------------------------------------------------------------------

type CreateDraft = { email: string; display_name: string; role: Role; departements: PickedDepartement[]; request: AccountRequest | null };
const emptyDraft = (): CreateDraft => ({ email: '', display_name: '', role: 'professionnel-verifie', departements: [], request: null });

function CreateForm({
  draft,
  setDraft,
  headingRef,
}: {
  draft: CreateDraft;
  setDraft: (d: CreateDraft) => void;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const refresh = useRefreshAccounts();
  const [errors, setErrors] = useState<FieldErrors>(new Map());
  const [done, setDone] = useState('');
  const doneRef = useRef<HTMLParagraphElement>(null);
  const create = useMutation({
    mutationFn: (body: CreateUserInput) => createUser(body),
    onSuccess: (u) => {
      setDone(t.created(u.email));
      setDraft(emptyDraft());
      setErrors(new Map());
      refresh();
      focusSoon(doneRef);
    },
    onError: (err) => {
      if (err instanceof ApiRequestError && err.issues.length > 0) setErrors(issuesToErrors(err.issues));
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone('');
    create.mutate({
      email: draft.email.trim(),
      role: draft.role,
      departements: draft.role === 'relais' ? draft.departements.map((d) => d.code) : [],
      display_name: draft.display_name.trim() || null,
      ...(draft.request ? { account_request_id: draft.request.id } : {}),
    });
  }
  return (
    <section aria-labelledby="create-heading">
      <h2 id="create-heading" ref={headingRef} tabIndex={-1}>
        {t.createHeading}
      </h2>
      <p>{t.createIntro}</p>
      {draft.request && <p className="notice">{t.fromRequest(draft.request.name)}</p>}
      {create.isError && !(create.error instanceof ApiRequestError && create.error.issues.length > 0) && (
        <ErrorMessage error={create.error} />
      )}
      <form className="admin-form" onSubmit={onSubmit} noValidate>
        <TextField
          id="create-email"
          label={t.email}
          type="email"
          value={draft.email}
          onChange={(v) => setDraft({ ...draft, email: v })}
          errors={errorsAt(errors, 'email')}
          autoComplete="off"
          required
        />
        <TextField
          id="create-name"
          label={t.displayName}
          hint={t.displayNameHint}
          value={draft.display_name}
          onChange={(v) => setDraft({ ...draft, display_name: v })}
          errors={errorsAt(errors, 'display_name')}
          autoComplete="off"
        />
        <SelectField
          id="create-role"
          label={t.role}
          value={draft.role}
          options={ROLE_OPTIONS}
          onChange={(v) => setDraft({ ...draft, role: v as Role })}
          errors={errorsAt(errors, 'role')}
        />
        {draft.role === 'relais' && (
          <DepartementPicker
            id="create-departements"
            label={t.departements}
            value={draft.departements}
            onChange={(d) => setDraft({ ...draft, departements: d })}
            errors={errorsAt(errors, 'departements')}
          />
        )}
        <p className="account-actions">
          <SubmitButton pending={create.isPending} label={t.create} busy={t.creating} />
          {draft.request && (
            <button type="button" className="button button--link" onClick={() => setDraft(emptyDraft())}>
              {frAccount.admin.close}
            </button>
          )}
        </p>
        <p role="status" tabIndex={-1} ref={doneRef} className={done ? 'notice notice--success' : undefined}>
          {done}
        </p>
      </form>
    </section>
  );
}

// --- one account -------------------------------------------------------------------------------

function EditAccount({ user, self, names, onClose }: { user: AdminUser; self: boolean; names: Names; onClose: () => void }) {
  const refresh = useRefreshAccounts();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [role, setRole] = useState<Role>(user.role);
  const [displayName, setDisplayName] = useState(user.display_name ?? '');
  const [departements, setDepartements] = useState<PickedDepartement[]>(picked(user.departements, names));
  const [errors, setErrors] = useState<FieldErrors>(new Map());
  const [message, setMessage] = useState('');
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const action = useMutation({
    mutationFn: ({ run }: { run: () => Promise<unknown>; message: string }) => run(),
    onSuccess: (r, v) => {
      setErrors(new Map());
      setMessage(typeof r === 'object' && r && 'ended' in r ? t.endedSessions(Number((r as { ended: number }).ended)) : v.message);
      refresh();
      focusSoon(statusRef);
    },
    onError: (err) => {
      setMessage('');
      if (err instanceof ApiRequestError && err.issues.length > 0) setErrors(issuesToErrors(err.issues));
    },
  });
  /** The account's on/off button enables a disabled account, disables an active one. */
  const enable = !user.active;
  /** A button that runs one change on the account, then says `message` (or what the answer says). */
  const actionButton = (label: string, run: () => Promise<unknown>, message: string) => (
    <button type="button" className="button button--secondary" disabled={action.isPending} onClick={() => action.mutate({ run, message })}>
      {label}
    </button>
  );
  function onSave(e: FormEvent) {
    e.preventDefault();
    action.mutate({
      run: () =>
        userActions.update(user.id, {
          role,
          display_name: displayName.trim() || null,
          departements: role === 'relais' ? departements.map((d) => d.code) : [],
        }),
      message: t.saved,
    });
  }
  const issues = [...errors].flatMap(([, m]) => m);
  return (
    <section className="account-edit" aria-labelledby="edit-heading">
      <h2 id="edit-heading" ref={headingRef} tabIndex={-1}>
        {t.editHeading(user.email)}
      </h2>
      <form className="admin-form" onSubmit={onSave} noValidate>
        <TextField
          id="edit-name"
          label={t.displayName}
          hint={t.displayNameHint}
          value={displayName}
          onChange={setDisplayName}
          errors={errorsAt(errors, 'display_name')}
        />
        <SelectField
          id="edit-role"
          label={t.role}
          value={role}
          options={ROLE_OPTIONS}
          onChange={(v) => setRole(v as Role)}
          errors={errorsAt(errors, 'role')}
        />
        {role === 'relais' && (
          <DepartementPicker
            id="edit-departements"
            label={t.departements}
            value={departements}
            onChange={setDepartements}
            errors={errorsAt(errors, 'departements')}
          />
        )}
        {errors.has('active') && <p className="field__error">{errorsAt(errors, 'active').join(' ')}</p>}
        <div className="account-actions">
          <button type="submit" className="button button--primary" disabled={action.isPending}>
            {t.save}
          </button>
          {!self &&
            actionButton(
              enable ? t.enable : t.disable,
              () => userActions.update(user.id, { active: enable }),
              enable ? t.enabledDone : t.disabledDone,
            )}
          {user.active && actionButton(t.reset, () => userActions.reset(user.id), t.resetDone(user.email))}
          {!self && actionButton(t.endSessions, () => userActions.endSessions(user.id), '')}
          <button type="button" className="button button--link" onClick={onClose}>
            {t.close}
          </button>
        </div>
        {action.isError && issues.length === 0 && <ErrorMessage error={action.error} />}
        <p role="status" tabIndex={-1} ref={statusRef} className={message ? 'notice notice--success' : undefined}>
          {message}
        </p>
      </form>
    </section>
  );
}

function AccountsList({ session, names }: { session: Session; names: Names }) {
  const users = useQuery(usersQuery());
  const [editing, setEditing] = useState<number | null>(null);
  const editingUser = users.data?.items.find((u) => u.id === editing);
  const rowButtons = useRef(new Map<number, HTMLButtonElement>());
  function close() {
    const id = editing;
    setEditing(null);
    if (id !== null) setTimeout(() => rowButtons.current.get(id)?.focus(), 0);
  }
  return (
    <section aria-labelledby="list-heading">
      <h2 id="list-heading">{t.listHeading}</h2>
      {users.isError && <ErrorMessage error={users.error} />}
      {editingUser && (
        <EditAccount key={editingUser.id} user={editingUser} self={editingUser.id === session.user.id} names={names} onClose={close} />
      )}
      {users.data && (
        <AdminTable columns={[t.colAccount, t.colRole, t.colState, t.colSessions, t.colActions]}>
          {users.data.items.map((u) => (
            <tr key={u.id}>
              <td className="account-device">
                {u.display_name && (
                  <>
                    <strong>{u.display_name}</strong>
                    <br />
                  </>
                )}
                {u.email} {u.id === session.user.id && t.you}
              </td>
              <td>
                {ROLE_NAMES[u.role]}
                {u.departements.length > 0 && (
                  <>
                    <br />
                    {departementList(u.departements, names)}
                  </>
                )}
              </td>
              <td>{!u.active ? t.disabled : u.setup_pending ? t.pending : t.active}</td>
              <td>{t.sessions(u.sessions)}</td>
              <td>
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t.editOf(u.email)}
                  aria-expanded={editing === u.id}
                  ref={(el) => {
                    if (el) rowButtons.current.set(u.id, el);
                    else rowButtons.current.delete(u.id);
                  }}
                  onClick={() => setEditing(u.id)}
                >
                  {t.edit}
                </button>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}

function AccountsAdmin({ session }: { session: Session }) {
  const names = useQuery(departementNamesQuery()).data;
  const [draft, setDraft] = useState<CreateDraft>(emptyDraft());
  const createHeading = useRef<HTMLHeadingElement>(null);
  if (session.user.role !== 'admin') return <p className="notice">{t.adminOnly}</p>;
  function createFrom(r: AccountRequest) {
    setDraft({
      email: r.email,
      display_name: r.name,
      role: 'professionnel-verifie',
      departements: picked(r.departements, names),
      request: r,
    });
    focusSoon(createHeading);
  }
  return (
    <div className="admin-page">
      <h1 data-page-heading tabIndex={-1}>
        {t.heading}
      </h1>
      <Requests names={names} onCreate={createFrom} />
      <CreateForm draft={draft} setDraft={setDraft} headingRef={createHeading} />
      <AccountsList session={session} names={names} />
    </div>
  );
}

export function AdminAccountsPage() {
  useDocumentTitle(t.title);
  return <AdminLayout>{(session) => <AccountsAdmin session={session} />}</AdminLayout>;
}
