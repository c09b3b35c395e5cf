/**
 * Time planned against time spent (issue 16), pure functions over meeting JSON parts.
 *
 * - An agenda item's planned time is its `duration` as written ('10 min', '1h', '1h30', '90 minutes',
 *   '0:30' = h:mm, a bare '20' = minutes) or, failing that, its share of the sessions it is allocated to:
 *   each session's length, less the written durations of its items, divided equally among its other items.
 * - A session's planned time is its length (end - start); its spent time the time spent on its items
 *   (an item allocated to several sessions counts in each of them).
 * - The current session is the one whose date and start-end, read in the meeting's time zone, contain the
 *   server's time now.
 */
import type { AgendaItem, Session } from '../document/meetingSchema.js';
import { TIME_PATTERN, zoneOffsetMs } from './dateTime.js';

const UNIT_SECONDS: [RegExp, number][] = [
  [/^(h|hrs?|hours?|std)$/, 3600],
  [/^(m|mins?|minutes?|')$/, 60],
  [/^(s|secs?|seconds?|")$/, 1],
];

/** A written duration in seconds, or null when it is not one. */
export function parseDuration(text: string | undefined): number | null {
  const s = (text ?? '').trim().toLowerCase().replace(/,(?=\d)/g, '.');
  if (!s) return null;
  const hm = /^(\d{1,2}):([0-5]\d)$/.exec(s);
  if (hm) return positive(Number(hm[1]) * 3600 + Number(hm[2]) * 60);
  if (/^\d+(\.\d+)?$/.test(s)) return positive(Math.round(Number(s) * 60));
  const re = /(\d+(?:\.\d+)?)\s*([a-z'"]*)\s*(?:and\s*|,\s*|\+\s*)?/gy;
  let total = 0;
  let lastUnit = 0;
  let at = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    at = re.lastIndex;
    const n = Number(m[1]);
    let unit = UNIT_SECONDS.find(([r]) => r.test(m![2]))?.[1];
    if (m[2] && unit === undefined) return null;
    // '1h30': a number without a unit after hours is minutes, after minutes seconds.
    unit ??= lastUnit === 3600 ? 60 : lastUnit === 60 ? 1 : 60;
    total += n * unit;
    lastUnit = unit;
  }
  if (at !== s.length || at === 0) return null;
  return positive(Math.round(total));
}

const positive = (n: number): number | null => (Number.isFinite(n) && n > 0 ? n : null);

/** Minutes since midnight of 'HH:MM', or null. */
function minutesOf(time: string): number | null {
  if (!TIME_PATTERN.test(time)) return null;
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** A session's length in seconds (0 when its times are unknown or end before start). */
export function sessionLength(s: Pick<Session, 'start' | 'end'>): number {
  const a = minutesOf(s.start);
  const b = minutesOf(s.end);
  return a === null || b === null || b <= a ? 0 : (b - a) * 60;
}

export interface Planned {
  seconds: number;
  from: 'duration' | 'sessions';
}

/** The planned time of every agenda item that has one (see the module comment). */
export function plannedTimes(agenda: readonly Pick<AgendaItem, 'id' | 'duration'>[], sessions: readonly Session[]): Map<string, Planned> {
  const out = new Map<string, Planned>();
  const written = new Map<string, number>();
  for (const a of agenda) {
    const d = parseDuration(a.duration);
    if (d !== null) {
      written.set(a.id, d);
      out.set(a.id, { seconds: d, from: 'duration' });
    }
  }
  const known = new Set(agenda.map((a) => a.id));
  for (const s of sessions) {
    const ids = [...new Set(s.agendaItemIds)].filter((id) => known.has(id));
    const open = ids.filter((id) => !written.has(id));
    if (!open.length) continue;
    const left = Math.max(0, sessionLength(s) - ids.reduce((n, id) => n + (written.get(id) ?? 0), 0));
    const share = Math.floor(left / open.length);
    if (share <= 0) continue;
    for (const id of open) out.set(id, { seconds: (out.get(id)?.seconds ?? 0) + share, from: 'sessions' });
  }
  return out;
}

// ------------------------------------------------------------------------------------------- time zones

/** The instant (ms) of a wall-clock date 'YYYY-MM-DD' and time 'HH:MM' in `zone`, or null. */
export function zonedTime(date: string, time: string, zone: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = minutesOf(time);
  if (!d || t === null) return null;
  const guess = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), 0, t);
  try {
    const first = guess - zoneOffsetMs(zone, guess);
    return guess - zoneOffsetMs(zone, first);
  } catch {
    return null;
  }
}

/** The wall-clock date 'YYYY-MM-DD' and time 'HH:MM' of an instant in `zone`. */
export function wallClock(atMs: number, zone: string): { date: string; time: string } {
  const local = new Date(atMs + safeOffset(zone, atMs)).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

function safeOffset(zone: string, atMs: number): number {
  try {
    return zoneOffsetMs(zone, atMs);
  } catch {
    return 0;
  }
}

/**
 * The instant of the next 'HH:MM' in `zone` after `nowMs` (today's, or tomorrow's when today's has
 * passed), for "Coffee until 10:30"; null when the time is not one.
 */
export function nextWallTime(time: string, zone: string, nowMs: number): number | null {
  const { date } = wallClock(nowMs, zone);
  const today = zonedTime(date, time, zone);
  if (today === null) return null;
  if (today > nowMs) return today;
  const tomorrow = new Date(Date.parse(date + 'T12:00:00Z') + 86_400_000).toISOString().slice(0, 10);
  return zonedTime(tomorrow, time, zone);
}

// --------------------------------------------------------------------------------------------- sessions

export interface SessionWindow {
  session: Session;
  startMs: number;
  endMs: number;
}

/** A session's start and end instants in the meeting's zone, or null when its date or times are unknown. */
export function sessionWindow(s: Session, zone: string): SessionWindow | null {
  if (!sessionLength(s)) return null;
  const startMs = zonedTime(s.date, s.start, zone);
  const endMs = zonedTime(s.date, s.end, zone);
  return startMs === null || endMs === null || endMs <= startMs ? null : { session: s, startMs, endMs };
}

/**
 * The session going on at `nowMs`: the live session when it contains now, else the first (by start)
 * that does; null between sessions.
 */
export function currentSession(sessions: readonly Session[], zone: string, nowMs: number, liveSessionId?: string | null): SessionWindow | null {
  const now = sessions
    .map((s) => sessionWindow(s, zone))
    .filter((w): w is SessionWindow => w !== null && w.startMs <= nowMs && nowMs < w.endMs)
    .sort((a, b) => a.startMs - b.startMs);
  return now.find((w) => w.session.id === liveSessionId) ?? now[0] ?? null;
}

export interface SessionTime {
  id: string;
  /** The session's length (seconds). */
  plannedSeconds: number;
  /** Time spent on its items (seconds). */
  spentSeconds: number;
  /** Its items not taken yet (never live, or for less than TAKEN_SECONDS), the live one excepted. */
  itemsLeft: number;
}

/** Less live time than this (seconds) is a click on the wrong item, not an item taken. */
export const TAKEN_SECONDS = 30;

/** Planned against spent for every session; `spent(id)` is an item's time spent now (seconds). */
export function sessionTimes(sessions: readonly Session[], spent: (id: string) => number, liveIds: ReadonlySet<string> = new Set()): SessionTime[] {
  return sessions.map((s) => {
    const ids = [...new Set(s.agendaItemIds)];
    return {
      id: s.id,
      plannedSeconds: sessionLength(s),
      spentSeconds: ids.reduce((n, id) => n + spent(id), 0),
      itemsLeft: ids.filter((id) => !liveIds.has(id) && spent(id) < TAKEN_SECONDS).length,
    };
  });
}

// ---------------------------------------------------------------------------------------------- words

/** '14 min', '1 h 05 min', '45 s' (rounded to the minute from one minute on). */
export function formatMinutes(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export interface GlanceInput {
  /** The live item: its label, planned and spent seconds (planned undefined when it has none). */
  live?: { label: string; planned?: number; spent: number };
  /** The current session: seconds left and items not taken yet. */
  session?: { leftSeconds: number; itemsLeft: number };
}

/** The chair's one line: "14 min over on 5.2 · 3 items left in this session · 25 min left". */
export function timeGlance({ live, session }: GlanceInput): string {
  const parts: string[] = [];
  if (live) {
    const label = live.label || 'the live item';
    if (live.planned === undefined) parts.push(`${formatMinutes(live.spent)} on ${label}`);
    else if (live.spent > live.planned) parts.push(`${formatMinutes(live.spent - live.planned)} over on ${label}`);
    else parts.push(`${formatMinutes(live.planned - live.spent)} left on ${label}`);
  }
  if (session) {
    parts.push(`${session.itemsLeft} item${session.itemsLeft === 1 ? '' : 's'} left in this session`);
    parts.push(`session ends in ${formatMinutes(session.leftSeconds)}`);
  }
  return parts.join(' · ');
}
