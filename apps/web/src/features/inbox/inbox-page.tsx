/**
 * The team inbox: the contact requests (filters, list, detail with history) and their status
 * changes; for curators and admins, the outbox's failed mails with a retry. Signed-in staff only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frOrientation } from '../../i18n/fr.orientation.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import '../orientation/orientation.css';
import './inbox.css';
import {
  changeStatus,
  type InboxFilters,
  inboxKeys,
  NEXT_STATUSES,
  outboxQuery,
  PER_PAGE,
  type RequestStatus,
  type RequestSummary,
  requestDetailQuery,
  requestListQuery,
  retryMail,
  type Session,
  STATUSES,
  sessionQuery,
} from './queries.ts';

const t = frOrientation.inbox;
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
};
const STAFF = new Set(['admin', 'curateur', 'relais']);

function RequestDetailPanel({ reference, csrf, onClose }: { reference: string; csrf: string; onClose: () => void }) {
  const ids = { status: useId(), note: useId(), noteHint: useId() };
  const queryClient = useQueryClient();
  const detail = useQuery(requestDetailQuery(reference));
  const [status, setStatus] = useState<RequestStatus>('en-cours');
  const [note, setNote] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const mutation = useMutation({
    mutationFn: () => changeStatus(reference, status, note, csrf),
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
            <dd>{t.profiles[d.profile] ?? d.profile}</dd>
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

          <form className="inbox-change" onSubmit={onSubmit} noValidate aria-labelledby="inbox-change-titre">
            <h3 id="inbox-change-titre">{t.changeHeading}</h3>
            <div className="field">
              <label htmlFor={ids.status}>{t.newStatus}</label>
              <select id={ids.status} value={status} onChange={(e) => setStatus(e.target.value as RequestStatus)}>
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
              <button type="submit" className="button button--primary" disabled={mutation.isPending}>
                {mutation.isPending ? t.saving : t.save}
              </button>
            </p>
          </form>
        </>
      )}
    </section>
  );
}

function OutboxPanel({ csrf }: { csrf: string }) {
  const queryClient = useQueryClient();
  const outbox = useQuery(outboxQuery());
  const retry = useMutation({
    mutationFn: (id: number) => retryMail(id, csrf),
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
                [open === r.reference ? 'is-open' : '', r.needs_attention ? 'needs-attention' : ''].filter(Boolean).join(' ') || undefined
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
  const priority = items.filter((r) => r.needs_attention);
  const others = items.filter((r) => !r.needs_attention);
  if (priority.length === 0) return <RequestTable caption={t.heading} items={others} open={open} onOpen={onOpen} />;
  return (
    <>
      <section className="inbox-group inbox-group--priority" aria-labelledby="inbox-priorite">
        <h2 id="inbox-priorite">{t.priorityHeading(priority.length)}</h2>
        <p className="field__hint">{t.priorityIntro}</p>
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
  const ids = { status: useId(), departement: useId(), departementHint: useId(), actor: useId(), actorHint: useId() };
  const [draft, setDraft] = useState({ status: '', departement: '', actor: '' });
  const [filters, setFilters] = useState<InboxFilters>({ status: '', departement: '', actor: '', page: 1 });
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery(requestListQuery(filters));
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PER_PAGE)) : 1;

  function apply(e: FormEvent) {
    e.preventDefault();
    setFilters({
      status: draft.status,
      departement: draft.departement.trim().toUpperCase(),
      actor: draft.actor.trim().toLowerCase(),
      page: 1,
    });
  }

  return (
    <>
      <form className="inbox-filters" onSubmit={apply} aria-label={t.filtersLabel} noValidate>
        <div className="field">
          <label htmlFor={ids.status}>{t.status}</label>
          <select id={ids.status} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">{t.anyStatus}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </div>
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
          <button
            type="button"
            className="button button--link"
            onClick={() => {
              setDraft({ status: '', departement: '', actor: '' });
              setFilters({ status: '', departement: '', actor: '', page: 1 });
            }}
          >
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
              <button
                type="button"
                className="button button--secondary"
                disabled={filters.page <= 1}
                onClick={() => setFilters({ ...filters, page: filters.page - 1 })}
              >
                {t.previous}
              </button>
              <span>{t.page(filters.page, pages)}</span>
              <button
                type="button"
                className="button button--secondary"
                disabled={filters.page >= pages}
                onClick={() => setFilters({ ...filters, page: filters.page + 1 })}
              >
                {t.next}
              </button>
            </nav>
          )}
        </>
      )}

      {open && <RequestDetailPanel key={open} reference={open} csrf={session.csrf_token} onClose={() => setOpen(null)} />}
      {(session.user.role === 'admin' || session.user.role === 'curateur') && <OutboxPanel csrf={session.csrf_token} />}
    </>
  );
}

export function InboxPage() {
  useDocumentTitle(t.title);
  const session = useQuery(sessionQuery());
  let body: ReactNode;
  if (session.isPending) body = <p role="status">{t.loading}</p>;
  else if (session.isError) {
    body =
      session.error instanceof ApiRequestError && session.error.status === 401 ? (
        <p className="notice">{t.signInNeeded}</p>
      ) : (
        <ErrorMessage title={t.errorTitle} error={session.error} />
      );
  } else if (!STAFF.has(session.data.user.role)) body = <p className="notice">{t.forbidden}</p>;
  else body = <Inbox session={session.data} />;
  return (
    <div className="inbox">
      <div className="page-intro">
        <h1 tabIndex={-1} data-page-heading>
          {t.heading}
        </h1>
        <p>{t.intro}</p>
      </div>
      {body}
    </div>
  );
}
