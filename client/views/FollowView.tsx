/**
 * The delegates' view, phone first and read-only. By default it follows the room: what is live sits on top,
 * highlighted. Below, the whole meeting to browse and search; a second tab has the decisions as they are
 * taken. Each contribution appears once on the page (the live item's rows are on top, not repeated below).
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { statusLabel } from '../../shared/document/statuses.js';
import { useMeetingContext } from '../sync/MeetingContext.js';
import { useAgendaItem, useContentVersion, useContribution, useList, useLive, useMeetingIndex, useMeta, useRooms, useStatuses } from '../sync/useMeeting.js';
import { RoomProvider, useRememberedRoom } from '../sync/RoomContext.js';
import { MAIN_ROOM } from '../../shared/document/meetingSchema.js';
import type { Room } from '../../shared/document/rooms.js';
import { useAnnounceSelf, storedName } from '../sync/usePresence.js';
import { buildRows, countTdocs, UNALLOCATED, type BoardRow } from '../model/boardRows.js';
import { StatusLabel } from '../components/board/StatusSelect.js';
import { DecisionsFeed } from '../components/board/DecisionsFeed.js';
import { formatTime } from '../components/board/ContributionDetail.js';
import { FloorCard } from '../components/participation/FloorCard.js';
import { keepGlance } from '../sync/glanceCache.js';
import { useFollowing } from '../components/follow/useFollowing.js';
import { FollowHeader } from '../components/follow/FollowHeader.js';
import { WherePrompt } from '../components/people/WherePrompt.js';
import { FollowApprovals } from '../components/positions/FollowApprovals.js';
import { FollowPositions } from '../components/positions/TdocPositions.js';

/**
 * The follow view of the room the delegate chooses (issue 16): the main room by default, remembered in this
 * browser; a meeting with rooms lists what is live in each, and one tap switches.
 */
export function FollowView() {
  const { meetingId } = useMeetingContext();
  const rooms = useRooms();
  const [chosen, choose] = useRememberedRoom(meetingId, 'follow');
  const room = rooms.some((r) => r.id === chosen) ? chosen : MAIN_ROOM;
  return (
    <RoomProvider room={room}>
      <FollowRoom rooms={rooms} room={room} onChoose={choose} />
    </RoomProvider>
  );
}

function FollowRoom({ rooms, room, onChoose }: { rooms: Room[]; room: string; onChoose: (id: string) => void }) {
  const { role, store, meetingId, connection, token } = useMeetingContext();
  useAnnounceSelf(storedName(), role);
  // What the room is on, kept for the next visit's first paint (client/public/preview.js).
  useEffect(() => {
    let synced = false;
    return keepGlance({
      meetingId,
      store,
      synced: () => (synced ||= connection.getSnapshot().state === 'connected'),
      subscribeSynced: connection.subscribe,
    });
  }, [meetingId, store, connection]);
  const meta = useMeta();
  const live = useLive();
  const sessions = useList('sessions');
  const session = sessions.find((s) => s.id === live.sessionId);
  const [tab, setTab] = useState<'meeting' | 'decisions'>('meeting');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const index = useMeetingIndex();
  const statuses = useStatuses();
  const filterVersion = useContentVersion(query !== '');
  const liveItem = live.agendaItemId;
  const rows = useMemo(() => {
    const all = buildRows({ index, statuses, contribution: store.contribution, agendaItem: store.agendaItem }, new Set(), query);
    // Without a query the live item's rows are shown on top, not again in the list.
    return query ? all : all.filter((r) => !(r.kind === 'tdoc' && r.itemId === liveItem));
  }, [index, statuses, store, query, filterVersion, liveItem]);

  const subtitle = session ? [session.code, session.title, `${session.start}–${session.end}`, session.room].filter(Boolean).join(' · ') : meta.venue;
  useEffect(() => {
    document.title = `${meta.title || 'Meeting'} — follow`;
  }, [meta.title]);

  const [following, setFollowing] = useFollowing(tab, live.agendaItemId, live.contributionId, liveItem ? (index.byItem.get(liveItem)?.length ?? 0) : 0);

  return (
    <div className="follow-page">
      <FollowHeader title={meta.title} subtitle={subtitle} rooms={rooms} room={room} onChoose={onChoose} banner={live.banner} tab={tab} onTab={setTab} />
      <WherePrompt meetingId={meetingId} token={token} />
      {room === MAIN_ROOM ? (
        <FloorCard />
      ) : (
        // The speaker queue and the show of hands run in the main room only.
        <p className="follow-floor-elsewhere small muted" data-floor-elsewhere="">
          Asking for the floor and the show of hands are in {rooms.find((r) => r.id === MAIN_ROOM)?.name ?? 'the main room'}.{' '}
          <button type="button" className="link-btn" onClick={() => onChoose(MAIN_ROOM)}>
            Follow {rooms.find((r) => r.id === MAIN_ROOM)?.name ?? 'the main room'}
          </button>
        </p>
      )}
      <FollowApprovals
        onOpen={(id) => {
          setTab('meeting');
          setQuery(store.contribution(id)?.number ?? '');
          setOpen(id);
        }}
      />
      {tab === 'decisions' ? (
        <DecisionsFeed
          onOpen={(id) => {
            setTab('meeting');
            setQuery(store.contribution(id)?.number ?? '');
            setOpen(id);
          }}
        />
      ) : (
        <>
          {!query && liveItem ? (
            <LiveCard itemId={liveItem} currentId={live.contributionId} open={open} onOpen={setOpen} />
          ) : !query ? (
            <p className="muted follow-idle">Nothing is live right now.</p>
          ) : null}
          <div className="follow-search">
            <input
              type="search"
              aria-label="Search the meeting"
              placeholder="Search number, title, source, status, item"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            {query ? <span className="muted small">{countTdocs(rows)} found</span> : null}
          </div>
          <FollowList rows={rows} liveItem={query ? liveItem : null} pointedItem={liveItem} currentId={live.contributionId} open={open} onOpen={setOpen} />
        </>
      )}
      {!following && tab === 'meeting' && !query ? (
        <button className="back-live" onClick={() => setFollowing(true)}>
          ⬆ Follow the room
        </button>
      ) : null}
      <div className="follow-foot muted small">{index.order.length} contributions · read-only</div>
    </div>
  );
}

