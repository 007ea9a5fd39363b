/**
 * The letter's back office: `/admin/lettre` (the issues, and a new one from a period),
 * `/admin/lettre/<id>` (compose, preview, test, send) and `/admin/lettre/abonnes` (list, CSV, delete).
 */
import type { NewsletterIssueDetail, NewsletterItemView } from '@pare/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { DataTable } from '../../components/admin-list.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { ActionButton, HintedField, SubmitButton } from '../../components/form-parts.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frNewsletter } from '../../i18n/fr.newsletter.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { AdminLayout, AdminPageFrame } from '../admin/admin-layout.tsx';
import { TextField } from '../admin/fields.tsx';
import { errorsAt, issuesToErrors } from '../admin/form-errors.ts';
import { useCreateThenOpen } from '../admin/use-create-then-open.ts';
import {
  createIssue,
  deleteIssue,
  deleteSubscriber,
  issueQuery,
  issuesQuery,
  newsletterKeys,
  previewQuery,
  sendIssue,
  subscribersQuery,
  testIssue,
  updateIssue,
} from './queries.ts';
import './newsletter.css';

const ta = frNewsletter.admin;
const ti = frNewsletter.issue;
const ts = frNewsletter.subscribers;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const edition = (departement: string | null) => (departement ? departement : ta.national);

type IssueDraft = { title: string; period_from: string; period_to: string; departement: string };
/** The new letter's fields, each named as the API names it (its errors come back under that name). */
const ISSUE_FIELDS: { name: keyof IssueDraft; suffix: string; label: string; hint?: string; type?: string }[] = [
  { name: 'title', suffix: 'title', label: ta.titleLabel, hint: ta.titleHint },
  { name: 'period_from', suffix: 'from', label: ta.from, type: 'date' },
  { name: 'period_to', suffix: 'to', label: ta.to, type: 'date' },
  { name: 'departement', suffix: 'dep', label: ta.departement, hint: ta.departementHint },
];

