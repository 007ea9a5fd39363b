/** The wall clock is worked out from an offset kept per quarter hour: it must still be Intl's, to the second. */
import { expect, it } from 'vitest';
import { formattedWallClock, wallClock } from './opening-hours.ts';

const ZONES = ['Europe/Paris', 'America/Cayenne', 'Indian/Reunion', 'Pacific/Noumea', 'America/Martinique', 'Australia/Lord_Howe'];

it('gives Intl’s wall clock across two years, on both sides of every daylight-saving change (Paris, and Lord Howe’s half hour)', () => {
  const instants: number[] = [];
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 389 * 60_000 + 13_337) instants.push(t);
  // Paris changes at 01:00 UTC; Lord Howe at 15:00 UTC (02:00 local, +10:30 ↔ +11:00).
  for (const change of [
    '2025-03-30T01:00:00Z',
    '2025-10-26T01:00:00Z',
    '2026-03-29T01:00:00Z',
    '2026-10-25T01:00:00Z',
    '2025-04-05T15:00:00Z',
    '2025-10-04T15:30:00Z',
  ])
    for (const d of [-1000, -1, 0, 1, 999, 1000]) instants.push(Date.parse(change) + d);
  let compared = 0;
  for (const zone of ZONES)
    for (const t of instants) {
      expect(wallClock(new Date(t), zone), `${zone} ${new Date(t).toISOString()}`).toEqual(formattedWallClock(new Date(t), zone));
      compared++;
    }
  expect(compared).toBeGreaterThan(15_000);
});
