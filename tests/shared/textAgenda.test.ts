import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importMeeting, detectFormat, ImportError, type ImportResult } from '../../shared/formats/index.js';
import { importTextAgenda, parseTextAgenda } from '../../shared/formats/textAgenda.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { presetStatuses } from '../../shared/document/statuses.js';
import { emptyLive, type MeetingJson } from '../../shared/document/meetingSchema.js';
import { parseTimeRange, itemLabelsInNote, sessionCode, dateOfWeekday } from '../../shared/formats/textAgendaSessions.js';
import { parseDateRange, purposeOf, venueOf, personWithOrg } from '../../shared/formats/textAgendaMeta.js';
import { docNumbersIn, looksMistyped, deliverableOfLine } from '../../shared/formats/textAgendaRows.js';
import { timezoneOfPlace } from '../../shared/formats/textAgendaPlaces.js';

const SEED_PATH = new URL('../fixtures/agenda-sec23.txt', import.meta.url);
const seedBytes = () => new Uint8Array(readFileSync(SEED_PATH));

let result: ImportResult;
let m: MeetingJson;
const item = (id: string) => m.agenda.find((a) => a.id === id)!;
const byLabel = (label: string) => m.agenda.filter((a) => a.label === label);
const contributionsOf = (label: string) => m.contributions.filter((c) => item(c.agendaItemId).label === label);
const contribution = (number: string) => m.contributions.find((c) => c.number === number)!;

beforeAll(async () => {
  result = await importMeeting(seedBytes(), { format: 'auto', fileName: 'agenda-sec23.txt' });
  m = result.meeting;
});

