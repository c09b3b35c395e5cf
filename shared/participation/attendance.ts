/**
 * Attendance per session (issue 24): who was there, from the spans of time the server saw each registered
 * person (their own link connected, or a request from it) and the secretary's marks ("was there, no
 * phone"), against the schedule's sessions (date, start and end in the meeting's time zone). A meeting
 * without timed sessions is counted per day of the meeting instead.
 *
 * First and last seen are within the session: a person connected since before it started is first seen
 * at its start. Where: the room if any of their time in the session was in the room, else remote (the
 * secretary's mark decides for a marked session). Pure: the server reads the spans and marks, the report
 * and the exports write what this gives.
 */
import type { Session } from '../document/meetingSchema.js';
import { sessionWindow, zonedTime } from '../time/plannedTime.js';

export type AttendancePlace = 'room' | 'remote';

/** A span of time a person was seen (ms), and where they said they were then ('' when not said). */
export interface AttendanceSpan {
  personId: string;
  from: number;
  to: number;
  place: string;
}

/** The secretary's "was there" for a person in a session. */
export interface AttendanceMark {
  personId: string;
  sessionId: string;
  place: string;
}

export interface AttendanceSession {
  /** The session's id, or `day:YYYY-MM-DD` for a day of a meeting without timed sessions. */
  id: string;
  /** Its code, else its title, else its date and time. */
  label: string;
  date: string;
  start: string;
  end: string;
  startMs: number;
  endMs: number;
}

export interface AttendanceEntry {
  personId: string;
  sessionId: string;
  /** ms, or null for a mark without a connection. */
  firstSeen: number | null;
  lastSeen: number | null;
  place: AttendancePlace;
  /** True when the secretary marked it. */
  marked: boolean;
}

/** The sessions attendance is counted in: the timed sessions, else each day from start to end date. */
export function attendanceSessions(sessions: readonly Session[], timezone: string, startDate: string, endDate: string): AttendanceSession[] {
  const timed = sessions
    .map((s) => sessionWindow(s, timezone))
    .filter((w) => w !== null)
    .sort((a, b) => a.startMs - b.startMs || a.session.id.localeCompare(b.session.id));
  if (timed.length) {
    return timed.map(({ session: s, startMs, endMs }) => ({
      id: s.id,
      label: s.code || s.title || `${s.date} ${s.start}`,
      date: s.date,
      start: s.start,
      end: s.end,
      startMs,
      endMs,
    }));
  }
  const out: AttendanceSession[] = [];
  const first = Date.parse(`${startDate}T00:00:00Z`);
  const last = Date.parse(`${endDate || startDate}T00:00:00Z`);
  if (!Number.isFinite(first) || !Number.isFinite(last)) return out;
  for (let d = first; d <= last && out.length < 62; d += 86_400_000) {
    const date = new Date(d).toISOString().slice(0, 10);
    const startMs = zonedTime(date, '00:00', timezone);
    const next = new Date(d + 86_400_000).toISOString().slice(0, 10);
    const endMs = zonedTime(next, '00:00', timezone);
    if (startMs === null || endMs === null) continue;
    out.push({ id: `day:${date}`, label: date, date, start: '00:00', end: '24:00', startMs, endMs });
  }
  return out;
}

/**
 * Who attended which session. `placeOf` is each person's place now (their answer on the phone, or the
 * secretary's), used for time seen before they said where they were.
 */
export function attendanceEntries(
  sessions: readonly AttendanceSession[],
  spans: readonly AttendanceSpan[],
  marks: readonly AttendanceMark[],
  placeOf: (personId: string) => string,
): AttendanceEntry[] {
  const byPerson = new Map<string, AttendanceSpan[]>();
  for (const s of spans) {
    if (!(s.to >= s.from)) continue;
    const list = byPerson.get(s.personId);
    if (list) list.push(s);
    else byPerson.set(s.personId, [s]);
  }
  const marked = new Map(marks.map((m) => [`${m.personId}\u0000${m.sessionId}`, m]));
  const out: AttendanceEntry[] = [];
  for (const session of sessions) {
    const seen = new Set<string>();
    for (const [personId, list] of byPerson) {
      let first = Infinity;
      let last = -Infinity;
      let room = false;
      for (const s of list) {
        if (s.to < session.startMs || s.from >= session.endMs) continue;
        first = Math.min(first, Math.max(s.from, session.startMs));
        last = Math.max(last, Math.min(s.to, session.endMs));
        const place = s.place || placeOf(personId);
        if (place === 'room') room = true;
      }
      if (first === Infinity) continue;
      const mark = marked.get(`${personId}\u0000${session.id}`);
      seen.add(personId);
      out.push({ personId, sessionId: session.id, firstSeen: first, lastSeen: last, place: placeIn(mark?.place) ?? (room ? 'room' : 'remote'), marked: !!mark });
    }
    for (const m of marks) {
      if (m.sessionId !== session.id || seen.has(m.personId)) continue;
      seen.add(m.personId);
      out.push({ personId: m.personId, sessionId: session.id, firstSeen: null, lastSeen: null, place: placeIn(m.place) ?? placeIn(placeOf(m.personId)) ?? 'room', marked: true });
    }
  }
  return out;
}

function placeIn(v: string | undefined): AttendancePlace | undefined {
  return v === 'room' || v === 'remote' ? v : undefined;
}

/** Per session: how many were there, in the room and remote. */
export function attendanceCounts(sessions: readonly AttendanceSession[], entries: readonly AttendanceEntry[]): { sessionId: string; room: number; remote: number }[] {
  return sessions.map((s) => {
    const mine = entries.filter((e) => e.sessionId === s.id);
    return { sessionId: s.id, room: mine.filter((e) => e.place === 'room').length, remote: mine.filter((e) => e.place === 'remote').length };
  });
}

/** What a report shows of attendance: no e-mail addresses, no links (readable by every delegate's link). */
export interface AttendanceReport {
  sessions: { id: string; label: string; date: string; start: string; end: string; room: number; remote: number }[];
  /** Everyone who attended at least one session, by organisation then name. */
  people: { name: string; organisation: string; place: AttendancePlace; sessions: string[] }[];
}

/** The report's attendance from the sheet and the people's names and organisations (by id). */
export function attendanceReport(
  sessions: readonly AttendanceSession[],
  entries: readonly AttendanceEntry[],
  people: ReadonlyMap<string, { name: string; organisation: string }>,
): AttendanceReport {
  const counts = attendanceCounts(sessions, entries);
  const label = new Map(sessions.map((s) => [s.id, s.label]));
  const byPerson = new Map<string, { sessions: string[]; room: boolean }>();
  for (const e of entries) {
    if (!people.has(e.personId)) continue;
    const p = byPerson.get(e.personId) ?? { sessions: [], room: false };
    p.sessions.push(label.get(e.sessionId) ?? e.sessionId);
    p.room ||= e.place === 'room';
    byPerson.set(e.personId, p);
  }
  return {
    sessions: sessions.map((s, i) => ({ id: s.id, label: s.label, date: s.date, start: s.start, end: s.end, room: counts[i].room, remote: counts[i].remote })),
    people: [...byPerson]
      .map(([id, p]) => ({ name: people.get(id)!.name, organisation: people.get(id)!.organisation, place: (p.room ? 'room' : 'remote') as AttendancePlace, sessions: p.sessions }))
      .sort((a, b) => a.organisation.localeCompare(b.organisation) || a.name.localeCompare(b.name)),
  };
}
