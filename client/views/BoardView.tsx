/** The chair's and secretary's board: the agenda with its contributions, the meeting's lists, presence. */
import { useCallback, useEffect, useState } from 'react';
import * as Y from 'yjs';
import { useMeetingContext } from '../sync/MeetingContext.js';
import { useMeta, useRooms } from '../sync/useMeeting.js';
import { storedName, storeName, useAnnounceRoom, useAnnounceSelf } from '../sync/usePresence.js';
import { RoomProvider, useRememberedRoom } from '../sync/RoomContext.js';
import { RoomsPanel } from '../components/meeting/RoomsPanel.js';
import { MAIN_ROOM } from '../../shared/document/meetingSchema.js';
import { AgendaBoard } from '../components/board/AgendaBoard.js';
import { ConnectionBadge } from '../components/common/ConnectionBadge.js';
import { PeopleList } from '../components/board/PeopleList.js';
import { NameBar } from '../components/board/NameBar.js';
import { LiveBar } from '../components/board/LiveBar.js';
import { ActionsPanel, DeliverablesPanel, ObjectivesPanel, SessionsPanel } from '../components/meeting/MeetingLists.js';
import { DecisionsFeed } from '../components/board/DecisionsFeed.js';
import { ExportMenu } from '../components/board/ExportMenu.js';
import { MeetingPanel } from '../components/meeting/MeetingPanel.js';
import { FloorSide } from '../components/participation/FloorSide.js';
import { NextMeetingForm } from '../components/meeting/NextMeetingForm.js';
import { ImportPanel } from '../components/board/ImportPanel.js';
import { FileButton } from '../components/common/FileButton.js';
import { TimePanel } from '../components/clock/TimePanel.js';
import { useFileDrop } from '../components/board/useFileDrop.js';
import { PeopleTab } from '../components/people/PeopleTab.js';
import { ApprovalsPanel } from '../components/positions/ApprovalsPanel.js';
import type { Meta } from '../../shared/document/meetingSchema.js';
import type { Role } from '../route.js';

const TABS = [
  ['agenda', 'Agenda'],
  ['sessions', 'Sessions'],
  ['actions', 'Action items'],
  ['deliverables', 'Deliverables'],
  ['objectives', 'Objectives'],
  ['decisions', 'Decisions'],
  ['approvals', 'E-mail approval'],
  ['time', 'Time'],
  ['people', 'People'],
  ['meeting', 'Meeting'],
] as const;
type Tab = (typeof TABS)[number][0];

