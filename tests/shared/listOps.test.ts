import { describe, expect, it } from 'vitest';
import { addAgendaItem, deleteAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution, deleteContribution } from '../../shared/document/contributionOps.js';
import { MeetingOpError } from '../../shared/document/entityOps.js';
import { addListEntry, addSession, deleteListEntry, deleteSession, moveListEntry, updateListEntry, updateSession } from '../../shared/document/listOps.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { readLive, readMeta, setLive, setMeta } from '../../shared/document/meetingParts.js';
import { emptyMeetingDoc } from './meetingTestDoc.js';

describe('sessions', () => {
  it('adds sessions, read by date then start', () => {
    const doc = emptyMeetingDoc();
    const item = addAgendaItem(doc, { label: '1' });
    addSession(doc, { code: 'S2', date: '2016-05-16', start: '14:00', end: '15:30' });
    addSession(doc, { code: 'D1', date: '2016-05-17', start: '09:00', end: '10:30' });
    addSession(doc, { code: 'S1', date: '2016-05-16', start: '09:00', end: '10:30', room: 'Salle 1', agendaNote: '17:00- 18:30', agendaItemIds: [item] });
    const sessions = readMeeting(doc).sessions;
    expect(sessions.map((s) => s.code)).toEqual(['S1', 'S2', 'D1']);
    expect(sessions[0]).toMatchObject({ room: 'Salle 1', agendaNote: '17:00- 18:30', agendaItemIds: [item], title: '' });
  });

  it('normalises what a person types as a time or date, and refuses what is neither', () => {
    const doc = emptyMeetingDoc();
    const id = addSession(doc, { date: '2016-5-6', start: '9:00', end: '10.30' });
    expect(readMeeting(doc).sessions[0]).toMatchObject({ date: '2016-05-06', start: '09:00', end: '10:30' });
    expect(() => updateSession(doc, id, { start: '25:00' })).toThrow('start: expected HH:MM, got "25:00"');
    expect(() => updateSession(doc, id, { date: 'Monday' })).toThrow(/date: expected YYYY-MM-DD/);
    expect(() => addSession(doc, { end: 'noon' })).toThrow(MeetingOpError);
    updateSession(doc, id, { start: '' });
    expect(readMeeting(doc).sessions).toHaveLength(1);
    expect(readMeeting(doc).sessions[0].start).toBe('');
  });

  it('refuses agenda items that do not exist; forgets a deleted one; delete clears live', () => {
    const doc = emptyMeetingDoc();
    const a = addAgendaItem(doc, { label: '1' });
    const b = addAgendaItem(doc, { label: '2' });
    expect(() => addSession(doc, { agendaItemIds: ['nope'] })).toThrow(MeetingOpError);
    const s = addSession(doc, { agendaItemIds: [a] });
    expect(() => updateSession(doc, s, { agendaItemIds: [a, 'nope'] })).toThrow(MeetingOpError);
    updateSession(doc, s, { agendaItemIds: [a, b], room: 'Room B' });
    deleteAgendaItem(doc, a);
    expect(readMeeting(doc).sessions[0]).toMatchObject({ agendaItemIds: [b], room: 'Room B' });
    setLive(doc, { sessionId: s });
    deleteSession(doc, s);
    expect(readMeeting(doc).sessions).toEqual([]);
    expect(readLive(doc).sessionId).toBeNull();
  });
});

