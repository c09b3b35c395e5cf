import { describe, expect, it } from 'vitest';
import { exportScheduleIcs, foldLine, icsText } from '../../shared/formats/scheduleIcs.js';
import { sampleMeeting } from './sampleMeeting.js';

/** Unfolds content lines (RFC 5545 3.1). */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('exportScheduleIcs', () => {
  it('writes one VEVENT per session in the meeting time zone, with stable UIDs', () => {
    const m = sampleMeeting();
    const a = exportScheduleIcs(m, new Date('2016-05-01T00:00:00Z')).data as string;
    const b = exportScheduleIcs(m, new Date('2016-05-02T00:00:00Z')).data as string;
    const lines = unfold(a);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(m.sessions.length);
    expect(lines).toContain('TZID:Asia/Seoul');
    expect(lines).toContain('TZOFFSETTO:+0900');
    expect(lines).toContain('DTSTART;TZID=Asia/Seoul:20160516T110000');
    expect(lines).toContain('DTEND;TZID=Asia/Seoul:20160516T123000');
    expect(lines).toContain('SUMMARY:Jap1 Joint Session with ARC\\; PRO');
    expect(lines).toContain('LOCATION:Kumkang 1 & 2');
    const uids = (s: string) => unfold(s).filter((l) => l.startsWith('UID:'));
    expect(uids(a)).toEqual(m.sessions.map((s) => `UID:${s.id}@plenary`));
    expect(uids(b)).toEqual(uids(a));
    for (const l of a.split('\r\n')) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    expect(a.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('uses UTC times when the zone is UTC, all-day events for sessions without a time, and a DST change inside the meeting', () => {
    const m = sampleMeeting();
    m.meta.timezone = 'UTC';
    m.sessions[0].start = '';
    const utc = unfold(exportScheduleIcs(m).data as string);
    expect(utc).toContain('DTSTART;VALUE=DATE:20160516');
    expect(utc).toContain('DTSTART:20160517T083000Z');
    expect(utc.some((l) => l.startsWith('BEGIN:VTIMEZONE'))).toBe(false);

    const dst = sampleMeeting();
    dst.meta.timezone = 'Europe/Berlin';
    dst.sessions[0].date = '2024-03-29';
    dst.sessions[1].date = '2024-04-02';
    const lines = unfold(exportScheduleIcs(dst).data as string);
    expect(lines).toEqual(expect.arrayContaining(['BEGIN:DAYLIGHT', 'DTSTART:20240331T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200']));
  });

  it('escapes text and folds long lines without splitting a character', () => {
    expect(icsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = 'DESCRIPTION:' + 'é'.repeat(100);
    const folded = foldLine(long);
    expect(folded.split('\r\n ').join('')).toBe(long);
    for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
  });
});
