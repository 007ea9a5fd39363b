/** `/admin/campagnes/:id` — one campaign: where it stands, entry by entry, the corrections to review, the one reminder. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { ActionButton } from '../../components/form-parts.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frFollowUp } from '../../i18n/fr.follow-up.ts';
import { ApiRequestError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { AdminLayout, EntryReadError } from './admin-layout.tsx';
import { AdminTable } from './admin-table.tsx';
import { type CampaignDetail, type CampaignEntry, campaignKeys, campaignQuery, remindCampaign } from './campaign-queries.ts';

const t = frFollowUp.campaigns;

const answeredAt = (e: CampaignEntry) => e.confirmed_at ?? e.corrected_at;

function Counts({ c }: { c: CampaignDetail }) {
  const figures: [string, number][] = [
    [t.columns.entries, c.counts.entries],
    [t.columns.sent, c.counts.sent],
    [t.columns.opened, c.counts.opened],
    [t.columns.confirmed, c.counts.confirmed],
    [t.columns.corrected, c.counts.corrected],
    [t.columns.noAnswer, c.counts.no_answer],
    [t.columns.withoutReferent, c.counts.without_referent],
  ];
  return (
    <section aria-labelledby="ou-en-est-elle">
      <h2 id="ou-en-est-elle">{t.countsHeading}</h2>
      <dl className="campaign-counts">
        {figures.map(([label, n]) => (
          <div key={label} className="campaign-counts__item">
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Reminder({ c }: { c: CampaignDetail }) {
  const queryClient = useQueryClient();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const remind = useMutation({
    mutationFn: () => remindCampaign(c.id),
    onSuccess: (updated) => {
      queryClient.setQueryData(campaignKeys.detail(c.id), updated);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.list });
    },
    onError: (err) => {
      // Sent from another tab or by a colleague: show the campaign as it is now.
      if (err instanceof ApiRequestError && err.status === 409) void queryClient.invalidateQueries({ queryKey: campaignKeys.detail(c.id) });
    },
  });
  const already = remind.error instanceof ApiRequestError && remind.error.status === 409;
  useEffect(() => {
    if (remind.isSuccess || already) statusRef.current?.focus();
  }, [remind.isSuccess, already]);
  const waiting = c.counts.no_answer > 0;
  return (
    <section aria-labelledby="rappel">
      <h2 id="rappel">{t.reminderHeading}</h2>
      <p ref={statusRef} role="status" tabIndex={-1} className={remind.isSuccess || already ? 'notice notice--success' : undefined}>
        {remind.isSuccess ? t.remindDone : already ? t.remindAlready : ''}
      </p>
      {c.reminder_sent_at ? (
        <p>{t.reminded(formatDate(c.reminder_sent_at))}</p>
      ) : waiting ? (
        <>
          <p className="field__hint">{t.remindHint}</p>
          <p>
            <ActionButton pending={remind.isPending} label={t.remind} busy={t.reminding} onClick={() => remind.mutate()} />
          </p>
        </>
      ) : (
        <p>{t.remindNobody}</p>
      )}
      {remind.isError && !already && <ErrorMessage error={remind.error} />}
    </section>
  );
}

function Entries({ c }: { c: CampaignDetail }) {
  const reached = c.entries.filter((e) => e.state !== 'sans-referent');
  const without = c.entries.filter((e) => e.state === 'sans-referent');
  return (
    <>
      <section aria-labelledby="fiche-par-fiche">
        <h2 id="fiche-par-fiche">{t.entriesHeading}</h2>
        <AdminTable
          columns={[t.entryColumns.actor, t.entryColumns.state, t.entryColumns.sent, t.entryColumns.answered, t.entryColumns.review]}
          caption={t.entriesHeading}
          className="campaign-entries"
        >
          {reached.map((e) => {
            const answered = answeredAt(e);
            return (
              <tr key={e.actor.id}>
                <th scope="row">
                  <Link href={`/admin/acteurs/${e.actor.id}`}>{e.actor.name}</Link>
                </th>
                <td data-label={t.entryColumns.state}>
                  <span className={`campaign-state campaign-state--${e.state}`}>{t.states[e.state] ?? e.state}</span>
                </td>
                <td data-label={t.entryColumns.sent}>{e.sent_at ? formatDate(e.sent_at) : '—'}</td>
                <td data-label={t.entryColumns.answered}>{answered ? formatDate(answered) : '—'}</td>
                <td data-label={t.entryColumns.review}>
                  {e.submission_id !== null ? (
                    <Link href={`/admin/propositions/${e.submission_id}`} aria-label={t.reviewLabel(e.actor.name)}>
                      {t.review}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </AdminTable>
      </section>
      {without.length > 0 && (
        <section aria-labelledby="sans-referent">
          <h2 id="sans-referent">{t.withoutReferentHeading(without.length)}</h2>
          <p>{t.withoutReferentIntro}</p>
          <ul>
            {without.map((e) => (
              <li key={e.actor.id}>
                <Link href={`/admin/acteurs/${e.actor.id}`} aria-label={t.edit(e.actor.name)}>
                  {e.actor.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Campaign({ id }: { id: number }) {
  const campaign = useQuery(campaignQuery(id));
  useDocumentTitle(campaign.data ? campaign.data.title || t.untitled : t.title);
  if (campaign.isPending) return <p role="status">{t.loading}</p>;
  if (campaign.isError) {
    return (
      <EntryReadError
        heading={t.heading}
        error={campaign.error}
        expected={{ status: 404, notice: t.notFound }}
        back={{ href: '/admin/campagnes', label: t.back }}
      />
    );
  }
  const c = campaign.data;
  return (
    <div className="admin-page">
      <p>
        <Link href="/admin/campagnes">{t.back}</Link>
      </p>
      <div>
        <h1 data-page-heading tabIndex={-1}>
          {c.title || t.untitled}
        </h1>
        <p>{t.launchedOn(formatDate(c.created_at), c.created_by)}</p>
      </div>
      <Counts c={c} />
      <Reminder c={c} />
      <Entries c={c} />
    </div>
  );
}

export function CampaignPage({ id }: { id: number }) {
  return <AdminLayout>{() => <Campaign id={id} />}</AdminLayout>;
}
