/**
 * Working days in France: Monday to Friday, except the public holidays of metropolitan France
 * (date-holidays' calendar: Easter Monday, Ascension, Whit Monday, 14 July…), in Paris time.
 * The follow-up of routed requests counts its delays in these days.
 */
import Holidays from 'date-holidays';

const DAY_MS = 24 * 60 * 60 * 1000;
const calendar = new Holidays('FR');
const byYear = new Map<number, Set<string>>();
const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const parisWeekday = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', weekday: 'short' });

/** The public holidays of a year, as `YYYY-MM-DD`. */
function holidays(year: number): Set<string> {
  let set = byYear.get(year);
  if (!set) {
    set = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    byYear.set(year, set);
  }
  return set;
}

/** Whether `at` falls on a working day in Paris. */
export function isWorkingDay(at: Date): boolean {
  const day = parisDay.format(at);
  const weekday = parisWeekday.format(at);
  if (weekday === 'Sat' || weekday === 'Sun') return false;
  return !holidays(Number(day.slice(0, 4))).has(day);
}

/**
 * The moment `n` working days after `from`: the same time of day on the n-th working day that
 * follows (a request routed on Friday at 17 h with n = 3 is due on Wednesday at 17 h; with the
 * 14 July on a Tuesday, on Thursday).
 */
export function addWorkingDays(from: Date, n: number): Date {
  let at = from;
  let counted = 0;
  while (counted < n) {
    at = new Date(at.getTime() + DAY_MS);
    if (isWorkingDay(at)) counted++;
  }
  return at;
}
