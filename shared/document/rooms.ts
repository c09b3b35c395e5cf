/**
 * Parallel rooms (issue 16): a meeting may run breakouts, joint and drafting sessions beside its main room,
 * each with its own live item, live Tdoc, session and banner.
 *
 * The main room (id MAIN_ROOM) keeps the top-level `live` map as its pointer, so every client that knows
 * only `live` still follows the main room. The other rooms live in the optional root map `rooms`
 * (Y.Map roomId -> Y.Map of ROOM_FIELDS and LIVE_FIELDS); the main room's entry there, when present, only
 * names it. A meeting without that map has one room, named after its sessions.
 *
 * In meeting JSON the rooms are the optional part `rooms: [{ id, name, live }]`, main room first, present
 * only when the document has rooms.
 */
import * as Y from 'yjs';
import {
  LIVE_FIELDS,
  MAIN_ROOM,
  ROOM_FIELDS,
  ROOT,
  emptyLive,
  type Live,
  type MeetingJson,
  type RoomJson,
  type Session,
} from './meetingSchema.js';
import { readLive, setLive } from './meetingParts.js';
import { MeetingOpError } from './entityOps.js';
import { compareRanked, rankBetween, repairRank } from './ranks.js';
import { derivedId } from './ids.js';
import { ROOT_LIMITS, boundedEntries, boundedKeys, hasEntries } from './collectionLimits.js';

/** A room as the views use it: the JSON shape and its display order. */
export interface Room extends RoomJson {
  rank: string;
}

/** One room's live pointer (what the clock counts). */
export interface LivePointer {
  roomId: string;
  name: string;
  live: Live;
}

/** Name of the main room when no session names one. */
export const DEFAULT_MAIN_ROOM_NAME = 'Main room';
/** Longest room name kept. */
export const ROOM_NAME_MAX = 80;
/** Most rooms a meeting may have (the validator refuses more; a hostile peer's extra rooms are not read). */
export const ROOMS_MAX = 50;

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

const roomsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(ROOT.rooms);

/** Calls `changed` whenever any room's entry changes (not the main room's pointer: that is `live`); returns the stop function. */
export function observeRooms(doc: Y.Doc, changed: () => void): () => void {
  const map = roomsMap(doc);
  const f = () => changed();
  map.observeDeep(f);
  return () => map.unobserveDeep(f);
}

/** True when the document has rooms (its `rooms` map has an entry): without counting them all. */
export function hasRooms(doc: Y.Doc): boolean {
  return hasEntries(roomsMap(doc));
}

/** A room's name, trimmed, one line, at most ROOM_NAME_MAX characters. */
export function cleanRoomName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, ROOM_NAME_MAX);
}

/**
 * The room with the most sessions (ties: the one whose first session comes first), or '' when no session
 * names a room: the main room of a meeting.
 */
export function mainRoomName(sessions: readonly Pick<Session, 'room' | 'date' | 'start'>[]): string {
  return roomsBySessions(sessions)[0] ?? '';
}

/** Distinct session room names, the main room first, then by number of sessions and first session. */
export function roomsBySessions(sessions: readonly Pick<Session, 'room' | 'date' | 'start'>[]): string[] {
  const stat = new Map<string, { n: number; first: string }>();
  for (const s of sessions) {
    const name = cleanRoomName(s.room);
    if (!name) continue;
    const when = `${s.date} ${s.start}`;
    const x = stat.get(name);
    if (!x) stat.set(name, { n: 1, first: when });
    else {
      x.n++;
      if (when < x.first) x.first = when;
    }
  }
  return [...stat.entries()]
    .sort(([a, x], [b, y]) => y.n - x.n || (x.first < y.first ? -1 : x.first > y.first ? 1 : 0) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([name]) => name);
}

/** A room id derived from its name ('Breakout A' -> 'breakout-a'), never MAIN_ROOM, unique among `taken`. */
export function roomIdFor(name: string, taken: ReadonlySet<string> = new Set()): string {
  let base = cleanRoomName(name)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  if (!base) base = `room-${derivedId('room', name).slice(0, 8)}`;
  if (base === MAIN_ROOM) base = `${MAIN_ROOM}-room`;
  let id = base;
  for (let n = 2; taken.has(id) || id === MAIN_ROOM; n++) id = `${base}-${n}`;
  return id;
}

/**
 * The rooms of a meeting made from its sessions (import): none when the sessions name fewer than two
 * rooms; else the main room (MAIN_ROOM, named after the room with most sessions) and one room per other
 * room name, with empty live pointers (the main room's pointer is `live`).
 */
