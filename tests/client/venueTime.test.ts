/** Times as the venue tells them (client/model/venueTime.ts): History, the past picker and its banner. */
import { describe, expect, it } from 'vitest';
import { fromVenue, normalizeClock, venueDateTime, venueParts, zoneLabel } from '../../client/model/venueTime.js';

const AT = Date.parse('2026-03-02T05:05:07.400Z');

describe('venue time', () => {
  it('tells an instant in the venue zone, 24-hour, whatever the process zone', () => {
    expect(venueParts(AT, 'Asia/Seoul')).toEqual({ date: '2026-03-02', time: '14:05:07' });
    expect(venueParts(AT, 'America/New_York')).toEqual({ date: '2026-03-02', time: '00:05:07' });
    expect(venueDateTime(AT, 'Asia/Seoul')).toBe('Mon 2 Mar 14:05');
    expect(venueDateTime('2026-03-02T05:05:07.400Z', 'America/Los_Angeles', true)).toBe('Sun 1 Mar 21:05:07');
    expect(venueDateTime(AT, '')).toBe('Mon 2 Mar 05:05');
    expect(venueDateTime('not a time', 'UTC')).toBe('not a time');
  });

  it('reads a venue date and a typed 24-hour time back to the instant, across a DST change', () => {
    expect(fromVenue('2026-03-02', '14:05:07', 'Asia/Seoul')).toBe(Date.parse('2026-03-02T05:05:07Z'));
    expect(fromVenue('2026-03-02', '9:05', 'Europe/Paris')).toBe(Date.parse('2026-03-02T08:05:00Z'));
    // Paris moves to summer time on 2026-03-29 at 02:00 local.
    expect(fromVenue('2026-03-29', '03:30', 'Europe/Paris')).toBe(Date.parse('2026-03-29T01:30:00Z'));
    expect(fromVenue('2026-03-28', '03:30', 'Europe/Paris')).toBe(Date.parse('2026-03-28T02:30:00Z'));
    for (const ms of [AT, Date.parse('2026-10-25T02:30:00Z'), Date.parse('2026-07-01T23:00:00Z')]) {
      const { date, time } = venueParts(ms, 'Europe/Paris');
      expect(fromVenue(date, time, 'Europe/Paris')).toBe(Math.floor(ms / 1000) * 1000);
    }
    // 02:59 on the night summer time ends happens twice: either instant is that wall time.
    expect([Date.parse('2026-10-25T00:59:00Z'), Date.parse('2026-10-25T01:59:00Z')]).toContain(fromVenue('2026-10-25', '02:59', 'Europe/Paris'));
    expect(fromVenue('2026-03-02', '2:05 PM', 'UTC')).toBeNaN();
    expect(fromVenue('03/02/2026', '14:05', 'UTC')).toBeNaN();
  });

  it('normalizes what a person types as a time, and refuses 12-hour or impossible times', () => {
    expect(normalizeClock('9:05')).toBe('09:05:00');
    expect(normalizeClock(' 14.05 ')).toBe('14:05:00');
    expect(normalizeClock('14:05:30')).toBe('14:05:30');
    expect(normalizeClock('24:00')).toBeNull();
    expect(normalizeClock('2 PM')).toBeNull();
    expect(normalizeClock('14:60')).toBeNull();
  });

  it('says the zone with its offset', () => {
    expect(zoneLabel('Asia/Seoul', AT)).toBe('Asia/Seoul, UTC+9');
    expect(zoneLabel('Asia/Kolkata', AT)).toBe('Asia/Kolkata, UTC+5:30');
    expect(zoneLabel('America/Sao_Paulo', AT)).toBe('America/Sao_Paulo, UTC−3');
    expect(zoneLabel('UTC', AT)).toBe('UTC');
    expect(zoneLabel('', AT)).toBe('UTC');
  });
});
