/**
 * The room's shared screen (1920×1080, read from the back row): the current session, the live item with its
 * contributions and statuses, the current contribution highlighted, the banner, a clock, and a QR code of
 * the delegates' link. Large type, high contrast, no scrollbars; it moves with the live pointer by itself.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useMeetingContext } from '../sync/MeetingContext.js';
import { useAgendaItem, useContribution, useList, useLive, useMeetingIndex, useMeta, useRooms, useStatuses } from '../sync/useMeeting.js';
import { RoomProvider } from '../sync/RoomContext.js';
import { MAIN_ROOM } from '../../shared/document/meetingSchema.js';
import { useAnnounceSelf } from '../sync/usePresence.js';
import { StatusLabel } from '../components/board/StatusSelect.js';
import { ConnectionBadge } from '../components/common/ConnectionBadge.js';
import { QrCode } from '../components/common/QrCode.js';
import { screenWindow } from '../model/screenWindow.js';
import { ScreenFloor, useScreenFloorActive } from '../components/participation/ScreenFloor.js';
import { unreachableReason } from '../model/reachableUrl.js';
import { BreakCountdownView } from '../components/clock/TimePanel.js';
import { useServerNow } from '../sync/participation.js';
import { useFollowLink } from '../sync/useFollowLink.js';
import { currentSession, sessionWindow, wallClock } from '../../shared/time/plannedTime.js';
import type { Session } from '../../shared/document/meetingSchema.js';
import { ScreenPositions } from '../components/positions/TdocPositions.js';

const ROW_H = 78;
const STAGE_W = 1920;
const STAGE_H = 1080;

/**
 * A room's screen: the screen link with `&room=ID` (issue 16, `roomScreens` of the links API) shows that
 * room's live pointer and banner; without it, or for a room that no longer exists, the main room's.
 */
export function ScreenView({ followUrl: given }: { followUrl: string | null }) {
  const rooms = useRooms();
  // The delegates' link as the server has it now (replaced links reach the screen live, issue 25).
  const followUrl = useFollowLink(given);
  const asked = new URLSearchParams(location.search).get('room') ?? MAIN_ROOM;
  const room = rooms.find((r) => r.id === asked) ?? rooms[0];
  return (
    <RoomProvider room={room.id}>
      <ScreenStage followUrl={followUrl} roomName={room.name} multi={rooms.length > 1} />
    </RoomProvider>
  );
}

function ScreenStage({ followUrl, roomName, multi }: { followUrl: string | null; roomName: string; multi: boolean }) {
  const { role } = useMeetingContext();
  useAnnounceSelf('', role);
  const meta = useMeta();
  const live = useLive();
  const sessions = useList('sessions');
  const session = sessions.find((s) => s.id === live.sessionId);
  useEffect(() => {
    document.title = `${meta.title || 'Meeting'} — ${multi ? roomName : 'room'} screen`;
  }, [meta.title, multi, roomName]);

  const scale = useStageScale();
  const floorActive = useScreenFloorActive();
  // Once the room is on an item, the list needs the width more than the QR code does.
  const started = live.agendaItemId !== null && live.agendaItemId !== '';
  const unreachable = followUrl ? unreachableReason(followUrl) : null;
  return (
    <div className="screen-viewport" data-room={roomName}>
      <div className="screen-page" style={{ transform: `translate(-50%, -50%) scale(${scale})` }}>
        <header className="screen-top">
          <div className="screen-meeting">
            <div className="screen-title">{meta.title}</div>
            <div className="screen-session">
              {session
                ? [session.code, session.title, `${session.start}–${session.end}`, session.room].filter(Boolean).join(' · ')
                : multi
                  ? [roomName, meta.venue].filter(Boolean).join(' · ')
                  : meta.venue}
            </div>
          </div>
          <div className="screen-clocks">
            <ScreenClock timezone={meta.timezone} />
            <SessionEnd sessions={sessions} liveSessionId={live.sessionId} timezone={meta.timezone} />
          </div>
        </header>
        <BreakCountdownView className="screen-break" />
        {live.banner ? (
          <div className="screen-banner" role="status">
            {live.banner}
          </div>
        ) : null}
        <div className="screen-body">
          <main className="screen-main">
            {live.agendaItemId ? (
              <LiveItem itemId={live.agendaItemId} currentId={live.contributionId} />
            ) : (
              <Waiting sessionTitle={session?.title} sessionAgenda={session?.agendaNote} />
            )}
          </main>
          <aside className={`screen-side${started ? ' started' : ''}${floorActive ? ' floor' : ''}`}>
            <ScreenFloor />
            {followUrl ? (
              // The join code (CONTRACT.md §7): `data-follow-link` is the link its QR code holds.
              <div className="screen-join" data-follow-link={followUrl}>
                <QrCode text={followUrl} size={floorActive ? 180 : started ? 220 : 340} />
                <div className="screen-join-text">
                  <div className="screen-follow">Follow on your phone</div>
                  <div className="screen-url">{shortUrl(followUrl)}</div>
                </div>
              </div>
            ) : (
              <div className="screen-follow muted">Ask the secretary for the delegates' link</div>
            )}
            {followUrl && unreachable ? (
              <div className="screen-qr-warning" role="alert" data-qr-warning="true">
                <strong>Phones cannot open this QR code:</strong> {unreachable}. Start Plenary with HOST=0.0.0.0 (or set PUBLIC_URL to the address phones use) and open the screen's new link.
              </div>
            ) : null}
            <div className="screen-conn">
              <ConnectionBadge compact />
            </div>
          </aside>
        </div>
      </div>
    </div>
  );
}