describe('actions, deliverables, objectives', () => {
  it('actions: added open, edited, closed, moved, deleted', () => {
    const doc = emptyMeetingDoc();
    const a1 = addListEntry(doc, 'actions', { ref: 'A1', what: 'Review TS-0003', who: 'All' });
    const a2 = addListEntry(doc, 'actions', { ref: 'A2', what: 'Send LS' });
    const a0 = addListEntry(doc, 'actions', { ref: 'A0', what: 'First' }, null);
    expect(readMeeting(doc).actions.map((a) => a.ref)).toEqual(['A0', 'A1', 'A2']);
    expect(readMeeting(doc).actions[1]).toMatchObject({ status: 'open', who: 'All', notes: '' });
    updateListEntry(doc, 'actions', a1, { status: 'closed', notes: 'done' });
    moveListEntry(doc, 'actions', a0, a2);
    expect(readMeeting(doc).actions.map((a) => [a.ref, a.status])).toEqual([['A1', 'closed'], ['A2', 'open'], ['A0', 'open']]);
    deleteListEntry(doc, 'actions', a1);
    expect(readMeeting(doc).actions.map((a) => a.ref)).toEqual(['A2', 'A0']);
    expect(() => moveListEntry(doc, 'actions', a1, null)).toThrow(MeetingOpError);
    expect(() => updateListEntry(doc, 'actions', a2, { status: 'done' as never })).toThrow('status: expected one of open, closed, got "done"');
    expect(() => addListEntry(doc, 'actions', { ref: 'A9', status: 'later' as never })).toThrow(MeetingOpError);
    expect(readMeeting(doc).actions.map((a) => a.status)).toEqual(['open', 'open']);
  });

  it('actions imported without ranks read by ref, and placing among them follows that order', () => {
    const doc = emptyMeetingDoc({
      actions: [
        { id: 'x3', ref: 'A3', what: 'c', who: '', status: 'open', notes: '' },
        { id: 'x1', ref: 'A1', what: 'a', who: '', status: 'open', notes: '' },
        { id: 'x2', ref: 'A2', what: 'b', who: '', status: 'open', notes: '' },
      ],
    });
    expect(readMeeting(doc).actions.map((a) => a.ref)).toEqual(['A1', 'A2', 'A3']);
    addListEntry(doc, 'actions', { ref: 'A1bis' }, 'x1');
    moveListEntry(doc, 'actions', 'x3', null);
    expect(readMeeting(doc).actions.map((a) => a.ref)).toEqual(['A3', 'A1', 'A1bis', 'A2']);
    expect(() => moveListEntry(doc, 'actions', 'x3', 'x3')).toThrow(MeetingOpError);
    expect(() => addListEntry(doc, 'actions', { ref: 'A9' }, 'nope')).toThrow(MeetingOpError);
  });

  it('deliverables: in rank order, edited, moved, deleted', () => {
    const doc = emptyMeetingDoc();
    const d1 = addListEntry(doc, 'deliverables', { name: 'TS-0003', version: '2.4.0', reference: 'SEC-2016-0080' });
    const d2 = addListEntry(doc, 'deliverables', { name: 'TR-0008', version: '0.1.0' });
    updateListEntry(doc, 'deliverables', d1, { version: '2.5.0', note: 'baseline' });
    moveListEntry(doc, 'deliverables', d2, null);
    expect(readMeeting(doc).deliverables.map((d) => [d.name, d.version])).toEqual([['TR-0008', '0.1.0'], ['TS-0003', '2.5.0']]);
    deleteListEntry(doc, 'deliverables', d2);
    expect(readMeeting(doc).deliverables.map((d) => d.id)).toEqual([d1]);
    expect(() => updateListEntry(doc, 'deliverables', d2, { version: '1' })).toThrow(MeetingOpError);
  });

  it('objectives: in rank order, edited, moved, deleted', () => {
    const doc = emptyMeetingDoc();
    const o1 = addListEntry(doc, 'objectives', { text: 'Agree the work plan' });
    const o2 = addListEntry(doc, 'objectives', { text: 'Approve TS-0003' });
    const o3 = addListEntry(doc, 'objectives', { text: 'Liaisons' }, o1);
    expect(readMeeting(doc).objectives.map((o) => o.text)).toEqual(['Agree the work plan', 'Liaisons', 'Approve TS-0003']);
    updateListEntry(doc, 'objectives', o2, { text: 'Approve TS-0003 v2.5.0' });
    moveListEntry(doc, 'objectives', o1, undefined);
    deleteListEntry(doc, 'objectives', o3);
    expect(readMeeting(doc).objectives.map((o) => o.text)).toEqual(['Approve TS-0003 v2.5.0', 'Agree the work plan']);
  });
});

