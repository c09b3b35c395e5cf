/**
 * Undo with Y.UndoManager, as the board sets it up: only the changes this replica made under its own
 * transaction origin are undone; a peer's edits that arrived meanwhile stay.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, deleteAgendaItem, moveAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution, reviseContribution, setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { emptyMeetingDoc, outline, replicaOf } from './meetingTestDoc.js';

const LOCAL = Symbol('local');
const REMOTE = Symbol('remote');

function setup() {
  const doc = emptyMeetingDoc();
  const one = addAgendaItem(doc, { id: 'one', label: '1' });
  addAgendaItem(doc, { id: 'one-one', parentId: one, label: '1.1' });
  addAgendaItem(doc, { id: 'two', label: '2' });
  const c = addContribution(doc, { id: 'c', number: 'SEC-2016-0094R02', title: 'Old', agendaItemId: one });
  const peer = replicaOf(doc);
  const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([LOCAL]), captureTimeout: 0 });
  const local = (fn: (d: Y.Doc) => void) => doc.transact(() => fn(doc), LOCAL);
  const fromPeer = (fn: (d: Y.Doc) => void) => {
    const before = Y.encodeStateVector(doc);
    fn(peer);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, before), REMOTE);
  };
  return { doc, peer, undo, local, fromPeer, one, c };
}

const row = (doc: Y.Doc, id: string) => readMeeting(doc).contributions.find((x) => x.id === id);

describe('undo', () => {
  it('undoes a local status change, history entry included, and keeps a peer edit made meanwhile', () => {
    const { doc, undo, local, fromPeer, c } = setup();
    local((d) => setContributionStatus(d, c, 'agreed', { by: 'Chair', at: '2016-05-16T10:00:00Z' }));
    fromPeer((d) => updateContribution(d, c, { title: 'Peer title' }));
    undo.undo();
    expect(row(doc, c)).toMatchObject({ status: 'available', history: [], title: 'Peer title' });
    undo.redo();
    expect(row(doc, c)).toMatchObject({ status: 'agreed', title: 'Peer title' });
  });

  it('does not undo what only a peer did', () => {
    const { doc, undo, fromPeer, c } = setup();
    fromPeer((d) => setContributionStatus(d, c, 'noted', { by: 'Peer' }));
    expect(undo.undoStack).toHaveLength(0);
    undo.undo();
    expect(row(doc, c)!.status).toBe('noted');
  });

  it('undoes a revision in one step: the new row goes, the old one is no longer revised', () => {
    const { doc, undo, local, c } = setup();
    let r = '';
    local((d) => (r = reviseContribution(d, c, { by: 'Chair' })));
    expect(row(doc, r)!.number).toBe('SEC-2016-0094R03');
    undo.undo();
    expect(row(doc, r)).toBeUndefined();
    expect(row(doc, c)).toMatchObject({ status: 'available', history: [] });
  });

  it('undoes the delete of an item: it comes back with its sub-item and rows in place', () => {
    const { doc, undo, local, one, c } = setup();
    const before = readMeeting(doc);
    local((d) => deleteAgendaItem(d, one));
    expect(outline(doc)).toEqual(['1.1', '2']);
    undo.undo();
    expect(readMeeting(doc)).toEqual(before);
    expect(row(doc, c)!.agendaItemId).toBe(one);
  });

  it('undoes a move while a peer added an item elsewhere', () => {
    const { doc, undo, local, fromPeer, one } = setup();
    local((d) => moveAgendaItem(d, one, 'two'));
    fromPeer((d) => addAgendaItem(d, { id: 'three', label: '3' }));
    undo.undo();
    expect(outline(doc)).toEqual(['1', '  1.1', '2', '3']);
  });
});
