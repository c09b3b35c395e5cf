/**
 * The schedule as iCalendar (RFC 5545): one VEVENT per session with a date, in the meeting's time zone
 * (DTSTART;TZID=... plus a VTIMEZONE built from the zone's offsets on the meeting's days, found with Intl),
 * UTC times when the zone is UTC. UIDs come from session ids (%-encoded beyond letters, digits and . _ -), so a re-export updates events instead of
 * duplicating them in a subscribed calendar. Text is escaped and lines folded at 75 octets.
 */
import type { MeetingJson, Session } from '../document/meetingSchema.js';
import type { ExportResult } from './types.js';
import { zoneOffsetMs } from '../time/dateTime.js';

/**
 * Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, newline (CRLF or LF); a bare CR
 * and the other control characters a TEXT value may not hold (all but HTAB) are removed, so no value can
 * end its line and start a property or component of its own.
 */
export function icsText(s: string): string {
  return s
    .replace(/\r\n/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** A UID from an entity id: only letters, digits and . _ - as they are, anything else %-encoded (UTF-8). */
export function icsUid(id: string): string {
  return encodeURIComponent(id).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Folds a content line at 75 octets (UTF-8), never inside a character. */
export function foldLine(line: string): string {
  const enc = new TextEncoder();
  if (enc.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let cur = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (bytes + n > limit) {
      parts.push(cur);
      cur = '';
      bytes = 0;
      limit = 74; // continuation lines start with a space
    }
    cur += ch;
    bytes += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}

/** Offset of `zone` from UTC at a UTC instant, in minutes. */
function offsetMinutes(zone: string, when: Date): number {
  return Math.round(zoneOffsetMs(zone, Math.floor(when.getTime() / 60000) * 60000) / 60000);
}

function fmtOffset(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/** '2026-03-02', '09:30' → 20260302T093000; anything but digits is dropped (ids and text never reach here). */
const compact = (date: string, time = '') => date.replace(/\D/g, '') + (time ? `T${time.replace(/\D/g, '')}00` : '');

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A VTIMEZONE with one observance per offset the zone has on the meeting's days. */
function vtimezone(zone: string, dates: string[]): string[] {
  const first = new Date(dates[0] + 'T12:00:00Z');
  const last = new Date(dates[dates.length - 1] + 'T12:00:00Z');
  const o1 = offsetMinutes(zone, first);
  const o2 = offsetMinutes(zone, last);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  if (o1 === o2) {
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${fmtOffset(o1)}`, `TZOFFSETTO:${fmtOffset(o1)}`, 'TZNAME:' + fmtOffset(o1), 'END:STANDARD');
  } else {
    // One change during the meeting: find its hour by bisection.
    let lo = first.getTime();
    let hi = last.getTime();
    while (hi - lo > 60_000) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetMinutes(zone, new Date(mid)) === o1) lo = mid;
      else hi = mid;
    }
    const change = Math.floor(hi / 60000) * 60000; // the one whole minute in (lo, hi]
    const localStart = new Date(change + o1 * 60000).toISOString().slice(0, 16).replace(/[-:]/g, '') + '00';
    const kind = o2 > o1 ? 'DAYLIGHT' : 'STANDARD';
    const other = kind === 'DAYLIGHT' ? 'STANDARD' : 'DAYLIGHT';
    lines.push(`BEGIN:${other}`, 'DTSTART:19700101T000000', `TZOFFSETFROM:${fmtOffset(o1)}`, `TZOFFSETTO:${fmtOffset(o1)}`, `END:${other}`);
    lines.push(`BEGIN:${kind}`, `DTSTART:${localStart}`, `TZOFFSETFROM:${fmtOffset(o1)}`, `TZOFFSETTO:${fmtOffset(o2)}`, `END:${kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

function eventLines(m: MeetingJson, s: Session, zone: string | null, stamp: string): string[] {
  const titles = new Map(m.agenda.map((a) => [a.id, [a.label, a.title].filter(Boolean).join(' ')]));
  const when = (t: string) => (zone ? `;TZID=${zone}:${compact(s.date, t)}` : `:${compact(s.date, t)}Z`);
  const lines = ['BEGIN:VEVENT', `UID:${icsUid(s.id)}@plenary`, `DTSTAMP:${stamp}`];
  if (s.start) {
    lines.push(`DTSTART${when(s.start)}`);
    if (s.end && s.end > s.start) lines.push(`DTEND${when(s.end)}`);
  } else {
    lines.push(`DTSTART;VALUE=DATE:${compact(s.date)}`);
  }
  const summary = [s.code, s.title].filter(Boolean).join(' ') || m.meta.title || 'Session';
  lines.push(`SUMMARY:${icsText(summary)}`);
  if (s.room) lines.push(`LOCATION:${icsText(s.room)}`);
  const desc = [s.agendaNote, ...s.agendaItemIds.map((id) => titles.get(id) ?? '')].filter(Boolean).join('\n');
  if (desc) lines.push(`DESCRIPTION:${icsText(desc)}`);
  lines.push('END:VEVENT');
  return lines;
}

export function exportScheduleIcs(m: MeetingJson, now: Date = new Date()): ExportResult {
  const tz = m.meta.timezone;
  const zone = tz && tz !== 'UTC' && tz !== 'Etc/UTC' && validZone(tz) ? tz : null;
  const sessions = m.sessions.filter((s) => s.date);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Plenary//Meeting schedule//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (m.meta.title) lines.push(`X-WR-CALNAME:${icsText(m.meta.title)}`);
  if (zone) lines.push(`X-WR-TIMEZONE:${zone}`);
  const dates = sessions.map((s) => s.date).sort();
  if (zone && dates.length) lines.push(...vtimezone(zone, dates));
  for (const s of sessions) lines.push(...eventLines(m, s, zone, stamp));
  lines.push('END:VCALENDAR');
  return { data: lines.map(foldLine).join('\r\n') + '\r\n', contentType: 'text/calendar; charset=utf-8' };
}