export function roomsFromSessions(sessions: readonly Pick<Session, 'room' | 'date' | 'start'>[], live: Live = emptyLive()): RoomJson[] {
  const names = roomsBySessions(sessions);
  if (names.length < 2) return [];
  const taken = new Set<string>([MAIN_ROOM]);
  const out: RoomJson[] = [{ id: MAIN_ROOM, name: names[0], live: { ...live } }];
  for (const name of names.slice(1, ROOMS_MAX)) {
    const id = roomIdFor(name, taken);
    taken.add(id);
    out.push({ id, name, live: emptyLive() });
  }
  return out;
}

function readRoomLive(entry: Y.Map<unknown>): Live {
  const live = emptyLive();
  for (const key of LIVE_FIELDS) {
    const v = entry.get(key);
    if (key === 'banner') live.banner = typeof v === 'string' ? v : '';
    else (live as unknown as Record<string, unknown>)[key] = typeof v === 'string' && v !== '' ? v : null;
  }
  return live;
}

/**
 * Every room, the main room first (its live pointer is the top-level `live`), then by rank. Without a
 * `rooms` map: the main room alone, named after the sessions' main room or DEFAULT_MAIN_ROOM_NAME.
 * Tolerant: entries with a bad id or not a map are skipped.
 */
export function readRooms(doc: Y.Doc): Room[] {
  const others: Room[] = [];
  let mainName = '';
  // At most ROOT_LIMITS.rooms entries are read (collectionLimits.ts): a hostile editor's 100,000 rooms
  // cost no more than 64 (the clock reads the rooms after every change).
  for (const [id, entry] of boundedEntries(roomsMap(doc), ROOT_LIMITS[ROOT.rooms])) {
    if (!(entry instanceof Y.Map) || !ROOM_ID.test(id)) continue;
    const name = cleanRoomName(typeof entry.get(ROOM_FIELDS.name) === 'string' ? (entry.get(ROOM_FIELDS.name) as string) : '');
    if (id === MAIN_ROOM) {
      mainName = name;
      continue;
    }
    others.push({ id, name: name || id, rank: repairRank(entry.get(ROOM_FIELDS.rank)), live: readRoomLive(entry) });
  }
  others.sort(compareRanked);
  if (!mainName) mainName = mainRoomName(sessionRooms(doc)) || DEFAULT_MAIN_ROOM_NAME;
  return [{ id: MAIN_ROOM, name: mainName, rank: '', live: readLive(doc) }, ...others.slice(0, ROOMS_MAX - 1)];
}

/** The sessions' rooms and times, read straight from the document (no full read of the sessions). */
function sessionRooms(doc: Y.Doc): Pick<Session, 'room' | 'date' | 'start'>[] {
  const out: Pick<Session, 'room' | 'date' | 'start'>[] = [];
  doc.getMap<Y.Map<unknown>>(ROOT.sessions).forEach((e) => {
    if (!(e instanceof Y.Map)) return;
    const str = (k: string) => (typeof e.get(k) === 'string' ? (e.get(k) as string) : '');
    out.push({ room: str('room'), date: str('date'), start: str('start') });
  });
  return out;
}

/**
 * Every room's live pointer, the main room first (its `live` is the top-level one): what is live anywhere,
 * e.g. for counting time "while live in any room".
 */
export function livePointers(doc: Y.Doc): LivePointer[] {
  return readRooms(doc).map((r) => ({ roomId: r.id, name: r.name, live: r.live }));
}

/** One room's live pointer (the main room's for MAIN_ROOM or an unknown room). */
export function readLiveOf(doc: Y.Doc, roomId: string): Live {
  if (roomId === MAIN_ROOM) return readLive(doc);
  const entry = roomsMap(doc).get(roomId);
  return entry instanceof Y.Map ? readRoomLive(entry) : readLive(doc);
}

/**
 * Sets (part of) a room's live pointer: the main room's is the top-level `live`; another room's is in its
 * entry. MeetingOpError for a room that does not exist (removed by someone else meanwhile).
 */
export function setLiveOf(doc: Y.Doc, roomId: string, patch: Partial<Live>): void {
  if (roomId === MAIN_ROOM) return setLive(doc, patch);
  const entry = roomsMap(doc).get(roomId);
  if (!(entry instanceof Y.Map)) throw new MeetingOpError(`no room "${roomId}" (removed?)`);
  doc.transact(() => {
    for (const key of LIVE_FIELDS) {
      const v = patch[key];
      if (v === undefined) continue;
      const val = key === 'banner' ? String(v ?? '') : v || null;
      if (entry.get(key) !== val) entry.set(key, val);
    }
  });
}

