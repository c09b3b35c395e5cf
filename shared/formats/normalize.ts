/**
 * Safe clean-ups of text taken from real documents: odd spaces and hyphens, times and dates as written.
 * Each function normalises only what cannot change the meaning; callers warn about the rest.
 */

/** Collapses runs of white space (incl. no-break and zero-width spaces) to one space and trims. */
export function cleanText(s: unknown): string {
  if (s === null || s === undefined) return '';
  return String(s)
    .replace(/[\u200B\u200C\u200D\uFEFF\u00AD\u0000-\u0008\u000E-\u001F\u007F]/g, '')
    .replace(/[\s\u00A0\u2007\u202F]+/g, ' ')
    .trim();
}

/** Like cleanText but keeps line breaks (notes, comments). */
export function cleanMultiline(s: unknown): string {
  if (s === null || s === undefined) return '';
  return String(s)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => cleanText(l))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const ODD_HYPHENS = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/**
 * A document number as written, with safe fixes: no-break and other Unicode hyphens become '-', spaces
 * around hyphens and at the ends go. Returns the number and whether anything was changed.
 */
export function normalizeNumber(raw: unknown): { number: string; changed: boolean } {
  const before = cleanText(raw);
  const number = before.replace(ODD_HYPHENS, '-').replace(/\s*-\s*/g, '-');
  return { number, changed: number !== before };
}

/** 'H:MM', 'HH.MM', 'HHMM' to 'HH:MM'; '' when it is not a time of day. */
export function normalizeTime(raw: string): string {
  const m = /^\s*(\d{1,2})[:.h]?(\d{2})\s*$/i.exec(raw);
  if (!m) return '';
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return '';
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/** A 'HH:MM-HH:MM' range anywhere in the text (any dash, optional spaces), or null. */
export function findTimeRange(text: string): { start: string; end: string; index: number; length: number } | null {
  const m = /(\d{1,2}[:.]\d{2})\s*[-\u2010-\u2015~]+\s*(\d{1,2}[:.]\d{2})/.exec(text);
  if (!m) return null;
  const start = normalizeTime(m[1]);
  const end = normalizeTime(m[2]);
  if (!start || !end) return null;
  return { start, end, index: m.index, length: m[0].length };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The month number (1-12) of an English month name or abbreviation, or 0. */
export function monthNumber(word: string): number {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return i + 1;
}

/** YYYY-MM-DD of y/m/d when that is a real date, else ''. */
export function isoDate(y: number, m: number, d: number): string {
  if (!(y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return '';
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return '';
  return dt.toISOString().slice(0, 10);
}

/** The date `days` after an ISO date. */
export function addDays(iso: string, days: number): string {
  const dt = new Date(iso + 'T00:00:00Z');
  dt.setUTCDate(dt.getUTCDate() + days);
  return dt.toISOString().slice(0, 10);
}

/**
 * The first date written in a text: '2016-05-16', '28 March 2023', 'March 28, 2023', '28.03.2023'.
 * Returns '' when there is none.
 */
export function findDate(text: string): string {
  let m = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})/.exec(text);
  if (m) return isoDate(+m[3], +m[2], +m[1]);
  m = /(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})/.exec(text);
  if (m && monthNumber(m[2])) return isoDate(+m[3], monthNumber(m[2]), +m[1]);
  m = /([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/.exec(text);
  if (m && monthNumber(m[1])) return isoDate(+m[3], monthNumber(m[1]), +m[2]);
  return '';
}

/**
 * A date range as agendas write it: 'Oct 14 - 18, 2019', '2016-05-16 to 2016-05-20', '14-18 October 2019'.
 * Returns empty strings for what it cannot find.
 */
export function findDateRange(text: string): { start: string; end: string } {
  let m = /(\d{4}-\d{1,2}-\d{1,2})\s*(?:to|-|–|until)\s*(\d{4}-\d{1,2}-\d{1,2})/.exec(text);
  if (m) return { start: findDate(m[1]), end: findDate(m[2]) };
  m = /([A-Za-z]{3,9})\.?\s+(\d{1,2})\s*[-–]\s*(\d{1,2}),?\s+(\d{4})/.exec(text);
  if (m && monthNumber(m[1])) {
    const mo = monthNumber(m[1]);
    return { start: isoDate(+m[4], mo, +m[2]), end: isoDate(+m[4], mo, +m[3]) };
  }
  m = /(\d{1,2})\s*[-–]\s*(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})/.exec(text);
  if (m && monthNumber(m[3])) {
    const mo = monthNumber(m[3]);
    return { start: isoDate(+m[4], mo, +m[1]), end: isoDate(+m[4], mo, +m[2]) };
  }
  m = /(\d{1,2})\.(\d{1,2})\.-(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(text);
  if (m) return { start: isoDate(+m[5], +m[2], +m[1]), end: isoDate(+m[5], +m[4], +m[3]) };
  const one = findDate(text);
  return { start: one, end: '' };
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** 0 for Monday ... 6 for Sunday, or -1 when the text does not start with a weekday name. */
export function weekdayIndex(text: string): number {
  const m = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/i.exec(cleanText(text));
  return m ? WEEKDAYS.findIndex((d) => d.startsWith(m[1].toLowerCase())) : -1;
}

/** 0 for Monday ... 6 for Sunday of an ISO date. */
export function isoWeekday(iso: string): number {
  return (new Date(iso + 'T00:00:00Z').getUTCDay() + 6) % 7;
}

/** Text without the characters XML 1.0 forbids (C0 controls but tab and line breaks, U+FFFE/U+FFFF), for Word and Excel output. */
export function xmlSafe(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/**
 * Written before an unnumbered heading whose title starts like a number ('5G slicing'), so that it reads
 * back without a label. U+2060 WORD JOINER: invisible in Word and in rendered Markdown.
 */
export const UNLABELLED = '\u2060';

const LABELLED = /^([A-Za-z]?\d+[A-Za-z]?(?:\.\d+[A-Za-z]?)*)\.?[\s\u00A0]+(\S.*)$/;

/** '5.2 Enhancements' → ['5.2', 'Enhancements']; ['', text] when the heading has no number. */
export function splitLabel(text: string): [string, string] {
  const t = cleanText(text);
  if (t.startsWith(UNLABELLED)) return ['', t.slice(UNLABELLED.length).trim()];
  if (/^\d+(?:\.\d+)*\.?$/.test(t)) return [t.replace(/\.$/, ''), ''];
  const m = LABELLED.exec(t);
  return m ? [m[1], m[2].trim()] : ['', cleanText(text)];
}
