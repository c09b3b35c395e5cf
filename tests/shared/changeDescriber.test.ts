import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ChangeDescriber, MAX_NOTES, describeNotes, type ChangeNote } from '../../shared/document/changeDescriber.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { setLive, setMeta } from '../../shared/document/meetingParts.js';
import {
  addContribution,
  deleteContribution,
  moveContribution,
  reviseContribution,
  setContributionStatus,
  updateContribution,
} from '../../shared/document/contributionOps.js';
import { addAgendaItem, updateAgendaItem, deleteAgendaItem } from '../../shared/document/agendaOps.js';
import { addListEntry, updateListEntry } from '../../shared/document/listOps.js';
import { sampleMeeting } from '../helpers/startTestServer.js';
import { addToQueue, callNext, endSpeech, moveInQueue, removeFromQueue, setQueueOpen, setSpeakingLimit } from '../../shared/participation/speakerQueue.js';
import { castBallot, closePoll, deletePoll, openPoll, setRoomCounts } from '../../shared/participation/showOfHands.js';
import { addRoom, removeRoom, renameRoom, setLiveOf } from '../../shared/document/rooms.js';
import { clearBreak, startBreak } from '../../shared/time/meetingClock.js';

/** A replica that receives the editor's updates, as the server does, and describes each one. */
function setup() {
  const editor = createMeetingDoc(sampleMeeting(3));
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(editor));
  const describer = new ChangeDescriber(server);
  const notes: ChangeNote[][] = [];
  server.on('update', (_u: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) => notes.push(describer.take(tr)));
  editor.on('update', (u: Uint8Array) => Y.applyUpdate(server, u));
  const rows = readMeeting(editor).contributions;
  const item = readMeeting(editor).agenda[0];
  const last = () => notes.at(-1)!;
  return { editor, rows, item, last, notes };
}