/**
 * Adds a room by name and returns its id (derived from the name, so two editors adding "Breakout A" at the
 * same moment make one room). The first room added also names the main room (after the sessions'), so the
 * meeting then lists both. MeetingOpError for an empty name or one already taken.
 */
export function addRoom(doc: Y.Doc, name: string): string {
  const clean = cleanRoomName(name);
  if (!clean) throw new MeetingOpError('a room needs a name');
  const rooms = readRooms(doc);
  if (rooms.some((r) => r.name.toLowerCase() === clean.toLowerCase())) throw new MeetingOpError(`there is already a room "${clean}"`);
  if (rooms.length >= ROOMS_MAX) throw new MeetingOpError(`at most ${ROOMS_MAX} rooms`);
  const map = roomsMap(doc);
  const id = roomIdFor(clean, new Set(boundedKeys(map, ROOT_LIMITS[ROOT.rooms])));
  doc.transact(() => {
    if (!map.has(MAIN_ROOM)) map.set(MAIN_ROOM, roomEntry(MAIN_ROOM, rooms[0].name, ''));
    map.set(id, roomEntry(id, clean, rankBetween(rooms.length > 1 ? rooms[rooms.length - 1].rank : null, null)));
  });
  return id;
}

function roomEntry(id: string, name: string, rank: string, live?: Live): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set(ROOM_FIELDS.id, id);
  m.set(ROOM_FIELDS.name, name);
  if (rank) m.set(ROOM_FIELDS.rank, rank);
  if (live) for (const key of LIVE_FIELDS) m.set(key, key === 'banner' ? live.banner : live[key]);
  return m;
}

/**
 * Adds the rooms of an imported file that the meeting does not have yet (by name, case-insensitive), e.g.
 * a newer agenda with a new breakout; nothing is renamed or removed. Returns the ids added.
 */
export function addMissingRooms(doc: Y.Doc, rooms: readonly Pick<RoomJson, 'name'>[] | undefined): string[] {
  const added: string[] = [];
  if (!rooms?.length) return added;
  const have = new Set(readRooms(doc).map((r) => r.name.toLowerCase()));
  for (const r of rooms) {
    const name = cleanRoomName(r.name);
    if (!name || have.has(name.toLowerCase()) || have.size >= ROOMS_MAX) continue;
    added.push(addRoom(doc, name));
    have.add(name.toLowerCase());
  }
  return added;
}

/** Renames a room (the main room too). */
export function renameRoom(doc: Y.Doc, roomId: string, name: string): void {
  const clean = cleanRoomName(name);
  if (!clean) throw new MeetingOpError('a room needs a name');
  const map = roomsMap(doc);
  const rooms = readRooms(doc);
  if (!rooms.some((r) => r.id === roomId)) throw new MeetingOpError(`no room "${roomId}"`);
  if (rooms.some((r) => r.id !== roomId && r.name.toLowerCase() === clean.toLowerCase())) throw new MeetingOpError(`there is already a room "${clean}"`);
  doc.transact(() => {
    const entry = map.get(roomId);
    if (entry instanceof Y.Map) entry.set(ROOM_FIELDS.name, clean);
    else map.set(roomId, roomEntry(roomId, clean, ''));
  });
}

/**
 * Removes a room (not the main one). When only the main room is left, the `rooms` map is emptied, so the
 * meeting is again one room, as before it had any.
 */
export function removeRoom(doc: Y.Doc, roomId: string): void {
  if (roomId === MAIN_ROOM) throw new MeetingOpError('the main room cannot be removed');
  const map = roomsMap(doc);
  if (!map.has(roomId)) throw new MeetingOpError(`no room "${roomId}"`);
  doc.transact(() => {
    map.delete(roomId);
    if (boundedKeys(map, 2).every((k) => k === MAIN_ROOM)) map.clear();
  });
}

/**
 * The agenda item ids allocated to the sessions held in a room (by its name), in session order, each once:
 * what the room's chair is offered first.
 */
export function itemsOfRoom(sessions: readonly Session[], roomName: string): string[] {
  const name = cleanRoomName(roomName).toLowerCase();
  if (!name) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of sessions) {
    if (cleanRoomName(s.room).toLowerCase() !== name) continue;
    for (const id of s.agendaItemIds) if (!seen.has(id)) seen.add(id), out.push(id);
  }
  return out;
}

// -------------------------------------------------------------------------------------- meeting JSON

/**
 * The `rooms` part of meeting JSON: absent when the document has no rooms; else the main room first (its
 * live equal to `live`, which the caller passes as read) and the others by rank, dangling references
 * cleared like the top-level live's.
 */
