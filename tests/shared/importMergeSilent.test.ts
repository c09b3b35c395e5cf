/**
 * The merge asks only about real disagreements (issue 25): what Plenary wrote itself (a revision's copy)
 * gives way to the portal's values, the portal's lag never undoes a decision of the room, revision links
 * are never emptied and links to Tdocs outside the meeting are kept as numbers; each of those is told in
 * the summary's `silent`, and a person's change against the portal's stays a conflict.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution, deleteContribution, reviseContribution, setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { mergeImport, recordInitialImport, settleConflict, type MergeSummary } from '../../shared/merge/importMerge.js';
import { emptyMeetingDoc } from './meetingTestDoc.js';

interface Row {
  number: string;
  title: string;
  item?: string;
  source?: string;
  status?: string;
  type?: string;
  columns?: Record<string, string>;
  /** A number: linked when the list has that row, else kept as the number of a Tdoc outside the list. */
  revisionOf?: string;
}

/** A Tdoc list as an importer gives it (fresh ids every time, like a new upload). */
function list(rows: Row[]): MeetingJson {
  const doc = emptyMeetingDoc();
  setMeta(doc, { title: 'RAN#110', body: '3GPP' });
  const items = new Map<string, string>();
  for (const label of ['8', '9']) items.set(label, addAgendaItem(doc, { label, title: `Item ${label}` }));
  const ids = new Map<string, string>();
  for (const r of rows) {
    const id = addContribution(doc, { number: r.number, title: r.title, source: r.source ?? 'Nokia', type: r.type, agendaItemId: items.get(r.item ?? '8')!, status: r.status, columns: r.columns });
    ids.set(r.number, id);
  }
  const contributions = doc.getMap('contributions');
  for (const r of rows) {
    if (!r.revisionOf) continue;
    const entry = contributions.get(ids.get(r.number)!) as Y.Map<unknown>;
    if (ids.has(r.revisionOf)) entry.set('revisionOf', ids.get(r.revisionOf)!);
    else entry.set('revisionOfNumber', r.revisionOf);
  }
  return readMeeting(doc);
}

function created(meeting: MeetingJson): Y.Doc {
  const doc = createMeetingDoc(meeting);
  recordInitialImport(doc, meeting);
  return doc;
}

const row = (doc: Y.Doc, n: string) => readMeeting(doc).contributions.find((c) => c.number === n)!;
const silent = (s: MergeSummary) => s.silent.map((x) => `${x.label} ${x.field} ${x.took} ${x.why}`);
const PORTAL = { Contact: 'Joern Krause', 'Contact ID': '12578', 'Reservation date': '12/08/2025 9:02:58 AM', Uploaded: '2025-12-08T09:10:00.000Z', Release: 'Rel-19', 'Related WIs': 'NR_AIML' };

