/**
 * `/admin` — what needs doing: contact requests by status and age, stale entries by département,
 * départements without actors, pending submissions, mail failures. Each card asks only what the
 * role may read (the outbox is for curators and admins: a relais's dashboard never meets a 403).
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorMessage, ReadPending } from '../../components/error-message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { frAdmin } from '../../i18n/fr.admin.ts';
import { frFollowUp } from '../../i18n/fr.follow-up.ts';
import { frInbox } from '../../i18n/fr.inbox.ts';
import { Link } from '../../lib/router.tsx';
import { AdminTable } from './admin-table.tsx';
import '../inbox/inbox.css';
import type { Session } from '../account/session.ts';
import { requestCountsQuery } from '../inbox/queries.ts';
import { AdminPage } from './admin-layout.tsx';
import { campaignsQuery } from './campaign-queries.ts';
import { freshnessQuery, outboxQuery } from './queries.ts';

const t = frAdmin.dashboard;

const ti = frInbox.dashboard;
const INBOX = '/equipe/demandes';

/** « 3 nouvelles dont 1 de plus de 48 h », each figure a link to the inbox filtered on it. */
function RequestsCard() {
  const counts = useQuery(requestCountsQuery());
  const c = counts.data;
  return (
    <li className="admin-card">
      <h2 className="admin-card__title">{ti.heading}</h2>
      {counts.isError && <ErrorMessage error={counts.error} />}
      {c && (
        <>
          <p className="admin-card__figure">
            <Link href={`${INBOX}?statut=nouvelle`}>{ti.newOnes(c.by_status.nouvelle)}</Link>
          </p>
          {c.older_than_48h.nouvelle > 0 && (
            <p>
              <Link href={`${INBOX}?statut=nouvelle&anciennete=48`}>{ti.older(c.older_than_48h.nouvelle)}</Link>
            </p>
          )}
          {c.urgent_open > 0 && (
            <p>
              <Link href={`${INBOX}?urgent=1`} className="admin-card__urgent">
                {ti.urgent(c.urgent_open)}
              </Link>
            </p>
          )}
          {c.by_status['a-reorienter'] + c.by_status['sans-reponse'] > 0 && (
            <p>{ti.back(c.by_status['a-reorienter'] + c.by_status['sans-reponse'])}</p>
          )}
        </>
      )}
      <Link href={INBOX}>{ti.seeAll}</Link>
    </li>
  );
}

function Dashboard({ session }: { session: Session }) {
  const freshness = useQuery(freshnessQuery());
  const seesOutbox = session.user.role === 'admin' || session.user.role === 'curateur';
  const outbox = useQuery({ ...outboxQuery(), enabled: seesOutbox });
  const campaigns = useQuery(campaignsQuery());
  const latest = campaigns.data?.items[0];
  const [all, setAll] = useState(false);
  if (!freshness.isSuccess) return <ReadPending query={freshness} loading={frAdmin.common.loading} />;
  const f = freshness.data;
  const rows = f.departements
    .filter((d) => all || d.stale > 0)
    .sort((a, b) => (all ? a.code.localeCompare(b.code) : b.stale - a.stale || a.code.localeCompare(b.code)));
  const mail = outbox.data?.counts;
  return (
    <>
      <ul className="admin-cards">
        <RequestsCard />
        <li className="admin-card">
          <p className="admin-card__figure">{t.stale(f.total.stale)}</p>
          <p>
            {t.published(f.total.actors)} · {t.staleHint(f.stale_after_days)}
          </p>
          <Link href="/admin/acteurs?stale=true">{t.seeStale}</Link>
        </li>
        <li className="admin-card">
          <p className="admin-card__figure">{t.pending(f.pending_submissions)}</p>
          <Link href="/admin/propositions">{t.seePending}</Link>
        </li>
        <li className="admin-card">
          <p className="admin-card__figure">{f.gaps.length}</p>
          <p>{t.gaps(f.gaps.length)}</p>
        </li>
        <li className="admin-card">
          <p className="admin-card__figure">{frFollowUp.campaigns.dashboardCard}</p>
          <p>
            {latest
              ? frFollowUp.campaigns.dashboardLatest(
                  latest.title || frFollowUp.campaigns.untitled,
                  latest.counts.confirmed,
                  latest.counts.corrected,
                  latest.counts.no_answer,
                )
              : campaigns.isSuccess
                ? frFollowUp.campaigns.dashboardNone
                : ''}
          </p>
          <Link href="/admin/campagnes">{frFollowUp.campaigns.dashboardLink}</Link>
        </li>
        {mail && (
          <li className="admin-card">
            <p className="admin-card__figure">{t.mail}</p>
            <p>{t.mailCounts(mail.pending, mail.failed)}</p>
            {mail.failed > 0 && <p className="field__error">{t.mailFailed}</p>}
          </li>
        )}
      </ul>
      <p>{t.national(f.national.stale, f.national.actors)}</p>

      <section aria-labelledby="dash-deps">
        <h2 id="dash-deps">{t.byDepartement}</h2>
        <p>
          <button type="button" className="button button--link" onClick={() => setAll((v) => !v)}>
            {all ? t.showStaleOnly : t.showAll}
          </button>
        </p>
        {rows.length === 0 ? (
          <p>{t.noStale}</p>
        ) : (
          <AdminTable columns={[t.colDepartement, { label: t.colActors, className: 'num' }, { label: t.colStale, className: 'num' }]}>
            {rows.map((d) => (
              <tr key={d.code}>
                <th scope="row">
                  <Link href={`/admin/acteurs?departement=${d.code}${d.stale > 0 ? '&stale=true' : ''}`}>{`${d.name} (${d.code})`}</Link>
                </th>
                <td className="num">{d.actors}</td>
                <td className="num">{d.stale}</td>
              </tr>
            ))}
          </AdminTable>
        )}
      </section>

      <section aria-labelledby="dash-gaps">
        <h2 id="dash-gaps">{t.gaps(f.gaps.length)}</h2>
        {f.gaps.length === 0 ? (
          <p>{t.noGaps}</p>
        ) : (
          <>
            <p>{t.gapsIntro}</p>
            <p>{f.gaps.map((g) => `${g.name} (${g.code})`).join(' · ')}</p>
          </>
        )}
      </section>
    </>
  );
}

export function AdminDashboardPage() {
  useDocumentTitle(t.title);
  return <AdminPage heading={t.heading}>{(session) => <Dashboard session={session} />}</AdminPage>;
}
