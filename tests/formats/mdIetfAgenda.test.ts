import { describe, expect, it } from 'vitest';
import { importMarkdownAgenda } from '../../shared/formats/mdIetfAgenda.js';
import { exportReportMarkdown } from '../../shared/formats/reportMarkdown.js';
import { ImportError } from '../../shared/formats/types.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { sampleMeeting } from './sampleMeeting.js';

const AGENDA = `# QUIC Working Group Agenda - IETF 999

* [Meeting chat](https://zulip.example/quic)

## Monday, 4 November 2030

_09:30 - 11:30 Monday Session I - Room 101_

### Administrivia

*  5 min - Blue sheets / scribe selection
*  1 h - Agenda bashing

### Working Group Drafts

_See also the [drafts list](https://example.org)_

* 20 min - [Multipath](https://datatracker.ietf.org/doc/draft-ietf-quic-multipath-07) - Jane Roe (remote) - [slides](mp.pdf)
* 10 min - Ack frequency -- John Doe, Ann Other

## Thursday, 7 November 2030

_13:00-15:00 Thursday Session II - Grand Ballroom A_

### Other Topics

* 15 min - [Reliable streams](https://www.ietf.org/archive/id/draft-kazuho-quic-reliable-stream-02.html) and draft-ietf-quic-qlog-main-schema - Kazuho Oku
`;

describe('importMarkdownAgenda', () => {
  it('reads IETF sessions (day, time, room), topics, time budgets, presenters and drafts', () => {
    const { meeting: m, warnings } = importMarkdownAgenda(new TextEncoder().encode(AGENDA));
    expect(parseMeeting(m).ok).toBe(true);
    expect(warnings).toEqual([]);
    expect(m.meta).toMatchObject({ title: 'QUIC Working Group Agenda - IETF 999', body: 'IETF', startDate: '2030-11-04', endDate: '2030-11-07' });
    expect(m.sessions.map((s) => [s.date, s.start, s.end, s.title, s.room])).toEqual([
      ['2030-11-04', '09:30', '11:30', 'Monday Session I', 'Room 101'],
      ['2030-11-07', '13:00', '15:00', 'Thursday Session II', 'Grand Ballroom A'],
    ]);
    const title = new Map(m.agenda.map((a) => [a.id, a.title]));
    expect(m.sessions[0].agendaItemIds.map((id) => title.get(id))).toEqual(['Administrivia', 'Working Group Drafts']);
    const items = m.agenda.filter((a) => a.duration);
    expect(items.map((a) => [title.get(a.parentId!), a.title, a.duration, a.presenters ?? '', a.documents ?? []])).toEqual([
      ['Administrivia', 'Blue sheets / scribe selection', '5 min', '', []],
      ['Administrivia', 'Agenda bashing', '1 h', '', []],
      ['Working Group Drafts', 'Multipath', '20 min', 'Jane Roe (remote)', ['draft-ietf-quic-multipath']],
      ['Working Group Drafts', 'Ack frequency', '10 min', 'John Doe, Ann Other', []],
      ['Other Topics', 'Reliable streams and draft-ietf-quic-qlog-main-schema', '15 min', 'Kazuho Oku', ['draft-ietf-quic-qlog-main-schema', 'draft-kazuho-quic-reliable-stream']],
    ]);
    expect(m.agenda.find((a) => a.title === 'Working Group Drafts')?.notes).toBe('See also the drafts list');
  });

  it('refuses text with no agenda structure and binary data', () => {
    expect(() => importMarkdownAgenda(new TextEncoder().encode('just a line of prose\nand another\n'))).toThrow(ImportError);
    expect(() => importMarkdownAgenda(new Uint8Array([0, 1, 2, 0x23, 0x20, 0x41]))).toThrow(/binary/);
  });
});

describe('exportReportMarkdown', () => {
  it('writes meta, attendance, per item a document table with the report columns, actions, schedule, deliverables', () => {
    const md = exportReportMarkdown(sampleMeeting()).data as string;
    expect(md).toMatch(/^# SEC 23 F2F meeting \(TP 23\)\n/);
    expect(md).toContain('## Attendance');
    expect(md).toContain('| AI | TD# | Title | Source | Comments | Result | Revision of | Revised to | Merged to |');
    expect(md).toContain('| 5.2 | SEC-2016-0094R01 | TS-0003 CR Role Based Access Control | Datang |   | Revised |   | SEC-2016-0094R02 |   |');
    expect(md).toContain('##### 5.2.1 Tokens, "quoted", and commas');
    expect(md.indexOf('## Action items')).toBeLessThan(md.indexOf('## Schedule'));
    expect(md.indexOf('## Schedule')).toBeLessThan(md.indexOf('## Deliverables'));
  });
});

describe('importMarkdownAgenda on other layouts', () => {
  it('reads times in the day heading, budgets in brackets or at the end, numbered items and our column names', () => {
    const md = [
      '# TLS WG',
      '## Wednesday, 2030-11-06 09:00-10:30 (Room 5)',
      '1. Chairs intro (5 min)',
      '2. [draft-ietf-tls-esni](https://example.org/doc/draft-ietf-tls-esni/) - Chris Wood, 10 mins',
      '',
      '## Documents',
      '',
      '| agendaItem | Number | Title | Status |',
      '| --- | --- | --- | --- |',
      '| 1 | T-1 | Something | Agreed |',
      '',
      '| No. | Title |',
      '| --- | --- |',
      '| 1 | First item |',
      '| 2 | Second item |',
    ].join('\n');
    const { meeting: m } = importMarkdownAgenda(new TextEncoder().encode(md));
    expect(m.sessions.map((s) => [s.date, s.start, s.end])).toEqual([['2030-11-06', '09:00', '10:30']]);
    expect(m.agenda.filter((a) => a.duration).map((a) => [a.title, a.duration, a.presenters ?? '', a.documents ?? []])).toEqual([
      ['Chairs intro', '5 min', '', []],
      ['draft-ietf-tls-esni', '10 min', 'Chris Wood', ['draft-ietf-tls-esni']],
    ]);
    expect(m.contributions.map((c) => [c.number, c.status])).toEqual([['T-1', 'agreed']]);
    expect(m.agenda.filter((a) => !a.duration).map((a) => `${a.label} ${a.title}`)).toEqual(['1 First item', '2 Second item']);
    expect(m.contributions[0].agendaItemId).toBe(m.agenda.find((a) => a.label === '1')!.id);
  });
});

describe('Markdown warnings', () => {
  it('point at the line of the table row', () => {
    const md = '# M\n\n## Documents\n\n| TD# | Title | Source |\n| --- | --- | --- |\n| A-1 | x | y |\n|  | orphan | z |\n';
    const { warnings } = importMarkdownAgenda(new TextEncoder().encode(md));
    expect(warnings).toEqual([expect.objectContaining({ line: 8, message: expect.stringContaining('no document number') })]);
  });
});

describe('sections', () => {
  it('resume the agenda at a numbered heading after a schedule or actions section', () => {
    const md = '# M\n\n## Action items\n\n### Note on actions\n\n## 5 Corrections\n\n### 5.1 Fixes\n';
    const { meeting: m } = importMarkdownAgenda(new TextEncoder().encode(md));
    expect(m.agenda.map((a) => `${a.label} ${a.title}`)).toEqual(['5 Corrections', '5.1 Fixes']);
  });
});