describe('importing the seed agenda (agenda-sec23.txt)', () => {
  it('is detected as the text format and gives meeting JSON that passes strict validation', () => {
    expect(detectFormat(seedBytes(), 'agenda-sec23.txt')).toBe('text');
    const checked = parseMeeting(JSON.parse(JSON.stringify(m)));
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    expect(m.format).toBe('plenary-meeting');
    expect(m.version).toBe(1);
  });

  it('reads the cover table into meta', () => {
    expect(m.meta.title).toContain('SEC 23');
    expect(m.meta.title).toBe('SEC 23 F2F meeting (TP 23)');
    expect(m.meta.chair).toBe('Francois Ennesser');
    expect(m.meta.secretary).toBe('Karen Hughes (ETSI)');
    expect(m.meta.startDate).toBe('2016-05-16');
    expect(m.meta.endDate).toBe('2016-05-20');
    expect(m.meta.purpose).toBe('decision');
    expect(m.meta.details).toBe('Ordinary face-to-face meeting during TP23\nin Seoul, South Korea');
    expect(m.meta.venue).toBe('Seoul, South Korea');
    expect(m.meta.timezone).toBe('Asia/Seoul');
    expect(m.meta.body).toBe('oneM2M');
    expect(m.meta.schemaVersion).toBe(1);
  });

  it('uses the oneM2M status vocabulary', () => {
    expect(m.statuses).toEqual(presetStatuses('onem2m'));
  });

  it('has the 29 agenda items in source order, both items "3" kept as written', () => {
    expect(m.agenda.map((a) => a.label)).toEqual([
      '1', '1.1', '1.2', '1.3', '2', '3', '3', '4', '5', '5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7',
      '6', '6.1', '6.2', '6.3', '6.4', '6.5', '6.6', '7', '7.1', '7.2', '8', '9', '10',
    ]);
    expect(m.agenda.filter((a) => a.parentId === null)).toHaveLength(11);
    expect(byLabel('3').map((a) => a.title)).toEqual([
      'Approval of previous Minutes and draft deliverables',
      'Review of Objectives for the Meeting',
    ]);
    expect(byLabel('4')[0].title).toBe('Review of Action Items');
    expect(byLabel('7.1')[0].title).toBe('Liaisons, New Work Items and revisions of Work Items');
    expect(byLabel('10')[0].title).toBe('Closure of meeting');
  });

  it('builds the tree from the numbers, with ranks ordering siblings as in the source', () => {
    for (const a of m.agenda) {
      const dot = a.label.lastIndexOf('.');
      if (dot < 0) expect(a.parentId).toBeNull();
      else expect(item(a.parentId!).label).toBe(a.label.slice(0, dot));
    }
    // 1.3 comes after the schedule table but is still under 1.
    expect(item(byLabel('1.3')[0].parentId!).label).toBe('1');
    const siblingsInOrder = new Map<string | null, string[]>();
    for (const a of m.agenda) siblingsInOrder.set(a.parentId, [...(siblingsInOrder.get(a.parentId) ?? []), a.rank]);
    for (const ranks of siblingsInOrder.values()) {
      expect([...ranks].sort()).toEqual(ranks);
      expect(new Set(ranks).size).toBe(ranks.length);
    }
  });

  it('keeps text lines under a heading in that item\'s notes', () => {
    expect(byLabel('2')[0].notes).toBe('Present document');
    expect(byLabel('3')[0].notes).toBe('· SEC 22.4 Minutes: SEC-2016-0097 agreed by Correspondence');
    expect(byLabel('3')[1].notes).toBe('');
    expect(byLabel('8')[0].notes).toBe(
      'Organization of e-mail discussion threads\nNext Conference Calls\nNext Face-to-Face',
    );
    expect(byLabel('5.2')[0].notes).toBe('');
  });

  it('reads the 13 sessions, Monday to Friday, with dates, times, rooms, codes, titles and notes', () => {
    const labels = (ids: string[]) => ids.map((id) => item(id).label);
    expect(
      m.sessions.map((s) => [s.date, s.start, s.end, s.room, s.code, s.title, s.agendaNote, labels(s.agendaItemIds)]),
    ).toEqual([
      ['2016-05-16', '11:00', '12:30', 'Kumkang 3', 'S1', 'SEC Opening Session S1', 'Agenda Items 7.1, 7.2', ['7.1', '7.2']],
      ['2016-05-16', '15:30', '17:00', 'Kumkang 1 & 2', 'Jap1', 'Joint Session with ARC & PRO Jap1',
        'Handling of Agenda Items 5.4 / 5.5 between ARC, PRO and SEC', ['5.4', '5.5']],
      ['2016-05-16', '17:00', '18:30', 'Kumkang 4', 'D1', 'Drafting Session D1',
        'Agenda Item 5.4 (Stage 2 Finalization), 7.1', ['5.4', '7.1']],
      ['2016-05-17', '08:30', '10:00', 'Kumkang 3', 'S2', 'SEC Session S2', 'Agenda Item 5.1, 5.2', ['5.1', '5.2']],
      ['2016-05-17', '15:30', '17:00', 'Kumkang 1 & 2', 'Jr1', 'Joint Session with REQ Jr1', 'Agenda Item 5.3 / 7.1', ['5.3', '7.1']],
      ['2016-05-17', '17:00', '18:30', 'Kumkang 4', 'D2', 'Drafting Session D2', 'Agenda Item 5.1, 5.2', ['5.1', '5.2']],
      ['2016-05-18', '08:30', '10:00', 'Kumkang 1', 'Jap2', 'Joint Session with ARC and PRO Jap2', 'Agenda Item 5.4, 5.5', ['5.4', '5.5']],
      ['2016-05-18', '13:30', '17:00', 'Kumkang 4', 'D3', 'Double Drafting Session D3',
        'Agenda Item 5.1, 5.2 (5.4, 5.5)', ['5.1', '5.2', '5.4', '5.5']],
      ['2016-05-19', '10:30', '12:00', 'Kumkang 1', 'S3', 'SEC Session S3', 'Agenda Item 5.x, 6.x', ['5', '6']],
      ['2016-05-19', '13:30', '15:00', 'Kumkang 4', 'D4', 'Drafting Session D4', 'Any remaining issue', []],
      ['2016-05-19', '15:30', '17:00', 'Kumkang 1', 'Jm1', 'Joint Session with MAS Jm1',
        'Agenda Item 5.6\nTS-0022 and TS-0003 synchronization', ['5.6']],
      ['2016-05-19', '17:00', '18:30', 'Kumkang 3', 'Jap3', 'Joint Session with ARC  and PRO Jap3', '', []],
      ['2016-05-20', '08:30', '10:00', 'Kumkang 3', 'S4', 'SEC Closing Session S4',
        'Conclusions on Agenda Items 6.x\nAny pending contributions / topics\nReview of Action Points\nFuture meetings', ['6']],
    ]);
    const perDay = new Map<string, number>();
    for (const s of m.sessions) perDay.set(s.date, (perDay.get(s.date) ?? 0) + 1);
    expect([...perDay.values()]).toEqual([3, 3, 2, 4, 1]);
  });

  it('reads 54 contributions under 10 items, all available, ranked in source order', () => {
    expect(m.contributions).toHaveLength(54);
    const counts: Record<string, number> = {};
    for (const c of m.contributions) counts[item(c.agendaItemId).label] = (counts[item(c.agendaItemId).label] ?? 0) + 1;
    expect(counts).toEqual({ '5.2': 13, '5.3': 3, '5.4': 9, '5.5': 14, '5.6': 4, '5.7': 1, '6.1': 2, '6.2': 1, '7.1': 2, '7.2': 5 });
    for (const c of m.contributions) {
      expect(c.status).toBe('available');
      expect(c.history).toEqual([]);
      expect(c.revisionOf).toBeNull();
    }
    expect(contributionsOf('5.2').map((c) => c.number)).toEqual([
      'SEC-2016-0094R02', 'SEC-2016-0098R02', 'SEC-2016-0065R05', 'SEC-2016-0091', 'SEC-2016-0092', 'SEC-2016-0095',
      'SEC-2016-0096', 'SEC-2016-0099R01', 'SEC-2016-0100', 'SEC-2016-0106', 'SEC-2016-0107', 'SEC-2016-0071R02',
      'SEC-2016-0108',
    ]);
    expect(contributionsOf('7.2').map((c) => c.number)).toEqual([
      'SEC-2016-0088R02', 'SEC-2016-0O89R02', 'SEC-2016-0087R02', 'SEC-2016-0081R02', 'SEC-2016-0093',
    ]);
    for (const label of ['5.2', '5.5', '7.2']) {
      const ranks = contributionsOf(label).map((c) => c.rank);
      expect([...ranks].sort()).toEqual(ranks);
      expect(new Set(ranks).size).toBe(ranks.length);
    }
  });

  it('keeps each contribution row field by field, notes whole with their line breaks', () => {
    const c = contribution('SEC-2016-0094R02');
    expect([c.title, c.source, c.aliases]).toEqual(['TS-0003 CR Role Based Access Control', 'Datang', []]);
    expect(c.notes).toBe('R01:Remove AppID\nR02: Merge PDP and PIP in Hosting CSE (steps 6, 7) as distributed Auth is Rel-3');
    expect(contribution('SEC-2016-0098R02').notes).toBe('To Open first before ARC discussion\nR01: Remove  AppID');
    expect(contribution('SEC-2016-0065R05').notes).toBe('R06 agreed with editorials');
    expect(contribution('SEC-2016-0095').notes).toBe('');
    expect(contribution('REQ-2016-0042').source).toBe('NEC (Vice-chair)');
    expect(contribution('PRO-2016-0179R01').notes).toBe('Procedure in TS-3 or 4? Present in Joint Session, SEC Drafting Session');
    expect(contribution('TP-2016-0101')).toMatchObject({
      title: 'LS about GSMA IoT Security Guidelines',
      source: 'GSMA',
      notes: 'Colin to centralize reply',
    });
    expect(contribution('SEC-2016-0093').title).toBe('Certificate Enrolment – Proposals for Stage 3 and Demo');
  });

  it('splits a cell holding several numbers into number and aliases', () => {
    expect(contribution('REQ-2016-0045').aliases).toEqual(['SEC-2016-0103']);
    expect(contribution('TST-2016-0091').aliases).toEqual(['SEC-2016-0104']);
    expect(contribution('TST-2016-0091').title).toBe('Test Suite Structure and Test Purposes from TS-0003 v1.4.2');
    expect(contribution('SEC-2016-0103').aliases).toEqual(['REQ-2016-0045', 'TP-2016-0110']);
    expect(contribution('SEC-2016-0103').notes).toBe('François to centralize reply');
    expect(m.contributions.some((c) => c.number.includes(' ') || c.number.includes('('))).toBe(false);
  });

  it('keeps PRO-2016-0147 with its empty title, and the mistyped SEC-2016-0O89R02 with a warning', () => {
    expect(contribution('PRO-2016-0147')).toMatchObject({ title: '', source: '', notes: 'Action default ACP' });
    expect(item(contribution('SEC-2016-0O89R02').agendaItemId).label).toBe('7.2');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0].line).toBe(502);
    expect(result.warnings[0].message).toContain('SEC-2016-0O89R02');
    expect(result.warnings[0].message).toMatch(/mistyped/);
  });

  it('reads the three open action items, keeping the Note line in what', () => {
    expect(m.actions.map((a) => [a.ref, a.who, a.status, a.notes])).toEqual([
      ['A-WG4-SEC22-1', 'All', 'open', ''],
      ['A-WG4-SEC22-2', 'All', 'open', ''],
      ['A-WG4-ARC22.3', 'All', 'open', ''],
    ]);
    expect(m.actions[0].what).toBe('Clean-up TS-0001 for Distributed Authorization, following discussions on ARC-2016-0185R05');
    expect(m.actions[2].what).toMatch(/^Identify changes needed to TS-0003 .*\(see ARC-2016-234R01\)\nNote: Is there anything /);
    expect(m.actions[2].what).toMatch(/additional layer of complexity in our specs\.$/);
  });

  it('reads the six draft deliverable baselines with versions and references', () => {
    expect(m.deliverables.map((d) => [d.name, d.version, d.reference, d.note])).toEqual([
      ['TS-0003 Rel-1 Baseline', 'v1.4.1', 'available on portal', ''],
      ['TS-0003 Rel-2 Baseline', 'v2.1.0', 'SEC-2016-0077', ''],
      ['TS-0016 draft Baseline', 'v0.5.0', 'SEC-2016-0075', 'in SEC-2016-0075'],
      ['TR-0012 draft Baseline', 'v0.9.0', 'SEC-2016-0076', 'in SEC-2016-0076'],
      ['TR-0016 draft baseline', 'v0.6.0', 'SEC-2016-0078', 'in SEC-2016-0078'],
      ['TR-0019 draft baseline', 'v0.5.0', 'available on portal', ''],
    ]);
    const ranks = m.deliverables.map((d) => d.rank);
    expect([...ranks].sort()).toEqual(ranks);
  });

  it('reads the nine objectives from the bullets of "Review of Objectives for the Meeting"', () => {
    expect(m.objectives.map((o) => o.text)).toEqual([
      'Any pending Release 2 Stage 2 clarification (as needed) on TS-0003 or TS-0001',
      'TBD with ARC and PRO',
      'Review and implement Stage 3 action plan for each Release 2 security features (to be discussed with PRO)',
      'Stage 3 impact on TS-0003',
      'Impact on TS-0004 and Bindings',
      'Addressing and removing editor’s notes from TS-0003',
      'Update status of TR deliverables scheduled for Release 2: TR-0008 (Rel-2), TR-0012, TR-0019, TR-0016. Move status forward toward publication according to decisions.',
      'Freeze and / or approval of intended deliverables',
      'Start discussing Use Cases / Requirements / features for future releases, if time permits',
    ]);
    const ranks = m.objectives.map((o) => o.rank);
    expect([...ranks].sort()).toEqual(ranks);
  });

  it('leaves live empty and gives every entry a unique id', () => {
    expect(m.live).toEqual(emptyLive());
    const ids = [...m.agenda, ...m.contributions, ...m.sessions, ...m.actions, ...m.deliverables, ...m.objectives].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads the same agenda saved with CRLF line ends, as UTF-16 ("Unicode text") and as Windows-1252', () => {
    const text = readFileSync(SEED_PATH, 'utf8');
    const shape = (r: ImportResult) => ({
      meta: r.meeting.meta,
      agenda: r.meeting.agenda.map((a) => [a.label, a.title, a.notes]),
      sessions: r.meeting.sessions.map((s) => [s.date, s.start, s.code, s.agendaNote]),
      contributions: r.meeting.contributions.map((c) => [c.number, c.aliases, c.title, c.notes]),
      counts: [r.meeting.actions.length, r.meeting.deliverables.length, r.meeting.objectives.length],
    });
    const expected = shape(result);
    expect(shape(importTextAgenda(new TextEncoder().encode(text.replace(/\n/g, '\r\n'))))).toEqual(expected);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expect(shape(importTextAgenda(utf16))).toEqual(expected);
    // Windows-1252: every character of the seed has a single-byte code there.
    const cp1252: Record<string, number> = { '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96 };
    const bytes = Uint8Array.from([...text].map((ch) => cp1252[ch] ?? ch.charCodeAt(0)));
    expect(shape(importTextAgenda(bytes))).toEqual(expected);
  });
});

