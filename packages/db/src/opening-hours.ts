/**
 * Opening hours in the OpenStreetMap `opening_hours` syntax (`Mo-Fr 09:00-12:00,14:00-17:30; PH off`),
 * read and evaluated by the maintained `opening_hours` library — never by a parser of ours.
 *
 * Time: the library reads the wall clock of the JavaScript `Date` it is given, in the process's
 * own time zone. A site's hours are wall-clock hours where the site is (Europe/Paris, or the
 * overseas département's zone), whatever the server's zone: an instant is turned into a `Date`
 * whose local fields are the site's wall clock, evaluated, and the library's answers are turned
 * back into instants (`fakeLocal` / `fromFakeLocal`).
 *
 * Public holidays: French ones, with those of Alsace-Moselle and the overseas départements
 * (the library knows them by « state » name: see `HOLIDAY_STATE`).
 */
import { clockParts, setOpeningHoursCheck, timeZoneOfDepartement } from '@pare/schema';
import OpeningHours from 'opening_hours';

/** A temporary closure or change of a site: shown first while it lasts; `closed` ones close the site. */
export type TemporaryClosure = {
  /** First day, AAAA-MM-JJ, in the site's time zone. */
  starts_on: string;
  /** Last day included; null: until further notice. */
  ends_on: string | null;
  message: string;
  /** true: the site is closed on those days (« Fermé pour travaux »); false: a change to read (« Permanence déplacée »). */
  closed: boolean;
};

export type HoursPlace = {
  /** The département the hours are read in: its time zone and its extra public holidays. */
  departement?: string | null;
};

/** Départements with public holidays of their own, as the library names them. */
const HOLIDAY_STATE: Record<string, string> = {
  '57': 'Moselle',
  '67': 'Bas-Rhin',
  '68': 'Haut-Rhin',
  '971': 'Guadeloupe',
  '972': 'Martinique',
  '973': 'Guyane',
  '974': 'La Réunion',
  '976': 'Mayotte',
};

export function timeZoneOf(place: HoursPlace = {}): string {
  return timeZoneOfDepartement(place.departement);
}

// -- wall clock --------------------------------------------------------------------------------

type WallClock = { y: number; mo: number; d: number; h: number; mi: number; s: number };

/** The wall clock as `Intl` formats it (what `wallClock` must equal). */
export function formattedWallClock(instant: Date, timeZone: string): WallClock {
  const p = clockParts(instant, timeZone);
  const n = (part: string | undefined, otherwise: number) => (part === undefined ? otherwise : Number(part));
  return { y: n(p.year, 0), mo: n(p.month, 1), d: n(p.day, 1), h: n(p.hour, 0), mi: n(p.minute, 0), s: n(p.second, 0) };
}

/** The zone's offset from UTC at a whole second `t` (ms), as `Intl` tells it. */
function offsetAt(t: number, timeZone: string): number {
  const w = formattedWallClock(new Date(t), timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - t;
}

/** Offsets kept per zone and quarter hour of UTC (zones change offset on such boundaries). */
const QUARTER = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * The wall clock of `instant` in `timeZone`, to the second. `Intl` is asked once per zone and
 * quarter hour (when the offset is the same at both ends of it), the rest is arithmetic: a page
 * of results asks it hundreds of times, and `formatToParts` costs microseconds each.
 */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const t = Math.floor(instant.getTime() / 1000) * 1000;
  if (!Number.isFinite(t)) return formattedWallClock(instant, timeZone);
  const quarter = Math.floor(t / QUARTER);
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const start = offsetAt(quarter * QUARTER, timeZone);
    if (start !== offsetAt(quarter * QUARTER + QUARTER - 1000, timeZone)) return formattedWallClock(instant, timeZone);
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, start);
    offset = start;
  }
  const w = new Date(t + offset);
  return {
    y: w.getUTCFullYear(),
    mo: w.getUTCMonth() + 1,
    d: w.getUTCDate(),
    h: w.getUTCHours(),
    mi: w.getUTCMinutes(),
    s: w.getUTCSeconds(),
  };
}

/** A `Date` whose local (process time zone) fields are the wall clock of `instant` in `timeZone`. */
function fakeLocal(instant: Date, timeZone: string): Date {
  const w = wallClock(instant, timeZone);
  return new Date(w.y, w.mo - 1, w.d, w.h, w.mi, w.s, instant.getMilliseconds());
}

