/**
 * The speaker queue's order by kind, an option of the meeting (issue 25, meta.queueOrder): today's
 * (points of order first, the rest in arrival order) or TC39's (point of order, clarifying question, reply,
 * new topic). Unit tests on one document, then a real server applying delegates' requests in that order.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addToQueue, kindPriority, moveInQueue, queueOrderOf, readQueue, setQueueOrder, type QueueKind } from '../../shared/participation/speakerQueue.js';
import { readMeta, setMeta } from '../../shared/document/meetingParts.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { createMeeting, sampleMeeting, startTestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { participant } from '../helpers/participationClient.js';
import { waitFor } from '../helpers/waitFor.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const shown = (doc: Y.Doc) => readQueue(doc).map((e) => `${e.kind}:${e.name}`);

/** Ann new topic, Bob reply, Cy clarify, Di new topic, Ed point of order, Fay reply: in that order of arrival. */
function fill(doc: Y.Doc): void {
  const asks: [QueueKind, string][] = [
    ['new-topic', 'Ann'],
    ['reply', 'Bob'],
    ['clarify', 'Cy'],
    ['new-topic', 'Di'],
    ['point-of-order', 'Ed'],
    ['reply', 'Fay'],
  ];
  asks.forEach(([kind, name], i) => addToQueue(doc, { kind, name, at: at(i), by: 'self', owner: name }));
}

describe('the queue order by kind', () => {
  it("today's order by default: points of order first, the rest in arrival order", () => {
    const doc = new Y.Doc();
    expect(queueOrderOf(doc)).toBe('points-of-order');
    fill(doc);
    expect(shown(doc)).toEqual(['point-of-order:Ed', 'new-topic:Ann', 'reply:Bob', 'clarify:Cy', 'new-topic:Di', 'reply:Fay']);
  });

  it("TC39's order: point of order, clarifying question, reply, new topic, each kind in arrival order", () => {
    const doc = new Y.Doc();
    setQueueOrder(doc, 'tc39');
    expect(readMeta(doc).queueOrder).toBe('tc39');
    fill(doc);
    expect(shown(doc)).toEqual(['point-of-order:Ed', 'clarify:Cy', 'reply:Bob', 'reply:Fay', 'new-topic:Ann', 'new-topic:Di']);
    expect(['point-of-order', 'clarify', 'reply', 'new-topic'].map((k) => kindPriority('tc39', k as QueueKind))).toEqual([0, 1, 2, 3]);
  });

  it('switching reorders the waiting queue at once, in one step, and back to arrival order', () => {
    const doc = new Y.Doc();
    fill(doc);
    let steps = 0;
    doc.on('afterTransaction', () => steps++);
    setQueueOrder(doc, 'tc39');
    expect(steps).toBe(1);
    expect(shown(doc)).toEqual(['point-of-order:Ed', 'clarify:Cy', 'reply:Bob', 'reply:Fay', 'new-topic:Ann', 'new-topic:Di']);
    setQueueOrder(doc, 'points-of-order');
    expect(shown(doc)).toEqual(['point-of-order:Ed', 'new-topic:Ann', 'reply:Bob', 'clarify:Cy', 'new-topic:Di', 'reply:Fay']);
  });

  it('a chair can still move an entry by hand; a later entry is placed by the order', () => {
    const doc = new Y.Doc();
    setQueueOrder(doc, 'tc39');
    fill(doc);
    const ann = readQueue(doc).find((e) => e.name === 'Ann')!;
    moveInQueue(doc, ann.id, 0);
    expect(shown(doc)[0]).toBe('new-topic:Ann');
    addToQueue(doc, { kind: 'clarify', name: 'Gus', at: at(9), by: 'chair' });
    expect(shown(doc)).toEqual(['new-topic:Ann', 'point-of-order:Ed', 'clarify:Cy', 'clarify:Gus', 'reply:Bob', 'reply:Fay', 'new-topic:Di']);
  });

  it('is a checked, optional meta field that round-trips through meeting JSON', () => {
    const doc = new Y.Doc();
    expect(() => setMeta(doc, { queueOrder: 'random' as never })).toThrow(/queueOrder: expected one of points-of-order, tc39/);
    expect(readMeeting(doc).meta.queueOrder).toBeUndefined();
    setQueueOrder(doc, 'tc39');
    const json = readMeeting(doc);
    expect(json.meta.queueOrder).toBe('tc39');
    expect(parseMeeting(json).ok).toBe(true);
    const bad = parseMeeting({ ...json, meta: { ...json.meta, queueOrder: 'fifo' } });
    expect(bad.ok).toBe(false);
  });

  it('G-ORDER-1: the server places delegates\' requests by the order the chair chose, and every client shows the same queue', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(1));
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const phone = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), phone.synced()]);
    setQueueOrder(chair.doc, 'tc39');
    await waitFor(() => readMeta(phone.doc).queueOrder === 'tc39', { what: 'the order to reach the phone' });
    const kinds: [QueueKind, string][] = [
      ['new-topic', 'Ann'],
      ['reply', 'Bob'],
      ['clarify', 'Cy'],
      ['point-of-order', 'Ed'],
    ];
    for (const [kind, name] of kinds) {
      const res = await participant(ts.url, m.id, m.tokens.delegate).queue({ action: 'add', kind, name });
      expect(res.status).toBe(200);
    }
    const expected = ['point-of-order:Ed', 'clarify:Cy', 'reply:Bob', 'new-topic:Ann'];
    await waitFor(() => shown(phone.doc).length === 4 && shown(chair.doc).length === 4, { what: 'the four requests everywhere' });
    expect(shown(chair.doc)).toEqual(expected);
    expect(shown(phone.doc)).toEqual(expected);
  });
});
