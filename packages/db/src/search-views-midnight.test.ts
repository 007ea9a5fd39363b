import { describe, expect, it } from 'vitest';
import { viewsValidUntil } from './search-views.ts';

/**
 * An answer that says what is open holds until the next local midnight at most (the day's
 * closures move on then). The next midnight is remembered per time zone between two answers:
 * these instants are asked in an order that a wrong memory would answer wrongly.
 */
describe('the next local midnight an answer holds until', () => {
  const until = (iso: string) => new Date(viewsValidUntil([], new Date(iso))).toISOString();

  it('is the start of the next day in Paris, winter and summer, whatever was asked before', () => {
    expect(until('2026-12-07T10:00:00Z')).toBe('2026-12-07T23:00:00.000Z');
    expect(until('2026-12-07T22:59:59Z')).toBe('2026-12-07T23:00:00.000Z');
    // Past midnight: the next day's, not the one remembered.
    expect(until('2026-12-07T23:00:00Z')).toBe('2026-12-08T23:00:00.000Z');
    // Back in time (a test's clock, a view made ahead for an earlier instant): not the later one.
    expect(until('2026-12-06T12:00:00Z')).toBe('2026-12-06T23:00:00.000Z');
    expect(until('2027-07-14T12:00:00Z')).toBe('2027-07-14T22:00:00.000Z');
  });

  it('is the coming midnight on the eve of the spring change, not the one after (a 23-hour day next)', () => {
    // 2027-03-28 starts at 00:00 CET (23:00 UTC the day before) and has 23 hours.
    expect(until('2027-03-27T22:30:00Z')).toBe('2027-03-27T23:00:00.000Z');
    expect(until('2027-03-28T12:00:00Z')).toBe('2027-03-28T22:00:00.000Z');
    // The autumn change: 2027-10-31 starts at 00:00 CEST (22:00 UTC the day before) and has 25 hours.
    expect(until('2027-10-30T21:30:00Z')).toBe('2027-10-30T22:00:00.000Z');
    expect(until('2027-10-30T22:30:00Z')).toBe('2027-10-31T23:00:00.000Z');
  });
});