describe('live and meta', () => {
  it('sets and clears what the room is on now; deleting the target clears it', () => {
    const doc = emptyMeetingDoc();
    const item = addAgendaItem(doc, { label: '5.2' });
    const c = addContribution(doc, { number: 'SEC-2016-0094', agendaItemId: item });
    setLive(doc, { agendaItemId: item, contributionId: c, banner: 'Coffee until 11:00' });
    expect(readLive(doc)).toEqual({ agendaItemId: item, contributionId: c, sessionId: null, banner: 'Coffee until 11:00' });
    setLive(doc, { banner: '' });
    expect(readLive(doc).contributionId).toBe(c);
    deleteContribution(doc, c);
    expect(readLive(doc)).toEqual({ agendaItemId: item, contributionId: null, sessionId: null, banner: '' });
    deleteAgendaItem(doc, item);
    expect(readLive(doc).agendaItemId).toBeNull();
    setLive(doc, { agendaItemId: 'gone-already' });
    expect(readMeeting(doc).live.agendaItemId).toBeNull();
  });

  it('sets meta fields, normalising dates and refusing a bad date or purpose', () => {
    const doc = emptyMeetingDoc();
    setMeta(doc, { title: 'SEC 23', startDate: '2016-5-16', purpose: 'decision' });
    expect(readMeta(doc)).toMatchObject({ title: 'SEC 23', startDate: '2016-05-16', purpose: 'decision' });
    expect(() => setMeta(doc, { endDate: '20/05/2016' })).toThrow(/endDate: expected YYYY-MM-DD/);
    expect(() => setMeta(doc, { title: 'x', purpose: 'fun' as never })).toThrow(/purpose/);
    expect(readMeta(doc).title).toBe('SEC 23');
  });
});

describe('action items: due date and agenda item (issue 25)', () => {
  it('keeps a due date (normalised) and an agenda item; refuses a bad date or an unknown item', () => {
    const doc = emptyMeetingDoc();
    const item = addAgendaItem(doc, { label: '5.2', title: 'Security' });
    const a = addListEntry(doc, 'actions', { ref: 'A-1', what: 'Send the LS', who: 'Jane', due: '2026-3-9', agendaItemId: item });
    expect(readMeeting(doc).actions[0]).toMatchObject({ id: a, due: '2026-03-09', agendaItemId: item, status: 'open' });
    expect(() => updateListEntry(doc, 'actions', a, { due: 'next week' })).toThrow(/due: expected YYYY-MM-DD/);
    expect(() => updateListEntry(doc, 'actions', a, { agendaItemId: 'nope' })).toThrow(MeetingOpError);
    updateListEntry(doc, 'actions', a, { due: '' });
    expect(readMeeting(doc).actions[0].due).toBe('');
    // An action without either field has neither in its JSON (an older meeting reads as before).
    addListEntry(doc, 'actions', { ref: 'A-2', what: 'Plain' });
    const plain = readMeeting(doc).actions[1];
    expect('due' in plain || 'agendaItemId' in plain).toBe(false);
  });

  it('goes with its agenda item when the item is deleted: to the parent, else to none', () => {
    const doc = emptyMeetingDoc();
    const parent = addAgendaItem(doc, { label: '5' });
    const child = addAgendaItem(doc, { label: '5.2', parentId: parent });
    const a = addListEntry(doc, 'actions', { ref: 'A-1', what: 'x', agendaItemId: child });
    deleteAgendaItem(doc, child);
    expect(readMeeting(doc).actions.find((x) => x.id === a)!.agendaItemId).toBe(parent);
    deleteAgendaItem(doc, parent);
    expect(readMeeting(doc).actions.find((x) => x.id === a)!.agendaItemId).toBe('');
  });
});
