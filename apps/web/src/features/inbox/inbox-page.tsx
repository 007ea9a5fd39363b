/**
 * The team inbox, inside the back office's frame (menu, sign-out): the contact requests (filters in
 * the URL, urgent first, flags, detail with history), their status changes and « Transmettre à une
 * structure »; for curators and admins, the outbox's failed mails with a retry. Signed-in staff only.
 */
import { ACTION_LABELS, type Action } from '@pare/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frInbox } from '../../i18n/fr.inbox.ts';
import { frOrientation } from '../../i18n/fr.orientation.ts';
import { formatDate } from '../../lib/format.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import type { Session } from '../account/session.ts';
import { AdminLayout } from '../admin/admin-layout.tsx';
import { SubmitButton } from '../admin/fields.tsx';
import '../orientation/orientation.css';
import './inbox.css';
import {
  changeStatus,
  filtersFromSearch,
  type InboxFilters,
  inboxKeys,
  NEXT_STATUSES,
  type NextStatus,
  NO_FILTERS,
  outboxQuery,
  PER_PAGE,
  PROFILES,
  type RequestDetail,
  type RequestSummary,
  requestDetailQuery,
  requestListQuery,
  retryMail,
  STATUSES,
  searchOfFilters,
  transmitCandidatesQuery,
  transmitRequest,
} from './queries.ts';

const t = frOrientation.inbox;
const ti = frInbox;
const needLabel = (n: string) => ACTION_LABELS[n as Action] ?? n;
/** First in the inbox: urgent and open, or back with the team (the API sorts them first on every page). */
const isPriority = (r: RequestSummary) => (r.urgent && r.status !== 'cloturee') || r.needs_attention;
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
};

/** The flags a person scans the rows for: urgent, and a young person. */
function Flags({ r }: { r: RequestSummary }) {
  const urgent = r.urgent && r.status !== 'cloturee';
  if (!urgent && r.profile !== 'jeune') return null;
  return (
    <span className="inbox-flags">
      {urgent && (
        <span className="inbox-flag inbox-flag--urgent" title={ti.flags.urgentHint}>
          {ti.flags.urgent}
        </span>
      )}
      {r.profile === 'jeune' && <span className="inbox-flag inbox-flag--jeune">{ti.flags.jeune}</span>}
    </span>
  );
}

