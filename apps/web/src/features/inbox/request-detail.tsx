/** One request opened: its details and history, its status changed by hand, « Transmettre à une structure ». */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { HintedField, OptionList, SubmitButton } from '../../components/form-parts.tsx';
import { formatDate } from '../../lib/format.ts';
import { needLabel, t, ti, when } from './inbox-text.ts';
import {
  changeStatus,
  inboxKeys,
  NEXT_STATUSES,
  type NextStatus,
  type RequestDetail,
  requestDetailQuery,
  transmitCandidatesQuery,
  transmitRequest,
} from './queries.ts';
import { Flags } from './request-flags.tsx';

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
      <HintedField id={ids.search} hintId={ids.searchHint} label={ti.transmit.search} hint={ti.transmit.searchHint}>
        <input
          id={ids.search}
          type="search"
          value={text}
          maxLength={100}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={ids.searchHint}
          aria-controls={ids.results}
        />
      </HintedField>
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

export function RequestDetailPanel({ reference, onClose }: { reference: string; onClose: () => void }) {
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
                <OptionList options={NEXT_STATUSES.map((s) => [String(s), t.statuses[s]] as const)} />
              </select>
            </div>
            <HintedField id={ids.note} hintId={ids.noteHint} label={t.note} hint={t.noteHint}>
              <textarea
                id={ids.note}
                rows={3}
                maxLength={1000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                aria-describedby={ids.noteHint}
              />
            </HintedField>
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