describe('the merge and what Plenary wrote itself', () => {
  it('G-WEEK-3 starts a revision without the cells the portal allocates, and fills them from the next list', () => {
    const doc = created(list([{ number: 'RP-250100', title: 'CR on AI/ML', columns: PORTAL, type: 'CR' }]));
    const rev = reviseContribution(doc, row(doc, 'RP-250100').id, { by: 'Chair', number: 'RP-253800' });
    // The Release and work items hold for the revision; the contact, reservation and upload are the portal's to give.
    expect(readMeeting(doc).contributions.find((c) => c.id === rev)!.columns).toEqual({ Release: 'Rel-19', 'Related WIs': 'NR_AIML' });
    const own = { Contact: 'Ann Lee', 'Contact ID': '9001', 'Reservation date': '12/10/2025 2:00:00 PM', Uploaded: '2025-12-10T14:20:00.000Z', Release: 'Rel-19', 'Related WIs': 'NR_AIML' };
    const s = mergeImport(doc, list([{ number: 'RP-250100', title: 'CR on AI/ML', columns: PORTAL, type: 'CR', status: 'revised' }, { number: 'RP-253800', title: 'CR on AI/ML', type: 'CR', columns: own, revisionOf: 'RP-250100' }]));
    expect(s.conflicts).toEqual([]);
    expect(row(doc, 'RP-253800').columns).toEqual(own);
  });

  it('G-WEEK-1 takes the portal title and source over a revision copy made in Plenary, without a conflict, and says so', () => {
    const doc = created(list([{ number: 'RP-250100', title: 'CR on AI/ML', source: 'Nokia', type: 'CR' }, { number: 'RP-250101', title: 'Other' }]));
    reviseContribution(doc, row(doc, 'RP-250100').id, { by: 'Chair', number: 'RP-253800' });
    setContributionStatus(doc, row(doc, 'RP-253800').id, 'agreed', { by: 'Chair' });
    // The portal's list of Wednesday: the revision with its real title, source and type; its status still
    // from before the room's decision; the original still `available` although the room revised it.
    const newer = list([
      { number: 'RP-250100', title: 'CR on AI/ML', source: 'Nokia', type: 'CR' },
      { number: 'RP-250101', title: 'Other' },
      { number: 'RP-253800', title: 'CR on AI/ML (rev after offline)', source: 'Nokia, Ericsson', type: 'draftCR', status: 'reserved', revisionOf: 'RP-250100', item: '9' },
    ]);
    const s = mergeImport(doc, newer);
    expect(s.conflicts).toEqual([]);
    expect(silent(s).sort()).toEqual(
      ['RP-253800 title file plenary-wrote', 'RP-253800 source file plenary-wrote', 'RP-253800 type file plenary-wrote', 'RP-253800 agendaItem file plenary-wrote', 'RP-253800 status plenary portal-behind'].sort(),
    );
    expect(s.updated.find((u) => u.label === 'RP-253800')!.fields.map((f) => f.field).sort()).toEqual(['agendaItem', 'source', 'title', 'type']);
    const after = row(doc, 'RP-253800');
    expect(after).toMatchObject({ title: 'CR on AI/ML (rev after offline)', source: 'Nokia, Ericsson', type: 'draftCR', status: 'agreed' });
    expect(row(doc, 'RP-250100').status).toBe('revised');
    // The same list again: quiet; the portal catching up with the room: quiet too.
    expect(mergeImport(doc, newer, { dryRun: true })).toMatchObject({ updated: [], conflicts: [] });
    const caughtUp = list([{ number: 'RP-250100', title: 'CR on AI/ML', source: 'Nokia', type: 'CR', status: 'revised' }, { number: 'RP-250101', title: 'Other' }, { number: 'RP-253800', title: 'CR on AI/ML (rev after offline)', source: 'Nokia, Ericsson', type: 'draftCR', status: 'agreed', revisionOf: 'RP-250100', item: '9' }]);
    expect(mergeImport(doc, caughtUp)).toMatchObject({ updated: [], conflicts: [], silent: [] });
  });

  it('G-WEEK-1 keeps the room decision against a portal still showing a status from before it, even with no base', () => {
    const doc = created(list([{ number: 'RP-250100', title: 'A', status: 'reserved' }, { number: 'RP-250101', title: 'B' }]));
    setContributionStatus(doc, row(doc, 'RP-250100').id, 'approved', { by: 'Chair' });
    setContributionStatus(doc, row(doc, 'RP-250101').id, 'noted', { by: 'Chair' });
    // The portal moved A from reserved to available (uploaded), and knows nothing of the decisions.
    const s = mergeImport(doc, list([{ number: 'RP-250100', title: 'A' }, { number: 'RP-250101', title: 'B' }]));
    expect(s.conflicts).toEqual([]);
    expect(silent(s)).toEqual(['RP-250100 status plenary portal-behind']);
    expect([row(doc, 'RP-250100').status, row(doc, 'RP-250101').status]).toEqual(['approved', 'noted']);
    // A meeting with no import record at all: the same.
    const bare = createMeetingDoc(readMeeting(doc));
    expect(mergeImport(bare, list([{ number: 'RP-250100', title: 'A' }, { number: 'RP-250101', title: 'B' }]), { dryRun: true }).conflicts).toEqual([]);
  });

  it('G-WEEK-1 still asks where a person changed a value in Plenary and the portal changed it differently', () => {
    const doc = created(list([{ number: 'RP-250100', title: 'CR on AI/ML' }, { number: 'RP-250101', title: 'B', status: 'available' }]));
    const rev = reviseContribution(doc, row(doc, 'RP-250100').id, { by: 'Chair', number: 'RP-253800' });
    updateContribution(doc, rev, { title: 'CR on AI/ML, as revised in the room' });
    setContributionStatus(doc, row(doc, 'RP-250101').id, 'agreed', { by: 'Chair' });
    const s = mergeImport(doc, list([{ number: 'RP-250100', title: 'CR on AI/ML', status: 'revised' }, { number: 'RP-250101', title: 'B', status: 'noted' }, { number: 'RP-253800', title: 'Portal title', revisionOf: 'RP-250100' }]));
    expect(s.conflicts.map((c) => `${c.label} ${c.field} ${String(c.plenary)} | ${String(c.file)}`).sort()).toEqual([
      'RP-250101 status agreed | noted',
      'RP-253800 title CR on AI/ML, as revised in the room | Portal title',
    ]);
    expect(row(doc, 'RP-253800').title).toBe('CR on AI/ML, as revised in the room');
    settleConflict(doc, s.conflicts.find((c) => c.field === 'title')!, 'file');
    expect(row(doc, 'RP-253800').title).toBe('Portal title');
  });

  it('G-WEEK-1 fills a reserved row the revision went into, with no conflict over what the revise wrote', () => {
    const doc = created(list([{ number: 'RP-250100', title: 'CR', source: 'Nokia', columns: { Release: 'Rel-19' } }, { number: 'RP-253800', title: '', source: '', status: 'reserved', item: '9', columns: { Contact: 'Ann Lee' } }]));
    reviseContribution(doc, row(doc, 'RP-250100').id, { by: 'Chair', number: 'RP-253800' });
    expect(row(doc, 'RP-253800')).toMatchObject({ title: 'CR', status: 'available', columns: { Contact: 'Ann Lee' } });
    const s = mergeImport(doc, list([{ number: 'RP-250100', title: 'CR', source: 'Nokia', columns: { Release: 'Rel-19' } }, { number: 'RP-253800', title: 'CR (revised)', source: 'Nokia, Intel', status: 'agreed', revisionOf: 'RP-250100', columns: { Contact: 'Ann Lee', Release: 'Rel-19' } }]));
    expect(s.conflicts).toEqual([]);
    expect(row(doc, 'RP-253800')).toMatchObject({ title: 'CR (revised)', source: 'Nokia, Intel', status: 'agreed', agendaItemId: row(doc, 'RP-250100').agendaItemId });
  });

  it('does not tell a revision made in Plenary as missing from a list that does not have it yet', () => {
    const doc = created(list([{ number: 'RP-250100', title: 'CR' }, { number: 'RP-250101', title: 'B' }]));
    reviseContribution(doc, row(doc, 'RP-250100').id, { by: 'Chair', number: 'RP-253800' });
    const s = mergeImport(doc, list([{ number: 'RP-250100', title: 'CR' }]));
    expect(s.missing.map((m) => m.label)).toEqual(['RP-250101']);
  });
});

