/**
 * `hoursState` keeps each answer until it may change (its next change, the next local midnight):
 * walked forward through two weeks, it must answer what evaluating the hours afresh answers —
 * across openings, closings, midnights, a public holiday, closures starting the next day, and
 * the sites of different départements sharing the same hours.
 */
import { expect, it } from 'vitest';
import { evaluateHoursState, hoursState, type TemporaryClosure } from './opening-hours.ts';

const HOURS = [
  null,
  'Mo-Fr 09:00-17:00',
  'Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00',
  '24/7',
  'Mo-Su 20:00-02:00',
  'Tu,Th 10:00-16:00; PH off',
];
const CLOSURES: TemporaryClosure[][] = [
  [],
  [{ starts_on: '2026-05-06', ends_on: '2026-05-08', message: 'Fermé pour travaux', closed: true }],
  [{ starts_on: '2026-05-04', ends_on: null, message: 'Fermé jusqu’à nouvel ordre', closed: true }],
  [{ starts_on: '2026-05-05', ends_on: '2026-05-05', message: 'Permanence déplacée', closed: false }],
];
const PLACES = [{ departement: '75' }, { departement: '57' }, { departement: '974' }];

it('answers, walked forward, what evaluating the hours afresh answers at every instant', () => {
  let compared = 0;
  // 1 to 14 May 2026 (the 1st, 8th and 14th are public holidays), every hour and a minute.
  for (let t = Date.parse('2026-05-01T00:00:00Z'); t < Date.parse('2026-05-15T00:00:00Z'); t += 61 * 60_000 + 7_000) {
    const at = new Date(t);
    for (const hours of HOURS)
      for (const closures of CLOSURES)
        for (const place of PLACES) {
          expect(
            hoursState(hours, closures, at, place),
            `${hours} ${JSON.stringify(closures)} ${JSON.stringify(place)} ${at.toISOString()}`,
          ).toEqual(evaluateHoursState(hours, closures, at, place));
          compared++;
        }
  }
  expect(compared).toBeGreaterThan(20_000);
});

it('answers right when asked in turn for now and for after the next midnight (the views made ahead)', () => {
  let compared = 0;
  for (let t = Date.parse('2026-05-04T20:30:00Z'); t < Date.parse('2026-05-09T00:00:00Z'); t += 97 * 60_000) {
    const now = new Date(t);
    const ahead = new Date(t + 3 * 3600_000 + 11 * 60_000);
    for (const at of [now, ahead, now, ahead])
      for (const hours of HOURS)
        for (const closures of CLOSURES)
          for (const place of PLACES) {
            expect(hoursState(hours, closures, at, place), `${hours} ${at.toISOString()}`).toEqual(
              evaluateHoursState(hours, closures, at, place),
            );
            compared++;
          }
  }
  expect(compared).toBeGreaterThan(10_000);
});
