/** The list of requests: those that come first (urgent and open, back with the team), then the others. */
import { isPriority, t, ti, when } from './inbox-text.ts';
import type { RequestSummary } from './queries.ts';
import { Flags } from './request-flags.tsx';

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
export function RequestTables({ items, open, onOpen }: { items: RequestSummary[]; open: string | null; onOpen: (r: string) => void }) {
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