describe('the merge and revision links', () => {
  it('G-WEEK-2 never empties a link whose original is still in the meeting when its row leaves the newer list', () => {
    const doc = created(list([{ number: 'RP-250100', title: 'CR', status: 'revised' }, { number: 'RP-253800', title: 'CR rev', revisionOf: 'RP-250100' }]));
    // The newer list has the revision (naming its original) but no longer the original's row.
    const s = mergeImport(doc, list([{ number: 'RP-253800', title: 'CR rev', revisionOf: 'RP-250100' }]));
    expect(s.updated).toEqual([]);
    expect(s.conflicts).toEqual([]);
    expect(row(doc, 'RP-253800').revisionOf).toBe(row(doc, 'RP-250100').id);
    // A file with no revision column at all (a Tdocs-by-agenda page): the link stays, and that is told.
    const plain = mergeImport(doc, list([{ number: 'RP-253800', title: 'CR rev' }]));
    expect(silent(plain)).toEqual(['RP-253800 revisionOf plenary link-kept']);
    expect(row(doc, 'RP-253800').revisionOf).toBe(row(doc, 'RP-250100').id);
  });

  it('G-WEEK-2 keeps a link to a Tdoc outside the meeting as its number, adds it and links it once that Tdoc arrives', () => {
    const doc = created(list([{ number: 'RP-253308', title: 'Late revision', revisionOf: 'RP-252224' }]));
    expect(row(doc, 'RP-253308')).toMatchObject({ revisionOf: null, revisionOfNumber: 'RP-252224', notes: '' });
    expect(mergeImport(doc, list([{ number: 'RP-253308', title: 'Late revision', revisionOf: 'RP-252224' }]))).toMatchObject({ updated: [], conflicts: [] });
    // A new row naming an earlier meeting's Tdoc keeps the number; the original arriving later makes it a link.
    mergeImport(doc, list([{ number: 'RP-253308', title: 'Late revision', revisionOf: 'RP-252224' }, { number: 'RP-253400', title: 'Another', revisionOf: 'RP-240001' }]));
    expect(row(doc, 'RP-253400')).toMatchObject({ revisionOf: null, revisionOfNumber: 'RP-240001' });
    mergeImport(doc, list([{ number: 'RP-252224', title: 'The original', status: 'revised' }, { number: 'RP-253308', title: 'Late revision', revisionOf: 'RP-252224' }, { number: 'RP-253400', title: 'Another', revisionOf: 'RP-240001' }]));
    const linked = row(doc, 'RP-253308');
    expect(linked.revisionOf).toBe(row(doc, 'RP-252224').id);
    expect(linked.revisionOfNumber ?? null).toBeNull();
  });

  it('G-WEEK-2 keeps what a deleted original was as the number its revisions name', () => {
    const doc = created(list([{ number: 'RP-250100', title: 'CR', status: 'revised' }, { number: 'RP-253800', title: 'CR rev', revisionOf: 'RP-250100' }]));
    deleteContribution(doc, row(doc, 'RP-250100').id);
    expect(row(doc, 'RP-253800')).toMatchObject({ revisionOf: null, revisionOfNumber: 'RP-250100' });
  });
});