/** The instant at which the wall clock of `timeZone` shows the given fields. */
export function instantOf(w: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  const offset = (t: number) => {
    const v = wallClock(new Date(t), timeZone);
    return Date.UTC(v.y, v.mo - 1, v.d, v.h, v.mi, v.s) - Math.floor(t / 1000) * 1000;
  };
  const first = offset(asUtc);
  let t = asUtc - first;
  const second = offset(t);
  if (second !== first) t = asUtc - second;
  return new Date(t);
}

/** Back from the library's local `Date` to a real instant. */
function fromFakeLocal(local: Date, timeZone: string): Date {
  return instantOf(
    {
      y: local.getFullYear(),
      mo: local.getMonth() + 1,
      d: local.getDate(),
      h: local.getHours(),
      mi: local.getMinutes(),
      s: local.getSeconds(),
    },
    timeZone,
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
/** AAAA-MM-JJ of the wall clock in `timeZone`. */
export function dayOf(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}`;
}
function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
/** The first instant of a day in `timeZone`. */
function startOfDay(day: string, timeZone: string): Date {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return instantOf({ y, mo, d, h: 0, mi: 0, s: 0 }, timeZone);
}

// -- parsing -----------------------------------------------------------------------------------

const SYNTAX_HELP = 'Exemple : « Mo-Fr 09:00-12:00,14:00-17:30; PH off » (jours en anglais : Mo Tu We Th Fr Sa Su ; PH = jours fériés).';

/** Parsed values, by département (holidays differ), kept across calls: the same few strings come back. */
const parsed = new Map<string, OpeningHours>();
const MAX_PARSED = 5000;

function nominatim(place: HoursPlace) {
  const state = (place.departement && HOLIDAY_STATE[place.departement]) || '';
  return { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state } };
}

function parse(value: string, place: HoursPlace): OpeningHours {
  const state = (place.departement && HOLIDAY_STATE[place.departement]) || '';
  const key = `${state}\u0000${value}`;
  let oh = parsed.get(key);
  if (!oh) {
    oh = new OpeningHours(value, nominatim(place), { mode: 0, locale: 'fr' } as never);
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(key, oh);
  }
  return oh;
}

/**
 * Null when `value` is valid hours; otherwise a French sentence naming the problem (the
 * library's own explanation, which marks the place with « <--- »), followed by an example.
 */
export function checkOpeningHours(value: string): string | null {
  const known = checkedHours.get(value);
  if (known !== undefined) return known;
  const verdict = readHoursVerdict(value);
  if (checkedHours.size >= CHECKED_HOURS_KEPT) checkedHours.clear();
  checkedHours.set(value, verdict);
  return verdict;
}

/**
 * Verdicts of `checkOpeningHours`, by text. Reading hours with the library costs ~0.15 ms (its
 * tokenizer looks for corrections word by word), and a directory repeats a few hundred texts: an
 * import of 100,000 rows read the same ones 150,000 times, a third of its time (docs/PERFORMANCE.md).
 */
const checkedHours = new Map<string, string | null>();
const CHECKED_HOURS_KEPT = 4096;

function readHoursVerdict(value: string): string | null {
  if (value.trim() === '') return 'Horaires vides : laissez le champ vide ou indiquez des horaires.';
  try {
    const oh = new OpeningHours(value, nominatim({}), { mode: 0, locale: 'fr' } as never);
    // Read, but only by guessing (« lundi », « 9h »): the library says what it corrected; we ask for the written form.
    const warnings = oh.getWarnings();
    if (warnings.length === 0) return null;
    const said = warnings
      .slice(0, 2)
      .map((w) => w.replace(/\s+/g, ' ').trim())
      .join(' ');
    return `Horaires à préciser : ${said} Écrivez : « ${oh.prettifyValue()} ».`;
  } catch (error) {
    const detail = String(error instanceof Error ? error.message : error)
      .replace(/\s+/g, ' ')
      .trim();
    // The usual mistake: hours written in French words (« du lundi au vendredi, 9h-17h »).
    const french = /\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|du|au|et)\b|\d\s*h\b|\dh\d/i.test(value)
      ? ' Les jours s’écrivent Mo Tu We Th Fr Sa Su et les heures 09:00-12:00, pas en toutes lettres.'
      : '';
    return `Horaires illisibles : ${detail}${french} ${SYNTAX_HELP}`;
  }
}

// Every zod check of an actor on the server (API, import, seed) reads hours with the library.
setOpeningHoursCheck(checkOpeningHours);

/**
 * The value in the library's written form when it can read it, guesses included (« lundi 9h-12h »
 * → « Mo 09:00-12:00 »); null when it cannot. For text written before hours were checked (the
 * migration, the import), never for what a person types in the editor (told instead).
 */
export function normalizeOpeningHours(value: string): string | null {
  if (value.trim() === '') return null;
  try {
    return new OpeningHours(value, nominatim({}), { mode: 0, locale: 'fr' } as never).prettifyValue();
  } catch {
    return null;
  }
}

/** True when the value parses (a wrong value stored before this check is treated as unknown hours). */
export function isValidOpeningHours(value: string): boolean {
  return checkOpeningHours(value) === null;
}

// -- evaluation ----------------------------------------------------------------------------------

export type HoursState = {
  /** true / false; null when unknown: no hours, unreadable hours, or a rule that only carries a comment. */
  open_now: boolean | null;
  /** When the state changes next (ISO instant); null if not within the next year or unknown. */
  next_change: string | null;
};

/** The closures in effect on a day. */
function closuresOn(day: string, closures: readonly TemporaryClosure[]): TemporaryClosure[] {
  return closures.filter((c) => c.starts_on <= day && (c.ends_on === null || day <= c.ends_on));
}

/** The closures still to come or in effect (ended ones are history). */
export function currentClosures(closures: readonly TemporaryClosure[], at: Date, place: HoursPlace = {}): TemporaryClosure[] {
  const today = dayOf(at, timeZoneOf(place));
  return closures.filter((c) => c.ends_on === null || c.ends_on >= today).sort((a, b) => a.starts_on.localeCompare(b.starts_on));
}

const YEAR_MS = 366 * 24 * 3600 * 1000;

/**
 * States kept: per hours, closures and département, from the instant asked until it may change;
 * two spans per key, so that the next day's state asked ahead (the views made before midnight,
 * search-views.ts) and today's do not push each other out.
 */
type Span = { state: HoursState; from: number; until: number };
const states = new Map<string, Span[]>();
const MAX_STATES = 20_000;

/**
 * Is it open at `at`, and when does that change? A closure with `closed` closes the whole day;
 * it ends at the start of the day after `ends_on`.
 *
 * The answer holds from `at` until its `next_change` or the next local midnight (when closures
 * starting tomorrow begin to count), whichever comes first: it is kept for that span, so the
 * many sites sharing the same hours (« Mo-Fr 09:00-17:00 ») and the same site asked again cost a
 * map lookup, not an evaluation of the hours (which recomputes the year's holidays each time).
 */
export function hoursState(value: string | null, closures: readonly TemporaryClosure[], at: Date, place: HoursPlace = {}): HoursState {
  if (value === null && closures.length === 0) return { open_now: null, next_change: null };
  const key = `${place.departement ?? ''}\u0000${value}\u0000${closures.length === 0 ? '' : JSON.stringify(closures)}`;
  const t = at.getTime();
  const spans = states.get(key);
  const kept = spans?.find((span) => span.from <= t && t < span.until);
  if (kept) return { ...kept.state };
  const state = evaluateHoursState(value, closures, at, place);
  const tz = timeZoneOf(place);
  const midnight = startOfDay(addDays(dayOf(at, tz), 1), tz).getTime();
  const until = Math.min(midnight, state.next_change ? Date.parse(state.next_change) : Number.POSITIVE_INFINITY);
  if (states.size >= MAX_STATES) states.clear();
  // Kept beside it: the last span asked that does not overlap it (the day before, or after).
  const other = spans?.filter((span) => span.until <= t || span.from >= until).at(-1);
  states.set(key, other ? [other, { state: { ...state }, from: t, until }] : [{ state: { ...state }, from: t, until }]);
  return state;
}

/** `hoursState` without the kept answers (what they must equal). */
export function evaluateHoursState(value: string | null, closures: readonly TemporaryClosure[], at: Date, place: HoursPlace): HoursState {
  const tz = timeZoneOf(place);
  const shut = closures.filter((c) => c.closed);
  const today = dayOf(at, tz);
  const closingNow = closuresOn(today, shut);
  if (closingNow.length > 0) {
    // Closed until the last of the overlapping closures ends (null: until further notice).
    let end: string | null = today;
    for (;;) {
      const covering = closuresOn(end, shut);
      if (covering.some((c) => c.ends_on === null)) return { open_now: false, next_change: null };
      const last = covering.reduce((m, c) => ((c.ends_on as string) > m ? (c.ends_on as string) : m), end);
      const next = addDays(last, 1);
      if (closuresOn(next, shut).length === 0) {
        end = next;
        break;
      }
      end = next;
    }
    const reopening = startOfDay(end, tz);
    // When it opens after the closure: the hours' state from that instant.
    if (value === null || !isValidOpeningHours(value)) return { open_now: false, next_change: null };
    const after = evaluateHoursState(value, [], reopening, place);
    return { open_now: false, next_change: after.open_now ? reopening.toISOString() : after.next_change };
  }
  if (value === null) return { open_now: null, next_change: null };
  let oh: OpeningHours;
  try {
    oh = parse(value, place);
  } catch {
    return { open_now: null, next_change: null };
  }
  const local = fakeLocal(at, tz);
  const unknown = oh.getUnknown(local);
  const open = oh.getState(local);
  const nextLocal = oh.getNextChange(local, new Date(local.getTime() + YEAR_MS));
  let next = nextLocal ? fromFakeLocal(nextLocal, tz) : null;
  // A closure starting before that change closes the site at the start of its first day.
  const upcoming = shut.filter((c) => c.starts_on > today).sort((a, b) => a.starts_on.localeCompare(b.starts_on))[0];
  if (upcoming && open) {
    const closing = startOfDay(upcoming.starts_on, tz);
    if (!next || closing < next) next = closing;
  }
  return { open_now: unknown ? null : open, next_change: next ? next.toISOString() : null };
}

export type DayHours = {
  /** AAAA-MM-JJ in the site's time zone. */
  date: string;
  /** 0 = lundi … 6 = dimanche. */
  weekday: number;
  /** Opening periods of the day, « HH:MM » wall clock; `to` is « 24:00 » when open past midnight. */
  intervals: { from: string; to: string; comment: string | null; unknown: boolean }[];
  /** The public holiday's name when the day is one. */
  holiday: string | null;
  /** A temporary closure or change in effect that day. */
  closure: { message: string; closed: boolean } | null;
};

/** The `days` days from the day of `from`, as a person reads a week of hours. */
export function hoursSchedule(
  value: string | null,
  closures: readonly TemporaryClosure[],
  from: Date,
  place: HoursPlace = {},
  days = 7,
): DayHours[] {
  const tz = timeZoneOf(place);
  let oh: OpeningHours | null = null;
  if (value !== null) {
    try {
      oh = parse(value, place);
    } catch {
      oh = null;
    }
  }
  const first = dayOf(from, tz);
  const out: DayHours[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(first, i);
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    const startLocal = new Date(y, mo - 1, d, 0, 0, 0);
    const endLocal = new Date(y, mo - 1, d + 1, 0, 0, 0);
    const weekday = (new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7;
    const on = closuresOn(date, closures)[0] ?? null;
    const closedByClosure = closuresOn(
      date,
      closures.filter((c) => c.closed),
    ).length;
    let holiday: string | null = null;
    const intervals: DayHours['intervals'] = [];
    if (oh) {
      if (oh.getPublicHolidayContext(startLocal).isHoliday) holiday = holidayName(place, startLocal) ?? 'Jour férié';
      if (!closedByClosure) {
        for (const [a, b, unknown, comment] of oh.getOpenIntervals(startLocal, endLocal)) {
          const to = b.getTime() >= endLocal.getTime() ? '24:00' : `${pad(b.getHours())}:${pad(b.getMinutes())}`;
          intervals.push({ from: `${pad(a.getHours())}:${pad(a.getMinutes())}`, to, comment: comment ?? null, unknown });
        }
      }
    }
    out.push({ date, weekday, intervals, holiday, closure: on ? { message: on.message, closed: on.closed } : null });
  }
  return out;
}

/** The holiday's name, as the library gives it in the comment of a `PH` rule; null if it gives none. */
function holidayName(place: HoursPlace, dayStart: Date): string | null {
  return parse('PH off', place).getComment(dayStart) ?? null;
}

export type WeeklyInterval = { weekday: number; from: string; to: string };

/**
 * The hours as the same intervals every week (what HSDS schedules and the editor's day grid can
 * say), public holidays aside; null when they differ from week to week (months, week numbers,
 * comments), or cannot be read. Checked on a week of each month of a year.
 */
export function weeklyHours(value: string, place: HoursPlace = {}): WeeklyInterval[] | null {
  let oh: OpeningHours;
  try {
    oh = parse(value, place);
  } catch {
    return null;
  }
  let reference: (string | null)[] | null = null;
  for (let month = 0; month < 12; month++) {
    // The first Monday on or after the 8th: a week inside the month.
    const first = new Date(2027, month, 8);
    const monday = new Date(2027, month, 8 + ((8 - first.getDay()) % 7));
    const week: (string | null)[] = [];
    for (let i = 0; i < 7; i++) {
      const start = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i);
      const end = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i + 1);
      if (oh.getPublicHolidayContext(start).isHoliday) {
        week.push(null);
        continue;
      }
      const intervals = oh.getOpenIntervals(start, end);
      if (intervals.some(([, , unknown]) => unknown)) return null;
      week.push(
        intervals
          .map(
            ([a, b]) => `${pad(a.getHours())}:${pad(a.getMinutes())}-${b >= end ? '24:00' : `${pad(b.getHours())}:${pad(b.getMinutes())}`}`,
          )
          .join(','),
      );
    }
    if (!reference) reference = week;
    else {
      for (let i = 0; i < 7; i++) {
        if (reference[i] === null) reference[i] = week[i] ?? null;
        else if (week[i] !== null && week[i] !== reference[i]) return null;
      }
    }
  }
  const out: WeeklyInterval[] = [];
  (reference ?? []).forEach((day, weekday) => {
    for (const range of day ? day.split(',') : []) {
      const [from, to] = range.split('-') as [string, string];
      out.push({ weekday, from, to });
    }
  });
  return out;
}

/** The hours in French words, as the library writes them (« lun.-ven. 09:00-12:00; jours fériés fermé »). */
export function hoursInFrench(value: string): string {
  try {
    return parse(value, {}).prettifyValue({ conf: { locale: 'fr' } } as never);
  } catch {
    return value;
  }
}

/**
 * Whether public holidays close days that are otherwise open (a `PH off` rule): some holiday of a
 * year has no opening while the same weekday a week before has one.
 */
export function holidaysClosed(value: string, place: HoursPlace = {}): boolean {
  let oh: OpeningHours;
  try {
    oh = parse(value, place);
  } catch {
    return false;
  }
  for (let day = 1; day <= 365; day++) {
    const start = new Date(2027, 0, day);
    if (!oh.getPublicHolidayContext(start).isHoliday) continue;
    const weekBefore = new Date(2027, 0, day - 7);
    const open = (d: Date) => oh.getOpenIntervals(d, new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)).length > 0;
    if (open(weekBefore) && !open(start)) return true;
  }
  return false;
}

/** What the back office's hours editor shows while a curator types: the problem, or the hours read back. */
export function hoursPreview(
  value: string,
  closures: readonly TemporaryClosure[],
  place: HoursPlace,
  at: Date,
): { problem: string | null; french: string | null; weekly: WeeklyInterval[] | null; holidays_closed: boolean; days: DayHours[] } {
  const trimmed = value.trim();
  const problem = trimmed === '' ? null : checkOpeningHours(trimmed);
  const readable = trimmed !== '' && problem === null;
  return {
    problem,
    french: readable ? hoursInFrench(trimmed) : null,
    weekly: readable ? weeklyHours(trimmed, place) : trimmed === '' ? [] : null,
    holidays_closed: readable ? holidaysClosed(trimmed, place) : false,
    days: hoursSchedule(readable ? trimmed : null, closures, at, place, 14),
  };
}