function LiveCard({ itemId, currentId, open, onOpen }: { itemId: string; currentId: string | null; open: string | null; onOpen: (id: string | null) => void }) {
  const item = useAgendaItem(itemId);
  const index = useMeetingIndex();
  const ids = index.byItem.get(itemId) ?? [];
  return (
    <section className="live-card" data-live="true" data-item={item?.label ?? ''} aria-label="Live now">
      <div className="live-card-head">
        <span className="live-tag">LIVE</span>
        <span className="live-card-title">
          {item?.label} {item?.title}
        </span>
      </div>
      <Conclusion text={item?.conclusion} />
      {ids.map((id) => (
        <FollowRow key={id} id={id} current={id === currentId} open={open === id} onOpen={onOpen} />
      ))}
      {ids.length === 0 ? <p className="muted small">No contributions under this item.</p> : null}
    </section>
  );
}

function FollowList({
  rows,
  liveItem,
  pointedItem,
  currentId,
  open,
  onOpen,
}: {
  rows: BoardRow[];
  liveItem: string | null;
  pointedItem: string | null;
  currentId: string | null;
  open: string | null;
  onOpen: (id: string | null) => void;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);
  useEffect(() => {
    setMargin(listRef.current?.offsetTop ?? 0);
  });
  const v = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (i) => (rows[i].kind === 'item' ? 44 : 64),
    overscan: rows.length <= 300 ? rows.length : 8,
    scrollMargin: margin,
    getItemKey: (i) => `${rows[i].kind}:${rows[i].id}`,
  });
  return (
    <div ref={listRef} className="follow-list" style={{ height: v.getTotalSize(), position: 'relative' }}>
      {v.getVirtualItems().map((vi) => {
        const r = rows[vi.index];
        return (
          <div
            key={vi.key as string}
            data-index={vi.index}
            ref={v.measureElement}
            style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${vi.start - margin}px)` }}
          >
            {r.kind === 'item' ? (
              <FollowItemRow id={r.id} depth={r.depth} live={r.id === liveItem} pointed={r.id === pointedItem && liveItem === null} />
            ) : (
              <FollowRow id={r.id} current={r.id === currentId} open={open === r.id} onOpen={onOpen} />
            )}
          </div>
        );
      })}
    </div>
  );
}

const FollowItemRow = memo(function FollowItemRow({ id, depth, live, pointed }: { id: string; depth: number; live: boolean; pointed: boolean }) {
  const item = useAgendaItem(id);
  return (
    <div className={`follow-item depth-${Math.min(depth, 3)}${live || pointed ? ' live' : ''}`} data-live={live ? 'true' : undefined} data-item={item?.label ?? ''}>
      <span className="label">{id === UNALLOCATED ? '' : item?.label}</span> {id === UNALLOCATED ? 'Not allocated' : item?.title}
      {pointed ? <span className="muted small"> — live, shown above</span> : null}
      {pointed ? null : <Conclusion text={item?.conclusion} />}
    </div>
  );
});

/** An agenda item's conclusion, under the item (nothing when it has none). */
function Conclusion({ text }: { text: string | undefined }) {
  const t = text?.trim();
  return t ? (
    <p className="follow-conclusion" data-conclusion="true">
      <strong>Conclusion:</strong> {t}
    </p>
  ) : null;
}

const FollowRow = memo(function FollowRow({ id, current, open, onOpen }: { id: string; current: boolean; open: boolean; onOpen: (id: string | null) => void }) {
  const c = useContribution(id);
  const statuses = useStatuses();
  const { timezone } = useMeta();
  if (!c) return null;
  return (
    <div className={`follow-row${current ? ' current' : ''}${open ? ' open' : ''}`} data-tdoc={c.number} data-current={current ? 'true' : undefined} onClick={() => onOpen(open ? null : id)}>
      <div className="follow-row-main">
        <span className="num">{c.number}</span>
        {c.notes.trim() && !open ? (
          <span className="notes-mark" data-has-notes="true" title="Has notes: tap to read them">
            notes
          </span>
        ) : null}
        <StatusLabel value={c.status} statuses={statuses} />
      </div>
      <div className="follow-row-title">{c.title}</div>
      {c.source ? <div className="follow-row-source muted small">{c.source}</div> : null}
      {open ? (
        <div className="follow-row-more">
          {c.notes ? <p className="follow-notes">{c.notes}</p> : null}
          <FollowPositions id={id} number={c.number} />
          {c.history.length ? (
            <ul className="follow-history">
              {[...c.history].reverse().map((h, i) => (
                <li key={i}>
                  {statusLabel(statuses, h.status)} <span className="muted">{formatTime(h.at, timezone)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
});