function NewIssueForm() {
  const base = useId().replace(/:/g, '');
  const now = new Date();
  const [draft, setDraft] = useState<IssueDraft>({
    title: '',
    period_from: isoDay(new Date(now.getFullYear(), now.getMonth() - 3, 1)),
    period_to: isoDay(now),
    departement: '',
  });
  const { mutation: create, errors } = useCreateThenOpen({
    create: createIssue,
    listKey: newsletterKeys.issues,
    detailKey: newsletterKeys.issue,
    pathOf: (id) => `/admin/lettre/${id}`,
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (create.isPending) return;
    const dep = draft.departement.trim().toUpperCase();
    create.mutate({
      title: draft.title.trim(),
      period_from: draft.period_from,
      period_to: draft.period_to,
      ...(dep ? { departement: dep } : {}),
    });
  }
  return (
    <section aria-labelledby={`${base}-h`}>
      <h2 id={`${base}-h`}>{ta.newHeading}</h2>
      <form className="admin-form" onSubmit={submit} noValidate>
        {ISSUE_FIELDS.map((f) => (
          <TextField
            key={f.name}
            id={`${base}-${f.suffix}`}
            label={f.label}
            hint={f.hint}
            type={f.type}
            value={draft[f.name]}
            errors={errorsAt(errors, f.name)}
            onChange={(v) => setDraft((d) => ({ ...d, [f.name]: v }))}
          />
        ))}
        {create.isError && errors.size === 0 && <ErrorMessage error={create.error} />}
        <p>
          <SubmitButton pending={create.isPending} label={ta.create} busy={ta.creating} />
        </p>
      </form>
    </section>
  );
}

const ISSUE_COLUMNS = [ta.columns.title, ta.columns.edition, ta.columns.period, ta.columns.status, ta.columns.queued];
const SUBSCRIBER_COLUMNS = [ts.columns.email, ts.columns.departements, ts.columns.status, ts.columns.since, ts.columns.actions];

/** A list's table, or what to say when it has no row. */
function TableOrEmpty({ rows, empty, columns, children }: { rows: number; empty: string; columns: string[]; children: ReactNode }) {
  if (rows === 0) return <p>{empty}</p>;
  return (
    <div className="newsletter-admin__table-wrap">
      <DataTable className="newsletter-admin__table" columns={columns}>
        {children}
      </DataTable>
    </div>
  );
}

function IssueList() {
  const issues = useQuery(issuesQuery());
  if (issues.isPending) return <p role="status">{frNewsletter.issue.loading}</p>;
  if (issues.isError) return <ErrorMessage error={issues.error} />;
  return (
    <section aria-labelledby="lettres-h">
      <h2 id="lettres-h">{ta.listHeading}</h2>
      <TableOrEmpty rows={issues.data.items.length} empty={ta.empty} columns={ISSUE_COLUMNS}>
        {issues.data.items.map((i) => (
          <tr key={i.id}>
            <td>
              <Link href={`/admin/lettre/${i.id}`}>{i.title}</Link>
            </td>
            <td>{edition(i.departement)}</td>
            <td>{ta.period(formatDate(i.period_from), formatDate(i.period_to))}</td>
            <td>{ta.status[i.status]}</td>
            <td>{i.queued}</td>
          </tr>
        ))}
      </TableOrEmpty>
    </section>
  );
}

export function NewsletterAdminPage() {
  return (
    <AdminPageFrame title={ta.title} heading={ta.heading} className="newsletter-admin">
      <p>{ta.intro}</p>
      <p>
        <Link href="/admin/lettre/abonnes">{ta.subscribersLink}</Link>
      </p>
      <IssueList />
      <NewIssueForm />
    </AdminPageFrame>
  );
}

type Ref = { kind: NewsletterItemView['kind']; id: number };
const key = (r: Ref) => `${r.kind}:${r.id}`;
const KINDS: NewsletterItemView['kind'][] = ['event', 'news', 'resource'];

/** The candidates in the letter's order: chosen ones first in their chosen order, then the others. */
function ordered(issue: NewsletterIssueDetail, chosen: Ref[]): NewsletterItemView[] {
  const all = new Map([...issue.items, ...issue.candidates].map((i) => [key(i), i]));
  const first = chosen.map((r) => all.get(key(r))).filter((i): i is NewsletterItemView => i !== undefined);
  const rest = issue.candidates.filter((c) => !chosen.some((r) => key(r) === key(c)));
  return [...first, ...rest];
}

function Composer({ issue }: { issue: NewsletterIssueDetail }) {
  const base = useId().replace(/:/g, '');
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(issue.title);
  const [intro, setIntro] = useState(issue.intro_md);
  const [chosen, setChosen] = useState<Ref[]>(issue.items.map(({ kind, id }) => ({ kind, id })));
  const [dirty, setDirty] = useState(false);
  const save = useMutation({
    mutationFn: () => updateIssue(issue.id, { title: title.trim(), intro_md: intro, items: chosen }),
    onSuccess: (updated) => {
      queryClient.setQueryData(newsletterKeys.issue(issue.id), updated);
      void queryClient.invalidateQueries({ queryKey: newsletterKeys.preview(issue.id) });
      void queryClient.invalidateQueries({ queryKey: newsletterKeys.issues });
      setDirty(false);
    },
  });
  const errors = save.error instanceof ApiRequestError ? issuesToErrors(save.error.issues) : new Map<string, string[]>();
  const list = ordered(issue, chosen);
  const change = (next: Ref[]) => {
    setChosen(next);
    setDirty(true);
  };
  const toggle = (item: NewsletterItemView) =>
    change(
      chosen.some((r) => key(r) === key(item)) ? chosen.filter((r) => key(r) !== key(item)) : [...chosen, { kind: item.kind, id: item.id }],
    );
  /** Moves a chosen item before or after the previous / next chosen item of its part. */
  const move = (item: NewsletterItemView, step: -1 | 1) => {
    const same = chosen.filter((r) => r.kind === item.kind);
    const at = same.findIndex((r) => key(r) === key(item));
    const other = same[at + step];
    if (!other) return;
    const i = chosen.findIndex((r) => key(r) === key(item));
    const j = chosen.findIndex((r) => key(r) === key(other));
    const next = [...chosen];
    [next[i], next[j]] = [next[j] as Ref, next[i] as Ref];
    change(next);
  };

  return (
    <form
      className="admin-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <TextField
        id={`${base}-title`}
        label={ti.titleLabel}
        value={title}
        errors={errorsAt(errors, 'title')}
        onChange={(v) => {
          setTitle(v);
          setDirty(true);
        }}
      />
      <HintedField id={`${base}-intro`} hintId={`${base}-intro-hint`} label={ti.introLabel} hint={ti.introHint}>
        <textarea
          id={`${base}-intro`}
          className="newsletter-admin__intro"
          value={intro}
          aria-describedby={`${base}-intro-hint`}
          onChange={(e) => {
            setIntro(e.target.value);
            setDirty(true);
          }}
        />
      </HintedField>
      <h2>{ti.itemsHeading}</h2>
      <p className="field__hint">{ti.itemsHint}</p>
      {list.length === 0 && <p>{ti.noCandidates}</p>}
      {KINDS.map((kind) => {
        const items = list.filter((i) => i.kind === kind);
        if (items.length === 0) return null;
        const chosenOfKind = chosen.filter((r) => r.kind === kind);
        return (
          <section key={kind} aria-labelledby={`${base}-${kind}`}>
            <h3 id={`${base}-${kind}`}>{ti.kinds[kind]}</h3>
            <ul className="newsletter-admin__items">
              {items.map((item) => {
                const position = chosenOfKind.findIndex((r) => key(r) === key(item));
                const included = position >= 0;
                return (
                  <li key={key(item)} className="newsletter-admin__item">
                    <label className="newsletter__check newsletter-admin__item-text">
                      <input type="checkbox" checked={included} onChange={() => toggle(item)} aria-label={ti.include(item.title)} />
                      <span>
                        {item.title}
                        {item.meta && <span className="newsletter-admin__item-meta">{item.meta}</span>}
                      </span>
                    </label>
                    {included && (
                      <span className="newsletter-admin__moves">
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={ti.up(item.title)}
                          disabled={position === 0}
                          onClick={() => move(item, -1)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={ti.down(item.title)}
                          disabled={position === chosenOfKind.length - 1}
                          onClick={() => move(item, 1)}
                        >
                          ↓
                        </button>
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {save.isError && <ErrorMessage error={save.error} />}
      <p className="newsletter-admin__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? ti.saving : ti.save}
        </button>
        <span role="status">{save.isSuccess && !dirty ? ti.saved : dirty ? ti.unsaved : ''}</span>
      </p>
    </form>
  );
}

function Preview({ id }: { id: number }) {
  const preview = useQuery(previewQuery(id));
  if (preview.isPending) return <p role="status">{ti.previewLoading}</p>;
  if (preview.isError) return <ErrorMessage error={preview.error} />;
  return (
    <>
      <p>
        <strong>{preview.data.subject}</strong>
      </p>
      {/* No script, no same-origin: the letter's HTML shows as a mail client would show it. */}
      <iframe className="newsletter-admin__preview" title={ti.previewFrame} sandbox="" srcDoc={preview.data.html} />
      <details>
        <summary>{ti.previewText}</summary>
        <pre className="newsletter-admin__text">{preview.data.text}</pre>
      </details>
    </>
  );
}

function SendPanel({ issue }: { issue: NewsletterIssueDetail }) {
  const queryClient = useQueryClient();
  const test = useMutation({ mutationFn: () => testIssue(issue.id) });
  const send = useMutation({
    mutationFn: () => sendIssue(issue.id),
    onSuccess: (updated) => {
      queryClient.setQueryData(newsletterKeys.issue(issue.id), updated);
      void queryClient.invalidateQueries({ queryKey: newsletterKeys.issues });
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteIssue(issue.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: newsletterKeys.issues });
      navigate('/admin/lettre');
    },
  });
  return (
    <section aria-labelledby="envoi-h">
      <h2 id="envoi-h">{ti.sendHeading}</h2>
      {issue.status === 'sent' && <p className="notice">{ti.sent(issue.queued, formatDate(issue.sent_at ?? ''))}</p>}
      {issue.status === 'sending' && <p className="notice">{ti.sending(issue.queued, issue.pending)}</p>}
      {issue.status === 'draft' && <p>{ti.recipients(issue.recipients)}</p>}
      <p className="newsletter-admin__actions">
        <ActionButton secondary pending={test.isPending} label={ti.test} busy={ti.testing} onClick={() => test.mutate()} />
        {issue.status !== 'sent' && (
          <button
            type="button"
            className="button button--primary"
            disabled={send.isPending}
            onClick={() => {
              if (issue.status === 'sending' || window.confirm(ti.confirmSend)) send.mutate();
            }}
          >
            {send.isPending ? ti.sendingNow : issue.status === 'sending' ? ti.resume : ti.send}
          </button>
        )}
        {issue.status === 'draft' && (
          <button type="button" className="button button--link" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {ti.deleteDraft}
          </button>
        )}
      </p>
      <div role="status">{test.isSuccess && <p>{ti.tested(test.data.recipient)}</p>}</div>
      {test.isError && <ErrorMessage error={test.error} />}
      {send.isError && <ErrorMessage error={send.error} />}
    </section>
  );
}

/** A page of the letter's back office below its list: the link back to the list, then the page. */
function LetterAdminPage({ children }: { children: ReactNode }) {
  return (
    <AdminLayout>
      {() => (
        <div className="newsletter-admin">
          <p>
            <Link href="/admin/lettre">{ti.back}</Link>
          </p>
          {children}
        </div>
      )}
    </AdminLayout>
  );
}

export function NewsletterIssuePage({ id }: { id: number }) {
  const issue = useQuery(issueQuery(id));
  useDocumentTitle(issue.data ? ti.title(issue.data.title) : ta.title);
  return (
    <LetterAdminPage>
      {issue.isPending && <p role="status">{ti.loading}</p>}
      {issue.isError && <ErrorMessage error={issue.error} />}
      {issue.data && <IssueBody issue={issue.data} />}
    </LetterAdminPage>
  );
}

/** A saved change refreshes the preview (the composer invalidates it); the composer keeps its own state until saved. */
function IssueBody({ issue }: { issue: NewsletterIssueDetail }) {
  return (
    <>
      <h1 tabIndex={-1} data-page-heading>
        {issue.title}
      </h1>
      <p>
        {ti.edition(edition(issue.departement), ta.period(formatDate(issue.period_from), formatDate(issue.period_to)))} ·{' '}
        {ta.status[issue.status]}
      </p>
      {issue.status === 'draft' && <Composer key={issue.id} issue={issue} />}
      <section aria-labelledby="apercu-h">
        <h2 id="apercu-h">{ti.previewHeading}</h2>
        <Preview id={issue.id} />
      </section>
      <SendPanel issue={issue} />
    </>
  );
}

export function NewsletterSubscribersPage() {
  useDocumentTitle(ts.title);
  const queryClient = useQueryClient();
  const subscribers = useQuery(subscribersQuery());
  const remove = useMutation({
    mutationFn: deleteSubscriber,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: newsletterKeys.subscribers }),
  });
  return (
    <LetterAdminPage>
      <h1 tabIndex={-1} data-page-heading>
        {ts.heading}
      </h1>
      {subscribers.isPending && <p role="status">{frNewsletter.issue.loading}</p>}
      {subscribers.isError && <ErrorMessage error={subscribers.error} />}
      {remove.isError && <ErrorMessage error={remove.error} />}
      {subscribers.data && (
        <>
          <p>{ts.counts(subscribers.data.counts.confirmed, subscribers.data.counts.pending)}</p>
          <p>
            <a className="button button--secondary" href="/api/admin/newsletter/subscribers.csv" download>
              {ts.export}
            </a>
          </p>
          <TableOrEmpty rows={subscribers.data.items.length} empty={ts.empty} columns={SUBSCRIBER_COLUMNS}>
            {subscribers.data.items.map((s) => (
              <tr key={s.id}>
                <td>{s.email}</td>
                <td>{s.departements.length ? s.departements.join(', ') : ts.none}</td>
                <td>{s.status === 'confirmed' ? ts.confirmed : ts.pending}</td>
                <td>{formatDate(s.created_at)}</td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={ts.delete(s.email)}
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(ts.confirmDelete(s.email))) remove.mutate(s.id);
                    }}
                  >
                    {ts.deleteLabel}
                  </button>
                </td>
              </tr>
            ))}
          </TableOrEmpty>
        </>
      )}
    </LetterAdminPage>
  );
}
