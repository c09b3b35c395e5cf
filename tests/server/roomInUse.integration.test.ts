/**
 * A room a `withRoom` works on is never unloaded under it (found by pg G-PART-1: an import planned in a
 * worker outlasted the unload timer of the edit before it, and its change went to a room already
 * unloaded, stored nowhere).
 */
import { describe, expect, it } from 'vitest';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rooms in use', () => {
  it('keeps a room loaded while withRoom waits, even with an earlier unload timer running, and stores what it wrote', async () => {
    const ts = await startTestServer({ room: { unloadAfterMs: 100 } });
    const m = await createMeeting(ts);
    const rooms = ts.server.rooms;
    // Loaded for an edit with nobody connected: its unload timer starts.
    await rooms.edit(m.id, (doc) => setMeta(doc, { venue: 'Sophia' }));
    const first = rooms.get(m.id);
    expect(first).toBeDefined();
    await rooms.withRoom(m.id, async (room) => {
      expect(room).toBe(first);
      await sleep(400); // four unload periods: a slow worker job
      expect(rooms.get(m.id)).toBe(room);
      room.doc.transact(() => setMeta(room.doc, { title: 'Written after the wait' }));
      await room.flush();
    });
    // Unloaded once nobody uses it; loaded again from the store, it has the change.
    await sleep(300);
    expect(rooms.get(m.id)).toBeUndefined();
    const title = await rooms.withDoc(m.id, (doc) => readMeeting(doc).meta.title);
    expect(title).toBe('Written after the wait');
  });
});
