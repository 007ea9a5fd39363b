/**
 * Opening hours in French words, from what the API computed (`open_now`, `next_change`, `week`):
 * the web never parses the OSM syntax itself (the library is 1 MB; the server reads it).
 */
import type { DayHours, PublicSite } from '@pare/schema';
import { readClock } from '@pare/schema/codes';

type TemporaryClosureOut = PublicSite['temporary_closures'][number];

/** « 9 h », « 17 h 30 », « minuit ». */
export function formatTime(hhmm: string): string {
  const [h = '0', m = '00'] = hhmm.split(':');
  const hour = Number(h);
  if ((hour === 24 || hour === 0) && m === '00') return 'minuit';
  return m === '00' ? `${hour} h` : `${hour} h ${m}`;
}

/** « 9 h – 12 h, 14 h – 17 h 30 ». */
export function formatRanges(intervals: DayHours['intervals']): string {
  if (intervals.length === 1 && intervals[0]?.from === '00:00' && intervals[0].to === '24:00') return '24 h/24';
  return intervals.map((i) => `${formatTime(i.from)} – ${formatTime(i.to)}`).join(', ');
}

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** « 2026-12-07 » → « lundi 7 décembre ». */
export function formatDay(date: string, weekday?: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  const day = weekday ?? (d.getUTCDay() + 6) % 7;
  const month = new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' }).format(d);
  return `${WEEKDAYS[day]} ${d.getUTCDate()} ${month}`;
}

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** « à 17 h 30 », « demain à 9 h », « lundi à 9 h », « le 22 février à 9 h »: when, as seen from `now`. */
export function whenText(iso: string, nowIso: string, timeZone: string): string {
  const then = readClock(iso, timeZone);
  const now = readClock(nowIso, timeZone);
  const days = dayNumber(then.date) - dayNumber(now.date);
  const at = `à ${formatTime(then.time)}`;
  if (days <= 0) return at;
  if (days === 1) return `demain ${at}`;
  if (days < 7) return `${WEEKDAYS[then.weekday]} ${at}`;
  return `le ${formatDay(then.date, then.weekday).replace(/^\S+ /, '')} ${at}`;
}

export type HoursState = { open_now?: boolean | null | undefined; next_change?: string | null | undefined; opening_hours?: string | null };

/** « Ouvert — ferme à 17 h 30 », « Fermé — ouvre lundi à 9 h »; null when the hours do not say. */
export function statusText(state: HoursState, nowIso: string, timeZone: string): { open: boolean; text: string } | null {
  if (state.open_now === true) {
    if (!state.next_change) return { open: true, text: state.opening_hours === '24/7' ? 'Ouvert 24 h/24, 7 j/7' : 'Ouvert' };
    return { open: true, text: `Ouvert — ferme ${whenText(state.next_change, nowIso, timeZone)}` };
  }
  if (state.open_now === false) {
    if (!state.next_change) return { open: false, text: 'Fermé' };
    return { open: false, text: `Fermé — ouvre ${whenText(state.next_change, nowIso, timeZone)}` };
  }
  return null;
}

/** A day of the week table: « 9 h – 12 h, 14 h – 17 h 30 », « Fermé (jour férié : Noël) », the closure's message. */
export function dayText(day: DayHours): string {
  const notes: string[] = [];
  if (day.holiday) notes.push(`jour férié : ${day.holiday}`);
  const comments = [...new Set(day.intervals.map((i) => i.comment).filter((c): c is string => Boolean(c)))];
  notes.push(...comments);
  const suffix = notes.length > 0 ? ` (${notes.join(' ; ')})` : '';
  if (day.closure?.closed) return /^ferm/i.test(day.closure.message) ? day.closure.message : `Fermé — ${day.closure.message}`;
  // A rule that only says something (« "Sur rendez-vous" ») covers the day without opening it: say that, not « 24 h/24 ».
  const whole =
    day.intervals.length === 1 && day.intervals[0]?.unknown && day.intervals[0].from === '00:00' && day.intervals[0].to === '24:00';
  if (whole) return `${day.intervals[0]?.comment ?? 'Horaires non précisés'}${day.holiday ? ` (jour férié : ${day.holiday})` : ''}`;
  const base = day.intervals.length > 0 ? formatRanges(day.intervals) : 'Fermé';
  return `${base}${suffix}${day.closure ? ` — ${day.closure.message}` : ''}`;
}

/** « du lundi 15 février au vendredi 19 février », « à partir du lundi 15 février ». */
export function closurePeriod(c: TemporaryClosureOut): string {
  if (!c.ends_on) return `à partir du ${formatDay(c.starts_on)}`;
  if (c.ends_on === c.starts_on) return `le ${formatDay(c.starts_on)}`;
  return `du ${formatDay(c.starts_on)} au ${formatDay(c.ends_on)}`;
}

export const capitalized = capital;
