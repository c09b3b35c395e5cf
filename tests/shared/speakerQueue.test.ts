import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addToQueue,
  callNext,
  endSpeech,
  moveInQueue,
  parseQuickAdd,
  readFloor,
  readQueue,
  readSpeeches,
  removeFromQueue,
  setQueueOpen,
  setSpeakingLimit,
  withdrawOwn,
  elapsedSeconds,
  formatDuration,
  QUEUE_LIMITS,
} from '../../shared/participation/speakerQueue.js';
import { castBallot, closePoll, isPollOpen, openPoll, readPolls, setRoomCounts, totalCounts } from '../../shared/participation/showOfHands.js';

const T0 = '2026-03-02T09:00:00.000Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();
const names = (doc: Y.Doc) => readQueue(doc).map((e) => e.name);

describe('speaker queue', () => {
  it('appends in order and puts a point of order at the front, behind earlier points of order', () => {
    const doc = new Y.Doc();
    addToQueue(doc, { kind: 'new-topic', name: 'Ann', at: at(0), by: 'self', owner: 'a' });
    addToQueue(doc, { kind: 'reply', name: 'Bob', at: at(1), by: 'self', owner: 'b' });
    addToQueue(doc, { kind: 'point-of-order', name: 'Cy', at: at(2), by: 'self', owner: 'c' });
    addToQueue(doc, { kind: 'point-of-order', name: 'Di', at: at(3), by: 'chair' });
    addToQueue(doc, { kind: 'clarify', name: 'Ed', company: ' Nokia ', at: at(4), by: 'self', owner: 'e' });
    expect(names(doc)).toEqual(['Cy', 'Di', 'Ann', 'Bob', 'Ed']);
    expect(readQueue(doc)[4].company).toBe('Nokia');
  });

  it('calls the next speaker, records the speech with the live item, and ends the previous one', () => {
    const doc = new Y.Doc();
    addToQueue(doc, { kind: 'new-topic', name: 'Ann', company: 'Ericsson', at: at(0), by: 'self', owner: 'a' });
    addToQueue(doc, { kind: 'reply', name: 'Bob', at: at(1), by: 'self', owner: 'b' });
    const first = callNext(doc, { at: at(10), agendaItemId: 'i1', contributionId: 'c1' });
    expect(first?.name).toBe('Ann');
    expect(readFloor(doc).current?.startedAt).toBe(at(10));
    expect(names(doc)).toEqual(['Bob']);
    callNext(doc, { at: at(70), agendaItemId: 'i1', contributionId: '' });
    const speeches = readSpeeches(doc);
    expect(speeches.map((s) => [s.name, s.company, s.agendaItemId, s.contributionId, s.startedAt, s.endedAt])).toEqual([
      ['Ann', 'Ericsson', 'i1', 'c1', at(10), at(70)],
      ['Bob', '', 'i1', '', at(70), ''],
    ]);
    callNext(doc, { at: at(100) });
    expect(readFloor(doc).current).toBeNull();
    expect(readSpeeches(doc)[1].endedAt).toBe(at(100));
    endSpeech(doc, at(200));
    expect(readSpeeches(doc)[1].endedAt).toBe(at(100));
  });

  it('withdraws only the owner\'s entry; the chair moves and removes', () => {
    const doc = new Y.Doc();
    for (const [n, o] of [['Ann', 'a'], ['Bob', 'b'], ['Cy', 'c']]) addToQueue(doc, { kind: 'new-topic', name: n, owner: o, at: at(0), by: 'self' });
    expect(withdrawOwn(doc, 'x')).toBe(0);
    expect(withdrawOwn(doc, '')).toBe(0);
    expect(withdrawOwn(doc, 'b')).toBe(1);
    expect(names(doc)).toEqual(['Ann', 'Cy']);
    moveInQueue(doc, readQueue(doc)[1].id, 0);
    expect(names(doc)).toEqual(['Cy', 'Ann']);
    removeFromQueue(doc, readQueue(doc)[0].id);
    expect(names(doc)).toEqual(['Ann']);
  });

  it('a reorder of an entry withdrawn at the same moment does not bring it back', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addToQueue(a, { kind: 'new-topic', name: 'Ann', owner: 'a', at: at(0), by: 'self' });
    addToQueue(a, { kind: 'new-topic', name: 'Bob', owner: 'b', at: at(0), by: 'self' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    withdrawOwn(a, 'b');
    moveInQueue(b, readQueue(b)[1].id, 0);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(names(a)).toEqual(['Ann']);
    expect(names(b)).toEqual(['Ann']);
  });

  it('bounds names and the queue', () => {
    const doc = new Y.Doc();
    expect(() => addToQueue(doc, { kind: 'new-topic', name: '  ', at: at(0), by: 'self' })).toThrow(/name is missing/);
    expect(() => addToQueue(doc, { kind: 'shout' as never, name: 'A', at: at(0), by: 'self' })).toThrow(/kind/);
    expect(() => addToQueue(doc, { kind: 'reply', name: 'x'.repeat(81), at: at(0), by: 'self' })).toThrow(/longer/);
    for (let i = 0; i < QUEUE_LIMITS.maxWaiting; i++) addToQueue(doc, { kind: 'reply', name: `P${i}`, at: at(0), by: 'chair' });
    expect(() => addToQueue(doc, { kind: 'reply', name: 'One more', at: at(0), by: 'chair' })).toThrow(/full/);
  });

  it('keeps open/closed and the limit', () => {
    const doc = new Y.Doc();
    expect(readFloor(doc)).toEqual({ open: true, limitSeconds: 120, current: null });
    setQueueOpen(doc, false);
    setSpeakingLimit(doc, 90);
    expect(readFloor(doc)).toMatchObject({ open: false, limitSeconds: 90 });
    expect(() => setSpeakingLimit(doc, -1)).toThrow();
  });

  it('reads the chair\'s quick add', () => {
    expect(parseQuickAdd('q+ Mary, Ericsson')).toEqual({ name: 'Mary', company: 'Ericsson', kind: 'new-topic' });
    expect(parseQuickAdd('Mary Smith (Nokia)')).toEqual({ name: 'Mary Smith', company: 'Nokia', kind: 'new-topic' });
    expect(parseQuickAdd('q+ poo Jane, Huawei')).toEqual({ name: 'Jane', company: 'Huawei', kind: 'point-of-order' });
    expect(parseQuickAdd('q+ reply Li')).toEqual({ name: 'Li', company: '', kind: 'reply' });
    expect(parseQuickAdd('q+ ')).toBeNull();
  });

  it('counts time from an ISO start', () => {
    expect(elapsedSeconds(T0, Date.parse(T0) + 65_400)).toBe(65);
    expect(elapsedSeconds(T0, Date.parse(T0) - 5_000)).toBe(0);
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});

describe('show of hands', () => {
  it('counts one ballot per tag, changeable while open, with the room counts beside', () => {
    const doc = new Y.Doc();
    const id = openPoll(doc, { question: 'Adopt option A?', options: ['Yes', 'No', 'Abstain'], at: T0, durationSeconds: 60 });
    const now = Date.parse(T0) + 1000;
    expect(castBallot(doc, id, 't1', 'Yes', now)).toBe(true);
    expect(castBallot(doc, id, 't2', 'Yes', now)).toBe(true);
    expect(castBallot(doc, id, 't2', 'Yes', now)).toBe(false);
    castBallot(doc, id, 't2', 'No', now);
    expect(() => castBallot(doc, id, 't3', 'Maybe', now)).toThrow(/option/);
    expect(() => castBallot(doc, 'nope', 't3', 'Yes', now)).toThrow(/no such poll/);
    setRoomCounts(doc, id, { Yes: 12, No: 3, Abstain: -1 });
    const [p] = readPolls(doc);
    expect(p.remote).toEqual({ Yes: 1, No: 1, Abstain: 0 });
    expect(p.roomCounts).toEqual({ Yes: 12, No: 3, Abstain: 0 });
    expect(totalCounts(p)).toEqual({ Yes: 13, No: 4, Abstain: 0 });
    expect(isPollOpen(p, now)).toBe(true);
    expect(isPollOpen(p, Date.parse(T0) + 60_000)).toBe(false);
    expect(() => castBallot(doc, id, 't4', 'Yes', Date.parse(T0) + 61_000)).toThrow(/closed/);
  });

  it('closes when the chair closes it', () => {
    const doc = new Y.Doc();
    const id = openPoll(doc, { question: 'Who supports B?', options: ['In favour'], at: T0 });
    closePoll(doc, id, at(30));
    const [p] = readPolls(doc);
    expect(p.closedAt).toBe(at(30));
    expect(() => castBallot(doc, id, 't1', 'In favour', Date.parse(T0) + 40_000)).toThrow(/closed/);
    expect(() => openPoll(doc, { question: '', options: ['A'], at: T0 })).toThrow(/question/);
    expect(() => openPoll(doc, { question: 'Q', options: [' '], at: T0 })).toThrow(/option/);
  });
});