describe('ChangeDescriber', () => {
  it('says what a status change, an edit, a move and a delete did, naming the Tdoc and its item', () => {
    const { editor, rows, item, last } = setup();
    setContributionStatus(editor, rows[0].id, 'agreed', { by: 'x' });
    expect(last()).toEqual([{ text: 'SEC-2026-0001 status available → agreed', tdoc: 'SEC-2026-0001', item: '1' }]);
    updateContribution(editor, rows[1].id, { notes: 'discussed' });
    expect(last()).toEqual([{ text: 'SEC-2026-0002 notes edited', tdoc: 'SEC-2026-0002', item: '1' }]);
    updateContribution(editor, rows[1].id, { title: 'New title' });
    expect(describeNotes(last())).toBe('SEC-2026-0002 title edited');
    const item2 = addAgendaItem(editor, { label: '5.2', title: 'Security' });
    expect(last()).toEqual([{ text: 'Agenda item 5.2 added', item: '5.2' }]);
    moveContribution(editor, rows[2].id, item2);
    expect(last()).toEqual([{ text: 'SEC-2026-0003 moved to 5.2', tdoc: 'SEC-2026-0003', item: '5.2' }]);
    updateAgendaItem(editor, item2, { notes: 'Conclusion: agreed.' });
    expect(last()).toEqual([{ text: '5.2 notes edited', item: '5.2' }]);
    deleteContribution(editor, rows[2].id);
    expect(last()).toEqual([{ text: 'Tdoc SEC-2026-0003 deleted', tdoc: 'SEC-2026-0003', item: '5.2' }]);
    addContribution(editor, { number: 'SEC-2026-0100', agendaItemId: item.id });
    expect(last()).toEqual([{ text: 'Tdoc SEC-2026-0100 added', tdoc: 'SEC-2026-0100', item: '1' }]);
    deleteAgendaItem(editor, item2);
    expect(describeNotes(last())).toContain('Agenda item 5.2 deleted');
  });

  it('describes revisions, renumbering, lists, meta and what the room is on', () => {
    const { editor, rows, item, last } = setup();
    reviseContribution(editor, rows[0].id, { by: 'x' });
    expect(describeNotes(last())).toBe('Tdoc SEC-2026-0001R01 added; SEC-2026-0001 status available → revised');
    updateContribution(editor, rows[1].id, { number: 'SEC-2026-0002R05' });
    expect(describeNotes(last())).toBe('SEC-2026-0002 renamed SEC-2026-0002R05');
    setContributionStatus(editor, rows[1].id, 'noted', { by: 'x' });
    expect(describeNotes(last())).toBe('SEC-2026-0002R05 status available → noted');
    const a = addListEntry(editor, 'actions', { ref: 'A-1', what: 'Do it' });
    expect(describeNotes(last())).toBe('Action item A-1 added');
    updateListEntry(editor, 'actions', a, { status: 'closed' });
    expect(describeNotes(last())).toBe('Action item A-1 open → closed');
    setMeta(editor, { venue: 'Seoul' });
    expect(describeNotes(last())).toBe('Meeting venue edited');
    setLive(editor, { agendaItemId: item.id, contributionId: rows[1].id });
    expect(last()).toEqual([
      { text: 'Room on 1', item: '1' },
      { text: 'Live Tdoc SEC-2026-0002R05', tdoc: 'SEC-2026-0002R05' },
    ]);
  });

  it('caps a big transaction (an import) with a summary', () => {
    const { editor, item, last } = setup();
    editor.transact(() => {
      for (let i = 0; i < 120; i++) addContribution(editor, { number: `X-${i}`, agendaItemId: item.id });
    });
    expect(last()).toHaveLength(MAX_NOTES);
    expect(last().at(-1)!.text).toBe(`… and ${120 - MAX_NOTES + 1} more changes`);
  });

  it('names the queue, the floor and speeches instead of "No visible change"', () => {
    const { editor, last } = setup();
    const T = '2026-03-02T09:00:00.000Z';
    addToQueue(editor, { kind: 'reply', name: 'Li Wei', company: 'Huawei', at: T, by: 'self', owner: 'o1' });
    expect(describeNotes(last())).toBe('Li Wei (Huawei) asked for the floor (reply)');
    const ann = addToQueue(editor, { kind: 'new-topic', name: 'Ann', at: T, by: 'chair' });
    expect(describeNotes(last())).toBe('Ann added to the queue');
    moveInQueue(editor, ann, 0);
    expect(describeNotes(last())).toBe('Ann moved in the queue');
    callNext(editor, { at: T });
    // The entry leaves the queue in the same step: the floor's words say it all.
    expect(describeNotes(last())).toBe('Ann has the floor');
    endSpeech(editor, T);
    expect(describeNotes(last())).toBe('Ann finished speaking');
    const li = addToQueue(editor, { kind: 'point-of-order', name: 'Bo', at: T, by: 'chair' });
    removeFromQueue(editor, li);
    expect(describeNotes(last())).toBe('Bo left the queue');
    setQueueOpen(editor, false);
    expect(describeNotes(last())).toBe('Queue closed');
    setSpeakingLimit(editor, 90);
    expect(describeNotes(last())).toBe('Speaking limit 1:30');
    expect(last().every((n) => n.text !== 'No visible change')).toBe(true);
  });

  it('names shows of hands and ballots without saying who answered what', () => {
    const { editor, last, notes } = setup();
    const T = '2026-03-02T09:00:00.000Z';
    const id = openPoll(editor, { question: 'Adopt option A?', options: ['Yes', 'No'], at: T });
    expect(describeNotes(last())).toBe('Show of hands “Adopt option A?” opened');
    castBallot(editor, id, 'tag1', 'Yes', Date.parse(T));
    expect(describeNotes(last())).toBe('1 ballot in “Adopt option A?”');
    expect(JSON.stringify(last())).not.toMatch(/Yes|tag1/);
    setRoomCounts(editor, id, { Yes: 12, No: 3 });
    expect(describeNotes(last())).toBe('Hands counted in the room for “Adopt option A?”: Yes 12, No 3');
    closePoll(editor, id, T);
    expect(describeNotes(last())).toBe('Show of hands “Adopt option A?” closed');
    deletePoll(editor, id);
    expect(describeNotes(last())).toBe('Show of hands “Adopt option A?” deleted');
    expect(notes.flat().some((n) => n.text === 'No visible change')).toBe(false);
  });

  it('names rooms, their live pointers, the clock and breaks', () => {
    const { editor, rows, item, last } = setup();
    const room = addRoom(editor, 'Breakout A');
    expect(describeNotes(last())).toContain('Room “Breakout A” added');
    setLiveOf(editor, room, { agendaItemId: item.id, contributionId: rows[0].id });
    expect(last()).toEqual([
      { text: 'Breakout A on 1', item: '1' },
      { text: 'Breakout A: live Tdoc SEC-2026-0001', tdoc: 'SEC-2026-0001' },
    ]);
    setLiveOf(editor, room, { banner: 'Drafting until 12:30' });
    expect(describeNotes(last())).toBe('Breakout A banner “Drafting until 12:30”');
    renameRoom(editor, room, 'Drafting room');
    expect(describeNotes(last())).toBe('Room “Breakout A” renamed “Drafting room”');
    startBreak(editor, 'Coffee', Date.parse('2026-03-02T10:00:00.000Z'));
    expect(describeNotes(last())).toBe('Break “Coffee” started');
    clearBreak(editor);
    expect(describeNotes(last())).toBe('Break over');
    removeRoom(editor, room);
    expect(describeNotes(last())).toContain('Room “Drafting room” removed');
  });
});
