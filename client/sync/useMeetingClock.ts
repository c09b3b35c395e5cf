/**
 * The clock part of the document (issue 16): which items are being counted since when, and the break
 * countdown of the main room; re-renders when either changes. Times are the server's (useServerNow).
 */
import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { observeClock, readBreak, readRunning, type BreakCountdown } from '../../shared/meetingClock.js';
import { useMeetingContext } from './MeetingContext.js';

export interface ClockSnapshot {
  running: Map<string, number>;
  /** The stored break countdown, past or not (compare with the server's time to show it). */
  breakCountdown: BreakCountdown | null;
}

const cache = new WeakMap<Y.Doc, { value: ClockSnapshot; dirty: boolean }>();

function snapshotOf(doc: Y.Doc): ClockSnapshot {
  let c = cache.get(doc);
  if (!c || c.dirty) {
    c = { value: { running: readRunning(doc), breakCountdown: readBreak(doc) }, dirty: false };
    cache.set(doc, c);
  }
  return c.value;
}

/** The running items and the break countdown. */
export function useMeetingClock(): ClockSnapshot {
  const { doc } = useMeetingContext();
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
  return useSyncExternalStore(subscribe, () => snapshotOf(doc));
}
