/**
 * A small meeting that exercises what the formats must carry: a nested agenda with a repeated label and an
 * unnumbered item, contributions with custom and working statuses, multi-line notes with Markdown and CSV
 * special characters, revision and merge links (also to Tdocs of other meetings), a document outside the agenda, sessions, actions,
 * deliverables and objectives, and Tdoc list columns we have no field for (`columns`: portal ones and a body's
 * own, with CSV specials and a line break). Plus `summary()`, the id-free view round trips compare.
 */
import { MeetingBuilder } from '../../shared/formats/meetingBuilder.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

export function sampleMeeting(): MeetingJson {
  const b = new MeetingBuilder('onem2m');
  Object.assign(b.meta, {
    title: 'SEC 23 F2F meeting (TP 23)',
    chair: 'Francois Ennesser',
    secretary: 'Karen Hughes, ETSI',
    startDate: '2016-05-16',
    endDate: '2016-05-20',
    venue: 'Seoul, South Korea',
    details: 'Ordinary face-to-face meeting\nduring TP23',
    purpose: 'decision',
    timezone: 'Asia/Seoul',
    body: 'oneM2M',
  });
  const i1 = b.addItem({ label: '1', title: 'Opening of meeting' }, null);
  b.addItem({ label: '1.1', title: 'Welcome', duration: '5 min', presenters: 'Chair; Vice-chair', documents: ['draft-ietf-x-y', 'TS-0003'] }, i1);
  const i3a = b.addItem({ label: '3', title: 'Approval of previous Minutes', notes: 'SEC 22.4 Minutes agreed by correspondence\n# not a heading | pipe * star _under_' }, null);
  b.addItem({ label: '3', title: 'Review of Objectives for the Meeting' }, null);
  const i5 = b.addItem({ label: '5', title: 'Corrections and enhancements CRs' }, null);
  const i52 = b.addItem({ label: '5.2', title: 'Enhancements to TS-0003 (Rel-2)', specs: '23.501, 23.502', rapporteur: 'Jane Roe (ACME)' }, i5);
  const i52x = b.addItem({ label: '5.2.1', title: 'Tokens, "quoted", and commas' }, i52);
  const deep4 = b.addItem({ label: '5.2.1.1', title: 'Deep' }, i52x);
  const deep5 = b.addItem({ label: '5.2.1.1.1', title: 'Deeper' }, deep4);
  b.addItem({ label: '5.2.1.1.1.1', title: 'Deepest' }, deep5);
  b.addItem({ label: '5.2.1.1.2', title: 'Deeper sibling' }, deep4);
  b.addItem({ label: '', title: 'Any other business' }, null);
  b.addItem({ label: '', title: '5G topics, unnumbered' }, null);
  b.addContribution({ number: 'SEC-2016-0094R01', title: 'TS-0003 CR Role Based Access Control', source: 'Datang', agendaItem: i52, status: 'Revised' });
  b.addContribution({
    number: 'SEC-2016-0094R02',
    title: 'TS-0003 CR Role Based Access Control',
    source: 'Datang',
    agendaItem: i52,
    status: 'Agreed',
    notes: 'R01: Remove AppID\nR02: Merge PDP and PIP, "as agreed"; <see> [link](x)',
    revisionOf: 'SEC-2016-0094R01',
  });
  b.addContribution({ number: 'SEC-2016-0098', title: 'TS-0003 CR Token Structure', source: 'Datang', agendaItem: i52x, status: 'Merged', mergedInto: 'SEC-2016-0094R02' });
  b.addContribution({
    number: 'SEC-2016-0065R05',
    title: 'CR TS-0003 R2 Updates to MAF text',
    source: 'Qualcomm, Inc.',
    agendaItem: i52x,
    status: 'Block Approve?',
    type: 'CR',
    for: 'Approval',
    abstract: 'Updates the MAF text.\nSecond line.',
    secretaryRemarks: 'late',
    aliases: ['SEC-2016-0103'],
    columns: { Contact: 'Jane Roe', Release: 'Rel-2', 'WI, "code"': 'WI-0062;\nsecond line' },
  });
  b.addContribution({
    number: 'SEC-2016-0097',
    title: 'SEC 22.4 Minutes',
    source: 'ETSI',
    agendaItem: i3a,
    status: 'REPLY OPEN',
    columns: { 'Région': 'Séoul', Spec: 'TS-0003' },
    // Links to Tdocs of other meetings (issue 25): kept as numbers.
    revisionOf: 'SEC-2016-0050R03',
    revisedTo: ['SEC-2016-0200', 'SEC-2016-0201'],
  });
  b.addContribution({ number: 'SEC-2016-0110', title: 'Late document', source: 'Huawei', agendaItem: null, status: '' });
  b.addSession({ date: '2016-05-16', start: '11:00', end: '12:30', room: 'Kumkang 3', code: 'S1', title: 'SEC Opening Session', agendaNote: 'Agenda Items 1, 3', agendaItems: [i1, i3a] });
  b.addSession({ date: '2016-05-17', start: '08:30', end: '10:00', room: 'Kumkang 1 & 2', code: 'Jap1', title: 'Joint Session with ARC; PRO', agendaNote: '', agendaItems: [i52] });
  b.addAction({ ref: 'A-WG4-SEC22-1', what: 'Clean-up TS-0001 for Distributed Authorization', who: 'All', status: 'open', notes: '' });
  b.addAction({ ref: 'A-SEC23-2', what: 'Send the LS on tokens to ARC', who: 'Jane Roe', status: 'open', notes: '', due: '2016-06-01', agendaItemId: i52 });
  b.addDeliverable({ name: 'TS-0003', version: 'v2.1.0', reference: 'SEC-2016-0077', note: 'Rel-2 baseline' });
  b.addObjective('Freeze and / or approval of intended deliverables');
  return b.build();
}

/** What a round trip must keep, without ids: agenda (with parent), contributions (with links), sessions. */
export function summary(m: MeetingJson) {
  const num = new Map(m.contributions.map((c) => [c.id, c.number]));
  const item = new Map(m.agenda.map((a) => [a.id, `${a.label} ${a.title}`.trim()]));
  return {
    agenda: m.agenda.map((a) => ({
      item: item.get(a.id),
      parent: a.parentId ? item.get(a.parentId) : null,
      notes: a.notes,
      facts: [a.duration, a.presenters, a.documents, a.specs, a.rapporteur],
    })),
    contributions: m.contributions.map((c) => ({
      number: c.number,
      title: c.title,
      source: c.source,
      item: item.get(c.agendaItemId) ?? '',
      status: c.status,
      notes: c.notes,
      revisionOf: c.revisionOf ? num.get(c.revisionOf) : null,
      revisionOfNumber: c.revisionOfNumber ?? null,
      revisedToNumbers: c.revisedToNumbers ?? [],
      mergedInto: c.mergedInto ? num.get(c.mergedInto) : null,
    })),
    sessions: m.sessions.map((s) => ({ ...s, id: undefined, agendaItemIds: s.agendaItemIds.map((id) => item.get(id)) })),
  };
}

/** Text or bytes of an export as bytes. */
export function bytesOf(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}
