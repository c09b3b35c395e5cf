import { describe, expect, it } from 'vitest';
import {
  addAgendaItem,
  deleteAgendaItem,
  findAgendaItemByLabel,
  moveAgendaItem,
  updateAgendaItem,
} from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';
import { addSession } from '../../shared/document/listOps.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { readLive, setLive } from '../../shared/document/meetingParts.js';
import { MeetingOpError } from '../../shared/document/entityOps.js';
import { entryText } from '../../shared/document/entityStore.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { emptyMeetingDoc, numbersUnder, outline, replicaOf, syncBoth } from './meetingTestDoc.js';

/** 1 (1.1, 1.2), 2, 3 */
function smallAgenda() {
  const doc = emptyMeetingDoc();
  const one = addAgendaItem(doc, { id: 'one', label: '1', title: 'Opening' });
  const two = addAgendaItem(doc, { id: 'two', label: '2', title: 'Reports' });
  const three = addAgendaItem(doc, { id: 'three', label: '3', title: 'AOB' });
  const oneOne = addAgendaItem(doc, { id: 'one-one', parentId: one, label: '1.1', title: 'Welcome' });
  const oneTwo = addAgendaItem(doc, { id: 'one-two', parentId: one, label: '1.2', title: 'Agenda' });
  return { doc, one, two, three, oneOne, oneTwo };
}

describe('agenda items', () => {
  it('adds items at the end, first, or after a sibling', () => {
    const { doc, one, oneOne } = smallAgenda();
    addAgendaItem(doc, { label: '0', title: 'Before all' }, null);
    addAgendaItem(doc, { label: '1.0', parentId: one }, null);
    addAgendaItem(doc, { label: '1.1bis', parentId: one }, oneOne);
    expect(outline(doc)).toEqual(['0', '1', '  1.0', '  1.1', '  1.1bis', '  1.2', '2', '3']);
  });

  it('refuses a parent that does not exist, an anchor that is not a sibling, and a taken id', () => {
    const { doc, oneOne } = smallAgenda();
    expect(() => addAgendaItem(doc, { parentId: 'nope', label: 'x' })).toThrow(MeetingOpError);
    expect(() => addAgendaItem(doc, { label: 'x' }, oneOne)).toThrow(/not a sibling/);
    expect(() => addAgendaItem(doc, { id: 'two', label: 'x' })).toThrow(/exists already/);
  });

  it('edits the number, title, notes and extension fields', () => {
    const { doc, two } = smallAgenda();
    updateAgendaItem(doc, two, { label: '2bis', title: 'Liaisons', notes: 'line 1\nline 2', duration: '10 min', documents: ['TS 23.501'] });
    const item = readMeeting(doc).agenda.find((a) => a.id === two)!;
    expect(item).toMatchObject({ label: '2bis', title: 'Liaisons', notes: 'line 1\nline 2', duration: '10 min', documents: ['TS 23.501'] });
    expect(entryText(doc, 'agenda', two, 'notes')!.toString()).toBe('line 1\nline 2');
  });

  it('moves an item with its subtree under another item, at a place', () => {
    const { doc, one, three } = smallAgenda();
    moveAgendaItem(doc, one, three);
    expect(outline(doc)).toEqual(['2', '3', '  1', '    1.1', '    1.2']);
    moveAgendaItem(doc, one, null, null);
    expect(outline(doc)).toEqual(['1', '  1.1', '  1.2', '2', '3']);
  });

  it('refuses to move an item under itself or its own descendant', () => {
    const { doc, one, oneTwo } = smallAgenda();
    expect(() => moveAgendaItem(doc, one, one)).toThrow(/under itself/);
    expect(() => moveAgendaItem(doc, one, oneTwo)).toThrow(/under itself/);
    expect(outline(doc)).toEqual(['1', '  1.1', '  1.2', '2', '3']);
  });

  it('deletes an item: sub-items take its place, contributions move up, sessions and live forget it', () => {
    const { doc, one, two, oneOne, oneTwo } = smallAgenda();
    addContribution(doc, { number: 'C-1', agendaItemId: one });
    addContribution(doc, { number: 'C-2', agendaItemId: one });
    addContribution(doc, { number: 'C-3', agendaItemId: two });
    const session = addSession(doc, { date: '2016-05-16', start: '09:00', end: '10:00', agendaItemIds: [one, two] });
    setLive(doc, { agendaItemId: one });

    deleteAgendaItem(doc, one);
    expect(outline(doc)).toEqual(['1.1', '1.2', '2', '3']);
    expect(readMeeting(doc).agenda.filter((a) => a.parentId === null).map((a) => a.id)).toEqual([oneOne, oneTwo, two, 'three']);
    expect(numbersUnder(doc, '')).toEqual(['C-1', 'C-2']);
    expect(readMeeting(doc).sessions.find((s) => s.id === session)!.agendaItemIds).toEqual([two]);
    expect(readLive(doc).agendaItemId).toBeNull();
  });

  it('deleting a sub-item moves its contributions to the parent item and its children up one level', () => {
    const { doc, one, oneOne } = smallAgenda();
    addAgendaItem(doc, { id: 'deep', parentId: oneOne, label: '1.1.1' });
    addContribution(doc, { number: 'C-9', agendaItemId: oneOne });
    deleteAgendaItem(doc, oneOne);
    expect(outline(doc)).toEqual(['1', '  1.1.1', '  1.2', '2', '3']);
    expect(numbersUnder(doc, one)).toEqual(['C-9']);
  });

  it('finds an item by its label, the first in agenda order when two share it', () => {
    const { doc, three } = smallAgenda();
    addAgendaItem(doc, { id: 'three-again', label: '3' });
    expect(findAgendaItemByLabel(doc, '3')).toBe(three);
    expect(findAgendaItemByLabel(doc, '42')).toBeUndefined();
  });
});