describe('importing another agenda of the same layout', () => {
  const other = [
    '\tAgenda',
    '',
    '\tMeeting:',
    '\tSEC 31 meeting',
    '',
    '\tChairman:',
    '\tJane Doe',
    '',
    '\tSecretary:',
    '\tJohn Roe',
    '',
    '\tDate:',
    '\t30 May - 3 June 2017',
    '',
    '\tVenue:',
    '\tETSI, Sophia Antipolis, France',
    '',
    '\tIntended purpose of',
    'document:',
    '\t|_| Decision',
    '|X| Discussion',
    '',
    '1\tOpening',
    '2\tSchedule',
    '',
    '\tTuesday',
    '',
    '\t09:00-10:30',
    '\tRoom Garonne',
    '\tPlenary P1',
    'Agenda Items 3, 4',
    '',
    '\tWEDNESDAY',
    '',
    '\t14.00 – 15.30 CEST',
    '\tRoom Loire',
    '\tWrap-up W1',
    'Item 4.1',
    '',
    '3\tAction items',
    '\tRef',
    '\tAction',
    '\tOwner',
    '\tStatus',
    '\tDue',
    '',
    '\tA-31-1',
    '\tUpdate the baseline',
    '\tJane',
    '\tClosed',
    '\t2017-06-30',
    '',
    '4\tContributions',
    '4.1\tSecurity',
    '\tTdoc',
    '\tTitle',
    '\tSource',
    '\tComments',
    '',
    '\tS3-170001',
    '\tPaper one',
    '\tACME',
    '\tfirst line',
    'second line',
    '',
    '\tSEC(17)000123',
    '\tnot a number we know',
    '',
    '4.2\tOther',
    'A free line',
    '\tC1-171234rev1 / S3-170002',
    '\tPaper two',
    '\tACME, Foo',
    '',
    '4.3\tWith a header row',
    '\tNo.',
    '\tDocument number',
    '\tTitle',
    '\tSource',
    '\tComment / Decision',
    '',
    '\t1',
    '\tS3-170003',
    '\tPaper three',
    '\tFoo',
    '\tagreed',
    '',
    '4.4\tWith a running index',
    '\t2',
    '\tS3-170004',
    '\tPaper four',
    '\tBar',
    '\tto be presented',
    '',
    '5\tDraft specifications',
    '· TS 33.501 v16.1.0 (S3-170005)',
    '· TR 33.999: v0.1.0 available on the server',
    '6\tClosing',
  ].join('\n');

  it('reads it by structure, not by the seed\'s content', () => {
    const { meeting: o, warnings } = parseTextAgenda(other, { fileName: 'other.txt' });
    expect(warnings).toEqual([]);
    expect(o.meta).toMatchObject({
      title: 'SEC 31 meeting',
      chair: 'Jane Doe',
      secretary: 'John Roe',
      startDate: '2017-05-30',
      endDate: '2017-06-03',
      venue: 'ETSI, Sophia Antipolis, France',
      purpose: 'discussion',
      timezone: 'Europe/Paris',
      body: 'ETSI',
    });
    expect(o.statuses).toEqual(presetStatuses('3gpp'));
    expect(o.agenda.map((a) => a.label)).toEqual(['1', '2', '3', '4', '4.1', '4.2', '4.3', '4.4', '5', '6']);
    const labelOf = (id: string) => o.agenda.find((a) => a.id === id)!.label;
    expect(o.sessions.map((s) => [s.date, s.start, s.end, s.room, s.code, s.title, s.agendaNote, s.agendaItemIds.map(labelOf)])).toEqual([
      ['2017-05-30', '09:00', '10:30', 'Room Garonne', 'P1', 'Plenary P1', 'Agenda Items 3, 4', ['3', '4']],
      ['2017-05-31', '14:00', '15:30', 'Room Loire', 'W1', 'Wrap-up W1', 'Item 4.1', ['4.1']],
    ]);
    // The due column is the action's due date (issue 25), no longer a line of its notes.
    expect(o.actions.map((a) => [a.ref, a.what, a.who, a.status, a.notes, a.due])).toEqual([['A-31-1', 'Update the baseline', 'Jane', 'closed', '', '2017-06-30']]);
    expect(o.contributions.map((c) => [labelOf(c.agendaItemId), c.number, c.aliases, c.title, c.source, c.notes])).toEqual([
      ['4.1', 'S3-170001', [], 'Paper one', 'ACME', 'first line\nsecond line'],
      ['4.2', 'C1-171234rev1', ['S3-170002'], 'Paper two', 'ACME, Foo', ''],
      ['4.3', 'S3-170003', [], 'Paper three', 'Foo', 'agreed'],
      ['4.4', 'S3-170004', [], 'Paper four', 'Bar', 'to be presented'],
    ]);
    expect(o.deliverables.map((d) => [d.name, d.version, d.reference, d.note])).toEqual([
      ['TS 33.501', 'v16.1.0', 'S3-170005', ''],
      ['TR 33.999', 'v0.1.0', 'available on the server', ''],
    ]);
    expect(o.agenda.find((a) => a.label === '5')!.notes).toBe('');
    // A row that is not a contribution is kept in the item's notes, as is a free line.
    expect(o.agenda.find((a) => a.label === '4.1')!.notes).toBe('SEC(17)000123 | not a number we know');
    expect(o.agenda.find((a) => a.label === '4.2')!.notes).toBe('A free line');
    expect(parseMeeting(o).ok).toBe(true);
  });

  it('reads a cover sheet whose keys and values sit in rows of their own, and a ticked box in any cover row', () => {
    const text = ['\tTitle:', '', '\tWG meeting 12', '', '\tChair: Jane Doe', '', '\t[x] Information', '', '1\tOpening'].join('\n');
    const { meeting } = parseTextAgenda(text);
    expect(meeting.meta).toMatchObject({ title: 'WG meeting 12', chair: 'Jane Doe', purpose: 'information' });
  });

  it('reads an action table without a header row under an "action points" heading', () => {
    const text = ['1\tReview of action points', '\tAP-12-3', '\tSend the LS', '\tBob', '\tOngoing', '', '2\tNext'].join('\n');
    const { meeting } = parseTextAgenda(text);
    expect(meeting.actions.map((a) => [a.ref, a.what, a.who, a.status, a.notes])).toEqual([['AP-12-3', 'Send the LS', 'Bob', 'open', '']]);
    expect(meeting.agenda[0].notes).toBe('');
  });

  it('takes "5.2 Title" with a space as a heading when the text has no TAB headings at all', () => {
    const text = ['1 Opening', 'Welcome words', '2 Contributions', '2.1 Security', '\tS3-170001', '\tPaper one', '\tACME', ''].join('\n');
    const { meeting } = parseTextAgenda(text);
    expect(meeting.agenda.map((a) => [a.label, a.title, a.notes])).toEqual([
      ['1', 'Opening', 'Welcome words'],
      ['2', 'Contributions', ''],
      ['2.1', 'Security', ''],
    ]);
    expect(meeting.contributions.map((c) => c.number)).toEqual(['S3-170001']);
    // With TAB headings present, a spaced line stays text.
    const mixed = parseTextAgenda('1\tOpening\n2 Not a heading\n').meeting;
    expect(mixed.agenda.map((a) => [a.label, a.notes])).toEqual([['1', '2 Not a heading']]);
  });

  it('falls back to the file name for a missing title, UTC for an unknown place and no body when none is named', () => {
    const { meeting } = parseTextAgenda('1\tOpening\n2\tClosing\n', { fileName: '/tmp/My agenda.txt' });
    expect(meeting.meta).toMatchObject({ title: 'My agenda', timezone: 'UTC', purpose: 'other', startDate: '', venue: '' });
    expect(meeting.meta.body).toBeUndefined();
    expect(meeting.agenda.map((a) => a.label)).toEqual(['1', '2']);
  });
});

