/**
 * Planned against spent for the board's time view and glance line (issue 16): per item, per session, the
 * current session's time left, from the document as read and the server's time now. Pure.
 */
import type { AgendaItem, Live, Session } from '../../shared/document/meetingSchema.js';
import { spentAt } from '../../shared/time/meetingClock.js';
import { currentSession, plannedTimes, sessionLength, sessionTimes, sessionWindow, timeGlance, type SessionTime } from '../../shared/time/plannedTime.js';

export type TimedItem = Pick<AgendaItem, 'id' | 'label' | 'title' | 'duration' | 'spentSeconds'>;

export interface ItemTime {
  id: string;
  label: string;
  title: string;
  /** Seconds planned, undefined when the item has no planned time. */
  planned?: number;
  plannedFrom?: 'duration' | 'sessions';
  /** Seconds spent at `nowMs` (the running part included). */
  spent: number;
  running: boolean;
}

export interface SessionRow extends SessionTime {
  label: string;
  /** Start and end instants in the meeting's zone, when known. */
  startMs?: number;
  endMs?: number;
  current: boolean;
}

export interface TimeSummary {
  items: ItemTime[];
  sessions: SessionRow[];
  current: { id: string; label: string; endMs: number; leftSeconds: number; itemsLeft: number } | null;
  live: ItemTime | null;
  glance: string;
}

export interface TimeInput {
  agenda: readonly TimedItem[];
  sessions: readonly Session[];
  running: ReadonlyMap<string, number>;
  live: Pick<Live, 'agendaItemId' | 'sessionId'>;
  timezone: string;
  nowMs: number;
}

/** What the session is called on the board: its code, day and times. */
export function sessionLabel(s: Session): string {
  return [s.code || s.title, s.date.slice(5), s.start && s.end ? `${s.start}–${s.end}` : ''].filter(Boolean).join(' · ');
}

export function timeSummary({ agenda, sessions, running, live, timezone, nowMs }: TimeInput): TimeSummary {
  const planned = plannedTimes(agenda, sessions);
  const items: ItemTime[] = agenda.map((a) => {
    const p = planned.get(a.id);
    return {
      id: a.id,
      label: a.label,
      title: a.title,
      planned: p?.seconds,
      plannedFrom: p?.from,
      spent: spentAt(a.spentSeconds, running.get(a.id), nowMs),
      running: running.has(a.id),
    };
  });
  const byId = new Map(items.map((i) => [i.id, i]));
  const spent = (id: string) => byId.get(id)?.spent ?? 0;
  const liveIds = new Set(live.agendaItemId ? [live.agendaItemId] : []);
  const now = currentSession(sessions, timezone, nowMs, live.sessionId);
  const rows: SessionRow[] = sessionTimes(sessions, spent, liveIds).map((t, i) => {
    const w = sessionWindow(sessions[i], timezone);
    return { ...t, label: sessionLabel(sessions[i]), startMs: w?.startMs, endMs: w?.endMs, current: now?.session.id === t.id };
  });
  const currentRow = rows.find((r) => r.current);
  const current =
    now && currentRow ? { id: now.session.id, label: currentRow.label, endMs: now.endMs, leftSeconds: Math.max(0, (now.endMs - nowMs) / 1000), itemsLeft: currentRow.itemsLeft } : null;
  const liveItem = live.agendaItemId ? (byId.get(live.agendaItemId) ?? null) : null;
  const glance = timeGlance({
    live: liveItem ? { label: liveItem.label, planned: liveItem.planned, spent: liveItem.spent } : undefined,
    session: current ? { leftSeconds: current.leftSeconds, itemsLeft: current.itemsLeft } : undefined,
  });
  return { items, sessions: rows, current, live: liveItem, glance };
}

/** A session's length for display, 0 when unknown (re-exported for the panel). */
export { sessionLength };
