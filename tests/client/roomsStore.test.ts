import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MeetingStore } from '../../client/sync/MeetingStore.js';
import { setLive } from '../../shared/document/meetingParts.js';
import { addRoom, removeRoom, renameRoom, setLiveOf } from '../../shared/document/rooms.js';
import { MAIN_ROOM } from '../../shared/document/meetingSchema.js';
import { meetingFixture, syncInto } from './meetingFixture.js';

describe('MeetingStore rooms (issue 16)', () => {
  it('gives each room its own live pointer, stable until that room changes, and follows a peer adding, renaming and removing rooms', () => {
    const f = meetingFixture();
    const local = new Y.Doc();
    syncInto(f.doc, local);
    const store = new MeetingStore(local);
    let emitted = 0;
    store.subscribeDoc(() => emitted++);
    expect(store.getRooms().map((r) => r.id)).toEqual([MAIN_ROOM]);
    expect(store.getLiveOf('nope')).toBe(store.getLive());

    const b = addRoom(f.doc, 'Breakout B');
    syncInto(f.doc, local);
    expect(store.getRooms().map((r) => r.name)).toEqual(['Main room', 'Breakout B']);
    expect(emitted).toBe(1);
    // Only a contribution set: the room's live item is that contribution's item, as for the main room.
    setLiveOf(f.doc, b, { contributionId: f.tdocs['SEC-2016-0098'] });
    syncInto(f.doc, local);
    const breakout = store.getLiveOf(b);
    expect(breakout).toMatchObject({ agendaItemId: f.items.security, contributionId: f.tdocs['SEC-2016-0098'] });
    expect(store.getLiveOf(b)).toBe(breakout);
    // The main room moves: the breakout's pointer reads the same.
    setLive(f.doc, { agendaItemId: f.items.opening });
    syncInto(f.doc, local);
    expect(store.getLive().agendaItemId).toBe(f.items.opening);
    expect(store.getLiveOf(MAIN_ROOM)).toBe(store.getLive());
    expect(store.getLiveOf(b)).toEqual(breakout);
    renameRoom(f.doc, MAIN_ROOM, 'Plenary hall');
    syncInto(f.doc, local);
    expect(store.getRooms().map((r) => r.name)).toEqual(['Plenary hall', 'Breakout B']);
    removeRoom(f.doc, b);
    syncInto(f.doc, local);
    expect(store.getRooms().map((r) => r.id)).toEqual([MAIN_ROOM]);
    expect(store.getLiveOf(b)).toBe(store.getLive());
    store.destroy();
  });
});