describe('bad input', () => {
  const importError = (bytes: Uint8Array): ImportError => {
    try {
      importTextAgenda(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      return e as ImportError;
    }
    throw new Error('expected an ImportError');
  };

  it('refuses binary data, naming the line', () => {
    for (let seed = 1; seed <= 20; seed++) {
      // mulberry32: seeded random bytes of a few sizes.
      let a = seed;
      const next = () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) >>> 24;
      };
      const bytes = Uint8Array.from({ length: 64 * seed * seed }, next);
      const e = importError(bytes);
      expect(e.message, `seed ${seed}`).toMatch(/binary data/);
      expect(e.line).toBeGreaterThanOrEqual(1);
    }
    expect(importError(Uint8Array.from([0x31, 0x09, 0x41, 0x0a, 0x00, 0x01, 0x02])).describe()).toMatch(/^line 2: binary data/);
  });

  it('refuses text without numbered headings, and an empty file', () => {
    expect(importError(new TextEncoder().encode('Dear all,\nplease find the agenda attached.\n')).message).toMatch(
      /no numbered agenda items/,
    );
    expect(importError(new Uint8Array(0)).message).toMatch(/empty/);
  });

  it('gets through huge and odd input (long lines, tab runs, many rows) without hanging', () => {
    const odd = [
      '1\tA',
      '\t'.repeat(200_000) + 'x',
      '2' + ' '.repeat(200_000),
      '',
      '\t' + 'SEC-2016-0001 '.repeat(20_000),
      '1.'.repeat(100_000),
      '[bookmark: ' + 'x'.repeat(100_000),
      '',
      '\tMONDAY',
      '',
      '\tRoom\n\t8:30-10:00\n\t' + 'Session S1 '.repeat(10_000) + '\nAgenda Item ' + '5.'.repeat(50_000),
      '',
      '',
    ].join('\n');
    const r = parseTextAgenda(odd + '\tR\n\t9:00-10:00\n\tS S2\n\n'.repeat(20_000));
    expect(r.meeting.agenda.map((a) => a.label)).toEqual(['1']);
    expect(r.meeting.sessions).toHaveLength(20_001);
    expect(r.meeting.contributions).toHaveLength(1);
  });
});