/**
 * The screen is laid out once for 1920×1080 and scaled to whatever the projector gives (1280×720,
 * 1920×1200 ...), letterboxed, so the back row sees the same layout and nothing ever scrolls.
 */
function useStageScale(): number {
  const fit = () => Math.min(window.innerWidth / STAGE_W, window.innerHeight / STAGE_H);
  const [scale, setScale] = useState(fit);
  useEffect(() => {
    const onResize = () => setScale(fit());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

function ScreenClock({ timezone }: { timezone: string }) {
  // The server's time (issue 16): a projector whose clock is off still agrees with the session's end.
  const now = new Date(useServerNow(1000));
  let text: string;
  try {
    text = now.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: timezone || undefined });
  } catch {
    text = now.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  }
  return (
    <div className="screen-clock" aria-label="Time">
      {text}
    </div>
  );
}

/** "Session ends 12:30": the live session's end, else that of the session going on now (server time). */
function SessionEnd({ sessions, liveSessionId, timezone }: { sessions: Session[]; liveSessionId: string | null; timezone: string }) {
  const nowMs = useServerNow(15_000);
  const live = sessions.find((s) => s.id === liveSessionId);
  const w = (live && sessionWindow(live, timezone)) || currentSession(sessions, timezone, nowMs, liveSessionId);
  if (!w || w.endMs <= nowMs) return null;
  return (
    <div className="screen-session-end" data-testid="session-end">
      Session ends {wallClock(w.endMs, timezone).time}
    </div>
  );
}

function Waiting({ sessionTitle, sessionAgenda }: { sessionTitle?: string; sessionAgenda?: string }) {
  const meta = useMeta();
  return (
    <div className="screen-waiting">
      <div className="screen-waiting-title">{sessionTitle || meta.title || 'Welcome'}</div>
      {sessionAgenda ? <div className="screen-waiting-agenda">{sessionAgenda}</div> : null}
      <div className="screen-waiting-sub">{sessionTitle ? 'Starting shortly.' : 'The meeting will start shortly.'}</div>
    </div>
  );
}

function LiveItem({ itemId, currentId }: { itemId: string; currentId: string | null }) {
  const item = useAgendaItem(itemId);
  const index = useMeetingIndex();
  const ids = index.byItem.get(itemId) ?? [];
  const node = index.agenda.find((n) => n.item.id === itemId);
  const parent = node?.parentId ? index.agenda.find((n) => n.item.id === node.parentId)?.item : undefined;
  const listRef = useRef<HTMLDivElement>(null);
  const [fits, setFits] = useState(8);
  const current = currentId ? ids.indexOf(currentId) : -1;
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const measure = () => setFits(Math.max(1, Math.floor(el.clientHeight / ROW_H)));
    measure();
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(measure) : null;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, [current, ids.length]);
  // Titles wrap onto a second line: when the rows shown are taller than the list, show one fewer.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el && fits > 1 && el.scrollHeight > el.clientHeight + 1) setFits(fits - 1);
  });
  const more = ids.length > fits;
  const win = screenWindow(ids.length, current, more ? fits - 1 : fits);
  return (
    <section className="screen-item" data-live="true" data-item={item?.label ?? ''}>
      {parent ? (
        <div className="screen-parent">
          {parent.label} {parent.title}
        </div>
      ) : null}
      <h1 className="screen-item-title">
        <span className="screen-item-label">{item?.label}</span> {item?.title}
      </h1>
      <div className="screen-list" ref={listRef}>
        {ids.slice(win.start, win.end).map((id) => (
          <ScreenRow key={id} id={id} current={id === currentId} />
        ))}
        {more ? (
          <div className="screen-more">
            {win.start > 0 ? `${win.start} above` : ''}
            {win.start > 0 && win.end < ids.length ? ' · ' : ''}
            {win.end < ids.length ? `${ids.length - win.end} more below` : ''}
          </div>
        ) : null}
        {ids.length === 0 ? <div className="screen-none">No contributions under this item.</div> : null}
      </div>
      {currentId ? <CurrentTdoc id={currentId} /> : null}
      {item?.conclusion?.trim() ? (
        <div className="screen-conclusion" data-conclusion="true">
          <span className="screen-current-label">Conclusion</span> {item.conclusion.trim()}
        </div>
      ) : null}
    </section>
  );
}

const ScreenRow = memo(function ScreenRow({ id, current }: { id: string; current: boolean }) {
  const c = useContribution(id);
  const statuses = useStatuses();
  if (!c) return null;
  return (
    <div className={`screen-row${current ? ' current' : ''}`} data-tdoc={c.number} data-current={current ? 'true' : undefined}>
      <span className="screen-num">{c.number}</span>
      <span className="screen-tdoc-title">
        {c.title}
        {c.source ? <span className="screen-source"> — {c.source}</span> : null}
      </span>
      <StatusLabel value={c.status} statuses={statuses} />
    </div>
  );
});

/** The contribution the room is on: its decision and its notes, as the secretary writes them. */
function CurrentTdoc({ id }: { id: string }) {
  const c = useContribution(id);
  const statuses = useStatuses();
  if (!c) return null;
  const notes = c.notes.trim();
  return (
    <div className="screen-current" data-current-tdoc={c.number}>
      <div className="screen-current-head">
        <span className="screen-num">{c.number}</span>
        <span className="screen-current-label">Decision</span>
        <StatusLabel value={c.status} statuses={statuses} />
      </div>
      {/* The whole title here: the list above keeps each row to two lines. */}
      <div className="screen-current-title">{c.title}</div>
      {notes ? <div className="screen-current-notes">{notes}</div> : null}
      <ScreenPositions id={id} />
    </div>
  );
}

/** The host people can recognise; the token stays in the QR code only. */
function shortUrl(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
