/**
 * The board's clock (issue 16): a one-line glance for the live bar ("14 min over on 5.2 · 3 items left in
 * this session · session ends in 25 min"), the Time tab (planned against spent per session and per item),
 * and the chair's break countdown ("Coffee until 10:30"). Spent time is counted by the server; the running
 * part is shown on the server's clock.
 */
import { useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { useRoomId } from '../../sync/RoomContext.js';
import { clearBreak, startBreak } from '../../../shared/time/meetingClock.js';
import { nextWallTime, wallClock, formatMinutes } from '../../../shared/time/plannedTime.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useContentVersion, useList, useLive, useMeetingIndex, useMeta } from '../../sync/useMeeting.js';
import { useMeetingClock } from '../../sync/useMeetingClock.js';
import { useServerNow } from '../../sync/participation.js';
import { timeSummary, type ItemTime, type TimeSummary } from '../../model/timeSummary.js';

type Run = (fn: (d: Y.Doc) => void) => void;

/** The time summary at the server's time now, refreshed every `everyMs`. */
export function useTimeSummary(everyMs = 1000): { summary: TimeSummary; nowMs: number } {
  const { store } = useMeetingContext();
  const index = useMeetingIndex();
  const version = useContentVersion();
  const sessions = useList('sessions');
  const live = useLive();
  const meta = useMeta();
  const { running } = useMeetingClock();
  const nowMs = useServerNow(everyMs);
  const agenda = useMemo(
    () => index.agenda.map((n) => store.agendaItem(n.item.id) ?? n.item),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, version, store],
  );
  const summary = useMemo(
    () => timeSummary({ agenda, sessions, running, live, timezone: meta.timezone, nowMs }),
    [agenda, sessions, running, live, meta.timezone, nowMs],
  );
  return { summary, nowMs };
}

/** The chair's one line, in the live bar. */
export function TimeGlance({ onOpen }: { onOpen?: () => void }) {
  const { summary } = useTimeSummary();
  if (!summary.glance) return null;
  const over = summary.live && summary.live.planned !== undefined && summary.live.spent > summary.live.planned;
  return (
    <button className={over ? 'link time-glance over' : 'link time-glance'} data-testid="time-glance" onClick={onOpen} title="Open the time view">
      Time: {summary.glance}
    </button>
  );
}

const hhmm = (ms: number | undefined, zone: string) => (ms === undefined ? '' : wallClock(ms, zone).time);

function delta(i: Pick<ItemTime, 'planned' | 'spent'>): string {
  if (i.planned === undefined) return '';
  const d = i.spent - i.planned;
  return d > 0 ? `${formatMinutes(d)} over` : `${formatMinutes(-d)} left`;
}