/** The page of the chair's and secretary's links. */
export function BoardView() {
  const { role, change, undo, editable, meetingId } = useMeetingContext();
  // The room this editor runs (issue 16), remembered in this browser; the main room if it is gone.
  const rooms = useRooms();
  const [chosenRoom, chooseRoom] = useRememberedRoom(meetingId, 'board');
  const room = rooms.some((r) => r.id === chosenRoom) ? chosenRoom : MAIN_ROOM;
  useAnnounceRoom(room);
  const meta = useMeta();
  const [name, setName] = useState(storedName);
  const [asking, setAsking] = useState(() => !storedName());
  const [tab, setTab] = useState<Tab>('agenda');
  const [error, setError] = useState<string | null>(null);
  const [jump, setJump] = useState<string | null>(null);
  const [importing, setImporting] = useState<File | null>(null);
  const { dragging, dropHandlers } = useFileDrop(editable, setImporting);
  useAnnounceSelf(name, role);
  const actor = name || (role === 'chair' ? 'Chair' : 'Secretary');

  const run = useCallback(
    (fn: (d: Y.Doc) => void) => {
      try {
        change(fn);
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [change],
  );

  useEffect(() => {
    if (!error) return;
    const t = setTimeout(() => setError(null), 6000);
    return () => clearTimeout(t);
  }, [error]);

  useEffect(() => {
    document.title = `${meta.title || 'Meeting'} — ${role === 'chair' ? 'Chair' : 'Secretary'} · Plenary`;
  }, [meta.title, role]);

  const onJump = useCallback((key: string) => {
    setTab('agenda');
    setJump(`${key}#${Date.now()}`);
  }, []);

  return (
    <RoomProvider room={room}>
    <div className="board-page" {...dropHandlers}>
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop the Tdoc list or agenda to bring it into this meeting
        </div>
      ) : null}
      {importing ? <ImportPanel file={importing} actor={actor} onClose={() => setImporting(null)} /> : null}
      <BoardTopBar meta={meta} role={role} editable={editable} undo={undo} onImport={setImporting} onRename={() => setAsking(true)} />
      {asking ? (
        <NameBar
          initial={name}
          onSave={(n) => {
            storeName(n);
            setName(n);
            setAsking(false);
          }}
          onLater={() => setAsking(false)}
        />
      ) : null}
      <LiveBar run={run} onJump={onJump} onChooseRoom={chooseRoom} onTime={() => setTab('time')} />
      <nav className="tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button key={id} role="tab" aria-selected={tab === id} className={tab === id ? 'tab on' : 'tab'} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </nav>
      <main className="board-main">
        <div className="tab-panel" hidden={tab !== 'agenda'}>
          <AgendaBoard actor={actor} run={run} jumpTo={jump} active={tab === 'agenda' && !importing} />
        </div>
        {tab === 'sessions' ? <SessionsPanel run={run} /> : null}
        {tab === 'actions' ? <ActionsPanel run={run} /> : null}
        {tab === 'deliverables' ? <DeliverablesPanel run={run} /> : null}
        {tab === 'objectives' ? <ObjectivesPanel run={run} /> : null}
        {tab === 'time' ? <TimePanel run={run} /> : null}
        {tab === 'people' ? <PeopleTab run={run} /> : null}
        {tab === 'approvals' ? <ApprovalsPanel run={run} actor={actor} onOpenTdoc={onJump} /> : null}
        {tab === 'meeting' ? <MeetingPanel run={run} /> : null}
        {tab === 'meeting' ? <RoomsPanel run={run} /> : null}
        {tab === 'meeting' && role === 'chair' && editable ? <NextMeetingForm /> : null}
        {tab === 'decisions' ? (
          <section className="list-panel">
            <h2>Decisions</h2>
            <DecisionsFeed onOpen={(id) => onJump(id)} />
          </section>
        ) : null}
      </main>
      <FloorSide run={run} />
      {error ? (
        <div className="toast" role="alert" onClick={() => setError(null)}>
          {error}
        </div>
      ) : null}
    </div>
    </RoomProvider>
  );
}

/** The board's top bar: the meeting, undo and redo, import and export, who is here, the connection. */
function BoardTopBar({ meta, role, editable, undo, onImport, onRename }: { meta: Meta; role: Role; editable: boolean; undo: Y.UndoManager; onImport: (f: File) => void; onRename: () => void }) {
  return (
    <header className="topbar">
      <div className="brand">Plenary</div>
      <div className="meeting-title">
        <strong>{meta.title || 'Untitled meeting'}</strong>
        <span className="muted small">
          {[meta.venue, dateRange(meta.startDate, meta.endDate), role === 'chair' ? 'chair' : 'secretary'].filter(Boolean).join(' · ')}
        </span>
      </div>
      <div className="topbar-right">
        <button className="small-btn" onClick={() => undo.undo()} title="Undo your last change (Ctrl+Z)">
          ↶ Undo
        </button>
        <button className="small-btn" onClick={() => undo.redo()} title="Redo (Ctrl+Shift+Z)">
          ↷ Redo
        </button>
        {editable ? (
          <>
            <FileButton inputLabel="Tdoc list or agenda to bring in" title="Bring in a newer Tdoc list or an agenda (or drop the file on the board)" onFile={onImport}>
              Import…
            </FileButton>
          </>
        ) : null}
        <ExportMenu />
        <PeopleList onRename={onRename} />
        <ConnectionBadge />
      </div>
    </header>
  );
}

/** "16–20 May 2016" style range; empty when unknown. */
export function dateRange(start: string, end: string): string {
  if (!start) return '';
  const fmt = (s: string, opts: Intl.DateTimeFormatOptions) => {
    const d = new Date(`${s}T12:00:00Z`);
    return Number.isNaN(d.getTime()) ? s : d.toLocaleDateString('en-GB', { ...opts, timeZone: 'UTC' });
  };
  if (!end || end === start) return fmt(start, { day: 'numeric', month: 'short', year: 'numeric' });
  return `${fmt(start, { day: 'numeric', month: 'short' })} – ${fmt(end, { day: 'numeric', month: 'short', year: 'numeric' })}`;
}