/** « Transmettre à une structure »: a searchable list of structures with a referent, a note, one button. */
function TransmitForm({ request }: { request: RequestDetail }) {
  const ids = { search: useId(), searchHint: useId(), note: useId(), results: useId() };
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // A short pause after typing before asking the server.
  useEffect(() => {
    const timer = setTimeout(() => setQ(text), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const candidates = useQuery(transmitCandidatesQuery(request.reference, q));
  const mutation = useMutation({
    mutationFn: (actorId: number) => transmitRequest(request.reference, actorId, note),
    onSuccess: (updated) => {
      queryClient.setQueryData(inboxKeys.detail(request.reference), updated);
      void queryClient.invalidateQueries({ queryKey: ['inbox', 'list'] });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.counts });
      setNote('');
      setChosen(null);
    },
  });
  useEffect(() => {
    if (mutation.isSuccess) doneRef.current?.focus();
  }, [mutation.isSuccess]);

  if (request.status === 'cloturee') return <p className="field__hint">{ti.transmit.closed}</p>;
  const items = candidates.data?.items ?? [];
  const chosenName = items.find((c) => c.id === chosen)?.name;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (mutation.isPending) return;
    if (chosen === null) {
      setProblem(ti.transmit.choose);
      return;
    }
    setProblem(null);
    mutation.mutate(chosen);
  }

  return (
    <form className="inbox-transmit" onSubmit={onSubmit} noValidate aria-labelledby="inbox-transmit-titre">
      <h3 id="inbox-transmit-titre">{ti.transmit.heading}</h3>
      <p className="field__hint">{ti.transmit.intro}</p>
      <div className="field">
        <label htmlFor={ids.search}>{ti.transmit.search}</label>
        <p id={ids.searchHint} className="field__hint">
          {ti.transmit.searchHint}
        </p>
        <input
          id={ids.search}
          type="search"
          value={text}
          maxLength={100}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={ids.searchHint}
          aria-controls={ids.results}
        />
      </div>
      <fieldset id={ids.results} className="inbox-transmit__results" aria-busy={candidates.isFetching}>
        <legend>{ti.transmit.results}</legend>
        {candidates.isPending && <p role="status">{ti.transmit.loading}</p>}
        {candidates.isError && <ErrorMessage error={candidates.error} />}
        {candidates.isSuccess && items.length === 0 && <p role="status">{ti.transmit.none}</p>}
        {items.map((c) => (
          <label key={c.id} className="inbox-transmit__option">
            <input type="radio" name={`${ids.results}-actor`} value={c.id} checked={chosen === c.id} onChange={() => setChosen(c.id)} />{' '}
            <span>
              <strong>{c.name}</strong>
              <br />
              <span className="field__hint">
                {c.scope === 'national' ? ti.transmit.national : c.covers ? ti.transmit.covers : ti.transmit.elsewhere}
                {c.departements.length > 0 && c.scope !== 'national' ? ` (${c.departements.join(', ')})` : ''}
                {c.confidential ? ` · ${ti.transmit.confidential}` : ''}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.note}>{ti.transmit.note}</label>
        <textarea id={ids.note} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
      {mutation.isError && <ErrorMessage error={mutation.error} />}
      {mutation.isSuccess && (
        <p role="status" tabIndex={-1} ref={doneRef} className="notice">
          {ti.transmit.done(mutation.data.actor?.name ?? '')}
        </p>
      )}
      <p>
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {mutation.isPending ? ti.transmit.sending : chosenName ? `${ti.transmit.submit} à ${chosenName}` : ti.transmit.submit}
        </button>
      </p>
    </form>
  );
}

function RequestDetailPanel({ reference, onClose }: { reference: string; onClose: () => void }) {
  const ids = { status: useId(), note: useId(), noteHint: useId() };
  const queryClient = useQueryClient();
  const detail = useQuery(requestDetailQuery(reference));
  const [status, setStatus] = useState<NextStatus>('en-cours');
  const [note, setNote] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const mutation = useMutation({
    mutationFn: () => changeStatus(reference, status, note),
    onSuccess: (updated) => {
      queryClient.setQueryData(inboxKeys.detail(reference), updated);
      void queryClient.invalidateQueries({ queryKey: ['inbox', 'list'] });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.outbox });
      setNote('');
    },
  });

  useEffect(() => headingRef.current?.focus(), []);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!mutation.isPending) mutation.mutate();
  }

  const d = detail.data;
  return (
    <section className="inbox-detail" aria-labelledby="inbox-detail-titre">
      <h2 id="inbox-detail-titre" ref={headingRef} tabIndex={-1}>
        {t.detailHeading(reference)}
      </h2>
      <p>
        <button type="button" className="button button--link" onClick={onClose}>
          {t.close}
        </button>
      </p>
      {detail.isPending && <p role="status">{t.detailLoading}</p>}
      {detail.isError && <ErrorMessage error={detail.error} />}
      {d && (
        <>
          <dl className="inbox-detail__fields">
            <dt>{t.columns.status}</dt>
            <dd>{t.statuses[d.status]}</dd>
            <dt>{t.columns.name}</dt>
            <dd>{d.name}</dd>
            <dt>{t.fields.profile}</dt>
            <dd>
              {t.profiles[d.profile] ?? d.profile} <Flags r={d} />
            </dd>
            <dt>{ti.urgency}</dt>
            <dd>{d.urgency ? (ti.urgencies[d.urgency] ?? d.urgency) : t.none}</dd>
            <dt>{ti.needs}</dt>
            <dd>{d.needs.length > 0 ? d.needs.map(needLabel).join(', ') : ti.noNeeds}</dd>
            <dt>{t.fields.phone}</dt>
            <dd>{d.phone ?? t.none}</dd>
            <dt>{t.fields.email}</dt>
            <dd>{d.email ?? t.none}</dd>
            <dt>{t.fields.place}</dt>
            <dd>
              {d.commune.name} ({d.departement.code})
            </dd>
            <dt>{t.fields.actor}</dt>
            <dd>{d.actor?.name ?? t.noActor}</dd>
            <dt>{t.fields.recipient}</dt>
            <dd>{t.recipients[d.recipient]}</dd>
            <dt>{t.columns.received}</dt>
            <dd>{when(d.created_at)}</dd>
            <dt>{t.fields.purge}</dt>
            <dd>{formatDate(d.purge_after)}</dd>
            <dt>{t.fields.mails}</dt>
            <dd>{d.mails.map((m) => t.mailLine(t.mailStatus[m.status] ?? m.status, m.attempts)).join(' ; ') || t.none}</dd>
          </dl>
          <h3>{t.fields.message}</h3>
          <p className="inbox-detail__message">{d.message || t.noMessage}</p>

          <h3>{t.historyHeading}</h3>
          <ol className="inbox-history">
            {d.history.map((h) => (
              <li key={`${h.at}-${h.to}`}>
                <time dateTime={h.at}>{when(h.at)}</time> —{' '}
                {t.historyLine(h.from ? (t.statuses[h.from] ?? h.from) : null, t.statuses[h.to] ?? h.to, h.by)}
                {h.note && <span className="inbox-history__note"> « {h.note} »</span>}
              </li>
            ))}
          </ol>

          <TransmitForm request={d} />

          <form className="inbox-change" onSubmit={onSubmit} noValidate aria-labelledby="inbox-change-titre">
            <h3 id="inbox-change-titre">{t.changeHeading}</h3>
            <div className="field">
              <label htmlFor={ids.status}>{t.newStatus}</label>
              <select id={ids.status} value={status} onChange={(e) => setStatus(e.target.value as NextStatus)}>
                {NEXT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t.statuses[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.note}>{t.note}</label>
              <p id={ids.noteHint} className="field__hint">
                {t.noteHint}
              </p>
              <textarea
                id={ids.note}
                rows={3}
                maxLength={1000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                aria-describedby={ids.noteHint}
              />
            </div>
            {mutation.isError && <ErrorMessage error={mutation.error} />}
            {mutation.isSuccess && <p role="status">{t.saved}</p>}
            <p>
              <SubmitButton pending={mutation.isPending} label={t.save} busy={t.saving} />
            </p>
          </form>
        </>
      )}
    </section>
  );
}

function OutboxPanel() {
  const queryClient = useQueryClient();
  const outbox = useQuery(outboxQuery());
  const retry = useMutation({
    mutationFn: (id: number) => retryMail(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: inboxKeys.outbox }),
  });
  const data = outbox.data;
  if (!data) return outbox.isError ? <ErrorMessage error={outbox.error} /> : null;
  const failed = data.items.filter((m) => m.status === 'failed');
  return (
    <section className="inbox-outbox" aria-labelledby="inbox-outbox-titre">
      <h2 id="inbox-outbox-titre">{t.outboxHeading}</h2>
      {data.smtp_configured === false && <p className="notice">{t.outboxNoSmtp}</p>}
      <p>{t.outboxCounts(data.counts.pending, data.counts.sent, data.counts.failed)}</p>
      {failed.length > 0 && (
        <>
          <h3>{t.outboxFailed}</h3>
          <ul className="inbox-outbox__list">
            {failed.map((m) => (
              <li key={m.id}>
                <span>{m.subject}</span> — <span className="field__hint">{m.last_error}</span>{' '}
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t.retryLabel(m.subject)}
                  disabled={retry.isPending}
                  onClick={() => retry.mutate(m.id)}
                >
                  {t.retry}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {retry.isSuccess && <p role="status">{t.retried}</p>}
      {retry.isError && <ErrorMessage error={retry.error} />}
    </section>
  );
}

/** One table of requests: age, who holds it, its last event; the rows that came back to the team are highlighted. */
function RequestTable({
  caption,
  items,
  open,
  onOpen,
}: {
  caption: string;
  items: RequestSummary[];
  open: string | null;
  onOpen: (r: string) => void;
}) {
  return (
    <div className="inbox-table-wrap">
      <table className="inbox-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.columns.reference}</th>
            <th scope="col">{ti.flags.column}</th>
            <th scope="col">{t.columns.age}</th>
            <th scope="col">{t.columns.status}</th>
            <th scope="col">{t.columns.holder}</th>
            <th scope="col">{t.columns.lastEvent}</th>
            <th scope="col">{t.columns.place}</th>
            <th scope="col">{t.columns.actor}</th>
            <th scope="col">{t.columns.name}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr
              key={r.reference}
              className={
                [
                  open === r.reference ? 'is-open' : '',
                  r.needs_attention ? 'needs-attention' : '',
                  r.urgent && r.status !== 'cloturee' ? 'is-urgent' : '',
                ]
                  .filter(Boolean)
                  .join(' ') || undefined
              }
            >
              <th scope="row">
                <button
                  type="button"
                  className="button button--link"
                  aria-label={t.open(r.reference)}
                  aria-pressed={open === r.reference}
                  onClick={() => onOpen(r.reference)}
                >
                  {r.reference}
                </button>
              </th>
              <td data-label={ti.flags.column}>
                <Flags r={r} />
              </td>
              <td data-label={t.columns.age}>
                <time dateTime={r.created_at} title={when(r.created_at)}>
                  {t.age(r.age_days)}
                </time>
                <span className="visually-hidden"> ({when(r.created_at)})</span>
              </td>
              <td data-label={t.columns.status}>
                <span className={`inbox-status inbox-status--${r.status}`}>{t.statuses[r.status] ?? r.status}</span>
              </td>
              <td data-label={t.columns.holder}>
                {r.holder.name}
                {r.holder.kind === 'structure' && (
                  <>
                    <br />
                    <span className="field__hint">{t.holders.structure}</span>
                  </>
                )}
              </td>
              <td data-label={t.columns.lastEvent}>
                {r.last_event ? (
                  <>
                    {t.lastEvent(t.statuses[r.last_event.to] ?? r.last_event.to, r.last_event.by)}
                    <br />
                    <time className="field__hint" dateTime={r.last_event.at}>
                      {when(r.last_event.at)}
                    </time>
                  </>
                ) : (
                  t.noEvent
                )}
              </td>
              <td data-label={t.columns.place}>
                {r.commune.name} ({r.departement.code})
              </td>
              <td data-label={t.columns.actor}>{r.actor?.name ?? t.noActor}</td>
              <td data-label={t.columns.name}>{r.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The requests that came back to the team first, in their own group; then the others, in the API's order. */
function RequestTables({ items, open, onOpen }: { items: RequestSummary[]; open: string | null; onOpen: (r: string) => void }) {
  const priority = items.filter(isPriority);
  const others = items.filter((r) => !isPriority(r));
  if (priority.length === 0) return <RequestTable caption={t.heading} items={others} open={open} onOpen={onOpen} />;
  return (
    <>
      <section className="inbox-group inbox-group--priority" aria-labelledby="inbox-priorite">
        <h2 id="inbox-priorite">{t.priorityHeading(priority.length)}</h2>
        <p className="field__hint">{ti.priorityIntro}</p>
        <RequestTable caption={t.priorityHeading(priority.length)} items={priority} open={open} onOpen={onOpen} />
      </section>
      {others.length > 0 && (
        <section className="inbox-group" aria-labelledby="inbox-autres">
          <h2 id="inbox-autres">{t.othersHeading}</h2>
          <RequestTable caption={t.othersHeading} items={others} open={open} onOpen={onOpen} />
        </section>
      )}
    </>
  );
}

function Inbox({ session }: { session: Session }) {
  const ids = {
    status: useId(),
    urgent: useId(),
    profile: useId(),
    age: useId(),
    departement: useId(),
    departementHint: useId(),
    actor: useId(),
    actorHint: useId(),
  };
  const { search } = useLocation();
  // The filters live in the URL: the dashboard links to them, Back and a reload keep them.
  const filters = { ...filtersFromSearch(search), page: 1 };
  const [page, setPage] = useState(1);
  const [draft, setDraft] = useState<InboxFilters>(filters);
  const [open, setOpen] = useState<string | null>(null);
  const current = { ...filters, page };
  const list = useQuery(requestListQuery(current));
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PER_PAGE)) : 1;
  const urlKey = searchOfFilters(filters);
  // Back or a dashboard link changed the URL: the form shows it, and paging starts again.
  useEffect(() => {
    setDraft(filtersFromSearch(search));
    setPage(1);
  }, [urlKey]);

  function go(f: InboxFilters) {
    navigate(`/equipe/demandes${searchOfFilters(f)}`, { keepScroll: true });
  }

  function apply(e: FormEvent) {
    e.preventDefault();
    go({ ...draft, departement: draft.departement.trim().toUpperCase(), actor: draft.actor.trim().toLowerCase(), page: 1 });
  }

  const select = (key: keyof InboxFilters, id: string, label: string, options: [string, string][]) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={String(draft[key])} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <form className="inbox-filters" onSubmit={apply} aria-label={t.filtersLabel} noValidate>
        {select('status', ids.status, t.status, [['', t.anyStatus], ...STATUSES.map((s): [string, string] => [s, t.statuses[s] ?? s])])}
        {select('urgent', ids.urgent, ti.filters.urgent, [
          ['', ti.filters.urgentAny],
          ['true', ti.filters.urgentOnly],
        ])}
        {select('profile', ids.profile, ti.filters.profile, [
          ['', ti.filters.profileAny],
          ...PROFILES.map((p): [string, string] => [p, t.profiles[p] ?? p]),
        ])}
        {select('olderThanHours', ids.age, ti.filters.age, [
          ['', ti.filters.ageAny],
          ['48', ti.filters.ageOlder],
        ])}
        <div className="field">
          <label htmlFor={ids.departement}>{t.departement}</label>
          <input
            id={ids.departement}
            type="text"
            inputMode="text"
            maxLength={3}
            value={draft.departement}
            onChange={(e) => setDraft({ ...draft, departement: e.target.value })}
            aria-describedby={ids.departementHint}
          />
          <p id={ids.departementHint} className="field__hint">
            {t.departementHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.actor}>{t.actor}</label>
          <input
            id={ids.actor}
            type="text"
            value={draft.actor}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
            aria-describedby={ids.actorHint}
          />
          <p id={ids.actorHint} className="field__hint">
            {t.actorHint}
          </p>
        </div>
        <p className="notice__actions">
          <button type="submit" className="button button--primary">
            {t.apply}
          </button>
          <button type="button" className="button button--link" onClick={() => go(NO_FILTERS)}>
            {t.reset}
          </button>
        </p>
      </form>

      {list.isPending && <p role="status">{t.loading}</p>}
      {list.isError && <ErrorMessage title={t.errorTitle} error={list.error} />}
      {list.data && (
        <>
          <p role="status">{t.count(list.data.total)}</p>
          {list.data.items.length > 0 && <RequestTables items={list.data.items} open={open} onOpen={setOpen} />}
          {pages > 1 && (
            <nav className="pagination" aria-label={t.heading}>
              <button type="button" className="button button--secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t.previous}
              </button>
              <span>{t.page(page, pages)}</span>
              <button type="button" className="button button--secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                {t.next}
              </button>
            </nav>
          )}
        </>
      )}

      {open && <RequestDetailPanel key={open} reference={open} onClose={() => setOpen(null)} />}
      {(session.user.role === 'admin' || session.user.role === 'curateur') && <OutboxPanel />}
    </>
  );
}

export function InboxPage() {
  useDocumentTitle(t.title);
  return (
    <AdminLayout>
      {(session) => (
        <div className="inbox admin-page">
          <div className="page-intro">
            <h1 tabIndex={-1} data-page-heading>
              {t.heading}
            </h1>
            <p>{t.intro}</p>
          </div>
          <Inbox session={session} />
        </div>
      )}
    </AdminLayout>
  );
}
