import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importMeeting } from '../../shared/formats/index.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { readLive, setLive } from '../../shared/document/meetingParts.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { MAIN_ROOM, type MeetingJson } from '../../shared/document/meetingSchema.js';
import {
  addRoom,
  hasRooms,
  itemsOfRoom,
  livePointers,
  readLiveOf,
  readRooms,
  removeRoom,
  renameRoom,
  roomIdFor,
  roomsFromSessions,
  setLiveOf,
} from '../../shared/document/rooms.js';
import { MeetingOpError } from '../../shared/document/entityOps.js';

const SEED_PATH = new URL('../fixtures/agenda-sec23.txt', import.meta.url);
let seed: MeetingJson;

beforeAll(async () => {
  seed = (await importMeeting(new Uint8Array(readFileSync(SEED_PATH)), { fileName: 'agenda-sec23.txt' })).meeting;
});

const clone = (m: MeetingJson): MeetingJson => JSON.parse(JSON.stringify(m));
const item = (m: MeetingJson, label: string) => m.agenda.find((a) => a.label === label)!;

describe('rooms from the seed agenda (SEC23: plenary, joint and drafting sessions)', () => {
  it('makes the room with most sessions the main room and every other session room a room', () => {
    const rooms = seed.rooms!;
    expect(rooms.map((r) => [r.id, r.name])).toEqual([
      // Kumkang 3 and Kumkang 4 both hold four sessions; Kumkang 3's first session (S1) comes first.
      [MAIN_ROOM, 'Kumkang 3'],
      ['kumkang-4', 'Kumkang 4'],
      ['kumkang-1', 'Kumkang 1'],
      ['kumkang-1-2', 'Kumkang 1 & 2'],
    ]);
    expect(rooms[0].live).toEqual(seed.live);
    for (const r of rooms.slice(1)) expect(r.live).toEqual({ agendaItemId: null, contributionId: null, sessionId: null, banner: '' });
  });

  it('offers first in a room the items allocated to the sessions held there', () => {
    const drafting = itemsOfRoom(seed.sessions, 'Kumkang 4');
    const expected = seed.sessions.filter((s) => s.room === 'Kumkang 4').flatMap((s) => s.agendaItemIds);
    expect(drafting).toEqual([...new Set(expected)]);
    expect(drafting.length).toBeGreaterThan(0);
    expect(itemsOfRoom(seed.sessions, 'Nowhere')).toEqual([]);
  });

  it('gives the rooms back from the document and through an export and import', async () => {
    const doc = createMeetingDoc(seed);
    expect(hasRooms(doc)).toBe(true);
    const back = readMeeting(doc);
    expect(back.rooms).toEqual(seed.rooms);
    const again = (await importMeeting(new TextEncoder().encode(JSON.stringify(back)), { format: 'json', fileName: 'm.json' })).meeting;
    expect(again.rooms).toEqual(seed.rooms);
    expect(readMeeting(createMeetingDoc(again))).toEqual(back);
  });
});

