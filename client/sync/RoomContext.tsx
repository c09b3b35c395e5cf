/**
 * The room a page shows or runs (issue 16): the board's editor chooses the room they run, the follow view
 * the room the delegate follows, a room's screen link names its room (`&room=ID`). Every live control and
 * display below reads and sets that room's pointer; without a provider it is the main room, as before
 * meetings had rooms.
 */
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { MAIN_ROOM } from '../../shared/document/meetingSchema.js';

const RoomCtx = createContext<string>(MAIN_ROOM);

export function RoomProvider({ room, children }: { room: string; children: ReactNode }) {
  return <RoomCtx.Provider value={room}>{children}</RoomCtx.Provider>;
}

/** The id of the room this part of the page is about. */
export function useRoomId(): string {
  return useContext(RoomCtx);
}

/** The room chosen in this browser for a meeting and a purpose ('board', 'follow'), remembered in localStorage. */
export function useRememberedRoom(meetingId: string, purpose: 'board' | 'follow'): [string, (room: string) => void] {
  const key = `plenary:${meetingId}:${purpose}-room`;
  const [room, setRoom] = useState(() => {
    try {
      return localStorage.getItem(key) || MAIN_ROOM;
    } catch {
      return MAIN_ROOM;
    }
  });
  const choose = useCallback(
    (r: string) => {
      setRoom(r);
      try {
        localStorage.setItem(key, r);
      } catch {
        // Storage disabled: the choice lasts for this page.
      }
    },
    [key],
  );
  return [room, choose];
}
