/**
 * Bringing a newer file into a meeting: the three-way merge of importMerge.ts, dry run, conflicts and
 * their settling, undo as one step, and an agenda filling in a meeting made from a Tdoc list.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution, reviseContribution, setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { mergeImport, recordInitialImport, settleConflict, type MergeSummary } from '../../shared/merge/importMerge.js';
import { emptyMeeting, emptyMeetingDoc } from './meetingTestDoc.js';
import { addEntity } from '../../shared/document/entityOps.js';

interface Row {
  number: string;
  title: string;
  item: string;
  source?: string;
  status?: string;
  columns?: Record<string, string>;
  revisionOf?: string;
}

/** A Tdoc list as an importer gives it: fresh random ids every time, like a new upload. */
function list(items: [string, string][], rows: Row[], meta: Partial<MeetingJson['meta']> = {}): MeetingJson {
  const doc = emptyMeetingDoc();
  setMeta(doc, { title: 'SA2#160', body: '3GPP', ...meta });
  const ids = new Map<string, string>();
  for (const [label, title] of items) {
    const parentLabel = label.includes('.') ? label.slice(0, label.lastIndexOf('.')) : undefined;
    ids.set(label, addAgendaItem(doc, { label, title, parentId: parentLabel ? ids.get(parentLabel) : null }));
  }
  const rowIds = new Map<string, string>();
  for (const r of rows) {
    const id = addContribution(doc, { number: r.number, title: r.title, source: r.source ?? 'Nokia', agendaItemId: ids.get(r.item)!, status: r.status, columns: r.columns });
    rowIds.set(r.number, id);
  }
  for (const r of rows) if (r.revisionOf) doc.getMap('contributions').get(rowIds.get(r.number)!) && setRevision(doc, rowIds.get(r.number)!, rowIds.get(r.revisionOf)!);
  return readMeeting(doc);
}

function setRevision(doc: Y.Doc, id: string, of: string): void {
  (doc.getMap('contributions').get(id) as Y.Map<unknown>).set('revisionOf', of);
}

const ITEMS: [string, string][] = [
  ['1', 'Opening'],
  ['5', 'Work items'],
  ['5.1', 'Study on X'],
];
const ROWS: Row[] = [
  { number: 'S2-2400001', title: 'Agenda', item: '1', status: 'approved' },
  { number: 'S2-2400010', title: 'X: first', item: '5.1' },
  { number: 'S2-2400011', title: 'X: second', item: '5.1', columns: { Release: 'Rel-19' } },
  { number: 'S2-2400012', title: 'X: third', item: '5.1' },
];

/** A meeting made from `meeting` as POST /api/meetings makes it: the document and its base. */
function created(meeting: MeetingJson): Y.Doc {
  const doc = createMeetingDoc(meeting);
  recordInitialImport(doc, meeting);
  return doc;
}

const rowByNumber = (doc: Y.Doc, n: string) => readMeeting(doc).contributions.find((c) => c.number === n);
const numbersUnder = (doc: Y.Doc, label: string) => {
  const m = readMeeting(doc);
  const item = m.agenda.find((a) => a.label === label)!;
  return m.contributions.filter((c) => c.agendaItemId === item.id).map((c) => c.number);
};
const brief = (s: MergeSummary) => ({
  added: s.added.map((a) => `${a.kind} ${a.label}`),
  updated: s.updated.map((u) => `${u.kind} ${u.label}: ${u.fields.map((f) => f.field).join(',')}`),
  unchanged: s.unchanged,
  conflicts: s.conflicts.map((c) => `${c.label} ${c.field}`),
  missing: s.missing.map((m) => m.label),
});

