/**
 * `/reponse/<jeton>`: a structure's referent, with no account and often on a phone, sees the
 * request routed to it and answers « Je prends contact », « Contact établi » or « Je ne peux pas »
 * (with a reason). The answer is confirmed next to the buttons, focus moved there.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { HintedField } from '../../components/form-parts.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frFollowUp } from '../../i18n/fr.follow-up.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate, phoneHref } from '../../lib/format.ts';
import { LinkRefused } from './link-refused.tsx';
import type { AnswerAction, AnswerView } from './queries.ts';
import { answerQuery, followUpKeys, sendAnswer } from './queries.ts';
import './follow-up.css';

const t = frFollowUp.answer;
const ACTION_ORDER: readonly AnswerAction[] = ['prise-en-charge', 'contact-etabli', 'impossible'];
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
};

function RequestFields({ view }: { view: AnswerView }) {
  return (
    <section className="follow-up__panel" aria-labelledby="la-demande">
      <h2 id="la-demande">{t.requestHeading}</h2>
      <dl className="follow-up__fields">
        <dt>{t.fields.reference}</dt>
        <dd className="follow-up__reference">{view.reference}</dd>
        <dt>{t.fields.date}</dt>
        <dd>
          <time dateTime={view.created_at}>{when(view.created_at)}</time>
        </dd>
        <dt>{t.fields.profile}</dt>
        <dd>{t.profiles[view.profile] ?? view.profile}</dd>
        <dt>{t.fields.commune}</dt>
        <dd>{view.commune.name}</dd>
        <dt>{t.fields.name}</dt>
        <dd>{view.name}</dd>
        <dt>{t.fields.phone}</dt>
        <dd>
          {view.phone ? (
            <a className="follow-up__contact" href={phoneHref(view.phone)} aria-label={t.call(view.phone)}>
              {view.phone}
            </a>
          ) : (
            t.notGiven
          )}
        </dd>
        <dt>{t.fields.email}</dt>
        <dd>
          {view.email ? (
            <a className="follow-up__contact" href={`mailto:${view.email}`} aria-label={t.write(view.email)}>
              {view.email}
            </a>
          ) : (
            t.notGiven
          )}
        </dd>
      </dl>
      <h3 className="follow-up__subheading">{t.fields.message}</h3>
      <p className="follow-up__message">{view.message || t.noMessage}</p>
    </section>
  );
}

function Answers({ token, view }: { token: string; view: AnswerView }) {
  const ids = { reason: useId(), reasonHint: useId(), reasonError: useId() };
  const queryClient = useQueryClient();
  const [done, setDone] = useState<AnswerAction | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const mutation = useMutation({
    mutationFn: (input: { action: AnswerAction; reason?: string }) => sendAnswer(token, input),
    onSuccess: (updated, input) => {
      queryClient.setQueryData(followUpKeys.answer(token), updated);
      setDone(input.action);
      setAsking(false);
      setReason('');
    },
  });

  // The confirmation is read out (role=status) and gets the focus, right next to the buttons.
  useEffect(() => {
    if (done) statusRef.current?.focus();
  }, [done]);
  useEffect(() => {
    if (asking) reasonRef.current?.focus();
  }, [asking]);

  function answer(action: AnswerAction) {
    if (mutation.isPending) return;
    if (action === 'impossible') {
      setAsking(true);
      return;
    }
    mutation.mutate({ action });
  }

  function submitReason(e: FormEvent) {
    e.preventDefault();
    if (mutation.isPending) return;
    if (reason.trim().length < 3) {
      setReasonError(true);
      reasonRef.current?.focus();
      return;
    }
    setReasonError(false);
    mutation.mutate({ action: 'impossible', reason: reason.trim() });
  }

  const remaining = ACTION_ORDER.filter((a) => view.actions.includes(a));
  const apiReasonErrors = mutation.error instanceof ApiRequestError ? mutation.error.issues.filter((i) => i.path === 'reason') : [];
  const reasonMessages = [...(reasonError ? [t.reasonMissing] : []), ...apiReasonErrors.map((i) => i.message)];

  return (
    <section className="follow-up__panel follow-up__answers" aria-labelledby="votre-reponse">
      <h2 id="votre-reponse">{t.statusHeading}</h2>
      <p>{t.currentStatus(t.statuses[view.status] ?? view.status)}</p>
      <div ref={statusRef} role="status" tabIndex={-1} className={done ? 'follow-up__done' : 'follow-up__done follow-up__done--empty'}>
        {done ? t.done[done] : ''}
      </div>
      {remaining.length === 0 ? (
        <p>{t.noActionLeft}</p>
      ) : (
        <ul className="follow-up__choices">
          {remaining.map((a) => (
            <li key={a}>
              <button
                type="button"
                className={`button follow-up__choice ${a === 'impossible' ? 'button--secondary' : 'button--primary'}`}
                onClick={() => answer(a)}
                disabled={mutation.isPending}
                aria-describedby={`${ids.reason}-${a}`}
                aria-expanded={a === 'impossible' ? asking : undefined}
              >
                {t.actions[a].label}
              </button>
              <span id={`${ids.reason}-${a}`} className="follow-up__choice-hint">
                {t.actions[a].hint}
              </span>
            </li>
          ))}
        </ul>
      )}
      {asking && remaining.includes('impossible') && (
        <form className="follow-up__reason" onSubmit={submitReason} noValidate>
          <HintedField id={ids.reason} hintId={ids.reasonHint} label={t.reasonLabel} hint={t.reasonHint}>
            <textarea
              ref={reasonRef}
              id={ids.reason}
              rows={4}
              maxLength={1000}
              required
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={reasonMessages.length > 0 || undefined}
              aria-describedby={[ids.reasonHint, reasonMessages.length ? ids.reasonError : ''].filter(Boolean).join(' ')}
            />
            {reasonMessages.length > 0 && (
              <p id={ids.reasonError} className="field__error">
                {[...new Set(reasonMessages)].join(' ')}
              </p>
            )}
          </HintedField>
          <p className="follow-up__row">
            <button type="submit" className="button button--primary" disabled={mutation.isPending}>
              {mutation.isPending ? t.sending : t.reasonSubmit}
            </button>
            <button
              type="button"
              className="button button--link"
              onClick={() => {
                setAsking(false);
                setReasonError(false);
              }}
            >
              {t.reasonCancel}
            </button>
          </p>
        </form>
      )}
      {mutation.isPending && !asking && <p>{t.sending}</p>}
      {mutation.isError && apiReasonErrors.length === 0 && <ErrorMessage error={mutation.error} />}
    </section>
  );
}

export function AnswerPage({ token }: { token: string }) {
  const query = useQuery(answerQuery(token));
  useDocumentTitle(t.title);
  if (query.isPending) return <p role="status">{frFollowUp.link.loading}</p>;
  if (query.isError) return <LinkRefused link="answer" error={query.error} onRetry={() => void query.refetch()} />;
  const view = query.data;
  return (
    <div className="follow-up narrow-page">
      <div className="page-intro">
        <h1 tabIndex={-1} data-page-heading>
          {t.heading(view.reference)}
        </h1>
        <p>{t.intro(view.actor?.name ?? null)}</p>
      </div>
      <p className="follow-up__note">
        {t.personal} {t.validUntil(formatDate(view.expires_at))}
      </p>
      <RequestFields view={view} />
      <Answers token={token} view={view} />
    </div>
  );
}