export function readRoomsJson(
  doc: Y.Doc,
  live: Live,
  known: { agenda: Set<string>; contributions: Set<string>; sessions: Set<string> },
): Pick<MeetingJson, 'rooms'> {
  if (!hasRooms(doc)) return {};
  const rooms = readRooms(doc).map(({ id, name, live: l }): RoomJson => {
    if (id === MAIN_ROOM) return { id, name, live: { ...live } };
    return {
      id,
      name,
      live: {
        agendaItemId: l.agendaItemId && known.agenda.has(l.agendaItemId) ? l.agendaItemId : null,
        contributionId: l.contributionId && known.contributions.has(l.contributionId) ? l.contributionId : null,
        sessionId: l.sessionId && known.sessions.has(l.sessionId) ? l.sessionId : null,
        banner: l.banner,
      },
    };
  });
  return { rooms };
}

/** Writes the rooms of valid meeting JSON into a document (inside the caller's transaction), in their order. */
export function writeRoomsJson(doc: Y.Doc, m: Pick<MeetingJson, 'rooms'>): void {
  if (!m.rooms?.length) return;
  const map = roomsMap(doc);
  let rank: string | null = null;
  for (const r of m.rooms) {
    if (r.id === MAIN_ROOM) {
      map.set(MAIN_ROOM, roomEntry(MAIN_ROOM, r.name, ''));
      continue;
    }
    rank = rankBetween(rank, null);
    map.set(r.id, roomEntry(r.id, r.name, rank, r.live));
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks the `rooms` part strictly (for parseMeeting): an array of at most ROOMS_MAX `{id, name, live}`,
 * the first the main room (id MAIN_ROOM) with a live equal to the top-level one, ids unique and usable,
 * names non-empty, live references existing. Returns the part as it goes into the meeting.
 */
export function checkRoomsJson(
  data: Record<string, unknown>,
  topLive: Live,
  ids: { agenda: Set<string>; contributions: Set<string>; sessions: Set<string> },
  err: (path: string, message: string) => void,
): Pick<MeetingJson, 'rooms'> {
  const v = data.rooms;
  if (v === undefined) return {};
  if (!Array.isArray(v)) {
    err('rooms', 'expected an array of rooms');
    return {};
  }
  if (v.length === 0) return {};
  if (v.length > ROOMS_MAX) err('rooms', `at most ${ROOMS_MAX} rooms, got ${v.length}`);
  const out: RoomJson[] = [];
  const seen = new Set<string>();
  v.slice(0, ROOMS_MAX).forEach((r, i) => {
    const p = `rooms[${i}]`;
    if (!isObj(r)) return err(p, 'expected an object {id, name, live}');
    const id = r.id;
    if (typeof id !== 'string' || !ROOM_ID.test(id)) return err(`${p}.id`, 'expected an id of letters, digits, - or _ (at most 64)');
    if (i === 0 && id !== MAIN_ROOM) err(`${p}.id`, `the main room (id "${MAIN_ROOM}") comes first`);
    if (i > 0 && id === MAIN_ROOM) err(`${p}.id`, 'the main room must come first');
    if (seen.has(id)) err(`${p}.id`, `room "${id}" twice`);
    seen.add(id);
    if (typeof r.name !== 'string' || !cleanRoomName(r.name)) err(`${p}.name`, 'expected a non-empty name');
    else if (r.name.length > ROOM_NAME_MAX) err(`${p}.name`, `longer than ${ROOM_NAME_MAX} characters`);
    const live = r.live === undefined ? (id === MAIN_ROOM ? topLive : emptyLive()) : r.live;
    if (!isObj(live)) return err(`${p}.live`, 'expected an object');
    const refs = [
      ['agendaItemId', 'agenda', 'agenda item'],
      ['contributionId', 'contributions', 'contribution'],
      ['sessionId', 'sessions', 'session'],
    ] as const;
    const clean = emptyLive();
    for (const [key, kind, what] of refs) {
      const x = live[key];
      if (x === null || x === undefined || x === '') continue;
      if (typeof x !== 'string') err(`${p}.live.${key}`, 'expected an id or null');
      else if (!ids[kind].has(x)) err(`${p}.live.${key}`, `no ${what} "${x}"`);
      else clean[key] = x;
    }
    if (live.banner !== undefined && typeof live.banner !== 'string') err(`${p}.live.banner`, 'expected a string');
    else clean.banner = (live.banner as string | undefined) ?? '';
    if (id === MAIN_ROOM && LIVE_FIELDS.some((k) => clean[k] !== topLive[k])) err(`${p}.live`, 'the main room\'s live must equal the top-level "live"');
    out.push({ id, name: typeof r.name === 'string' ? cleanRoomName(r.name) : '', live: clean });
  });
  return { rooms: out };
}
