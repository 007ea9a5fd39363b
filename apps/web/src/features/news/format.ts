/** Dates of news and events, in French and always in Paris time (wherever the reader is). */

const TZ = 'Europe/Paris';
const day = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ });
const shortDay = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ });
const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: TZ });
const dayKey = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: TZ });

/** « 14 h », « 9 h 30 » (the French way of writing a time). */
const hhmm = (d: Date) =>
  time.format(d).replace(/^0?(\d{1,2}):(\d{2})$/, (_, h: string, m: string) => (m === '00' ? `${h} h` : `${h} h ${m}`));

/** « 12 mars 2026 » for an instant, in Paris. */
export function formatDay(iso: string): string {
  return shortDay.format(new Date(iso));
}

/**
 * « jeudi 12 mars 2026, de 14 h 00 à 15 h 30 » — or, over several days,
 * « du jeudi 12 mars 2026, 9 h 30, au vendredi 13 mars 2026, 17 h 00 ».
 */
export function formatEventWhen(startsAt: string, endsAt: string): string {
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  if (dayKey.format(s) === dayKey.format(e)) return `${day.format(s)}, de ${hhmm(s)} à ${hhmm(e)}`;
  return `du ${day.format(s)}, ${hhmm(s)}, au ${day.format(e)}, ${hhmm(e)}`;
}

/** The day of an event as a short date-time attribute value (`<time dateTime>`). */
export const machineDate = (iso: string) => iso;
