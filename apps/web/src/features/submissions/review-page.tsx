/**
 * `/admin/propositions/:id` — one submission side by side with the entry it would change, in the
 * form's own French labels: accept or refuse item by item (keep the phone, drop the e-mail),
 * correct a value with the editor's widgets before accepting, complete missing fields, and a
 * warning before an acceptance that leaves the entry without any contact or site; or reject
 * the whole with a reason sent to the submitter.
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
import { ErrorMessage, ReadPending } from '../../components/error-message.tsx';
import { SubmitButton } from '../../components/form-parts.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { frEditor } from '../../i18n/fr.editor.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { DuplicatesWarning } from '../admin/actor-edit-page.tsx';
import { AdminLayout } from '../admin/admin-layout.tsx';
import { FieldValue, fieldLabel } from '../admin/field-labels.tsx';
import { SelectField, TextArea } from '../admin/fields.tsx';
import { type AcceptInput, acceptSubmission, rejectSubmission, submissionKeys, submissionQuery } from './queries.ts';
import { emptyValueFor, isEditable, ValueEditor } from './value-editor.tsx';

const t = frAdmin.review;
const r = frEditor.review;

/** Fields a curator may add when the proposal left them out, in the form's order. */
const EXTRA_PATHS = [
  'name',
  'type',
  'description',
  'languages',
  'siret',
  'publics',
  'actions',
  'territory.scope',
  'territory.regions',
  'territory.departements',
  'territory.communes',
  'accepts_contact_requests',
  'referent_email',
  'provenance.source_url',
] as const;

/** The order of the form: a review reads as the entry does (name first, contacts near the end). */
const FORM_ORDER = [
  'name',
  'type',
  'description',
  'languages',
  'siret',
  'slug',
  'publics',
  'actions',
  'territory',
  'sites',
  'accepts_contact_requests',
  'referent_email',
  'contacts',
  'provenance',
];
const TERRITORY_ORDER = ['scope', 'regions', 'departements', 'communes'];

function formRank(path: string): number[] {
  const [head = '', second = '', third = ''] = path.split('.');
  const top = FORM_ORDER.indexOf(head);
  const rank = [top === -1 ? FORM_ORDER.length : top];
  if (head === 'territory') rank.push(TERRITORY_ORDER.indexOf(second));
  else if (/^\d+$/.test(second)) rank.push(Number(second), third ? 1 : 0);
  return rank;
}