describe('mergeImport', () => {
  it('finds nothing to do in the same file imported again, and changes nothing', () => {
    const doc = created(list(ITEMS, ROWS));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const s = mergeImport(doc, list(ITEMS, ROWS));
    expect(brief(s)).toEqual({ added: [], updated: [], unchanged: 7, conflicts: [], missing: [] });
    expect(updates).toEqual([]);
  });

  it('adds new Tdocs and items in the file order, applies the file changes, and lists the Tdocs it no longer has', () => {
    const doc = created(list(ITEMS, ROWS));
    const before = readMeeting(doc);
    const newer = list(
      [...ITEMS, ['5.2', 'Study on Y']],
      [
        { number: 'S2-2400001', title: 'Agenda', item: '1', status: 'approved' },
        { number: 'S2-2400010', title: 'X: first, revised title', item: '5.1' },
        { number: 'S2-2400020', title: 'X: inserted', item: '5.1' },
        { number: 'S2-2400011', title: 'X: second', item: '5.1', columns: { Release: 'Rel-20' }, status: 'withdrawn' },
        { number: 'S2-2400030', title: 'Y: new', item: '5.2' },
      ],
    );
    const s = mergeImport(doc, newer);
    expect(brief(s)).toEqual({
      added: ['agendaItem 5.2', 'contribution S2-2400020', 'contribution S2-2400030'],
      updated: ['contribution S2-2400010: title', 'contribution S2-2400011: status,columns'],
      unchanged: 4,
      conflicts: [],
      missing: ['S2-2400012'],
    });
    expect(s.updated[0].fields[0]).toEqual({ field: 'title', from: 'X: first', to: 'X: first, revised title' });
    // Nothing deleted; the new row sits where the file has it; the new item holds its row.
    expect(numbersUnder(doc, '5.1')).toEqual(['S2-2400010', 'S2-2400020', 'S2-2400011', 'S2-2400012']);
    expect(numbersUnder(doc, '5.2')).toEqual(['S2-2400030']);
    expect(readMeeting(doc).agenda.find((a) => a.label === '5.2')!.parentId).toBe(before.agenda.find((a) => a.label === '5')!.id);
    const withdrawn = rowByNumber(doc, 'S2-2400011')!;
    expect(withdrawn).toMatchObject({ status: 'withdrawn', columns: { Release: 'Rel-20' } });
    expect(withdrawn.history.map((h) => [h.status, h.by])).toEqual([['withdrawn', 'import']]);
    // Ids of existing rows are kept (links, notes and history stay with them).
    expect(withdrawn.id).toBe(before.contributions.find((c) => c.number === 'S2-2400011')!.id);
    // The same newer file again: quiet.
    expect(brief(mergeImport(doc, newer))).toMatchObject({ added: [], updated: [], conflicts: [], missing: ['S2-2400012'] });
  });

  it('keeps a field Plenary changed since the last import and lists the pair as a conflict; settling takes either side', () => {
    const doc = created(list(ITEMS, ROWS));
    const id = rowByNumber(doc, 'S2-2400010')!.id;
    const other = rowByNumber(doc, 'S2-2400011')!.id;
    updateContribution(doc, id, { title: 'Title fixed in the room' });
    setContributionStatus(doc, other, 'agreed', { by: 'Chair' });
    const newer = list(ITEMS, [ROWS[0], { ...ROWS[1], title: 'Title changed on the portal' }, { ...ROWS[2], source: 'Ericsson' }, ROWS[3]]);
    const s = mergeImport(doc, newer);
    expect(brief(s)).toEqual({ added: [], updated: ['contribution S2-2400011: source'], unchanged: 5, conflicts: ['S2-2400010 title'], missing: [] });
    expect(s.conflicts[0]).toEqual({ kind: 'contribution', id, label: 'S2-2400010', field: 'title', plenary: 'Title fixed in the room', file: 'Title changed on the portal' });
    // Plenary's value stayed; the decision taken in the room (status, not in the file's changes) too.
    expect(rowByNumber(doc, 'S2-2400010')!.title).toBe('Title fixed in the room');
    expect(rowByNumber(doc, 'S2-2400011')!.status).toBe('agreed');
    // Until settled, the same file gives the same conflict.
    expect(mergeImport(doc, newer, { dryRun: true }).conflicts).toHaveLength(1);

    settleConflict(doc, s.conflicts[0], 'plenary');
    expect(rowByNumber(doc, 'S2-2400010')!.title).toBe('Title fixed in the room');
    expect(mergeImport(doc, newer, { dryRun: true }).conflicts).toEqual([]);

    // The portal changes it again: Plenary's differs from what was imported, so a conflict again; take the file's.
    const newest = list(ITEMS, [ROWS[0], { ...ROWS[1], title: 'Third title' }, { ...ROWS[2], source: 'Ericsson' }, ROWS[3]]);
    const again = mergeImport(doc, newest);
    expect(again.conflicts.map((c) => c.file)).toEqual(['Third title']);
    settleConflict(doc, again.conflicts[0], 'file');
    expect(rowByNumber(doc, 'S2-2400010')!.title).toBe('Third title');
    expect(brief(mergeImport(doc, newest))).toMatchObject({ updated: [], conflicts: [] });
  });

  it('moves a Tdoc to the item the file gives, and settles a conflict over the item by number', () => {
    const doc = created(list([...ITEMS, ['5.2', 'Study on Y']], ROWS));
    const moved = list([...ITEMS, ['5.2', 'Study on Y']], [ROWS[0], { ...ROWS[1], item: '5.2' }, ROWS[2], ROWS[3]]);
    expect(brief(mergeImport(doc, moved)).updated).toEqual(['contribution S2-2400010: agendaItem']);
    expect(numbersUnder(doc, '5.2')).toEqual(['S2-2400010']);
    // Plenary moves it back to 5.1; the portal moves it to 1: a conflict, settled with the file's item.
    const m = readMeeting(doc);
    const row = m.contributions.find((c) => c.number === 'S2-2400010')!;
    doc.transact(() => (doc.getMap('contributions').get(row.id) as Y.Map<unknown>).set('agendaItemId', m.agenda.find((a) => a.label === '5.1')!.id));
    const s = mergeImport(doc, list([...ITEMS, ['5.2', 'Study on Y']], [ROWS[0], { ...ROWS[1], item: '1' }, ROWS[2], ROWS[3]]));
    expect(s.conflicts).toEqual([{ kind: 'contribution', id: row.id, label: 'S2-2400010', field: 'agendaItem', plenary: '5.1', file: '1' }]);
    settleConflict(doc, s.conflicts[0], 'file');
    expect(numbersUnder(doc, '1')).toEqual(['S2-2400001', 'S2-2400010']);
  });

  it('links a new revision to the Tdoc it revises, by number', () => {
    const doc = created(list(ITEMS, ROWS));
    mergeImport(doc, list(ITEMS, [...ROWS.slice(0, 2), { ...ROWS[2], status: 'revised' }, ROWS[3], { number: 'S2-2400099', title: 'X: second', item: '5.1', revisionOf: 'S2-2400011' }]));
    const m = readMeeting(doc);
    const rev = m.contributions.find((c) => c.number === 'S2-2400099')!;
    expect(rev.revisionOf).toBe(m.contributions.find((c) => c.number === 'S2-2400011')!.id);
    expect(m.contributions.find((c) => c.number === 'S2-2400011')!.status).toBe('revised');
  });

  it('answers the same summary in a dry run and changes nothing', () => {
    const doc = created(list(ITEMS, ROWS));
    const newer = list([...ITEMS, ['6', 'AOB']], [...ROWS.slice(1), { number: 'S2-2400050', title: 'AOB item', item: '6' }]);
    const sv = Y.encodeStateVector(doc);
    const dry = mergeImport(doc, newer, { dryRun: true });
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    const real = mergeImport(doc, newer);
    expect(brief(dry)).toEqual(brief(real));
    expect(brief(real).added).toEqual(['agendaItem 6', 'contribution S2-2400050']);
  });

  it('is one transaction with the given origin: one undo takes the whole import back', () => {
    const doc = created(list(ITEMS, ROWS));
    const before = readMeeting(doc);
    const IMPORT = Symbol('import');
    const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([IMPORT]), captureTimeout: 0 });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    mergeImport(doc, list([...ITEMS, ['6', 'AOB']], [{ ...ROWS[0], title: 'Agenda v2' }, ...ROWS.slice(1), { number: 'S2-2400050', title: 'AOB', item: '6', status: 'noted' }]), { origin: IMPORT });
    expect(transactions).toBe(1);
    expect(readMeeting(doc).contributions).toHaveLength(5);
    undo.undo();
    const after = readMeeting(doc);
    expect(after.contributions.map((c) => [c.number, c.title, c.status])).toEqual(before.contributions.map((c) => [c.number, c.title, c.status]));
    expect(after.agenda.map((a) => a.label)).toEqual(before.agenda.map((a) => a.label));
  });

  it('adds a status word the meeting does not know yet', () => {
    const doc = created(list(ITEMS, ROWS));
    const newer = list(ITEMS, ROWS);
    newer.statuses.push({ id: 'reply-open', label: 'REPLY OPEN', final: false });
    newer.contributions[1].status = 'reply-open';
    mergeImport(doc, newer);
    expect(readMeeting(doc).statuses.find((s) => s.id === 'reply-open')).toEqual({ id: 'reply-open', label: 'REPLY OPEN', final: false });
    expect(rowByNumber(doc, 'S2-2400010')!.status).toBe('reply-open');
  });

  it('fills a meeting made from a Tdoc list with an agenda: empty titles, the time plan, dates; no item twice', () => {
    const fromList = list(
      [
        ['1', 'Opening'],
        ['5.1', ''],
      ],
      ROWS.filter((r) => r.item !== '5'),
      { startDate: '', venue: '' },
    );
    const doc = created(fromList);
    const agendaDoc = emptyMeetingDoc();
    setMeta(agendaDoc, { title: 'SA WG2 Meeting #160', startDate: '2024-02-26', endDate: '2024-03-01', venue: 'Athens', timezone: 'Europe/Athens' });
    const i1 = addAgendaItem(agendaDoc, { label: '1', title: 'Opening of the meeting' });
    const i5 = addAgendaItem(agendaDoc, { label: '5', title: 'Work items' });
    const i51 = addAgendaItem(agendaDoc, { label: '5.1', title: 'Study on X', parentId: i5 });
    addEntity(agendaDoc, 'sessions', { id: 's1', date: '2024-02-26', start: '09:00', end: '10:30', code: 'S1', title: 'Opening', agendaItemIds: [i1, i51] });
    const agenda = readMeeting(agendaDoc);
    const s = mergeImport(doc, agenda);
    expect(brief(s)).toEqual({
      added: ['agendaItem 5', 'session S1'],
      updated: ['agendaItem 5.1: parent,title', 'meeting SA2#160: startDate,endDate,venue,timezone'],
      unchanged: 1,
      conflicts: [],
      missing: [],
    });
    const m = readMeeting(doc);
    // The new item 5 goes where the agenda has it (after 1), and 5.1 under it.
    expect(m.agenda.map((a) => [a.label, a.title])).toEqual([
      ['1', 'Opening'],
      ['5', 'Work items'],
      ['5.1', 'Study on X'],
    ]);
    expect(m.contributions).toHaveLength(ROWS.length);
    expect(m.agenda[2].parentId).toBe(m.agenda[1].id);
    expect(m.sessions).toHaveLength(1);
    expect(m.sessions[0].agendaItemIds).toEqual([m.agenda[0].id, m.agenda[2].id]);
    expect(m.meta).toMatchObject({ title: 'SA2#160', startDate: '2024-02-26', venue: 'Athens', timezone: 'Europe/Athens' });
    // The agenda again: nothing; and the Tdoc list again after it: nothing either (each kind has its base).
    expect(brief(mergeImport(doc, agenda))).toMatchObject({ added: [], updated: [], conflicts: [] });
    expect(brief(mergeImport(doc, fromList))).toMatchObject({ added: [], updated: [], conflicts: [], missing: [] });
  });

  it('treats a meeting without any import record by filling empty fields and listing every other difference as a conflict', () => {
    const doc = createMeetingDoc(list(ITEMS, ROWS));
    const s = mergeImport(doc, list(ITEMS, [...ROWS.slice(0, 3), { ...ROWS[3], title: 'Different' }]));
    expect(brief(s)).toMatchObject({ added: [], conflicts: ['S2-2400012 title'], missing: [] });
    const empty = emptyMeeting();
    expect(brief(mergeImport(createMeetingDoc(empty), list(ITEMS, ROWS))).added).toHaveLength(7);
  });

  it('takes a revision numbered in Plenary into the list without conflicts over the cells it copied', () => {
    const doc = created(list(ITEMS, ROWS));
    const old = rowByNumber(doc, 'S2-2400011')!;
    reviseContribution(doc, old.id, { by: 'Chair', number: 'S2-2400500' });
    // The portal's list now has the revision, with its own reservation cells.
    const newer = list(ITEMS, [...ROWS.slice(0, 2), { ...ROWS[2], status: 'revised' }, { number: 'S2-2400500', title: 'X: second', item: '5.1', columns: { Release: 'Rel-19', 'Reservation date': '2024-02-27' }, revisionOf: 'S2-2400011' }, ROWS[3]]);
    const s = mergeImport(doc, newer);
    expect(s.conflicts).toEqual([]);
    expect(s.added).toEqual([]);
    expect(rowByNumber(doc, 'S2-2400500')!.columns).toEqual({ Release: 'Rel-19', 'Reservation date': '2024-02-27' });
  });

  it('does not duplicate a Tdoc the file lists twice', () => {
    const doc = created(list(ITEMS, ROWS));
    const twice = list(ITEMS, [...ROWS, { number: 'S2-2400077', title: 'New', item: '5.1' }, { number: 'S2-2400077', title: 'New again', item: '1' }]);
    mergeImport(doc, twice);
    expect(readMeeting(doc).contributions.filter((c) => c.number === 'S2-2400077')).toHaveLength(1);
  });
});

