/**
 * The letter's public pages: `/lettre` (subscribe: the e-mail only, and optional départements),
 * `/lettre/confirmer/<jeton>` and `/lettre/desinscription/<jeton>` (one button each: a link
 * opened by a mail scanner confirms or unsubscribes nobody).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frNewsletter } from '../../i18n/fr.newsletter.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { client, read } from '../../lib/client.ts';
import { Link } from '../../lib/router.tsx';
import { departementsQuery } from '../resources/queries.ts';
import './newsletter.css';
import { ActionButton, HintedField, HoneypotField, PublicFormPage, useFocusWhenSettled } from '../../components/form-parts.tsx';
import { PageIntro } from '../../components/page-intro.tsx';

function problemOf(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.code === 'rate_limited') return frNewsletter.subscribe.rateLimited;
    if (error.code === 'validation_error') return error.issues.map((i) => i.message).join(' ') || error.message;
  }
  return frNewsletter.subscribe.failed;
}

export function SubscribePage() {
  const t = frNewsletter.subscribe;
  useDocumentTitle(t.title);
  const ids = { email: useId(), emailHint: useId(), depHint: useId(), honeypot: useId() };
  const [email, setEmail] = useState('');
  const [website, setWebsite] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const departements = useQuery(departementsQuery());
  const mutation = useMutation({
    mutationFn: () => read(client.newsletter.subscriptions.$post({ json: { email: email.trim(), departements: chosen, website } })),
  });

  useFocusWhenSettled(resultRef, mutation);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim()) {
      setMissing(true);
      document.getElementById(ids.email)?.focus();
      return;
    }
    setMissing(false);
    mutation.mutate();
  }
  const toggle = (code: string) => setChosen((c) => (c.includes(code) ? c.filter((x) => x !== code) : [...c, code]));

  if (mutation.isSuccess) {
    return (
      <div className="narrow-page">
        <div ref={resultRef} tabIndex={-1} className="notice" role="status">
          <h1 data-page-heading tabIndex={-1}>
            {t.doneHeading}
          </h1>
          <p>{mutation.data.message}</p>
          <p>{t.privacy}</p>
        </div>
      </div>
    );
  }

  return (
    <PublicFormPage
      className="newsletter"
      text={t}
      onSubmit={submit}
      pending={mutation.isPending}
      after={
        <>
          <div ref={resultRef} tabIndex={-1} role="status">
            {mutation.isError && <p className="notice notice--error">{problemOf(mutation.error)}</p>}
          </div>
          <p className="field__hint newsletter__privacy">{t.privacy}</p>
        </>
      }
    >
      <HintedField id={ids.email} hintId={ids.emailHint} label={t.email} hint={t.emailHint}>
        <input
          id={ids.email}
          type="email"
          autoComplete="email"
          inputMode="email"
          maxLength={254}
          value={email}
          aria-invalid={missing || undefined}
          aria-describedby={ids.emailHint}
          onChange={(e) => setEmail(e.target.value)}
        />
        {missing && <p className="field__error">{t.missing}</p>}
      </HintedField>
      <fieldset className="newsletter__departements">
        <legend>{t.departementsLegend}</legend>
        <p id={ids.depHint} className="field__hint">
          {t.departementsHint}{' '}
          <span className="newsletter__chosen" aria-live="polite">
            {t.chosen(chosen.length)}
          </span>
        </p>
        {departements.isPending && <p>{t.departementsLoading}</p>}
        {departements.data && (
          <ul className="newsletter__departement-list">
            {departements.data.items.map((d) => (
              <li key={d.code}>
                <label className="newsletter__check">
                  <input type="checkbox" checked={chosen.includes(d.code)} onChange={() => toggle(d.code)} />
                  {d.name} ({d.code})
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <HoneypotField id={ids.honeypot} className="newsletter__honeypot" label={t.honeypot} value={website} onChange={setWebsite} />
    </PublicFormPage>
  );
}

/** One button that acts on the mailed token; the answer (or the one 404) replaces it. */
function TokenAction({
  token,
  action,
  texts,
  unknown,
}: {
  token: string;
  action: 'confirm' | 'unsubscribe';
  texts: { title: string; heading: string; intro: string; button: string; sending: string; doneHeading: string };
  unknown: { heading: string; text: string; again?: string };
}) {
  useDocumentTitle(texts.title);
  const resultRef = useRef<HTMLDivElement>(null);
  const mutation = useMutation({
    mutationFn: () => {
      const param = { token: encodeURIComponent(token) };
      const links = client.newsletter.subscriptions;
      return action === 'confirm' ? read(links.confirm[':token'].$post({ param })) : read(links.unsubscribe[':token'].$post({ param }));
    },
  });
  useFocusWhenSettled(resultRef, mutation);
  const notFound = mutation.error instanceof ApiRequestError && mutation.error.code === 'not_found';

  return (
    <div className="narrow-page newsletter">
      {mutation.isSuccess ? (
        <div ref={resultRef} tabIndex={-1} className="notice" role="status">
          <h1 data-page-heading tabIndex={-1}>
            {texts.doneHeading}
          </h1>
          <p>{mutation.data.message}</p>
        </div>
      ) : notFound ? (
        <div ref={resultRef} tabIndex={-1} className="notice notice--error" role="alert">
          <h1 data-page-heading tabIndex={-1}>
            {unknown.heading}
          </h1>
          <p>{unknown.text}</p>
          {unknown.again && (
            <p>
              <Link href="/lettre">{unknown.again}</Link>
            </p>
          )}
        </div>
      ) : (
        <>
          <PageIntro as="div" heading={texts.heading} intro={texts.intro} />
          <p className="notice__actions">
            <ActionButton pending={mutation.isPending} label={texts.button} busy={texts.sending} onClick={() => mutation.mutate()} />
          </p>
          <div ref={resultRef} tabIndex={-1} role="status">
            {mutation.isError && <p className="notice notice--error">{problemOf(mutation.error)}</p>}
          </div>
        </>
      )}
    </div>
  );
}

export function ConfirmPage({ token }: { token: string }) {
  const t = frNewsletter.confirm;
  return (
    <TokenAction token={token} action="confirm" texts={t} unknown={{ heading: t.unknownHeading, text: t.unknownText, again: t.again }} />
  );
}

export function UnsubscribePage({ token }: { token: string }) {
  const t = frNewsletter.unsubscribe;
  return <TokenAction token={token} action="unsubscribe" texts={t} unknown={{ heading: t.unknownHeading, text: t.unknownText }} />;
}
