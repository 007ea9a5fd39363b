/** `/signaler?acteur=<slug>` — « Signaler une erreur » on an entry, without an account. */
import { SubmissionInputSchema } from '@pare/schema';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { SubmitButton } from '../../components/form-parts.tsx';
import { NarrowPage } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { Link, useSearchParam } from '../../lib/router.tsx';
import { actorQuery } from '../actor/queries.ts';
import { ErrorSummary, FormError, TextArea } from '../admin/fields.tsx';
import { errorsAt, type FieldErrors, issuesToErrors, zodToErrors } from '../admin/form-errors.ts';
import '../admin/admin.css';
import { sendSubmission } from './queries.ts';
import { emptySubmitter, SubmitterFields } from './submitter-fields.tsx';

const t = frAdmin.report;
const tf = frAdmin.publicForms;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function ReportForm({ slug, name }: { slug: string; name: string }) {
  const [message, setMessage] = useState('');
  const [submitter, setSubmitter] = useState(emptySubmitter);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>(new Map());
  const body = useMemo(
    () => ({
      kind: 'correction' as const,
      actor_slug: slug,
      message: message.trim() || undefined,
      submitter: { name: submitter.name, email: submitter.email },
      consent: submitter.consent as true,
      homepage: submitter.homepage || undefined,
    }),
    [slug, message, submitter],
  );
  const parsed = useMemo(() => SubmissionInputSchema.safeParse(body), [body]);
  const errors: FieldErrors = useMemo(() => {
    const m: FieldErrors = new Map(submitted && !parsed.success ? zodToErrors(parsed.error) : []);
    for (const [k, v] of serverErrors) m.set(k, [...(m.get(k) ?? []), ...v]);
    return m;
  }, [submitted, parsed, serverErrors]);
  const send = useMutation({
    mutationFn: () => sendSubmission(body),
    onError: (err) => {
      if (err instanceof ApiRequestError && err.issues.length > 0) setServerErrors(issuesToErrors(err.issues));
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setServerErrors(new Map());
    if (parsed.success) send.mutate();
  }

  if (send.isSuccess) {
    return (
      <>
        <h2>{tf.thanksTitle}</h2>
        <p role="status">{send.data.message}</p>
        <p>{tf.reference(send.data.reference)}</p>
        <p>
          <Link href={`/acteurs/${slug}`}>← {name}</Link>
        </p>
      </>
    );
  }
  const summary = [...errors].flatMap(([path, messages]) =>
    messages.map((m) => ({
      path,
      message: m,
      target:
        path === 'message'
          ? 'er-message'
          : path.startsWith('submitter.')
            ? `sf-submitter-${path.split('.')[1]}`
            : path === 'consent'
              ? 'sf-consent'
              : undefined,
    })),
  );
  return (
    <form className="admin-form" onSubmit={onSubmit} noValidate>
      <ErrorSummary title={tf.errorsSummary(summary.length)} items={summary} />
      <FormError error={send.error} />
      <TextArea
        id="er-message"
        label={t.message}
        hint={t.messageHint}
        value={message}
        onChange={setMessage}
        errors={errorsAt(errors, 'message')}
        rows={6}
        required
      />
      <SubmitterFields value={submitter} onChange={setSubmitter} errorsFor={(p) => errorsAt(errors, p)} />
      <p>
        <SubmitButton pending={send.isPending} label={tf.send} busy={tf.sending} />
      </p>
    </form>
  );
}

export function ErrorReportFormPage() {
  useDocumentTitle(t.title);
  const raw = useSearchParam('acteur') ?? '';
  const slug = SLUG.test(raw) ? raw : null;
  const actor = useQuery({ ...actorQuery(slug ?? '-'), enabled: slug !== null });
  return (
    <NarrowPage heading={t.heading}>
      {!slug ? (
        <p className="notice">
          {t.missingActor} <Link href="/">{tf.backHome}</Link>
        </p>
      ) : actor.isPending ? (
        <p role="status">{frAdmin.common.loading}</p>
      ) : actor.isError ? (
        actor.error instanceof ApiRequestError && actor.error.status === 404 ? (
          <p className="notice">{t.unknownActor}</p>
        ) : (
          <ErrorMessage error={actor.error} />
        )
      ) : (
        <>
          <p>{t.about(actor.data.name)}</p>
          <p>{t.intro}</p>
          <ReportForm slug={slug} name={actor.data.name} />
        </>
      )}
    </NarrowPage>
  );
}
