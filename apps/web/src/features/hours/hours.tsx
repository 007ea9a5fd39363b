/** Opening hours on the public pages: the state now, the next 7 days, closures first. */
import type { PublicActor, PublicContact, PublicSite } from '@pare/schema';
import { timeZoneOfDepartement } from '@pare/schema/codes';
import { capitalized, closurePeriod, dayText, formatDay, statusText } from './hours-text.ts';
import './hours.css';

/** « Ouvert — ferme à 17 h 30 » in green-and-text, « Fermé — ouvre lundi à 9 h »; nothing when unknown. */
export function HoursStatus({
  state,
  now,
  timeZone,
  className = '',
}: {
  state: Pick<PublicSite, 'open_now' | 'next_change' | 'opening_hours'>;
  now: string;
  timeZone: string;
  className?: string;
}) {
  const status = statusText(state, now, timeZone);
  if (!status) return null;
  return (
    <p className={`hours-status ${status.open ? 'hours-status--open' : 'hours-status--closed'} ${className}`.trim()}>
      <span className="hours-status__dot" aria-hidden="true" />
      {status.text}
    </p>
  );
}

/** The next 7 days, today first and marked. */
export function WeekTable({ week, caption }: { week: NonNullable<PublicSite['week']>; caption: string }) {
  if (week.length === 0) return null;
  return (
    <table className="hours-week">
      <caption>{caption}</caption>
      <tbody>
        {week.map((day, i) => (
          <tr key={day.date} className={i === 0 ? 'is-today' : undefined} aria-current={i === 0 ? 'date' : undefined}>
            <th scope="row">
              {capitalized(formatDay(day.date, day.weekday))}
              {i === 0 && <span className="hours-week__today"> (aujourd’hui)</span>}
            </th>
            <td>
              {dayText(day)
                .split(', ')
                .map((part, j) => (
                  // A range never breaks inside (« 14 h – 17 h 30 »); lines break after a comma.
                  <span key={part}>
                    {j > 0 && ', '}
                    <span className="hours-week__range">{part}</span>
                  </span>
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Closures and changes in effect or to come: said before anything else about the place. */
export function Closures({ closures }: { closures: PublicSite['temporary_closures'] }) {
  if (closures.length === 0) return null;
  return (
    <ul className="hours-closures">
      {closures.map((c) => (
        <li key={`${c.starts_on}-${c.message}`} className={c.closed ? 'hours-closure hours-closure--closed' : 'hours-closure'}>
          <strong>{c.closed ? 'Fermeture temporaire' : 'Changement'}</strong> {capitalized(closurePeriod(c))} : {c.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * The day an actor's page is about, to count « demain » from: the first day of a week the server
 * computed (noon UTC is that same day in Paris and overseas), else the browser's clock.
 */
export function dayOfAnswer(week: PublicSite['week']): string {
  return week?.[0] ? `${week[0].date}T12:00:00Z` : new Date().toISOString();
}

/** The time zone a line's hours are read in: its actor's first site's, else Paris. */
export function contactTimeZone(actor: Pick<PublicActor, 'sites'>): string {
  return timeZoneOfDepartement(actor.sites[0]?.departement?.code);
}

/** A site's time zone. */
export function siteTimeZone(site: PublicSite): string {
  return timeZoneOfDepartement(site.departement?.code);
}

/** The actor's state in one line for a list: open if a place or line is open now, else when the first one opens. */
export function actorHoursSummary(actor: Pick<PublicActor, 'sites' | 'contacts'>): {
  state: Pick<PublicContact, 'open_now' | 'next_change' | 'opening_hours'>;
  timeZone: string;
} | null {
  const candidates = [
    ...actor.sites.filter((s) => !s.confidential).map((s) => ({ state: s, timeZone: siteTimeZone(s) })),
    ...actor.contacts.filter((c) => c.opening_hours).map((c) => ({ state: c, timeZone: contactTimeZone(actor) })),
  ].filter((c) => c.state.open_now === true || c.state.open_now === false);
  const open = candidates.find((c) => c.state.open_now === true);
  if (open) return open;
  const closed = candidates
    .filter((c) => c.state.next_change)
    .sort((a, b) => String(a.state.next_change).localeCompare(String(b.state.next_change)))[0];
  return closed ?? candidates[0] ?? null;
}
