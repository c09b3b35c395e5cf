import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, deleteAgendaItem } from '../../shared/document/agendaOps.js';
import {
  addContribution,
  baseNumber,
  deleteContribution,
  mergeContribution,
  moveContribution,
  nextRevisionNumber,
  reviseContribution,
  revisedTo,
  setContributionStatus,
  updateContribution,
} from '../../shared/document/contributionOps.js';
import { MeetingOpError } from '../../shared/document/entityOps.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { readLive, setLive, setStatuses } from '../../shared/document/meetingParts.js';
import { presetStatuses } from '../../shared/document/statuses.js';
import { emptyMeetingDoc, numbersUnder, replicaOf, syncBoth } from './meetingTestDoc.js';

const chair = { by: 'Chair', at: '2016-05-16T10:00:00.000Z' };

function withRows() {
  const doc = emptyMeetingDoc();
  const item = addAgendaItem(doc, { id: 'i52', label: '5.2' });
  const other = addAgendaItem(doc, { id: 'i53', label: '5.3' });
  const a = addContribution(doc, { id: 'ca', number: 'SEC-2016-0094R02', title: 'Security', source: 'Huawei', agendaItemId: item });
  const b = addContribution(doc, { id: 'cb', number: 'ARC-2016-0244', title: 'Arch', source: 'ETSI', agendaItemId: item, type: 'CR' });
  const c = addContribution(doc, { id: 'cc', number: 'SEC-2016-0101', agendaItemId: item });
  return { doc, item, other, a, b, c };
}

const row = (doc: Y.Doc, id: string) => readMeeting(doc).contributions.find((c) => c.id === id)!;

describe('contributions: add, edit, move, delete', () => {
  it('adds rows in order, available, with no history', () => {
    const { doc, item } = withRows();
    expect(numbersUnder(doc, item)).toEqual(['SEC-2016-0094R02', 'ARC-2016-0244', 'SEC-2016-0101']);
    expect(row(doc, 'ca')).toMatchObject({ status: 'available', history: [], aliases: [], revisionOf: null, notes: '' });
  });

  it('adds a row first, after another, or unallocated', () => {
    const { doc, item, a } = withRows();
    addContribution(doc, { number: 'FIRST', agendaItemId: item }, null);
    addContribution(doc, { number: 'AFTER-A', agendaItemId: item }, a);
    addContribution(doc, { number: 'LOOSE' });
    expect(numbersUnder(doc, item)).toEqual(['FIRST', 'SEC-2016-0094R02', 'AFTER-A', 'ARC-2016-0244', 'SEC-2016-0101']);
    expect(numbersUnder(doc, '')).toEqual(['LOOSE']);
    expect(readMeeting(doc).contributions.at(-1)!.number).toBe('LOOSE');
  });

  it('refuses an unknown agenda item, an unknown status and a taken id', () => {
    const { doc } = withRows();
    expect(() => addContribution(doc, { number: 'X', agendaItemId: 'nope' })).toThrow(MeetingOpError);
    expect(() => addContribution(doc, { number: 'X', status: 'agred' })).toThrow(/unknown status "agred"/);
    expect(() => addContribution(doc, { id: 'ca', number: 'X' })).toThrow(/exists already/);
  });

  it('edits its own fields but not its status, place or links', () => {
    const { doc, a } = withRows();
    updateContribution(doc, a, { title: 'New title', aliases: ['TST-2016-0091'], notes: 'two\nlines', for: 'Approval', status: 'agreed', agendaItemId: '' } as never);
    expect(row(doc, a)).toMatchObject({ title: 'New title', aliases: ['TST-2016-0091'], notes: 'two\nlines', for: 'Approval', status: 'available', agendaItemId: 'i52' });
    expect(() => updateContribution(doc, 'nope', { title: 'x' })).toThrow(MeetingOpError);
  });

  it('moves a row within its item and to another item', () => {
    const { doc, item, other, a, c } = withRows();
    moveContribution(doc, a, item, c);
    expect(numbersUnder(doc, item)).toEqual(['ARC-2016-0244', 'SEC-2016-0101', 'SEC-2016-0094R02']);
    moveContribution(doc, c, other);
    expect(numbersUnder(doc, other)).toEqual(['SEC-2016-0101']);
    moveContribution(doc, c, '');
    expect(numbersUnder(doc, '')).toEqual(['SEC-2016-0101']);
    expect(() => moveContribution(doc, c, 'nope')).toThrow(MeetingOpError);
  });

  it('deletes a row, clears live from it, and a revision of it then reads with no link', () => {
    const { doc, a } = withRows();
    const r = reviseContribution(doc, a, chair);
    setLive(doc, { contributionId: a });
    deleteContribution(doc, a);
    expect(readLive(doc).contributionId).toBeNull();
    expect(row(doc, r).revisionOf).toBeNull();
    deleteContribution(doc, a);
  });
});

