/**
 * The cover table of an agenda saved as text (`Meeting title:` | value, `Chair:` | value, ...) to `meta`,
 * and the guesses that go with it: the standards body, the venue and its time zone.
 *
 * Keys are recognised by their words, not their exact spelling, so ETSI and oneM2M cover sheets of the
 * same layout (`Meeting:`, `Title:`, `Date:`, `Venue:`, `Location:`) read the same way.
 */
import { SCHEMA_VERSION, PURPOSES, type Meta, type Purpose } from '../document/meetingSchema.js';
import type { TextCell } from './textAgendaLines.js';
import { indexOfKnownCity, timezoneOfPlace } from './textAgendaPlaces.js';

type MetaKey = 'title' | 'chair' | 'secretary' | 'dates' | 'details' | 'venue' | 'purpose';

const KEYS: [RegExp, MetaKey][] = [
  [/^(meeting )?(title|name)$|^meeting$/, 'title'],
  [/^(chair|chairs|chairman|chairperson|chairwoman|convenor)$/, 'chair'],
  [/^(secretary|secretariat|meeting secretary)$/, 'secretary'],
  [/^(meeting )?(date|dates)$|^(meeting )?period$/, 'dates'],
  [/^(meeting )?(details|info|information)$/, 'details'],
  [/^(meeting )?(venue|location|place|host)$/, 'venue'],
  [/purpose/, 'purpose'],
];

function keyOf(cell: string): MetaKey | undefined {
  const k = cell.replace(/\s+/g, ' ').trim().replace(/\s*:$/, '').toLowerCase();
  if (k.length > 60) return undefined;
  return KEYS.find(([re]) => re.test(k))?.[1];
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

/**
 * Reads `meta` from the rows before the first heading. `allText` (the whole file) feeds the body guess.
 * `fallbackTitle` is used when the cover sheet names no title (e.g. the file name).
 */
export function readAgendaMeta(rows: TextCell[][], allText: string, fallbackTitle: string): Meta {
  const found: Partial<Record<MetaKey, string>> = {};
  // A key alone in its row (`Chair:`) takes the next row as its value.
  let pending: MetaKey | undefined;
  for (const cells of rows) {
    const filled = cells.filter((c) => c.text.trim() !== '');
    if (!filled.length) continue;
    let key: MetaKey | undefined;
    let value = '';
    if (filled.length >= 2 && (key = keyOf(filled[0].text))) {
      value = filled.slice(1).map((c) => c.text.trim()).join('\n');
    } else if (filled.length === 1) {
      // A single cell written as `Key: value`, or the key alone.
      const text = filled[0].text.trim();
      const colon = text.indexOf(':');
      if (colon > 0 && colon < 40 && (key = keyOf(text.slice(0, colon)))) value = text.slice(colon + 1).trim();
      else key = keyOf(text);
    }
    if (!key && pending) {
      key = pending;
      value = filled.map((c) => c.text.trim()).join('\n');
    }
    pending = key && !value ? key : undefined;
    if (key && value && found[key] === undefined) found[key] = value;
  }

  const details = found.details ?? '';
  const venue = found.venue ? oneLine(found.venue) : venueOf(details);
  const { start, end } = parseDateRange(found.dates ?? '');
  const place = (venue || details).slice(0, 2000);
  const meta: Meta = {
    schemaVersion: SCHEMA_VERSION,
    title: oneLine(found.title ?? '') || fallbackTitle,
    chair: personWithOrg(oneLine(found.chair ?? '')),
    secretary: personWithOrg(oneLine(found.secretary ?? '')),
    startDate: start,
    endDate: end,
    venue,
    details: details || (found.venue ?? ''),
    purpose: purposeOf(found.purpose ?? rows.map((r) => r.map((c) => c.text).join('\n')).join('\n')),
    timezone: timezoneOfPlace(place) ?? 'UTC',
  };
  const body = detectBody(allText);
  if (body) meta.body = body;
  return meta;
}

/** `Karen Hughes, ETSI` reads `Karen Hughes (ETSI)`; a plain name or `Smith, John` stays as written. */
export function personWithOrg(text: string): string {
  const comma = text.lastIndexOf(',');
  if (comma <= 0) return text;
  const org = text.slice(comma + 1).trim();
  if (/^[A-Z][A-Z0-9&.\- ]{1,15}$/.test(org) && /[A-Z]{2}/.test(org)) return `${text.slice(0, comma).trim()} (${org})`;
  return text;
}

/**
 * The purpose whose box is ticked (`|X| Decision`, `[x] Discussion`, `☒ Information`, also several boxes on
 * one line as Word's check boxes come out: `☐ Decision ☒ Discussion`); 'other' if none.
 */
export function purposeOf(text: string): Purpose {
  for (const line of text.split('\n')) {
    const m = /(?:^|\s)(?:\|\s*[xX✓✔]\s*\||\[\s*[xX✓✔]\s*\]|\(\s*[xX]\s*\)|[☒⌧■✓✔])\s*(\p{L}+)/u.exec(line);
    if (m) {
      const word = m[1].toLowerCase();
      return (PURPOSES as readonly string[]).includes(word) ? (word as Purpose) : 'other';
    }
  }
  return 'other';
}

/**
 * The venue in a free-text details cell: the place after the last `in`/`at` that starts with a capital
 * (`... during TP23\nin Seoul, South Korea` gives `Seoul, South Korea`), else the line naming a known city.
 */
export function venueOf(details: string): string {
  const lines = details.split('\n').slice(0, 50);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].slice(0, 500);
    let best = '';
    for (const m of line.matchAll(/(?:^|[\s,(])(?:in|at)\s+(\p{Lu}[^()\n]*)/gu)) best = m[1];
    if (best) return best.replace(/[\s.;,)]+$/, '');
  }
  for (const line of lines) {
    const at = indexOfKnownCity(line.slice(0, 500));
    if (at >= 0) return line.slice(at).trim().replace(/[\s.;,)]+$/, '');
  }
  return '';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * First and last day of a meeting as written: `2016-05-16 to 2016-05-20`, `16.05.2016 - 20.05.2016`,
 * `16-20 May 2016`, `30 May - 3 June 2016`, `May 16-20, 2016`. '' for what cannot be read.
 */
