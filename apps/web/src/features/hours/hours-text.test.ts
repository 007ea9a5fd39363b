import { describe, expect, it } from 'vitest';
import { closurePeriod, dayText, formatRanges, formatTime, statusText, whenText } from './hours-text.ts';

const PARIS = 'Europe/Paris';

describe('hours in French words', () => {
  it('writes times as people say them', () => {
    expect(formatTime('09:00')).toBe('9 h');
    expect(formatTime('17:30')).toBe('17 h 30');
    expect(formatTime('24:00')).toBe('minuit');
    expect(
      formatRanges([
        { from: '09:00', to: '12:00', comment: null, unknown: false },
        { from: '14:00', to: '17:30', comment: null, unknown: false },
      ]),
    ).toBe('9 h – 12 h, 14 h – 17 h 30');
    expect(formatRanges([{ from: '00:00', to: '24:00', comment: null, unknown: false }])).toBe('24 h/24');
  });

  it('says when, counted from the answer’s day on the place’s clock', () => {
    const now = '2026-12-04T09:00:00Z'; // Friday 10:00 in Paris
    expect(whenText('2026-12-04T16:30:00Z', now, PARIS)).toBe('à 17 h 30');
    expect(whenText('2026-12-05T08:00:00Z', now, PARIS)).toBe('demain à 9 h');
    expect(whenText('2026-12-07T08:00:00Z', now, PARIS)).toBe('lundi à 9 h');
    expect(whenText('2027-02-22T08:00:00Z', now, PARIS)).toBe('le 22 février à 9 h');
    // 23:30 UTC on Friday is already Saturday in Paris.
    expect(whenText('2026-12-04T23:30:00Z', now, PARIS)).toBe('demain à 0 h 30');
  });

  it('gives the state in one line, and nothing when the hours do not say', () => {
    const now = '2026-12-04T09:00:00Z';
    expect(statusText({ open_now: true, next_change: '2026-12-04T16:30:00Z' }, now, PARIS)).toEqual({
      open: true,
      text: 'Ouvert — ferme à 17 h 30',
    });
    expect(statusText({ open_now: false, next_change: '2026-12-07T08:00:00Z' }, now, PARIS)).toEqual({
      open: false,
      text: 'Fermé — ouvre lundi à 9 h',
    });
    expect(statusText({ open_now: true, next_change: null, opening_hours: '24/7' }, now, PARIS)?.text).toBe('Ouvert 24 h/24, 7 j/7');
    expect(statusText({ open_now: null, next_change: null }, now, PARIS)).toBeNull();
  });

  it('writes a day of the week table with holidays, comments and closures', () => {
    expect(dayText({ date: '2026-12-25', weekday: 4, intervals: [], holiday: 'Noël', closure: null })).toBe('Fermé (jour férié : Noël)');
    expect(
      dayText({
        date: '2026-12-07',
        weekday: 0,
        intervals: [{ from: '09:00', to: '12:00', comment: 'sur rendez-vous', unknown: true }],
        holiday: null,
        closure: null,
      }),
    ).toBe('9 h – 12 h (sur rendez-vous)');
    expect(
      dayText({
        date: '2026-12-07',
        weekday: 0,
        intervals: [{ from: '00:00', to: '24:00', comment: 'Sur rendez-vous', unknown: true }],
        holiday: null,
        closure: null,
      }),
    ).toBe('Sur rendez-vous');
    expect(
      dayText({ date: '2027-02-16', weekday: 1, intervals: [], holiday: null, closure: { message: 'Fermé pour travaux', closed: true } }),
    ).toBe('Fermé pour travaux');
    expect(dayText({ date: '2027-02-16', weekday: 1, intervals: [], holiday: null, closure: { message: 'Travaux', closed: true } })).toBe(
      'Fermé — Travaux',
    );
    expect(closurePeriod({ starts_on: '2027-02-15', ends_on: '2027-02-19', message: 'x', closed: true })).toBe(
      'du lundi 15 février au vendredi 19 février',
    );
    expect(closurePeriod({ starts_on: '2027-02-15', ends_on: null, message: 'x', closed: true })).toBe('à partir du lundi 15 février');
  });
});