export function byFormOrder(a: { path: string }, b: { path: string }): number {
  const ra = formRank(a.path);
  const rb = formRank(b.path);
  for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
    const d = (ra[i] ?? -1) - (rb[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.path.localeCompare(b.path);
}

const inputId = (path: string) => `rv-${path.replace(/\./g, '-')}`;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function getAt(o: unknown, path: string): unknown {
  let node: unknown = o;
  for (const key of path.split('.')) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** As the API's setPath: a value at a dotted path, objects and lists made on the way (copies). */
function setAt(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node: Record<string, unknown> | unknown[] = target;
  keys.forEach((key, i) => {
    const k = Array.isArray(node) ? Number(key) : key;
    const container = node as Record<string | number, unknown>;
    if (i === keys.length - 1) {
      container[k] = value;
      return;
    }
    const child = container[k];
    const next = Array.isArray(child) ? [...child] : isRecord(child) ? { ...child } : /^\d+$/.test(keys[i + 1] ?? '') ? [] : {};
    container[k] = next;
    node = next as Record<string, unknown> | unknown[];
  });
}

/** What the entry will hold once accepted, as the API computes it: to warn before an entry left without contact or site. */
export function resultOf(s: SubmissionDetail, accepted: FieldChangeOut[], overrides: Record<string, unknown>) {
  const next: Record<string, unknown> = structuredClone(s.current ?? { sites: [], contacts: [] });
  for (const c of accepted) setAt(next, c.path, structuredClone(c.after));
  for (const [path, value] of Object.entries(overrides)) setAt(next, path, structuredClone(value));
  const count = (key: string) => {
    const list = next[key];
    return Array.isArray(list) ? list.filter((x) => x !== null && x !== undefined).length : 0;
  };
  return { contacts: count('contacts'), sites: count('sites') };
}

type Decision = 'accept' | 'refuse';

function ChangeItem({
  change,
  label,
  decision,
  onDecide,
  edit,
  onEdit,
}: {
  change: FieldChangeOut;
  label: string;
  decision: Decision;
  onDecide: (d: Decision) => void;
  /** The corrected value, or undefined when not corrected. */
  edit: { value: unknown } | undefined;
  onEdit: (e: { value: unknown } | undefined) => void;
}) {
  const id = inputId(change.path);
  const editable = isEditable(change.path) && change.after !== null;
  return (
    <li className={`review-item${decision === 'refuse' ? ' is-refused' : ''}`}>
      <h3 id={`${id}-title`} className="review-item__title">
        {label}
      </h3>
      <div className="review-item__sides">
        <div>
          <p className="review-item__side">{t.current}</p>
          <FieldValue path={change.path} value={change.before} />
        </div>
        <div>
          <p className="review-item__side">
            {t.proposed}
            {edit && ` (${r.corrected})`}
          </p>
          {edit ? (
            <div className="review-item__edit">
              <ValueEditor
                id={id}
                path={change.path}
                label={`${r.editing} : ${label}`}
                value={edit.value}
                onChange={(v) => onEdit({ value: v })}
              />
            </div>
          ) : (
            <FieldValue path={change.path} value={change.after} />
          )}
        </div>
      </div>
      <div className="review-item__actions">
        <fieldset className="review-item__decision">
          <legend className="visually-hidden">{r.decisionFor(label)}</legend>
          <label className="admin-checkbox">
            <input type="radio" name={`${id}-decision`} checked={decision === 'accept'} onChange={() => onDecide('accept')} />{' '}
            {r.acceptItem}
          </label>
          <label className="admin-checkbox">
            <input type="radio" name={`${id}-decision`} checked={decision === 'refuse'} onChange={() => onDecide('refuse')} />{' '}
            {r.refuseItem}
          </label>
        </fieldset>
        {editable && (
          <button
            type="button"
            className="button button--link"
            aria-pressed={edit !== undefined}
            aria-label={edit ? r.stopEdit(label) : r.edit(label)}
            onClick={() => {
              if (edit) onEdit(undefined);
              else {
                onEdit({ value: structuredClone(change.after) });
                onDecide('accept');
              }
            }}
          >
            {edit ? frAdmin.common.cancel : t.edit}
          </button>
        )}
      </div>
    </li>
  );
}

function Decide({ s }: { s: SubmissionDetail }) {
  const queryClient = useQueryClient();
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [edits, setEdits] = useState<Record<string, { value: unknown }>>({});
  const [extras, setExtras] = useState<Record<string, unknown>>({});
  const [extraPath, setExtraPath] = useState('');
  const [dupLines, setDupLines] = useState<string[] | null>(null);
  const [reason, setReason] = useState('');
  const [reasonErrors, setReasonErrors] = useState<string[]>([]);

  const context = [s.proposed as Record<string, unknown> | null, s.current];
  const labelOf = (path: string) => fieldLabel(path, ...context);
  const decisionOf = (path: string): Decision => decisions[path] ?? 'accept';

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: submissionKeys.detail(s.id) });
    await queryClient.invalidateQueries({ queryKey: ['admin'] });
  };

  const accept = useMutation({
    mutationFn: (body: AcceptInput) => acceptSubmission(s.id, body),
    onSuccess: refresh,
    onError: (err) => {
      if (err instanceof ApiRequestError && err.code === 'conflict' && err.issues.some((i) => i.path.startsWith('duplicates')))
        setDupLines(err.issues.map((i) => i.message));
    },
  });
  const reject = useMutation({
    mutationFn: (why: string) => rejectSubmission(s.id, why),
    onSuccess: refresh,
  });

  const acceptedChanges = s.changes.filter((c) => decisionOf(c.path) === 'accept');
  const overrides: Record<string, unknown> = { ...extras };
  for (const c of acceptedChanges) {
    const e = edits[c.path];
    if (e) overrides[c.path] = e.value;
  }

  function onAccept(confirmDuplicates = false) {
    const after = resultOf(s, acceptedChanges, overrides);
    const missing =
      after.contacts === 0 && after.sites === 0
        ? r.noContactNorSite
        : after.contacts === 0
          ? r.noContact
          : after.sites === 0
            ? r.noSite
            : null;
    if (missing && !confirmDuplicates && !window.confirm(r.confirmEmpty(missing))) return;
    accept.mutate({
      fields: acceptedChanges.filter((c) => !edits[c.path]).map((c) => c.path),
      overrides,
      ...(confirmDuplicates ? { confirm_duplicates: true } : {}),
    });
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

  const decideAll = (d: Decision) => setDecisions(Object.fromEntries(s.changes.map((c) => [c.path, d])));
  const count = acceptedChanges.length + Object.keys(extras).length;
  const refused = s.changes.length - acceptedChanges.length;
  const changed = new Set(s.changes.map((c) => c.path));
  const extraChoices = EXTRA_PATHS.filter((p) => !changed.has(p) && !(p in extras));

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
            <p>{r.intro}</p>
            <p className="admin-actions">
              <button type="button" className="button button--secondary" onClick={() => decideAll('accept')}>
                {r.acceptAll}
              </button>
              <button type="button" className="button button--secondary" onClick={() => decideAll('refuse')}>
                {r.refuseAll}
              </button>
            </p>
            <ul className="review-list">
              {[...s.changes].sort(byFormOrder).map((c) => (
                <ChangeItem
                  key={c.path}
                  change={c}
                  label={labelOf(c.path)}
                  decision={decisionOf(c.path)}
                  onDecide={(d) => setDecisions((prev) => ({ ...prev, [c.path]: d }))}
                  edit={edits[c.path]}
                  onEdit={(e) =>
                    setEdits((prev) => {
                      const n = { ...prev };
                      if (e === undefined) delete n[c.path];
                      else n[c.path] = e;
                      return n;
                    })
                  }
                />
              ))}
            </ul>
          </>
        )}

        <fieldset className="admin-checkboxes review-extra">
          <legend>{r.extraHeading}</legend>
          <p className="field__hint">{r.extraIntro}</p>
          {Object.keys(extras).length > 0 && (
            <ul className="review-list" aria-label={r.extraList}>
              {Object.entries(extras).map(([path, value]) => (
                <li key={path} className="review-item">
                  <ValueEditor
                    id={inputId(`extra.${path}`)}
                    path={path}
                    label={labelOf(path)}
                    value={value}
                    onChange={(v) => setExtras((x) => ({ ...x, [path]: v }))}
                  />
                  <p>
                    <button
                      type="button"
                      className="button button--link"
                      onClick={() =>
                        setExtras((x) => {
                          const n = { ...x };
                          delete n[path];
                          return n;
                        })
                      }
                    >
                      {frAdmin.common.remove} ({labelOf(path)})
                    </button>
                  </p>
                </li>
              ))}
            </ul>
          )}
          {extraChoices.length > 0 && (
            <div className="review-extra__add">
              <SelectField
                id="rv-extra-path"
                label={r.extraField}
                value={extraPath}
                options={[['', r.extraChoose] as const, ...extraChoices.map((p) => [p, labelOf(p)] as const)]}
                onChange={setExtraPath}
              />
              <p>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={!extraPath}
                  onClick={() => {
                    const initial = getAt(s.proposed, extraPath);
                    setExtras((x) => ({
                      ...x,
                      [extraPath]: initial === undefined || initial === null ? emptyValueFor(extraPath) : structuredClone(initial),
                    }));
                    setExtraPath('');
                  }}
                >
                  {r.extraAdd}
                </button>
              </p>
            </div>
          )}
        </fieldset>

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
        <div className="save-bar">
          <p className="save-bar__state" aria-live="polite">
            {r.summary(count, refused)}
          </p>
          <button type="button" className="button button--primary" onClick={() => onAccept(false)} disabled={accept.isPending}>
            {accept.isPending ? t.accepting : count > 0 ? t.acceptSelected(count) : t.acceptNothing}
          </button>
        </div>
      </section>

      <section aria-labelledby="rv-reject">
        <h2 id="rv-reject">{t.rejectHeading}</h2>
        <form className="admin-form" onSubmit={onReject} noValidate>
          <TextArea id="rv-reason" label={t.reason} value={reason} onChange={setReason} errors={reasonErrors} rows={3} required />
          {reject.isError && <ErrorMessage error={reject.error} />}
          <p>
            <SubmitButton pending={reject.isPending} label={t.reject} busy={t.rejecting} secondary />
          </p>
        </form>
      </section>
    </>
  );
}

function Review({ id }: { id: number }) {
  const q = useQuery(submissionQuery(id));
  useDocumentTitle(t.title(id));
  if (!q.isSuccess) return <ReadPending query={q} loading={frAdmin.common.loading} />;
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
              {r.acceptedFields} :{' '}
              {s.accepted_fields.map((p) => fieldLabel(p, s.proposed as Record<string, unknown> | null, s.current)).join(', ')}
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