export function parseDateRange(text: string): { start: string; end: string } {
  const t = text.slice(0, 500);
  const isoDates = [...t.matchAll(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g)]
    .map((m) => [+m[1], +m[2], +m[3]] as const)
    .filter(([y, m, d]) => validDate(y, m, d));
  if (isoDates.length) {
    const [a, b] = [isoDates[0], isoDates[isoDates.length - 1]];
    return { start: iso(...a), end: iso(...b) };
  }
  const dotted = [...t.matchAll(/\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/g)]
    .map((m) => [+m[3], +m[2], +m[1]] as const)
    .filter(([y, m, d]) => validDate(y, m, d));
  if (dotted.length) {
    const [a, b] = [dotted[0], dotted[dotted.length - 1]];
    return { start: iso(...a), end: iso(...b) };
  }
  // Day numbers, month names and years, paired in order of appearance.
  const days: number[] = [];
  const months: number[] = [];
  const years: number[] = [];
  for (const m of t.matchAll(/\d+|\p{L}+/gu)) {
    const tok = m[0];
    if (/^\d+$/.test(tok)) {
      const n = +tok;
      if (tok.length === 4 && n >= 1900 && n < 2200) years.push(n);
      else if (tok.length <= 2 && n >= 1 && n <= 31) days.push(n);
    } else {
      const i = MONTHS.indexOf(tok.slice(0, 3).toLowerCase());
      if (i >= 0 && tok.length >= 3) months.push(i + 1);
    }
  }
  if (!days.length || !months.length || !years.length) return { start: '', end: '' };
  const d1 = days[0];
  const d2 = days.length > 1 ? days[days.length - 1] : d1;
  const m1 = months[0];
  const m2 = months[months.length - 1];
  const y2 = years[years.length - 1];
  const y1 = years.length > 1 ? years[0] : m1 > m2 ? y2 - 1 : y2;
  const start = validDate(y1, m1, d1) ? iso(y1, m1, d1) : '';
  const end = validDate(y2, m2, d2) ? iso(y2, m2, d2) : start;
  return { start, end: start && end < start ? start : end };
}

/** The standards body an agenda belongs to, by how often its name appears; undefined when none does. */
export function detectBody(text: string): string | undefined {
  const sample = text.length > 2_000_000 ? text.slice(0, 2_000_000) : text;
  const bodies: [string, RegExp][] = [
    ['oneM2M', /onem2m/gi],
    ['3GPP', /3gpp/gi],
    ['IETF', /\bietf\b/gi],
    ['ETSI', /\betsi\b/gi],
  ];
  let best: string | undefined;
  let bestCount = 0;
  for (const [name, re] of bodies) {
    let n = 0;
    for (const _ of sample.matchAll(re)) n++;
    if (n > bestCount) {
      best = name;
      bestCount = n;
    }
  }
  return best;
}
