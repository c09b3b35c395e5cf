/**
 * Presence through the provider's awareness: who is connected, and which row each editor is on.
 * Local state shape: { user: { name, color, role }, rowId, field, room }. `field` is 'notes' while this person
 * writes in the row's notes; `room` is the id of the room an editor runs (issue 16). The name is asked once and kept in localStorage.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { useMeetingContext } from './MeetingContext.js';
import type { Role } from '../route.js';

export interface Peer {
  clientId: number;
  name: string;
  color: string;
  role: string;
  rowId: string | null;
  /** What they are editing on that row ('notes'), if anything. */
  field: string | null;
  /** The room an editor runs (a room id), or null (the main room, or a peer that does not say). */
  room: string | null;
  self: boolean;
  /** Issue 24: a person's own link; the server stamped their registered name and organisation. */
  registered: boolean;
  company: string;
}

const NAME_KEY = 'plenary:name';
const COLORS = ['#d9480f', '#2b8a3e', '#1971c2', '#ae3ec9', '#e67700', '#0c8599', '#c2255c', '#5f3dc4'];

/** A stable colour for a name. */
export function colorFor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return COLORS[h % COLORS.length];
}

/** This browser's remembered name, or ''. */
export function storedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Remembers the name in this browser. */
export function storeName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Storage disabled: the name lasts for this page only.
  }
}

/** Every connected person, this tab first. */
export function peersOf(awareness: Awareness): Peer[] {
  const out: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { name?: unknown; color?: unknown; role?: unknown } }).user;
    if (!user || typeof user.name !== 'string') return;
    const rowId = (state as { rowId?: unknown }).rowId;
    const field = (state as { field?: unknown }).field;
    const room = (state as { room?: unknown }).room;
    out.push({
      clientId,
      name: user.name.slice(0, 60),
      color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : colorFor(user.name),
      role: typeof user.role === 'string' ? user.role : '',
      rowId: typeof rowId === 'string' ? rowId : null,
      field: field === 'notes' ? field : null,
      room: typeof room === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(room) ? room : null,
      self: clientId === awareness.clientID,
      registered: (user as { registered?: unknown }).registered === true,
      company: typeof (user as { company?: unknown }).company === 'string' ? ((user as { company: string }).company).slice(0, 80) : '',
    });
  });
  return out.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

function useAwareness(): Awareness {
  return useMeetingContext().connection.awareness;
}

/** Publishes this person (name, colour, role) in awareness whenever the name changes. */
export function useAnnounceSelf(name: string, role: Role): void {
  const awareness = useAwareness();
  useEffect(() => {
    awareness.setLocalStateField('user', { name: name || defaultName(role), color: colorFor(name || role), role });
  }, [awareness, name, role]);
}

function defaultName(role: Role): string {
  return role === 'screen' ? 'Room screen' : role === 'delegate' ? 'Delegate' : role === 'chair' ? 'Chair' : 'Secretary';
}

/** Tells the others which row this person is on. */
export function useAnnounceRow(rowId: string | null): void {
  const awareness = useAwareness();
  useEffect(() => {
    // A new row starts with nothing being edited (the old row's textarea may unmount without a blur).
    awareness.setLocalState({ ...(awareness.getLocalState() ?? {}), rowId, field: null });
  }, [awareness, rowId]);
}

/** Tells the others which room this editor runs (issue 16). */
export function useAnnounceRoom(room: string): void {
  const awareness = useAwareness();
  useEffect(() => {
    awareness.setLocalStateField('room', room);
  }, [awareness, room]);
}

/** Tells the others what this person edits on their row ('notes'), or null when nothing. */
export function useAnnounceField(): (field: string | null) => void {
  const awareness = useAwareness();
  return useCallback((field: string | null) => awareness.setLocalStateField('field', field), [awareness]);
}

/** Everybody connected (re-renders on any presence change). */
export function usePeople(): Peer[] {
  const awareness = useAwareness();
  const key = useSyncExternalStore(
    useCallback((l: () => void) => subscribe(awareness, l), [awareness]),
    () => JSON.stringify(peersOf(awareness)),
  );
  return JSON.parse(key) as Peer[];
}

/** The other people on one row; re-renders that row only when this changes. */
export function usePeersOnRow(rowId: string): { name: string; color: string; field: string | null }[] {
  const awareness = useAwareness();
  const key = useSyncExternalStore(
    useCallback((l: () => void) => subscribe(awareness, l), [awareness]),
    () =>
      peersOf(awareness)
        .filter((p) => !p.self && p.rowId === rowId && (p.role === 'chair' || p.role === 'secretary'))
        .map((p) => `${p.color}\u0000${p.name}\u0000${p.field ?? ''}`)
        .join('\u0001'),
  );
  if (!key) return [];
  return key.split('\u0001').map((s) => {
    const [color, name, field] = s.split('\u0000');
    return { name, color, field: field || null };
  });
}

function subscribe(awareness: Awareness, l: () => void): () => void {
  awareness.on('change', l);
  return () => awareness.off('change', l);
}
