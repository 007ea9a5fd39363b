/** The outbox's failed mails, for curators and admins, each with a retry. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorMessage } from '../../components/error-message.tsx';
import { t } from './inbox-text.ts';
import { inboxKeys, outboxQuery, retryMail } from './queries.ts';

export function OutboxPanel() {
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
