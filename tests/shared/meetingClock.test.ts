/**
 * The meeting clock on a fake server clock (shared/time/meetingClock.ts, server/sync/RoomClock.ts): time is added to
 * an item when it stops being live, checkpoints lose nothing to rounding, an unload stops the clock, and a
 * clock a crash left running is settled at the last time the server was alive, never counted twice.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, deleteAgendaItem } from '../../shared/document/agendaOps.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { readLive, setLive } from '../../shared/document/meetingParts.js';
import {
  checkpointClock,
  clearPastBreaks,
  liveItemIds,
  readBreak,
  readRunning,
  reconcileClock,
  settleClock,
  spentAt,
  startBreak,
  storedSpent,
} from '../../shared/time/meetingClock.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { entryMap } from '../../shared/document/entityStore.js';
import { ROOT } from '../../shared/document/meetingSchema.js';
import { RoomClock } from '../../server/sync/RoomClock.js';
import { addRoom, setLiveOf } from '../../shared/document/rooms.js';
import { emptyMeetingDoc, replicaOf } from './meetingTestDoc.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0);
const min = 60_000;

function twoItems() {
  const doc = emptyMeetingDoc();
  const a = addAgendaItem(doc, { label: '5.1', title: 'A' });
  const b = addAgendaItem(doc, { label: '5.2', title: 'B' });
  return { doc, a, b };
}

describe('meeting clock (shared)', () => {
  it('counts an item live in any room: an item of a breakout runs beside the main room item, and one item live in two rooms counts once', () => {
    const { doc, a, b } = twoItems();
    const breakout = addRoom(doc, 'Breakout A');
    setLive(doc, { agendaItemId: a });
    setLiveOf(doc, breakout, { agendaItemId: b });
    expect(liveItemIds(doc)).toEqual(new Set([a, b]));
    reconcileClock(doc, T0);
    expect(new Set(readRunning(doc).keys())).toEqual(new Set([a, b]));
    // The breakout moves to a, which the main room is still on: a keeps running once, b stops at 10 min.
    setLiveOf(doc, breakout, { agendaItemId: a });
    reconcileClock(doc, T0 + 10 * min);
    expect(storedSpent(doc, b)).toBe(10 * 60);
    expect([...readRunning(doc).keys()]).toEqual([a]);
    setLive(doc, { agendaItemId: null });
    setLiveOf(doc, breakout, { agendaItemId: null });
    reconcileClock(doc, T0 + 30 * min);
    expect(storedSpent(doc, a)).toBe(30 * 60);
  });

  it('adds the live time to an item when the live pointer moves on, and starts the next', () => {
    const { doc, a, b } = twoItems();
    setLive(doc, { agendaItemId: a });
    expect(reconcileClock(doc, T0)).toBe(true);
    expect(readRunning(doc).get(a)).toBe(T0);
    expect(reconcileClock(doc, T0 + 1000)).toBe(false);
    setLive(doc, { agendaItemId: b });
    reconcileClock(doc, T0 + 14 * min);
    expect(storedSpent(doc, a)).toBe(14 * 60);
    expect([...readRunning(doc).keys()]).toEqual([b]);
    setLive(doc, { agendaItemId: a });
    reconcileClock(doc, T0 + 20 * min + 400);
    expect(storedSpent(doc, b)).toBe(6 * 60);
    setLive(doc, { agendaItemId: null });
    reconcileClock(doc, T0 + 25 * min + 400);
    expect(storedSpent(doc, a)).toBe(19 * 60);
    expect(readRunning(doc).size).toBe(0);
    const json = readMeeting(doc);
    expect(json.agenda.map((x) => x.spentSeconds)).toEqual([19 * 60, 6 * 60]);
    expect(parseMeeting(json).ok).toBe(true);
  });

  it('shows the running figure from the stored time and the start', () => {
    expect(spentAt(60, T0, T0 + 30_000)).toBe(90);
    expect(spentAt(undefined, undefined, T0)).toBe(0);
    expect(spentAt(10, T0 + 5000, T0)).toBe(10);
  });

  it('checkpoints whole seconds and keeps the remainder running', () => {
    const { doc, a } = twoItems();
    setLive(doc, { agendaItemId: a });
    reconcileClock(doc, T0);
    checkpointClock(doc, T0 + 1500);
    checkpointClock(doc, T0 + 3000);
    expect(storedSpent(doc, a)).toBe(3);
    expect(readRunning(doc).get(a)).toBe(T0 + 3000);
    settleClock(doc, T0 + 10_000);
    expect(storedSpent(doc, a)).toBe(10);
    expect(readRunning(doc).size).toBe(0);
  });

  it('adds nothing for a start that is not a plausible server time (a broken peer wrote it)', () => {
    const { doc, a } = twoItems();
    setLive(doc, { agendaItemId: a });
    reconcileClock(doc, T0);
    doc.getMap<unknown>(ROOT.clock).set(a, -1e15);
    setLive(doc, { agendaItemId: null });
    reconcileClock(doc, T0 + min);
    expect(storedSpent(doc, a)).toBe(0);
    expect(readRunning(doc).size).toBe(0);
  });

  it('forgets a deleted live item without failing', () => {
    const { doc, a } = twoItems();
    setLive(doc, { agendaItemId: a });
    reconcileClock(doc, T0);
    deleteAgendaItem(doc, a);
    expect(readLive(doc).agendaItemId).toBe(null);
    reconcileClock(doc, T0 + min);
    expect(readRunning(doc).size).toBe(0);
    expect(liveItemIds(doc).size).toBe(0);
  });

  it('a break countdown reads as absent once over and is then removed', () => {
    const doc = emptyMeetingDoc();
    startBreak(doc, '  Coffee ', T0 + 10 * min);
    expect(readBreak(doc, 'main', T0)).toEqual({ label: 'Coffee', until: T0 + 10 * min });
    expect(readBreak(doc, 'main', T0 + 10 * min)).toBe(null);
    expect(clearPastBreaks(doc, T0 + 5 * min)).toBe(false);
    expect(clearPastBreaks(doc, T0 + 11 * min)).toBe(true);
    expect(readBreak(doc)).toBe(null);
    expect(() => startBreak(doc, 'x', Number.NaN)).toThrow(/end time/);
  });
});

describe('RoomClock (server) with a fake clock', () => {
  it('counts across live changes made by a peer, and stops on settle (unload)', async () => {
    let now = T0;
    const { doc, a, b } = twoItems();
    const clock = new RoomClock(doc, { now: () => now, checkpointMs: 0 });
    clock.activate();
    const peer = replicaOf(doc);
    const toServer = (u: Uint8Array) => Y.applyUpdate(doc, u, 'peer');
    peer.on('update', toServer);
    setLive(peer, { agendaItemId: a });
    await Promise.resolve();
    expect(readRunning(doc).get(a)).toBe(T0);
    now += 7 * min;
    setLive(peer, { agendaItemId: b });
    await Promise.resolve();
    expect(storedSpent(doc, a)).toBe(7 * 60);
    now += 3 * min;
    clock.settle();
    expect(storedSpent(doc, b)).toBe(3 * 60);
    expect(readRunning(doc).size).toBe(0);
    clock.destroy();

    // Loaded again (the live pointer still on b): b starts afresh, the time unloaded is not counted.
    now += 60 * min;
    const loadedAt = now;
    const again = new RoomClock(doc, { now: () => now, checkpointMs: 0, lastAliveMs: now - 60 * min });
    // Loading writes nothing: a screen opening the meeting changes nothing.
    expect(readRunning(doc).size).toBe(0);
    now += min;
    again.activate(); // an editor joins: the live item counts from the load
    expect(readRunning(doc).get(b)).toBe(loadedAt);
    now += min;
    again.checkpoint();
    expect(storedSpent(doc, b)).toBe(5 * 60);
    again.destroy();
  });

  it('after a crash, settles the clock at the last time the meeting was stored: no double count', () => {
    let now = T0;
    const { doc, a } = twoItems();
    const first = new RoomClock(doc, { now: () => now, checkpointMs: 0 });
    setLive(doc, { agendaItemId: a });
    first.activate(); // the clock starts (what the microtask after the change would do)
    now += 4 * min;
    first.checkpoint();
    expect(storedSpent(doc, a)).toBe(4 * 60);
    first.destroy(); // crash: no settle
    const lastStored = now + 30_000;
    now += 2 * 3_600_000;
    const restarted = new RoomClock(doc, { now: () => now, checkpointMs: 0, lastAliveMs: lastStored });
    const before = Y.encodeStateVector(doc);
    restarted.checkpoint();
    restarted.settle();
    expect(Y.encodeStateVector(doc)).toEqual(before); // nothing written before an editor or a change
    restarted.activate();
    expect(storedSpent(doc, a)).toBe(4 * 60 + 30);
    expect(readRunning(doc).get(a)).toBe(now);
    // Loading once more with the same stored state adds nothing again.
    restarted.destroy();
    const twice = new RoomClock(doc, { now: () => now, checkpointMs: 0, lastAliveMs: lastStored });
    twice.activate();
    expect(storedSpent(doc, a)).toBe(4 * 60 + 30);
    twice.destroy();
  });
});

describe('conclusions of items stored before the field existed', () => {
  it('get their shared text when the server starts counting them live', () => {
    const { doc, a } = twoItems();
    // As an older document holds it: no conclusion in the entry.
    const entry = entryMap(doc, 'agenda', a)!;
    entry.delete('conclusion');
    expect(entry.get('conclusion')).toBeUndefined();
    setLive(doc, { agendaItemId: a });
    reconcileClock(doc, T0);
    expect(entry.get('conclusion')).toBeInstanceOf(Y.Text);
    expect(readMeeting(doc).agenda.find((x) => x.id === a)!.conclusion).toBeUndefined();
  });
});
