/**
 * The clock part of the document (issue 16): which items are being counted since when, and the break
 * countdown of the page's room (RoomContext); re-renders when either changes. Times are the server's (useServerNow).
 */
import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { observeClock, readBreak, readRunning, type BreakCountdown } from '../../shared/meetingClock.js';
import { useMeetingContext } from './MeetingContext.js';
import { useRoomId } from './RoomContext.js';

export interface ClockSnapshot {
  running: Map<string, number>;
  /** The stored break countdown of the page's room, past or not (compare with the server's time to show it). */
  breakCountdown: BreakCountdown | null;
}

interface DocClock {
  running: Map<string, number>;
  /** Break countdowns by room, read on demand. */
  breaks: Map<string, ClockSnapshot>;
}

const cache = new WeakMap<Y.Doc, { value: DocClock; dirty: boolean }>();

function snapshotOf(doc: Y.Doc, room: string): ClockSnapshot {
  let c = cache.get(doc);
  if (!c || c.dirty) {
    c = { value: { running: readRunning(doc), breaks: new Map() }, dirty: false };
    cache.set(doc, c);
  }
  let snap = c.value.breaks.get(room);
  if (!snap) {
    snap = { running: c.value.running, breakCountdown: readBreak(doc, room) };
    c.value.breaks.set(room, snap);
  }
  return snap;
}

/** The running items and the break countdown of the page's room. */
export function useMeetingClock(): ClockSnapshot {
  const { doc } = useMeetingContext();
  const room = useRoomId();
  const subscribe = useCallback(
    (l: () => void) => {
      const markDirty = () => {
        const c = cache.get(doc);
        if (c) c.dirty = true;
      };
      markDirty();
      return observeClock(doc, () => {
        markDirty();
        l();
      });
    },
    [doc],
  );
  return useSyncExternalStore(subscribe, () => snapshotOf(doc, room));
}
