/**
 * `/admin/propositions/:id` — one submission side by side with the entry it would change: accept
 * field by field (with the curator's corrections), or reject with a reason sent to the submitter.
 */
import {
  type FieldChangeOut,
  RejectSubmissionInputSchema,
  SUBMISSION_KIND_LABELS,
  SUBMISSION_STATUS_LABELS,
  type SubmissionDetail,
} from '@pare/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { DuplicatesWarning } from '../admin/actor-edit-page.tsx';
import { ValueView } from '../admin/actor-history.tsx';
import { apiSend } from '../admin/admin-api.ts';
import { AdminLayout } from '../admin/admin-layout.tsx';
import { TextArea, TextField } from '../admin/fields.tsx';
import { submissionKeys, submissionQuery } from './queries.ts';

const t = frAdmin.review;

/** How a proposed value is edited: plain text for text, JSON for lists and objects. */
const isText = (v: unknown) => v === null || v === undefined || typeof v === 'string';
const toText = (v: unknown) => (isText(v) ? String(v ?? '') : JSON.stringify(v, null, 2));

function fromText(original: unknown, text: string): { ok: true; value: unknown } | { ok: false } {
  if (isText(original)) return { ok: true, value: text.trim() === '' ? null : text };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Text typed for a field not in the proposal: JSON when it reads as JSON, text otherwise. */
function looseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const inputId = (path: string) => `rv-${path.replace(/\./g, '-')}`;

function DiffRow({
  change,
  checked,
  onCheck,
  edit,
  onEdit,
}: {
  change: FieldChangeOut;
  checked: boolean;
  onCheck: (v: boolean) => void;
  edit: string | undefined;
  onEdit: (v: string | undefined) => void;
}) {
  const id = inputId(change.path);
  return (
    <tr className={checked ? undefined : 'is-off'}>
      <td>
        <input
          id={`${id}-ok`}
          type="checkbox"
          checked={checked}
          onChange={(e) => onCheck(e.target.checked)}
          aria-label={`${t.accept} ${change.path}`}
        />
      </td>
      <th scope="row">
        <label htmlFor={`${id}-ok`}>
          <code>{change.path}</code>
        </label>
      </th>
      <td>
        <ValueView value={change.before} />
      </td>
      <td>
        {edit === undefined ? (
          <ValueView value={change.after} />
        ) : (
          <div className="field">
            <label htmlFor={id} className="visually-hidden">
              {t.editLabel(change.path)}
            </label>
            {isText(change.after) && !String(change.after ?? '').includes('\n') ? (
              <input id={id} type="text" value={edit} onChange={(e) => onEdit(e.target.value)} />
            ) : (
              <textarea
                id={id}
                rows={Math.min(12, edit.split('\n').length + 1)}
                value={edit}
                onChange={(e) => onEdit(e.target.value)}
                aria-describedby={isText(change.after) ? undefined : `${id}-hint`}
              />
            )}
            {!isText(change.after) && (
              <p id={`${id}-hint`} className="field__hint">
                {t.jsonHint}
              </p>
            )}
          </div>
        )}
      </td>
      <td>
        <button
          type="button"
          className="button button--link"
          onClick={() => onEdit(edit === undefined ? toText(change.after) : undefined)}
          aria-label={`${t.edit} ${change.path}`}
          aria-pressed={edit !== undefined}
        >
          {t.edit}
        </button>
      </td>
    </tr>
  );
}

function Decide({ s }: { s: SubmissionDetail }) {
  const queryClient = useQueryClient();
  const [checked, setChecked] = useState<Set<string>>(() => new Set(s.changes.map((c) => c.path)));
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [extras, setExtras] = useState<{ path: string; value: string }[]>([]);
  const [extraPath, setExtraPath] = useState('');
  const [extraValue, setExtraValue] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [dupLines, setDupLines] = useState<string[] | null>(null);
  const [reason, setReason] = useState('');
  const [reasonErrors, setReasonErrors] = useState<string[]>([]);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: submissionKeys.detail(s.id) });
    await queryClient.invalidateQueries({ queryKey: ['admin'] });
  };

  const accept = useMutation({
    mutationFn: (body: unknown) => apiSend('POST', `/admin/submissions/${s.id}/accept`, body),
    onSuccess: refresh,
    onError: (err) => {
      if (err instanceof ApiRequestError && err.code === 'conflict' && err.issues.some((i) => i.path.startsWith('duplicates')))
        setDupLines(err.issues.map((i) => i.message));
    },
  });
  const reject = useMutation({
    mutationFn: (r: string) => apiSend('POST', `/admin/submissions/${s.id}/reject`, { reason: r }),
    onSuccess: refresh,
  });

  function acceptBody(confirm: boolean) {
    const overrides: Record<string, unknown> = {};
    for (const [path, text] of Object.entries(edits)) {
      const change = s.changes.find((c) => c.path === path);
      const parsed = fromText(change?.after, text);
      if (!parsed.ok) {
        setFormError(t.invalidJson(path));
        return null;
      }
      overrides[path] = parsed.value;
    }
    for (const e of extras) overrides[e.path] = looseValue(e.value);
    return { fields: [...checked], overrides, ...(confirm ? { confirm_duplicates: true } : {}) };
  }

  function onAccept(confirm = false) {
    setFormError(null);
    const body = acceptBody(confirm);
    if (body) accept.mutate(body);
  }

  function onReject(e: FormEvent) {
    e.preventDefault();
    const parsed = RejectSubmissionInputSchema.safeParse({ reason });
    if (!parsed.success) {
      setReasonErrors(parsed.error.issues.map((i) => i.message));
      return;
    }
    setReasonErrors([]);
    reject.mutate(parsed.data.reason);
  }

  const count = new Set([...checked, ...Object.keys(edits), ...extras.map((e) => e.path)]).size;
  return (
    <>
      <section aria-labelledby="rv-diff">
        <h2 id="rv-diff">{t.diffHeading}</h2>
        {s.duplicates.length > 0 && (
          <div className="notice notice--error">
            <p className="notice__title">{t.duplicatesTitle}</p>
            <ul>
              {s.duplicates.map((d) => (
                <li key={d.id}>
                  <Link href={`/admin/acteurs/${d.id}`}>{d.name}</Link>
                </li>
              ))}
            </ul>
          </div>
        )}
        {s.changes.length === 0 ? (
          <p>{t.noChanges}</p>
        ) : (
          <>
            <p>{t.diffIntro}</p>
            <div className="admin-table-wrap">
              <table className="admin-table admin-diff">
                <thead>
                  <tr>
                    <th scope="col">{t.accept}</th>
                    <th scope="col">{t.field}</th>
                    <th scope="col">{t.current}</th>
                    <th scope="col">{t.proposed}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t.edit}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {s.changes.map((c) => (
                    <DiffRow
                      key={c.path}
                      change={c}
                      checked={checked.has(c.path)}
                      onCheck={(v) =>
                        setChecked((prev) => {
                          const n = new Set(prev);
                          if (v) n.add(c.path);
                          else n.delete(c.path);
                          return n;
                        })
                      }
                      edit={edits[c.path]}
                      onEdit={(v) =>
                        setEdits((prev) => {
                          const n = { ...prev };
                          if (v === undefined) delete n[c.path];
                          else n[c.path] = v;
                          return n;
                        })
                      }
                    />
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}

        <fieldset className="admin-checkboxes">
          <legend>{t.extraHeading}</legend>
          <p className="field__hint">{t.extraIntro}</p>
          {extras.length > 0 && (
            <ul>
              {extras.map((e) => (
                <li key={e.path}>
                  <code>{e.path}</code> = {e.value}{' '}
                  <button
                    type="button"
                    className="button button--link"
                    onClick={() => setExtras((x) => x.filter((y) => y.path !== e.path))}
                  >
                    {frAdmin.common.remove}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="admin-grid">
            <TextField id="rv-extra-path" label={t.extraPath} value={extraPath} onChange={setExtraPath} />
            <TextField id="rv-extra-value" label={t.extraValue} value={extraValue} onChange={setExtraValue} />
          </div>
          <p>
            <button
              type="button"
              className="button button--secondary"
              disabled={!extraPath.trim()}
              onClick={() => {
                setExtras((x) => [...x.filter((y) => y.path !== extraPath.trim()), { path: extraPath.trim(), value: extraValue }]);
                setExtraPath('');
                setExtraValue('');
              }}
            >
              {t.addExtra}
            </button>
          </p>
        </fieldset>

        {formError && (
          <p className="field__error" role="alert">
            {formError}
          </p>
        )}
        {accept.isError && !dupLines && <ErrorMessage error={accept.error} />}
        {dupLines && (
          <DuplicatesWarning
            lines={dupLines}
            busy={accept.isPending}
            onConfirm={() => onAccept(true)}
            title={t.duplicatesTitle}
            confirmLabel={t.confirmDuplicates}
          />
        )}
        <p className="admin-actions">
          <button type="button" className="button button--primary" onClick={() => onAccept(false)} disabled={accept.isPending}>
            {accept.isPending ? t.accepting : count > 0 ? t.acceptSelected(count) : t.acceptNothing}
          </button>
        </p>
      </section>

      <section aria-labelledby="rv-reject">
        <h2 id="rv-reject">{t.rejectHeading}</h2>
        <form className="admin-form" onSubmit={onReject} noValidate>
          <TextArea id="rv-reason" label={t.reason} value={reason} onChange={setReason} errors={reasonErrors} rows={3} required />
          {reject.isError && <ErrorMessage error={reject.error} />}
          <p>
            <button type="submit" className="button button--secondary" disabled={reject.isPending}>
              {reject.isPending ? t.rejecting : t.reject}
            </button>
          </p>
        </form>
      </section>
    </>
  );
}

function Review({ id }: { id: number }) {
  const q = useQuery(submissionQuery(id));
  useDocumentTitle(t.title(id));
  if (q.isPending) return <p role="status">{frAdmin.common.loading}</p>;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const s = q.data;
  return (
    <div className="admin-page">
      <h1 data-page-heading tabIndex={-1}>
        {t.heading(SUBMISSION_KIND_LABELS[s.kind], s.title)}
      </h1>
      <p>
        {t.receivedOn(formatDate(s.created_at))} · {SUBMISSION_STATUS_LABELS[s.status]}
      </p>
      <dl>
        <dt>{t.from}</dt>
        <dd>
          {s.submitter_email ? (
            <>
              {s.submitter_name} — <a href={`mailto:${s.submitter_email}`}>{s.submitter_email}</a>
            </>
          ) : (
            t.submitterErased
          )}
        </dd>
        <dt>{t.message}</dt>
        <dd>{s.message ? <p className="admin-value">{s.message}</p> : t.noMessage}</dd>
        {s.actor && (
          <>
            <dt>{t.currentEntry}</dt>
            <dd>
              <Link href={`/admin/acteurs/${s.actor.id}`}>{s.actor.name}</Link>
            </dd>
          </>
        )}
      </dl>
      {s.status === 'nouvelle' ? (
        <Decide s={s} />
      ) : (
        <section aria-labelledby="rv-decision" className="notice notice--success">
          <h2 id="rv-decision">
            {t.decided(SUBMISSION_STATUS_LABELS[s.status], s.decided_by, s.decided_at ? formatDate(s.decided_at) : null)}
          </h2>
          {s.decision_reason && (
            <p>
              {t.decisionReason} : {s.decision_reason}
            </p>
          )}
          {s.accepted_fields && s.accepted_fields.length > 0 && (
            <p>
              {t.acceptedFields} : {s.accepted_fields.join(', ')}
            </p>
          )}
          <p>{t.notified}</p>
          {s.actor_id !== null && (
            <p>
              <Link href={`/admin/acteurs/${s.actor_id}`}>{t.openActor}</Link>
            </p>
          )}
        </section>
      )}
    </div>
  );
}

export function SubmissionReviewPage({ id }: { id: number }) {
  return <AdminLayout>{() => <Review id={id} />}</AdminLayout>;
}