/** The Time tab: the current session, a break countdown, planned against spent per session and per item. */
export function TimePanel({ run }: { run: Run }) {
  const { editable } = useMeetingContext();
  const meta = useMeta();
  const { summary } = useTimeSummary();
  const shown = summary.items.filter((i) => i.planned !== undefined || i.spent > 0);
  return (
    <section className="list-panel time-panel" aria-label="Time planned and spent">
      <h2>Time</h2>
      <p className="time-now" data-testid="time-current">
        {summary.current
          ? `Session ${summary.current.label}: ends at ${hhmm(summary.current.endMs, meta.timezone)}, ${formatMinutes(summary.current.leftSeconds)} left, ${summary.current.itemsLeft} item${summary.current.itemsLeft === 1 ? '' : 's'} not taken yet`
          : 'No session is going on now.'}
        {summary.glance ? <span className="muted"> · {summary.glance}</span> : null}
      </p>
      {editable ? <BreakControl run={run} /> : null}
      <h3>Sessions</h3>
      <table className="time-table" data-testid="time-sessions">
        <thead>
          <tr>
            <th>Session</th>
            <th>Planned</th>
            <th>Spent on its items</th>
            <th>Items not taken</th>
          </tr>
        </thead>
        <tbody>
          {summary.sessions.map((s) => (
            <tr key={s.id} className={s.current ? 'current' : undefined}>
              <td>{s.label || s.id}</td>
              <td>{s.plannedSeconds ? formatMinutes(s.plannedSeconds) : '—'}</td>
              <td>{formatMinutes(s.spentSeconds)}</td>
              <td>{s.itemsLeft}</td>
            </tr>
          ))}
          {summary.sessions.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                No sessions: planned times come from the agenda's durations only.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h3>Agenda items</h3>
      <table className="time-table" data-testid="time-items">
        <thead>
          <tr>
            <th>Item</th>
            <th>Planned</th>
            <th>Spent</th>
            <th>Over / left</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => (
            <tr key={i.id} data-item={i.label} className={[i.running ? 'running' : '', i.planned !== undefined && i.spent > i.planned ? 'over' : ''].join(' ').trim() || undefined}>
              <td>
                {i.label} {i.title}
                {i.running ? <span className="live-tag">LIVE</span> : null}
              </td>
              <td title={i.plannedFrom === 'sessions' ? 'share of its sessions' : 'the agenda duration'}>{i.planned === undefined ? '—' : formatMinutes(i.planned)}</td>
              <td className="spent">{formatMinutes(i.spent)}</td>
              <td>{delta(i)}</td>
            </tr>
          ))}
          {shown.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                Nothing planned or spent yet: give items a duration or allocate them to sessions, and set an item live.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}

/** Start or end the room's break countdown ("Coffee until 10:30", in the meeting's time zone). */
export function BreakControl({ run }: { run: Run }) {
  const meta = useMeta();
  const nowMs = useServerNow(1000);
  const { breakCountdown } = useMeetingClock();
  const room = useRoomId();
  const [label, setLabel] = useState('Coffee');
  const [until, setUntil] = useState('');
  const [error, setError] = useState('');
  const active = breakCountdown && breakCountdown.until > nowMs ? breakCountdown : null;
  const start = (e: React.FormEvent) => {
    e.preventDefault();
    const minutes = /^\s*(\d{1,3})\s*(m|min|minutes?)\s*$/i.exec(until);
    const at = minutes ? nowMs + Number(minutes[1]) * 60_000 : nextWallTime(until.trim().padStart(5, '0'), meta.timezone, nowMs);
    if (at === null) return setError('Give the end as 10:30, or a number of minutes (15 min)');
    setError('');
    run((d) => startBreak(d, label, at, room));
  };
  return (
    <form className="break-control" onSubmit={start} aria-label="Break countdown">
      {active ? (
        <>
          <span data-testid="break-active">
            {active.label} until {hhmm(active.until, meta.timezone)} ({formatMinutes((active.until - nowMs) / 1000)} left)
          </span>
          <button type="button" className="small-btn" onClick={() => run((d) => clearBreak(d, room))}>
            End break
          </button>
        </>
      ) : (
        <>
          <label>
            Break <input aria-label="Break label" value={label} onChange={(e) => setLabel(e.target.value)} size={12} />
          </label>
          <label>
            until <input aria-label="Break until" placeholder="10:30 or 15 min" value={until} onChange={(e) => setUntil(e.target.value)} size={10} />
          </label>
          <button type="submit" className="small-btn">
            Start countdown
          </button>
          {error ? <span className="error small">{error}</span> : null}
        </>
      )}
    </form>
  );
}

/** The break countdown as the screen and the follow view show it ("Coffee until 10:30 · 12:41"); null when none. */
export function BreakCountdownView({ className = 'break-countdown' }: { className?: string }) {
  const meta = useMeta();
  const nowMs = useServerNow(500);
  const { breakCountdown } = useMeetingClock();
  if (!breakCountdown || breakCountdown.until <= nowMs) return null;
  const left = Math.ceil((breakCountdown.until - nowMs) / 1000);
  const mm = Math.floor(left / 60);
  const ss = String(left % 60).padStart(2, '0');
  return (
    <div className={className} data-testid="break-countdown" role="timer" aria-live="off">
      <span className="break-label">
        {breakCountdown.label} until {hhmm(breakCountdown.until, meta.timezone)}
      </span>
      <span className="break-left">
        {mm}:{ss}
      </span>
    </div>
  );
}