describe('mergeImport and the agenda tree', () => {
  it('puts the flat items of a Tdoc list under the parents an agenda gives them, in the agenda order', () => {
    const flat = list(
      [
        ['1', 'Opening'],
        ['5.2', 'Study on Y'],
        ['5.1', 'Study on X'],
      ],
      [{ number: 'S2-2400010', title: 'X', item: '5.1' }],
    );
    const doc = created(flat);
    const agendaDoc = emptyMeetingDoc();
    addAgendaItem(agendaDoc, { label: '1', title: 'Opening' });
    const five = addAgendaItem(agendaDoc, { label: '5', title: 'Work items' });
    addAgendaItem(agendaDoc, { label: '5.1', title: 'Study on X', parentId: five });
    addAgendaItem(agendaDoc, { label: '5.2', title: 'Study on Y', parentId: five });
    const s = mergeImport(doc, readMeeting(agendaDoc));
    expect(brief(s).updated).toEqual(['agendaItem 5.1: parent', 'agendaItem 5.2: parent']);
    const m = readMeeting(doc);
    const byLabel = new Map(m.agenda.map((a) => [a.label, a]));
    expect(m.agenda.map((a) => a.label)).toEqual(['1', '5', '5.1', '5.2']);
    expect(byLabel.get('5.1')!.parentId).toBe(byLabel.get('5')!.id);
    expect(byLabel.get('5.2')!.parentId).toBe(byLabel.get('5')!.id);
    expect(m.contributions[0].agendaItemId).toBe(byLabel.get('5.1')!.id);
    // Once the agenda has come in, it does not move items again (the meeting may have rearranged them).
    expect(brief(mergeImport(doc, readMeeting(agendaDoc))).updated).toEqual([]);
  });
});