describe('concurrent agenda edits', () => {
  it('two crosswise moves make a cycle; every replica reads the same well-formed tree', () => {
    const { doc: a, one, two } = smallAgenda();
    const b = replicaOf(a);
    moveAgendaItem(a, one, two);
    moveAgendaItem(b, two, one);
    syncBoth(a, b);
    expect(JSON.stringify(readMeeting(a))).toBe(JSON.stringify(readMeeting(b)));
    // 'one' < 'two': the smallest id of the cycle is lifted to the top level.
    expect(outline(a)).toEqual(['1', '  1.1', '  1.2', '  2', '3']);
    expect(parseMeeting(readMeeting(a)).ok).toBe(true);
  });

  it('after a cycle, items are placed among the siblings the agenda shows', () => {
    const { doc: a, one, two, three } = smallAgenda();
    const b = replicaOf(a);
    moveAgendaItem(a, one, two);
    moveAgendaItem(b, two, one);
    syncBoth(a, b);
    // 'one' reads at the top level although its own parent field still names 'two'.
    addAgendaItem(a, { id: 'after-one', label: '1bis' }, one);
    moveAgendaItem(a, three, null, one);
    expect(outline(a)).toEqual(['1', '  1.1', '  1.2', '  2', '3', '1bis']);
  });

  it('after a cycle, moving one of its items does not make the lifted item jump under it', () => {
    const { doc: a, one, two } = smallAgenda();
    const b = replicaOf(a);
    moveAgendaItem(a, one, two);
    moveAgendaItem(b, two, one);
    syncBoth(a, b);
    expect(outline(a)).toEqual(['1', '  1.1', '  1.2', '  2', '3']);
    // '2' shows under '1'; the secretary moves it back to the top level, after '1'.
    moveAgendaItem(a, two, null, one);
    expect(outline(a)).toEqual(['1', '  1.1', '  1.2', '2', '3']);
  });

  it('after a 3-cycle, moving its middle item out keeps the others where they were shown', () => {
    const { doc: a, one, two, three } = smallAgenda();
    const b = replicaOf(a);
    const c = replicaOf(a);
    moveAgendaItem(a, one, two);
    moveAgendaItem(b, two, three);
    moveAgendaItem(c, three, one);
    syncBoth(a, b);
    syncBoth(a, c);
    syncBoth(a, b);
    // 'one' is the smallest id: lifted; three under one, two under three.
    expect(outline(a)).toEqual(['1', '  1.1', '  1.2', '  3', '    2']);
    moveAgendaItem(a, three, null);
    expect(outline(a)).toEqual(['1', '  1.1', '  1.2', '3', '  2']);
  });

  it('deleting an item of a resolved cycle keeps its children where the agenda showed them', () => {
    const { doc: a, one, two } = smallAgenda();
    const b = replicaOf(a);
    moveAgendaItem(a, one, two);
    moveAgendaItem(b, two, one);
    syncBoth(a, b);
    deleteAgendaItem(a, one);
    const agenda = readMeeting(a).agenda;
    expect(outline(a)).toEqual(['1.1', '1.2', '2', '3']);
    expect(agenda.find((x) => x.id === two)!.parentId).toBeNull();
  });

  it('a child added under an item a peer deletes reads at the top level on both replicas', () => {
    const { doc: a, two } = smallAgenda();
    const b = replicaOf(a);
    addAgendaItem(a, { id: 'two-one', parentId: two, label: '2.1' });
    addContribution(a, { number: 'C-7', agendaItemId: two });
    deleteAgendaItem(b, two);
    syncBoth(a, b);
    expect(readMeeting(a)).toEqual(readMeeting(b));
    expect(outline(a)).toContain('2.1');
    expect(readMeeting(a).agenda.find((x) => x.id === 'two-one')!.parentId).toBeNull();
    expect(numbersUnder(a, '')).toEqual(['C-7']);
  });

  it('two items inserted at the same place at once are both kept, in the same order everywhere', () => {
    const { doc: a, one } = smallAgenda();
    const b = replicaOf(a);
    addAgendaItem(a, { id: 'x', label: 'X' }, one);
    addAgendaItem(b, { id: 'y', label: 'Y' }, one);
    syncBoth(a, b);
    expect(outline(a)).toEqual(outline(b));
    expect(outline(a).filter((l) => !l.startsWith(' '))).toEqual(['1', 'X', 'Y', '2', '3']);
  });
});
