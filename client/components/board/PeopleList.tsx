/** Who is connected: editors by name and colour, read-only viewers counted. */
import { usePeople } from '../../sync/usePresence.js';
import { useRooms } from '../../sync/useMeeting.js';
import { MAIN_ROOM } from '../../../shared/document/meetingSchema.js';
import { initials } from './BoardRows.js';
import { inkOn } from '../../model/contrast.js';

/** Initials of the editors (click your own to rename) and counts of followers and screens. */
export function PeopleList({ onRename }: { onRename?: () => void }) {
  const people = usePeople();
  const editors = people.filter((p) => p.role === 'chair' || p.role === 'secretary');
  const delegates = people.filter((p) => p.role === 'delegate').length;
  // People's own links (issue 24): the server stamped their registered names.
  const registered = people.filter((p) => p.role === 'delegate' && p.registered);
  const screens = people.filter((p) => p.role === 'screen').length;
  // Which room each editor runs, once the meeting has rooms (issue 16).
  const rooms = useRooms();
  const roomOf = (room: string | null) => (rooms.length > 1 ? (rooms.find((r) => r.id === (room ?? MAIN_ROOM)) ?? rooms[0]).name : '');
  return (
    <div className="people" aria-label="Who is connected">
      {editors.map((p) => (
        <span key={p.clientId} className="person-wrap">
          <span
            className={`person${p.self ? ' self' : ''}`}
            style={{ background: p.color, color: inkOn(p.color) }}
            title={`${p.name} (${p.role})${roomOf(p.room) ? ` in ${roomOf(p.room)}` : ''}${p.self ? ' — you; click to change your name' : ''}`}
            onClick={p.self ? onRename : undefined}
            data-person={p.name}
            data-person-room={roomOf(p.room) || undefined}
          >
            {initials(p.name)}
          </span>
          {roomOf(p.room) ? <span className="person-room small muted">{roomOf(p.room)}</span> : null}
        </span>
      ))}
      {delegates && registered.length ? (
        <details className="people-registered small">
          <summary className="muted">
            {delegates} following · {registered.length} by name
          </summary>
          <ul>
            {registered.map((p) => (
              <li key={p.clientId} data-present-person={p.name}>
                {p.name}
                {p.company ? <span className="muted"> · {p.company}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : delegates ? (
        <span className="muted small">{delegates} following</span>
      ) : null}
      {screens ? <span className="muted small">{screens} screen{screens > 1 ? 's' : ''}</span> : null}
    </div>
  );
}
