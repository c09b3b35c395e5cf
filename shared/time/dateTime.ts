/**
 * Dates and times as the meeting document stores them: `YYYY-MM-DD` and `HH:MM` (24 h), or '' when unknown.
 * Writers normalise what a person types ('9:00', '9.30', '2016-5-6') and refuse the rest; the tolerant
 * reader shows what it cannot understand as ''.
 */

/** A stored date: YYYY-MM-DD with a real month and day (1-31). */
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A stored time: HH:MM, 00:00 to 23:59. */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The date as YYYY-MM-DD ('' stays ''), or null when it is not a date. Accepts 2016-5-6. */
export function normalizeDate(input: string): string | null {
  const s = input.trim();
  if (s === '') return '';
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return null;
  const out = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return DATE_PATTERN.test(out) ? out : null;
}

/** The time as HH:MM ('' stays ''), or null when it is not a time. Accepts 9:00, 9.00, 9h00, 0900. */
export function normalizeTime(input: string): string | null {
  const s = input.trim();
  if (s === '') return '';
  const m = /^(\d{1,2})(?:[:.hH]?(\d{2}))?$/.exec(s);
  if (!m || (m[2] === undefined && s.length > 2)) return null;
  const out = `${m[1].padStart(2, '0')}:${m[2] ?? '00'}`;
  return TIME_PATTERN.test(out) ? out : null;
}

/** Offset of `zone` from UTC at an instant, in ms (whole seconds); throws RangeError for an unknown zone. */
export function zoneOffsetMs(zone: string, atMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(Math.floor(atMs / 1000) * 1000));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return local - Math.floor(atMs / 1000) * 1000;
}
