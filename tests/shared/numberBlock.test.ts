import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  allocateNumber,
  allocatedNumbers,
  defaultRevisionNumbering,
  formatNumberBlock,
  nextFreeNumber,
  parseNumberBlock,
  revisionNumberingOf,
} from '../../shared/document/numberBlock.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { readMeta, setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution, reviseContribution } from '../../shared/document/contributionOps.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { ROOT } from '../../shared/document/meetingSchema.js';
import { emptyMeeting, emptyMeetingDoc } from './meetingTestDoc.js';

describe('number blocks', () => {
  it('reads a block as secretaries write it, and refuses what is not one', () => {
    const block = { prefix: 'S2-', from: 2403100, to: 2403199, width: 7 };
    for (const s of ['S2-2403100-S2-2403199', 'S2-2403100 – S2-2403199', 'S2-2403100-2403199', ' S2-2403100 to S2-2403199 ', 'S2-2403100..S2-2403199']) {
      expect(parseNumberBlock(s), s).toEqual(block);
    }
    expect(parseNumberBlock({ from: 'S2-2403100', to: 'S2-2403199' })).toEqual(block);
    expect(parseNumberBlock('RP-253790-RP-253799')).toEqual({ prefix: 'RP-', from: 253790, to: 253799, width: 6 });
    expect(formatNumberBlock(block)).toBe('S2-2403100-S2-2403199');
    for (const bad of ['', 'S2-2403199-S2-2403100', 'S2-2403100-R2-2403199', 'S2-2403100-S2-24031999', 'S2-2403100', 'nonsense', 'S2-1000000-S2-9999999', 'x'.repeat(500)]) {
      expect(parseNumberBlock(bad), bad).toBeNull();
    }
  });

  it('numbers revisions the body way unless the meeting says otherwise', () => {
    expect(defaultRevisionNumbering('3GPP')).toBe('new-number');
    expect(defaultRevisionNumbering('oneM2M')).toBe('suffix');
    expect(defaultRevisionNumbering('ETSI')).toBe('suffix');
    expect(defaultRevisionNumbering(undefined)).toBe('suffix');
    expect(revisionNumberingOf({ body: '3GPP', revisionNumbering: 'suffix' })).toBe('suffix');
    expect(revisionNumberingOf({ body: 'oneM2M', revisionNumbering: 'new-number' })).toBe('new-number');
  });

  it('keeps the setting and the block in the meta, normalised, and refuses bad ones', () => {
    const doc = emptyMeetingDoc();
    setMeta(doc, { revisionNumbering: 'new-number', numberBlock: 'S2-2403100 – 2403199' });
    expect(readMeta(doc)).toMatchObject({ revisionNumbering: 'new-number', numberBlock: 'S2-2403100-S2-2403199' });
    expect(() => setMeta(doc, { numberBlock: 'S2-9-S2-1' })).toThrow(/numberBlock/);
    expect(() => setMeta(doc, { revisionNumbering: 'roman' as never })).toThrow(/revisionNumbering/);
    setMeta(doc, { numberBlock: '' });
    expect(readMeta(doc).numberBlock).toBeUndefined();
    // A peer's junk reads as unset.
    doc.getMap(ROOT.meta).set('numberBlock', 'junk');
    doc.getMap(ROOT.meta).set('revisionNumbering', 'roman');
    expect(readMeta(doc).numberBlock).toBeUndefined();
    expect(readMeta(doc).revisionNumbering).toBeUndefined();
    expect(parseMeeting({ ...emptyMeeting(), meta: { ...emptyMeeting().meta, numberBlock: 'junk' } }).ok).toBe(false);
    expect(parseMeeting({ ...emptyMeeting(), meta: { ...emptyMeeting().meta, revisionNumbering: 'roman' } }).ok).toBe(false);
    const ok = parseMeeting({ ...emptyMeeting(), meta: { ...emptyMeeting().meta, numberBlock: 'RP-253790-RP-253799', revisionNumbering: 'new-number' } });
    expect(ok.ok).toBe(true);
  });

  it('hands out each free number once: not one a Tdoc uses, not one handed out before', () => {
    const doc = emptyMeetingDoc();
    const item = addAgendaItem(doc, { label: '1' });
    addContribution(doc, { number: 'S2-2400100', agendaItemId: item });
    addContribution(doc, { number: 'S2-2400050', aliases: ['S2-2400101'], agendaItemId: item });
    const block = parseNumberBlock('S2-2400100-S2-2400104')!;
    const who = { by: 'secretary', at: '2024-02-26T10:00:00Z' };
    expect(allocateNumber(doc, block, who)).toEqual({ number: 'S2-2400102' });
    expect(allocateNumber(doc, block, who)).toEqual({ number: 'S2-2400103' });
    expect(allocatedNumbers(doc)).toEqual(new Set(['S2-2400102', 'S2-2400103']));
    addContribution(doc, { number: 'S2-2400104', agendaItemId: item });
    expect(nextFreeNumber(doc, block)).toBeNull();
    expect(allocateNumber(doc, block, who)).toEqual({ error: 'exhausted' });
    expect(allocateNumber(doc, null, who)).toEqual({ error: 'unset' });
    // Allocations travel with the document.
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(allocatedNumbers(replica).size).toBe(2);
  });
});

describe('revising, both ways', () => {
  it('copies the Tdoc list columns into a suffix revision and into a new-number revision', () => {
    const doc = emptyMeetingDoc();
    const item = addAgendaItem(doc, { label: '1' });
    const columns = { Release: 'Rel-19', 'Related WIs': 'FS_X' };
    const old = addContribution(doc, { number: 'SEC-2016-0094', title: 'T', agendaItemId: item, columns });
    const r1 = reviseContribution(doc, old, { by: 'Chair' });
    const gpp = addContribution(doc, { number: 'RP-252972', title: 'U', agendaItemId: item, columns });
    const r2 = reviseContribution(doc, gpp, { by: 'Chair', number: 'RP-253795' });
    const rows = readMeeting(doc).contributions;
    expect(rows.find((c) => c.id === r1)).toMatchObject({ number: 'SEC-2016-0094R01', columns, revisionOf: old });
    expect(rows.find((c) => c.id === r2)).toMatchObject({ number: 'RP-253795', columns, revisionOf: gpp });
  });

  it('gives a reserved row taken as the revision the columns it lacks', () => {
    const doc = emptyMeetingDoc();
    const item = addAgendaItem(doc, { label: '1' });
    const old = addContribution(doc, { number: 'RP-252972', title: 'U', agendaItemId: item, columns: { Release: 'Rel-19' } });
    addContribution(doc, { number: 'RP-253795', status: 'reserved', agendaItemId: item });
    const id = reviseContribution(doc, old, { by: 'Chair', number: 'RP-253795' });
    expect(readMeeting(doc).contributions.find((c) => c.id === id)).toMatchObject({ columns: { Release: 'Rel-19' }, status: 'available' });
  });
});