describe('room accessors', () => {
  it('keeps each room its own live pointer; the main room is the top-level live', () => {
    const doc = createMeetingDoc(seed);
    const a = item(seed, '6');
    const b = seed.agenda[seed.agenda.length - 1];
    const tdoc = seed.contributions[0];
    setLiveOf(doc, MAIN_ROOM, { agendaItemId: a.id, banner: 'Plenary' });
    setLiveOf(doc, 'kumkang-4', { agendaItemId: b.id, contributionId: tdoc.id, banner: 'Drafting' });
    expect(readLive(doc)).toMatchObject({ agendaItemId: a.id, banner: 'Plenary' });
    expect(readLiveOf(doc, MAIN_ROOM)).toEqual(readLive(doc));
    expect(readLiveOf(doc, 'kumkang-4')).toEqual({ agendaItemId: b.id, contributionId: tdoc.id, sessionId: null, banner: 'Drafting' });
    expect(livePointers(doc).map((p) => [p.roomId, p.name, p.live.agendaItemId])).toEqual([
      [MAIN_ROOM, 'Kumkang 3', a.id],
      ['kumkang-4', 'Kumkang 4', b.id],
      ['kumkang-1', 'Kumkang 1', null],
      ['kumkang-1-2', 'Kumkang 1 & 2', null],
    ]);
    const m = readMeeting(doc);
    expect(m.rooms![0].live).toEqual(m.live);
    expect(m.rooms![1].live.contributionId).toBe(tdoc.id);
    expect(parseMeeting(m).ok).toBe(true);
  });

  it('a meeting without rooms has one main room named after its sessions, and no rooms in its JSON', () => {
    const plain = clone(seed);
    delete plain.rooms;
    const doc = createMeetingDoc(plain);
    expect(hasRooms(doc)).toBe(false);
    expect(readRooms(doc).map((r) => r.name)).toEqual(['Kumkang 3']);
    expect(readMeeting(doc).rooms).toBeUndefined();
    expect(readRooms(new Y.Doc())[0]).toMatchObject({ id: MAIN_ROOM, name: 'Main room' });
  });

  it('adds, renames and removes rooms; removing the last breakout makes the meeting one room again', () => {
    const plain = clone(seed);
    delete plain.rooms;
    const doc = createMeetingDoc(plain);
    const id = addRoom(doc, '  Breakout   A ');
    expect(id).toBe('breakout-a');
    expect(readRooms(doc).map((r) => r.name)).toEqual(['Kumkang 3', 'Breakout A']);
    expect(() => addRoom(doc, 'breakout a')).toThrow(MeetingOpError);
    expect(() => addRoom(doc, '   ')).toThrow(MeetingOpError);
    const b = addRoom(doc, 'Breakout B');
    renameRoom(doc, MAIN_ROOM, 'Grand Ballroom');
    renameRoom(doc, b, 'Drafting');
    expect(readRooms(doc).map((r) => r.name)).toEqual(['Grand Ballroom', 'Breakout A', 'Drafting']);
    expect(() => renameRoom(doc, id, 'Drafting')).toThrow(/already/);
    expect(() => removeRoom(doc, MAIN_ROOM)).toThrow(MeetingOpError);
    removeRoom(doc, id);
    expect(() => setLiveOf(doc, id, { banner: 'x' })).toThrow(MeetingOpError);
    removeRoom(doc, b);
    expect(hasRooms(doc)).toBe(false);
    expect(readMeeting(doc).rooms).toBeUndefined();
  });

  it('room ids are derived from names, never "main", unique', () => {
    expect(roomIdFor('Main')).toBe('main-room');
    expect(roomIdFor('Kumkang 1 & 2', new Set(['kumkang-1-2']))).toBe('kumkang-1-2-2');
    expect(roomIdFor('회의실')).toMatch(/^room-[0-9a-z]+$/);
    expect(roomsFromSessions([{ room: 'A', date: '2024-01-01', start: '09:00' }])).toEqual([]);
  });

  it('a room changed by two replicas at once converges, each room keeping its own pointer', () => {
    const a = createMeetingDoc(seed);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const [x, y] = [seed.agenda[1].id, seed.agenda[2].id];
    setLiveOf(a, 'kumkang-4', { agendaItemId: x });
    setLiveOf(b, 'kumkang-1', { agendaItemId: y });
    setLive(b, { banner: 'Lunch' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(livePointers(a)).toEqual(livePointers(b));
    expect(readLiveOf(a, 'kumkang-4').agendaItemId).toBe(x);
    expect(readLiveOf(a, 'kumkang-1').agendaItemId).toBe(y);
    expect(readLiveOf(a, MAIN_ROOM).banner).toBe('Lunch');
  });
});

describe('rooms in meeting JSON are checked', () => {
  const bad = (rooms: unknown) => {
    const m = { ...clone(seed), rooms } as unknown;
    const res = parseMeeting(m);
    expect(res.ok).toBe(false);
    return res.ok ? [] : res.errors.map((e) => `${e.path}: ${e.message}`);
  };
  it('refuses rooms that are not a list, a main room not first, duplicates, dangling references, a main live unlike live', () => {
    const live = { agendaItemId: null, contributionId: null, sessionId: null, banner: '' };
    expect(bad('x')).toEqual(['rooms: expected an array of rooms']);
    expect(bad([{ id: 'a', name: 'A', live }]).join()).toMatch(/rooms\[0\]\.id: the main room/);
    expect(bad([{ id: MAIN_ROOM, name: 'M', live }, { id: 'a', name: 'A', live }, { id: 'a', name: 'B', live }]).join()).toMatch(/twice/);
    expect(bad([{ id: MAIN_ROOM, name: 'M', live }, { id: 'a', name: 'A', live: { ...live, agendaItemId: 'nope' } }]).join()).toMatch(/rooms\[1\]\.live\.agendaItemId: no agenda item "nope"/);
    expect(bad([{ id: MAIN_ROOM, name: 'M', live: { ...live, banner: 'other' } }]).join()).toMatch(/must equal the top-level/);
    expect(bad([{ id: MAIN_ROOM, name: '' }]).join()).toMatch(/rooms\[0\]\.name/);
    expect(bad([{ id: 'bad id!', name: 'X' }]).join()).toMatch(/rooms\[0\]\.id/);
  });
  it('accepts a meeting without rooms or with an empty list (no rooms)', () => {
    const m = clone(seed);
    delete m.rooms;
    const res = parseMeeting({ ...m, rooms: [] });
    expect(res.ok && res.value.rooms).toBeUndefined();
  });
});

describe('bringing a newer agenda into a meeting', () => {
  it('adds the rooms of the file the meeting does not have, keeping the ones it has', async () => {
    const { mergeImport } = await import('../../shared/merge/importMerge.js');
    const plain = clone(seed);
    delete plain.rooms;
    plain.sessions = plain.sessions.filter((s) => s.room === 'Kumkang 3');
    const doc = createMeetingDoc(plain);
    addRoom(doc, 'Breakout Z');
    setLiveOf(doc, 'breakout-z', { banner: 'kept' });
    mergeImport(doc, seed, { dryRun: true });
    expect(readRooms(doc).map((r) => r.name)).toEqual(['Kumkang 3', 'Breakout Z']);
    mergeImport(doc, seed);
    expect(readRooms(doc).map((r) => r.name)).toEqual(['Kumkang 3', 'Breakout Z', 'Kumkang 4', 'Kumkang 1', 'Kumkang 1 & 2']);
    expect(readLiveOf(doc, 'breakout-z').banner).toBe('kept');
    mergeImport(doc, seed);
    expect(readRooms(doc)).toHaveLength(5);
  });
});

describe('rooms written by a broken or hostile peer', () => {
  it('read as valid meeting JSON: bad entries skipped, bad values defaulted, dangling references cleared, at most ROOMS_MAX rooms', () => {
    const doc = createMeetingDoc(seed);
    const rooms = doc.getMap<unknown>('rooms');
    doc.transact(() => {
      rooms.set('not a map', 'x');
      rooms.set('bad id!', new Y.Map());
      const odd = new Y.Map<unknown>();
      rooms.set('odd', odd);
      odd.set('name', 42);
      odd.set('rank', '');
      odd.set('agendaItemId', 'gone');
      odd.set('banner', { not: 'text' });
      const long = new Y.Map<unknown>();
      rooms.set('long', long);
      long.set('name', 'x'.repeat(500));
    });
    const before = readMeeting(doc);
    expect(parseMeeting(before).ok).toBe(true);
    expect(before.rooms!.find((r) => r.id === 'odd')).toEqual({ id: 'odd', name: 'odd', live: { agendaItemId: null, contributionId: null, sessionId: null, banner: '' } });
    expect(before.rooms!.find((r) => r.id === 'long')!.name).toBe('x'.repeat(80));
    expect(before.rooms!.map((r) => r.id)).not.toContain('bad id!');
    doc.transact(() => {
      for (let i = 0; i < 80; i++) {
        const m = new Y.Map<unknown>();
        rooms.set(`flood-${i}`, m);
        m.set('name', `Flood ${i}`);
      }
    });
    const m = readMeeting(doc);
    const parsed = parseMeeting(m);
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors.slice(0, 3))).toBe(true);
    expect(m.rooms!.length).toBe(50);
    expect(m.rooms![0].id).toBe(MAIN_ROOM);
    expect(m.rooms!.every((r) => r.name.length <= 80 && r.name.length > 0)).toBe(true);
    expect(m.rooms!.some((r) => r.id === 'bad id!' || r.id === 'not a map')).toBe(false);
    expect(readMeeting(createMeetingDoc(parsed.ok ? parsed.value : m))).toEqual(m);
  });
});
