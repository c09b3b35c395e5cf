/**
 * Hooks over the render cache. Each observes only what it returns: a row hook re-renders its row when that
 * row changes and never when another does.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { AgendaItem, Contribution, Live, Meta, Status } from '../../shared/document/meetingSchema.js';
import type { ListKind, ListOf, MeetingIndex } from './MeetingStore.js';
import { useMeetingContext } from './MeetingContext.js';
import { useRoomId } from './RoomContext.js';
import type { Room } from '../../shared/document/rooms.js';
import type { ConnectionSnapshot } from './MeetingConnection.js';

/** One contribution, re-rendered only when it changes. */
export function useContribution(id: string): Contribution | undefined {
  const { store } = useMeetingContext();
  const sub = useCallback((l: () => void) => store.subscribeRow(id, l), [store, id]);
  return useSyncExternalStore(sub, () => store.contribution(id));
}

/** One agenda item, re-rendered only when it changes. */
export function useAgendaItem(id: string): AgendaItem | undefined {
  const { store } = useMeetingContext();
  const sub = useCallback((l: () => void) => store.subscribeRow(id, l), [store, id]);
  return useSyncExternalStore(sub, () => store.agendaItem(id));
}

/** The agenda tree and the ids under each item; changes only on structural edits. */
export function useMeetingIndex(): MeetingIndex {
  const { store } = useMeetingContext();
  return useSyncExternalStore(store.subscribeIndex, store.getIndex);
}

const noSubscribe = () => () => undefined;
const zero = () => 0;

/**
 * A counter bumped on every content change (for filters and feeds that must see titles or statuses).
 * With `enabled` false it returns 0 and does not subscribe, so a board without a filter does not
 * re-render on every keystroke of a peer.
 */
export function useContentVersion(enabled = true): number {
  const { store } = useMeetingContext();
  return useSyncExternalStore(enabled ? store.subscribeContent : noSubscribe, enabled ? store.getContentVersion : zero);
}

/** What the room is on now (see MeetingStore.getLive): the room of the nearest RoomProvider, else the main room. */
export function useLive(): Live {
  const { store } = useMeetingContext();
  const room = useRoomId();
  return useSyncExternalStore(store.subscribeDoc, () => store.getLiveOf(room));
}

/** Every room of the meeting, the main room first (just the main room when the meeting has no rooms). */
export function useRooms(): Room[] {
  const { store } = useMeetingContext();
  return useSyncExternalStore(store.subscribeDoc, store.getRooms);
}

/** The meeting's details. */
export function useMeta(): Meta {
  const { store } = useMeetingContext();
  return useSyncExternalStore(store.subscribeDoc, store.getMeta);
}

/** The meeting's status vocabulary, in display order. */
export function useStatuses(): Status[] {
  const { store } = useMeetingContext();
  return useSyncExternalStore(store.subscribeDoc, store.getStatuses);
}

/** Sessions, actions, deliverables or objectives, sorted. */
export function useList<K extends ListKind>(kind: K): ListOf[K][] {
  const { store } = useMeetingContext();
  const sub = useCallback((l: () => void) => store.subscribeList(kind, l), [store, kind]);
  return useSyncExternalStore(sub, () => store.getList(kind));
}

/** Connected, connecting, offline or closed, and the count of changes not yet sent. */
export function useConnectionStatus(): ConnectionSnapshot {
  const { connection } = useMeetingContext();
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}
