/**
 * The meeting a Tdocs-by-agenda page names above its table (issue 25): its venue, dates, time zone, chair,
 * secretary and body. Read from the page's text before the Tdoc header row (comments, styles and scripts
 * left out), line by line:
 * - labelled lines, as Plenary's own page writes them (`Venue: Athens, Greece`, `Dates: 2023-02-27 to
 *   2023-03-03`, `Time zone: Europe/Athens`, `Chair: ...`, `Secretary: ...`, `Body: 3GPP`);
 * - else the heading line that gives the dates, as 3GPP writes it (`3GPP TSG SA WG2 Meeting #155, Athens,
 *   Greece, 27 February – 3 March 2023`): the dates, and the place written before them;
 * - else the venue in the meeting's folder on the 3GPP server, which the page's links name
 *   (`.../TSGS2_155_Athens_2023-02/Docs/S2-2302173.zip`), when it is a place whose time zone is known.
 * Only short lines count (a heading, not the IPR notice's prose).
 */
import { decodeEntities } from './htmlTable.js';
import { cleanText } from './normalize.js';
import { parseDateRange } from './textAgendaMeta.js';
import { indexOfKnownCity, timezoneOfPlace } from '../time/meetingPlaces.js';

export interface PageHeading {
  venue?: string;
  startDate?: string;
  endDate?: string;
  timezone?: string;
  chair?: string;
  secretary?: string;
  body?: string;
}

const LABELS: [RegExp, keyof PageHeading | 'dates'][] = [
  [/^(?:meeting )?(?:venue|location|place)$/, 'venue'],
  [/^(?:meeting )?dates?$/, 'dates'],
  [/^time ?zone$/, 'timezone'],
  [/^chair(?:man|person)?$/, 'chair'],
  [/^secretary$/, 'secretary'],
  [/^body$/, 'body'],
];

const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b/i;
/** Where the dates of a heading line start: an ISO date, or a day or month name next to a month or day. */
const DATE_START = /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s*(?:[-–]\s*\d{1,2}(?:st|nd|rd|th)?\s*)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b/i;
/** The 3GPP server's meeting folder: `TSGS2_155_Athens_2023-02`, `TSGR_110_Baltimore_2025-12`. */
const FOLDER = /\bTSG[A-Z0-9]*_\d+[A-Za-z0-9-]*_([A-Z][A-Za-z]+(?:_[A-Z][A-Za-z]+)*)_\d{4}-\d{2}\b/;

/** The page's text lines before its Tdoc table. */
function headingLines(html: string): string[] {
  const header = html.search(/<t[dh]\b[^>]*>(?:\s|<[^>]*>|&nbsp;)*(?:TD#|TDoc)\s*(?:<|&nbsp;)/i);
  const head = (header >= 0 ? html.slice(0, header) : html.slice(0, 200_000))
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(style|script|title|xml)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  return decodeEntities(head.replace(/<\/?(?:p|div|h[1-6]|br|tr|td|th|li|table|body)\b[^>]*>/gi, '\n').replace(/<[^>]*>/g, ' '))
    .split('\n')
    .map(cleanText)
    .filter((l) => l.length >= 3 && l.length <= 200);
}

export function readPageHeading(html: string): PageHeading {
  const out: PageHeading = {};
  const lines = headingLines(html);
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0 || colon > 20) continue;
    const key = LABELS.find(([re]) => re.test(line.slice(0, colon).trim().toLowerCase()))?.[1];
    const value = line.slice(colon + 1).trim();
    if (!key || !value) continue;
    if (key === 'dates') {
      const { start, end } = parseDateRange(value);
      if (start && !out.startDate) Object.assign(out, { startDate: start, endDate: end || start });
    } else if (out[key] === undefined) out[key] = value;
  }
  if (!out.startDate) readDateLine(lines, out);
  if (!out.venue) {
    const place = FOLDER.exec(html)?.[1]?.replace(/_/g, ' ');
    if (place && timezoneOfPlace(place)) out.venue = place;
  }
  return out;
}

/** The first heading line with a date range: the dates, and the venue written before them. */
function readDateLine(lines: string[], out: PageHeading): void {
  for (const line of lines) {
    if (!/\b(19|20)\d\d\b/.test(line) || !(MONTH.test(line) || /\b\d{4}-\d{2}-\d{2}\b/.test(line))) continue;
    const at = line.search(DATE_START);
    if (at < 0) continue;
    const { start, end } = parseDateRange(line.slice(at));
    if (!start) continue;
    out.startDate = start;
    out.endDate = end || start;
    if (!out.venue) {
      const before = line.slice(0, at).replace(/[\s,;:–—-]+$/, '');
      const city = indexOfKnownCity(before);
      const parts = before.split(',').map((p) => p.trim()).filter(Boolean);
      // The parts before the place name the meeting ('3GPP TSG SA WG2 Meeting #155').
      while (parts.length > 1 && /#|meeting|\btsg\b|\bwg\s*\d|\d{2,}/i.test(parts[0])) parts.shift();
      const venue = city >= 0 ? before.slice(city) : parts.length && !/#|meeting|\btsg\b/i.test(parts[0]) ? parts.join(', ') : '';
      if (venue) out.venue = venue;
    }
    return;
  }
}
