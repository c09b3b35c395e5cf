/**
 * What the room is on now, and the banner, as the chair and secretary see and set them. The screen and the
 * delegates' view follow these.
 */
import { itemsOfRoom, setLiveOf } from '../../../shared/document/rooms.js';
import { useRoomId } from '../../sync/RoomContext.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useAgendaItem, useContribution, useList, useLive, useMeetingIndex, useRooms } from '../../sync/useMeeting.js';
import { FieldInput } from '../common/FieldInput.js';
import { TimeGlance } from '../clock/TimePanel.js';

/**
 * The live bar above the tabs: session, item, contribution, banner, and the time glance (`onTime` opens the
 * Time tab). When the meeting has rooms (issue 16), it starts with the room this editor runs
 * (`onChooseRoom`) and offers a picker of the live item with the items allocated to that room's sessions
 * first; every control sets that room's pointer.
 */
export function LiveBar({
  run,
  onJump,
  onChooseRoom,
  onTime,
}: {
  run: (fn: (d: import('yjs').Doc) => void) => void;
  onJump: (key: string) => void;
  onChooseRoom?: (room: string) => void;
  onTime?: () => void;
}) {
  const { editable } = useMeetingContext();
  const live = useLive();
  const room = useRoomId();
  const item = useAgendaItem(live.agendaItemId ?? '\u0000');
  const tdoc = useContribution(live.contributionId ?? '\u0000');
  const sessions = useList('sessions');
  const rooms = useRooms();
  return (
    <div className="livebar" aria-label="What the room is on now">
      {rooms.length > 1 ? (
        <>
          <select
            className="livebar-room"
            aria-label="Room you run"
            data-action="choose-room"
            value={room}
            onChange={(e) => onChooseRoom?.(e.target.value)}
          >
            {rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <RoomItemPicker run={run} roomName={rooms.find((r) => r.id === room)?.name ?? ''} />
        </>
      ) : null}
      <span className="livebar-label">Now</span>
      <select
        aria-label="Current session"
        value={live.sessionId ?? ''}
        disabled={!editable}
        onChange={(e) => run((d) => setLiveOf(d, room, { sessionId: e.target.value || null }))}
      >
        <option value="">No session</option>
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {[s.code, s.date.slice(5), `${s.start}–${s.end}`, s.title].filter(Boolean).join(' · ')}
          </option>
        ))}
      </select>
      {item ? (
        <button className="link live-item" onClick={() => onJump(`item:${item.id}`)}>
          {item.label} {item.title}
        </button>
      ) : (
        <span className="muted">no item live — select a row and press l</span>
      )}
      {tdoc ? (
        <button className="link live-tdoc" onClick={() => onJump(tdoc.id)}>
          {tdoc.number}
        </button>
      ) : null}
      {editable && (item || tdoc) ? (
        <button className="small-btn" onClick={() => run((d) => setLiveOf(d, room, { agendaItemId: null, contributionId: null }))}>
          Clear
        </button>
      ) : null}
      <TimeGlance onOpen={onTime} />
      <FieldInput
        className="banner-input"
        aria-label="Banner"
        placeholder="Banner for the room, e.g. Coffee until 10:30"
        value={live.banner}
        disabled={!editable}
        onCommit={(v) => run((d) => setLiveOf(d, room, { banner: v }))}
      />
    </div>
  );
}

/**
 * Picks the room's live item: the items allocated to the sessions held in this room first (import: "an
 * agenda item allocated to a session in a room is offered first in that room"), then every other item.
 */
function RoomItemPicker({ run, roomName }: { run: (fn: (d: import('yjs').Doc) => void) => void; roomName: string }) {
  const { editable } = useMeetingContext();
  const live = useLive();
  const room = useRoomId();
  const index = useMeetingIndex();
  const sessions = useList('sessions');
  const here = itemsOfRoom(sessions, roomName);
  const hereSet = new Set(here);
  const byId = new Map(index.agenda.map((n) => [n.item.id, n.item]));
  const label = (id: string) => {
    const it = byId.get(id);
    return it ? `${it.label} ${it.title}`.trim().slice(0, 70) : id;
  };
  const rest = index.agenda.map((n) => n.item.id).filter((id) => !hereSet.has(id));
  return (
    <select
      aria-label="Live item in this room"
      value={live.agendaItemId ?? ''}
      disabled={!editable}
      onChange={(e) => run((d) => setLiveOf(d, room, { agendaItemId: e.target.value || null, contributionId: null }))}
    >
      <option value="">No item live</option>
      {here.length ? (
        <optgroup label={`Sessions in ${roomName}`}>
          {here.filter((id) => byId.has(id)).map((id) => (
            <option key={id} value={id}>
              {label(id)}
            </option>
          ))}
        </optgroup>
      ) : null}
      <optgroup label={here.length ? 'Other items' : 'Agenda'}>
        {rest.map((id) => (
          <option key={id} value={id}>
            {label(id)}
          </option>
        ))}
      </optgroup>
    </select>
  );
}