describe('pieces of the text importer', () => {
  it('reads time ranges as written', () => {
    expect(parseTimeRange('8:30-10:00')).toEqual({ start: '08:30', end: '10:00' });
    expect(parseTimeRange('17:00- 18:30')).toEqual({ start: '17:00', end: '18:30' });
    expect(parseTimeRange('9.00 – 10.30')).toEqual({ start: '09:00', end: '10:30' });
    expect(parseTimeRange('Kumkang 3')).toBeNull();
    expect(parseTimeRange('25:00-26:00')).toBeNull();
  });

  it('finds item numbers in an agenda note, skipping versions and spec numbers', () => {
    expect(itemLabelsInNote('Agenda Item 5.4 (Stage 2 Finalization), 7.1')).toEqual(['5.4', '7.1']);
    expect(itemLabelsInNote('Agenda Item 5.x, 6.x')).toEqual(['5', '6']);
    expect(itemLabelsInNote('Agenda Items 8, 9 and 10')).toEqual(['8', '9', '10']);
    expect(itemLabelsInNote('TS-0003 v1.4.2 and Release 2')).toEqual([]);
  });

  it('finds session codes, weekday dates, date ranges, purposes, venues and people', () => {
    expect(sessionCode('Joint Session with ARC & PRO Jap1 ')).toBe('Jap1');
    expect(sessionCode('Plenary')).toBe('');
    expect(dateOfWeekday('2016-05-16', '2016-05-20', 5, '')).toBe('2016-05-20');
    expect(dateOfWeekday('2016-05-16', '2016-05-20', 0, '')).toBe('2016-05-15');
    expect(dateOfWeekday('2016-05-16', '2016-05-27', 1, '2016-05-20')).toBe('2016-05-23');
    expect(parseDateRange('2016-05-16 to 2016-05-20')).toEqual({ start: '2016-05-16', end: '2016-05-20' });
    expect(parseDateRange('16-20 May 2016')).toEqual({ start: '2016-05-16', end: '2016-05-20' });
    expect(parseDateRange('May 16-20, 2016')).toEqual({ start: '2016-05-16', end: '2016-05-20' });
    expect(parseDateRange('16.05.2016 - 20.05.2016')).toEqual({ start: '2016-05-16', end: '2016-05-20' });
    expect(parseDateRange('next week')).toEqual({ start: '', end: '' });
    expect(purposeOf('|_| Decision\n|X| Information')).toBe('information');
    expect(purposeOf('|_| Decision\n|_| Other <specify>')).toBe('other');
    expect(venueOf('Meeting hosted by ACME in Tokyo, Japan.')).toBe('Tokyo, Japan');
    expect(timezoneOfPlace('Tokyo, Japan')).toBe('Asia/Tokyo');
    expect(timezoneOfPlace('Somewhere, Korea')).toBe('Asia/Seoul');
    expect(timezoneOfPlace('Atlantis')).toBeUndefined();
    expect(personWithOrg('Karen Hughes, ETSI')).toBe('Karen Hughes (ETSI)');
    expect(personWithOrg('Smith, John')).toBe('Smith, John');
  });

  it('tells document numbers, mistyped ones and deliverable lines', () => {
    expect(docNumbersIn('SEC-2016-0103 (REQ-2016-0045, TP-2016-0110)')).toEqual(['SEC-2016-0103', 'REQ-2016-0045', 'TP-2016-0110']);
    expect(docNumbersIn('A-WG4-SEC22-1')).toEqual([]);
    expect(looksMistyped('SEC-2016-0O89R02')).toBe(true);
    expect(looksMistyped('SEC-2016-0089R02')).toBe(false);
    expect(looksMistyped('S3-16I234')).toBe(true);
    expect(deliverableOfLine('TS-0003 Rel-2 Baseline: v2.1.0 (SEC-2016-0077)')).toEqual({
      name: 'TS-0003 Rel-2 Baseline', version: 'v2.1.0', reference: 'SEC-2016-0077', note: '',
    });
    expect(deliverableOfLine('SEC 22.4 Minutes: SEC-2016-0097 agreed by Correspondence')).toBeNull();
  });
});
