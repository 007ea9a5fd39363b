/**
 * `/suivre-ma-demande` — « Où en est ma demande ? »: the reference and the e-mail or phone given with
 * the request show its status, nothing of its content. The API answers the same 404 for a wrong
 * reference and a wrong contact, and 429 when someone guesses.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { HintedField, PublicFormPage, useFocusWhenSettled } from '../../components/form-parts.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frRequestStatus as t } from '../../i18n/fr.request-status.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { client, read } from '../../lib/client.ts';
import { formatDate } from '../../lib/format.ts';

function problemOf(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.code === 'not_found') return t.notFound;
    if (error.code === 'rate_limited') return t.rateLimited;
    if (error.code === 'validation_error') return error.issues[0]?.message ?? t.invalid;
    if (error.status === 0) return t.network;
  }
  return t.failed;
}

/** What sets the two text boxes apart (a reference is no word to spell-check). */
const FIELDS = {
  reference: { spellCheck: false, maxLength: 40 },
  contact: { maxLength: 254 },
} as const;

export function RequestStatusPage() {
  useDocumentTitle(t.title);
  const ids = { reference: useId(), contact: useId(), contactHint: useId(), referenceHint: useId() };
  const [reference, setReference] = useState('');
  const [contact, setContact] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const mutation = useMutation({
    mutationFn: () => read(client['contact-requests'].status.$post({ json: { reference: reference.trim(), contact: contact.trim() } })),
  });

  useFocusWhenSettled(resultRef, mutation);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reference.trim() || !contact.trim()) {
      setMissing(t.missing);
      resultRef.current?.focus();
      return;
    }
    setMissing(null);
    mutation.mutate();
  }

  const problem = missing ?? (mutation.isError ? problemOf(mutation.error) : null);
  const field = (name: keyof typeof FIELDS, value: string, setValue: (v: string) => void) => (
    <HintedField id={ids[name]} hintId={ids[`${name}Hint`]} label={t[name]} hint={t[`${name}Hint`]}>
      <input
        id={ids[name]}
        type="text"
        autoComplete="off"
        {...FIELDS[name]}
        value={value}
        aria-describedby={ids[`${name}Hint`]}
        onChange={(e) => setValue(e.target.value)}
      />
    </HintedField>
  );

  return (
    <PublicFormPage
      text={t}
      onSubmit={submit}
      pending={mutation.isPending}
      after={
        <>
          <div ref={resultRef} tabIndex={-1} role="status" className="request-status__result">
            {problem && <p className="notice notice--error">{problem}</p>}
            {!problem && mutation.data && (
              <section className="notice" aria-labelledby="titre-statut">
                <h2 id="titre-statut">{t.resultHeading(mutation.data.reference)}</h2>
                <p className="request-status__label">
                  <strong>{mutation.data.label}</strong>
                </p>
                <p>{t.updatedOn(formatDate(mutation.data.updated_at))}</p>
              </section>
            )}
          </div>
          <p className="field__hint">{t.emergency}</p>
        </>
      }
    >
      {field('reference', reference, setReference)}
      {field('contact', contact, setContact)}
    </PublicFormPage>
  );
}
