/**
 * The clock part of the document (issue 16): which items are being counted since when, and the break
 * countdown of the page's room (RoomContext); re-renders when either changes. Times are the server's (useServerNow).
 */
import { observeClock, readBreak, readRunning, type BreakCountdown } from '../../shared/time/meetingClock.js';
import { useMeetingContext } from './MeetingContext.js';
import { useRoomId } from './RoomContext.js';
import { docSnapshots, useDocSnapshot } from './useDocSnapshot.js';

export interface ClockSnapshot {
  running: Map<string, number>;
  /** The stored break countdown of the page's room, past or not (compare with the server's time to show it). */
  breakCountdown: BreakCountdown | null;
}

interface DocClock {
  running: Map<string, number>;
  /** The snapshot of each room asked for, made on demand. */
  rooms: Map<string, ClockSnapshot>;
}

const clock = docSnapshots<DocClock>(observeClock, (doc) => ({ running: readRunning(doc), rooms: new Map() }));

/** The running items and the break countdown of the page's room. */
export function useMeetingClock(): ClockSnapshot {
  const { doc } = useMeetingContext();
  const room = useRoomId();
  const c = useDocSnapshot(clock);
  let snap = c.rooms.get(room);
  if (!snap) {
    snap = { running: c.running, breakCountdown: readBreak(doc, room) };
    c.rooms.set(room, snap);
  }
  return snap;
}
