/**
 * The meeting's rooms (issue 16), in the Meeting tab: rename any room, add a breakout, remove one. Each room
 * has its own live pointer and banner, and its own screen link (the admin's links API lists them).
 */
import { useState } from 'react';
import * as Y from 'yjs';
import { MAIN_ROOM } from '../../../shared/document/meetingSchema.js';
import { addRoom, removeRoom, renameRoom } from '../../../shared/document/rooms.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useRooms } from '../../sync/useMeeting.js';
import { FieldInput } from '../common/FieldInput.js';

export function RoomsPanel({ run }: { run: (fn: (d: Y.Doc) => void) => void }) {
  const { editable } = useMeetingContext();
  const rooms = useRooms();
  const [name, setName] = useState('');
  const add = () => {
    if (!name.trim()) return;
    run((d) => void addRoom(d, name));
    setName('');
  };
  return (
    <section className="list-panel rooms-panel" aria-label="Rooms">
      <h2>Rooms</h2>
      <p className="muted small">
        Each room has its own live item, Tdoc, session and banner, and its own screen. An editor chooses the room they run above the tabs.
      </p>
      <ul className="rooms-list">
        {rooms.map((r) => (
          <li key={r.id} data-room-entry={r.id}>
            <FieldInput aria-label={`Name of room ${r.name}`} value={r.name} disabled={!editable} onCommit={(v) => run((d) => renameRoom(d, r.id, v))} />
            {r.id === MAIN_ROOM ? (
              <span className="muted small">main room</span>
            ) : editable ? (
              <button className="small-btn" onClick={() => run((d) => removeRoom(d, r.id))}>
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <div className="rooms-add">
          <input
            aria-label="New room"
            placeholder="Breakout A"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') add();
            }}
          />
          <button className="small-btn" onClick={add} data-action="add-room">
            Add room
          </button>
        </div>
      ) : null}
    </section>
  );
}
