import { describe, expect, it } from 'vitest';
import { importCsvTdocList } from '../../shared/formats/csvTdocList.js';
import { exportTdocListCsv } from '../../shared/formats/tdocListCsv.js';
import { TDOC_LIST_COLUMNS } from '../../shared/formats/tdocColumns.js';
import { ImportError } from '../../shared/formats/types.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { sampleMeeting } from './sampleMeeting.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('importCsvTdocList', () => {
  it('reads 3GPP column names, quoted multi-line cells and links, with line numbers in warnings', () => {
    const csv = [
      'TDoc,Title,Source,Agenda item,Agenda item description,TDoc Status,Is revision of,Comments',
      'S2-1,"Title, with comma",Nokia,5.1,Maintenance,agreed,,',
      'S2-2,"Two\nlines",Ericsson,5.1,Maintenance,REPLY OPEN,S2-1,"note ""quoted"""',
      ',,,,,,,',
      ',orphan,Someone,5.1,Maintenance,,,',
    ].join('\r\n');
    const { meeting: m, warnings } = importCsvTdocList(enc(csv));
    expect(parseMeeting(m).ok).toBe(true);
    expect(m.contributions.map((c) => [c.number, c.title, c.status])).toEqual([
      ['S2-1', 'Title, with comma', 'agreed'],
      ['S2-2', 'Two lines', 'reply-open'],
      ['', 'orphan', 'available'],
    ]);
    expect(m.contributions[1]).toMatchObject({ revisionOf: m.contributions[0].id, notes: 'note "quoted"' });
    expect(m.statuses.find((s) => s.id === 'reply-open')).toEqual({ id: 'reply-open', label: 'REPLY OPEN', final: false });
    expect(warnings).toEqual([
      { line: 3, message: 'status "REPLY OPEN" is not in the vocabulary; added as a working status' },
      expect.objectContaining({ line: 6, message: expect.stringContaining('no document number') }),
    ]);
  });

  it('reads our own column names, semicolons and windows-1252 text', () => {
    const csv = new Uint8Array([...enc('number;title;source;agenda item;status\nA\u2011'.replace('\u2011', '')), 0x31, ...enc(';Caf'), 0xe9, ...enc(';X;1;noted\n')]);
    const { meeting: m } = importCsvTdocList(csv);
    expect(m.contributions[0]).toMatchObject({ number: 'A1', title: 'Café', source: 'X', status: 'noted' });
    expect(m.agenda.map((a) => a.label)).toEqual(['1']);
  });

  it('skips a repeated header row, and warns about a row with text only in columns it does not keep', () => {
    const { meeting: m, warnings } = importCsvTdocList(enc('TDoc,Title,Contact\nS2-1,A,x\nTDoc,Title,Contact\nS2-2,B,y\n,,Only a contact\n'));
    expect(m.contributions.map((c) => c.number)).toEqual(['S2-1', 'S2-2']);
    expect(warnings).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining('columns that are not kept') })]);
  });

  it('normalises non-breaking hyphens and stray spaces in numbers', () => {
    const { meeting: m } = importCsvTdocList(enc('TD#,Title\n S2\u20112001234 ,x\n'));
    expect(m.contributions[0].number).toBe('S2-2001234');
  });

  it('refuses a file without a Tdoc header, and binary data', () => {
    expect(() => importCsvTdocList(enc('a,b,c\n1,2,3\n'))).toThrow(ImportError);
    expect(() => importCsvTdocList(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2]))).toThrow(/binary/);
    expect(importCsvTdocList(enc('TDoc,Title\n')).warnings).toEqual([expect.objectContaining({ message: expect.stringContaining('no rows') })]);
  });

  it('writes the portal column order, quoting what needs it', () => {
    const out = exportTdocListCsv(sampleMeeting()).data as string;
    expect(out.startsWith('\uFEFF' + TDOC_LIST_COLUMNS.join(','))).toBe(true);
    expect(out).toContain('"R01: Remove AppID\nR02: Merge PDP and PIP, ""as agreed""; <see> [link](x)"');
  });
});