describe('status', () => {
  it('sets a status and appends {status, at, by} to the history', () => {
    const { doc, a } = withRows();
    setContributionStatus(doc, a, 'noted', chair);
    setContributionStatus(doc, a, 'agreed', { by: 'Secretary', at: '2016-05-16T11:00:00.000Z' });
    expect(row(doc, a).status).toBe('agreed');
    expect(row(doc, a).history).toEqual([
      { status: 'noted', at: '2016-05-16T10:00:00.000Z', by: 'Chair' },
      { status: 'agreed', at: '2016-05-16T11:00:00.000Z', by: 'Secretary' },
    ]);
  });

  it('stamps the time now when none is given', () => {
    const { doc, a } = withRows();
    const before = Date.now();
    setContributionStatus(doc, a, 'noted', { by: 'Chair' });
    const at = Date.parse(row(doc, a).history[0].at);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('rejects a status the meeting does not know, and changes nothing', () => {
    const { doc, a } = withRows();
    expect(() => setContributionStatus(doc, a, 'agred', chair)).toThrow('unknown status "agred"');
    expect(() => setContributionStatus(doc, 'nope', 'agreed', chair)).toThrow(MeetingOpError);
    expect(row(doc, a)).toMatchObject({ status: 'available', history: [] });
  });

  it('keeps both entries when two people set a status at once', () => {
    const { doc: x, a } = withRows();
    const y = replicaOf(x);
    setContributionStatus(x, a, 'agreed', chair);
    setContributionStatus(y, a, 'noted', { by: 'Secretary', at: chair.at });
    syncBoth(x, y);
    expect(row(x, a)).toEqual(row(y, a));
    expect(row(x, a).history.map((h) => h.status).sort()).toEqual(['agreed', 'noted']);
  });
});

describe('revise', () => {
  it('R02 becomes revised; a new R03 row links back and sits right after it', () => {
    const { doc, item, a } = withRows();
    const r = reviseContribution(doc, a, chair);
    expect(row(doc, a).status).toBe('revised');
    expect(row(doc, a).history).toEqual([{ status: 'revised', ...chair }]);
    expect(row(doc, r)).toMatchObject({ number: 'SEC-2016-0094R03', revisionOf: a, status: 'available', title: 'Security', source: 'Huawei', agendaItemId: item });
    expect(numbersUnder(doc, item)).toEqual(['SEC-2016-0094R02', 'SEC-2016-0094R03', 'ARC-2016-0244', 'SEC-2016-0101']);
    expect(revisedTo(readMeeting(doc).contributions, a).map((c) => c.id)).toEqual([r]);
  });

  it('a number without a suffix gets R01, and the type is kept', () => {
    const { doc, b } = withRows();
    const r = reviseContribution(doc, b, chair);
    expect(row(doc, r)).toMatchObject({ number: 'ARC-2016-0244R01', type: 'CR' });
  });

  it('takes a given new number (3GPP-style bodies)', () => {
    const { doc, c } = withRows();
    const r = reviseContribution(doc, c, { ...chair, number: ' S2-2001234 ' });
    expect(row(doc, r)).toMatchObject({ number: 'S2-2001234', revisionOf: c });
  });

  it('a given number a reserved row holds turns that row into the revision', () => {
    const { doc, item, other, c } = withRows();
    const reserved = addContribution(doc, { id: 'res', number: 'S2-2001234', status: 'reserved', agendaItemId: other });
    const r = reviseContribution(doc, c, { ...chair, number: 'S2-2001234' });
    expect(r).toBe(reserved);
    expect(row(doc, r)).toMatchObject({ revisionOf: c, agendaItemId: item, status: 'available', history: [{ status: 'available', ...chair }] });
    expect(numbersUnder(doc, item)).toEqual(['SEC-2016-0094R02', 'ARC-2016-0244', 'SEC-2016-0101', 'S2-2001234']);
    expect(readMeeting(doc).contributions.filter((x) => x.number === 'S2-2001234')).toHaveLength(1);
  });

  it('refuses a given number another row already has, changing nothing', () => {
    const { doc, a, b } = withRows();
    expect(() => reviseContribution(doc, a, { ...chair, number: 'ARC-2016-0244' })).toThrow('contribution "ARC-2016-0244" exists already');
    expect(row(doc, a).status).toBe('available');
    expect(row(doc, b).revisionOf).toBeNull();
  });

  it('revising the same row twice skips the numbers already taken', () => {
    const { doc, a } = withRows();
    const r1 = reviseContribution(doc, a, chair);
    const r2 = reviseContribution(doc, a, chair);
    expect([row(doc, r1).number, row(doc, r2).number]).toEqual(['SEC-2016-0094R03', 'SEC-2016-0094R04']);
    const r3 = reviseContribution(doc, r1, chair);
    expect(row(doc, r3).number).toBe('SEC-2016-0094R05');
  });

  it('the chair and the secretary revising one row at the same moment make one revision, not two rows with one number', () => {
    const { doc: x, a, item } = withRows();
    const y = replicaOf(x);
    const rx = reviseContribution(x, a, chair);
    const ry = reviseContribution(y, a, { by: 'Secretary', at: '2016-05-16T10:00:01.000Z' });
    expect(rx).toBe(ry);
    syncBoth(x, y);
    for (const d of [x, y]) {
      expect(numbersUnder(d, item)).toEqual(['SEC-2016-0094R02', 'SEC-2016-0094R03', 'ARC-2016-0244', 'SEC-2016-0101']);
      expect(row(d, rx)).toMatchObject({ status: 'available', revisionOf: a });
      expect(row(d, a).status).toBe('revised');
      expect(row(d, a).history.map((h) => h.by).sort()).toEqual(['Chair', 'Secretary']);
    }
    // Revising to two different given numbers at once is two revisions, as asked.
    const z = replicaOf(x);
    const r1 = reviseContribution(x, 'cc', { ...chair, number: 'SEC-2016-0101R01' });
    const r2 = reviseContribution(z, 'cc', { ...chair, number: 'SEC-2016-0101R05' });
    syncBoth(x, z);
    expect(r1).not.toBe(r2);
    expect(numbersUnder(x, item).filter((n) => n.startsWith('SEC-2016-0101')).sort()).toEqual(['SEC-2016-0101', 'SEC-2016-0101R01', 'SEC-2016-0101R05']);
  });

  it('a revision whose id a renumbered row already holds gets a fresh id', () => {
    const { doc, a } = withRows();
    const r1 = reviseContribution(doc, a, chair);
    updateContribution(doc, r1, { number: 'SEC-2016-0094R09' });
    setContributionStatus(doc, a, 'available', chair);
    const r2 = reviseContribution(doc, a, chair);
    expect(r2).not.toBe(r1);
    expect(row(doc, r2).number).toBe('SEC-2016-0094R03');
    expect(row(doc, r1).number).toBe('SEC-2016-0094R09');
  });

  it('refuses without writing anything: unknown row, taken id, a vocabulary without "revised"', () => {
    const { doc, a } = withRows();
    const before = Y.encodeStateVector(doc);
    expect(() => reviseContribution(doc, 'nope', chair)).toThrow(MeetingOpError);
    expect(() => reviseContribution(doc, a, { ...chair, id: 'cb' })).toThrow(/exists already/);
    setStatuses(doc, presetStatuses().filter((s) => s.id !== 'revised'));
    const afterVocabulary = Y.encodeStateVector(doc);
    expect(() => reviseContribution(doc, a, chair)).toThrow(/unknown status "revised"/);
    expect(Y.encodeStateVector(doc)).toEqual(afterVocabulary);
    expect(before).not.toEqual(afterVocabulary);
    expect(row(doc, a).status).toBe('available');
  });

  it('revises a row whose agenda item a peer deleted at the same time: old and new read unallocated', () => {
    const { doc: x, item } = withRows();
    const y = replicaOf(x);
    const added = addContribution(x, { id: 'cn', number: 'SEC-2016-0120', agendaItemId: item });
    deleteAgendaItem(y, item);
    syncBoth(x, y);
    expect(row(x, added).agendaItemId).toBe('');
    const before = numbersUnder(x, '');
    const r = reviseContribution(x, added, chair);
    expect(row(x, r).agendaItemId).toBe('');
    expect(row(x, added).status).toBe('revised');
    const after = numbersUnder(x, '');
    expect(after.indexOf('SEC-2016-0120R01')).toBe(after.indexOf('SEC-2016-0120') + 1);
    expect(after).toHaveLength(before.length + 1);
  });

  it('computes revision numbers', () => {
    expect(nextRevisionNumber('SEC-2016-0094R02')).toBe('SEC-2016-0094R03');
    expect(nextRevisionNumber('SEC-2016-0094R09')).toBe('SEC-2016-0094R10');
    expect(nextRevisionNumber('SEC-2016-0094r1')).toBe('SEC-2016-0094r2');
    expect(nextRevisionNumber('ARC-2016-0244')).toBe('ARC-2016-0244R01');
    expect(baseNumber('SEC-2016-0094R02')).toBe('SEC-2016-0094');
    expect(baseNumber('S2-2001234')).toBe('S2-2001234');
  });
});

describe('merge', () => {
  it('sets merged, records the history and links mergedInto', () => {
    const { doc, a, b } = withRows();
    mergeContribution(doc, a, b, chair);
    expect(row(doc, a)).toMatchObject({ status: 'merged', mergedInto: b, history: [{ status: 'merged', ...chair }] });
  });

  it('a merge taken back (another status set) drops the merge link', () => {
    const { doc, a, b } = withRows();
    mergeContribution(doc, a, b, chair);
    setContributionStatus(doc, a, 'available', chair);
    expect(row(doc, a)).toMatchObject({ status: 'available', mergedInto: null });
    expect(row(doc, a).history.map((h) => h.status)).toEqual(['merged', 'available']);
  });

  it('refuses to merge into itself or into nothing, changing nothing', () => {
    const { doc, a } = withRows();
    expect(() => mergeContribution(doc, a, a, chair)).toThrow(/itself/);
    expect(() => mergeContribution(doc, a, 'nope', chair)).toThrow(MeetingOpError);
    expect(row(doc, a).status).toBe('available');
  });

  it('a merge into a row a peer deletes reads with no link', () => {
    const { doc: x, a, b } = withRows();
    const y = replicaOf(x);
    mergeContribution(x, a, b, chair);
    deleteContribution(y, b);
    syncBoth(x, y);
    expect(row(x, a).mergedInto).toBeNull();
    expect(readMeeting(x)).toEqual(readMeeting(y));
  });
});
