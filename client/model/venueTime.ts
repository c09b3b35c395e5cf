/**
 * Times as the venue tells them (issue 25): History, the "meeting at" picker and the past banner use the
 * meeting's time zone and a 24-hour clock, like the decisions feed, the screen and the report, whatever
 * the browser's zone and locale ("Mon 2 Mar 14:05", never "2:05 PM" in the delegate's home zone).
 */
import { zoneOffsetMs } from '../../shared/time/dateTime.js';

function offset(zone: string, atMs: number): number {
  try {
    return zoneOffsetMs(zone || 'UTC', atMs);
  } catch {
    return 0;
  }
}

/** The venue's wall-clock date 'YYYY-MM-DD' and time 'HH:MM:SS' of an instant. */
export function venueParts(atMs: number, zone: string): { date: string; time: string } {
  const local = new Date(Math.floor(atMs / 1000) * 1000 + offset(zone, atMs)).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 19) };
}

const TIME = /^([01]?\d|2[0-3])[:.h]([0-5]\d)(?:[:.]([0-5]\d))?$/;

/** 'HH:MM:SS' from what a person typed ('9:05', '14.05', '14:05:30'), or null when it is not a time. */
export function normalizeClock(text: string): string | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  return `${m[1].padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}`;
}

/** The instant of a venue date 'YYYY-MM-DD' and a time as typed, or NaN when either is not one. */
export function fromVenue(date: string, time: string, zone: string): number {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = normalizeClock(time);
  if (!d || !t) return NaN;
  const [h, mi, s] = t.split(':').map(Number);
  const guess = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), h, mi, s);
  if (!Number.isFinite(guess)) return NaN;
  // Twice: the offset at the guess may differ from the offset at the answer around a DST change.
  const first = guess - offset(zone, guess);
  return guess - offset(zone, first);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mon 2 Mar 14:05" (with `seconds`, "14:05:07") in the venue's zone; '' for a time that is not one. */
export function venueDateTime(at: string | number, zone: string, seconds = false): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) return typeof at === 'string' ? at : '';
  const { date, time } = venueParts(ms, zone);
  const day = new Date(`${date}T12:00:00Z`);
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${seconds ? time : time.slice(0, 5)}`;
}

/** "Asia/Seoul, UTC+9" (UTC+5:30, UTC−3, UTC): the zone the page's times are in, said on the page. */
export function zoneLabel(zone: string, atMs: number): string {
  const z = zone || 'UTC';
  const min = Math.round(offset(z, atMs) / 60_000);
  if (min === 0) return z === 'UTC' ? 'UTC' : `${z}, UTC`;
  const sign = min > 0 ? '+' : '−';
  const a = Math.abs(min);
  return `${z}, UTC${sign}${Math.floor(a / 60)}${a % 60 ? `:${String(a % 60).padStart(2, '0')}` : ''}`;
}
