import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DEFAULT_STATUS,
  PRESET_3GPP,
  PRESET_ONEM2M,
  ensureStatus,
  presetStatuses,
  statusId,
  statusLabel,
} from '../../shared/document/statuses.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { addStatus, readStatuses, setStatuses } from '../../shared/document/meetingParts.js';
import { addContribution, setContributionStatus } from '../../shared/document/contributionOps.js';
import { MeetingOpError } from '../../shared/document/entityOps.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { emptyMeetingDoc } from './meetingTestDoc.js';

/** The status ids CONTRACT.md §5 says the default vocabulary holds at least. */
const CONTRACT_IDS = [
  'reserved',
  'available',
  'agreed',
  'approved',
  'endorsed',
  'noted',
  'revised',
  'merged',
  'postponed',
  'withdrawn',
  'not-treated',
  'not-pursued',
  'replied-to',
  'partially-approved',
  'conditionally-agreed',
  'conditionally-approved',
];

describe('status presets', () => {
  it('the 3GPP preset (the default) holds every status id of the contract, each once', () => {
    const ids = PRESET_3GPP.map((s) => s.id);
    for (const id of CONTRACT_IDS) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(presetStatuses()).toEqual(PRESET_3GPP);
  });

  it('the oneM2M preset holds the contract ids too, plus its own words', () => {
    const ids = PRESET_ONEM2M.map((s) => s.id);
    for (const id of CONTRACT_IDS) expect(ids).toContain(id);
    expect(ids).toContain('agreed-in-principle');
    expect(new Set(ids).size).toBe(ids.length);
    expect(presetStatuses('onem2m')).toEqual(PRESET_ONEM2M);
  });

  it('marks a decision as final and "available"/"reserved" as not', () => {
    const byId = new Map(PRESET_3GPP.map((s) => [s.id, s]));
    expect(byId.get('agreed')!.final).toBe(true);
    expect(byId.get('available')!.final).toBe(false);
    expect(byId.get('reserved')!.final).toBe(false);
    expect(DEFAULT_STATUS).toBe('available');
  });

  it('every preset id is already in normal form', () => {
    for (const s of [...PRESET_3GPP, ...PRESET_ONEM2M]) expect(statusId(s.id)).toBe(s.id);
  });

  it('hands out copies: changing one does not change the preset', () => {
    const copy = presetStatuses();
    copy[0].label = 'Changed';
    expect(PRESET_3GPP[0].label).toBe('Reserved');
  });
});

describe('statusId and ensureStatus', () => {
  it('normalises words as written', () => {
    expect(statusId('Not Treated')).toBe('not-treated');
    expect(statusId('  agreed ')).toBe('agreed');
    expect(statusId('REPLY OPEN')).toBe('reply-open');
    expect(statusId('not-treated')).toBe('not-treated');
    expect(statusId('Agreed (in principle)')).toBe('agreed-in-principle');
    expect(statusId('Ｎｏｔｅｄ')).toBe('noted');
    expect(statusId('---')).toBe('');
  });

  it('finds a word by id and keeps an unknown one by adding it', () => {
    const list = presetStatuses();
    expect(ensureStatus(list, 'Not Treated')).toBe('not-treated');
    expect(list).toHaveLength(PRESET_3GPP.length);
    expect(ensureStatus(list, 'For e-mail approval', false)).toBe('for-e-mail-approval');
    expect(list.at(-1)).toEqual({ id: 'for-e-mail-approval', label: 'For e-mail approval', final: false });
    expect(ensureStatus(list, '  ')).toBe(DEFAULT_STATUS);
    expect(statusLabel(list, 'not-treated')).toBe('Not treated');
    expect(statusLabel(list, 'unknown-word')).toBe('unknown-word');
  });
});

describe("a meeting's own vocabulary", () => {
  it('a meeting carries its own list, and only its words can be set', () => {
    const own = [
      { id: 'available', label: 'Available', final: false },
      { id: 'accepted', label: 'Accepted', final: true },
    ];
    const doc = emptyMeetingDoc({ statuses: own });
    expect(readStatuses(doc)).toEqual(own);
    const c = addContribution(doc, { number: 'IETF-1' });
    setContributionStatus(doc, c, 'accepted', { by: 'Chair' });
    expect(() => setContributionStatus(doc, c, 'agreed', { by: 'Chair' })).toThrow(MeetingOpError);
    expect(readMeeting(doc).statuses).toEqual(own);
  });

  it('adds a word once (by id), and a replaced list keeps rows with old words readable', () => {
    const doc = emptyMeetingDoc();
    expect(addStatus(doc, 'Reply open', false)).toBe('reply-open');
    expect(addStatus(doc, 'reply OPEN')).toBe('reply-open');
    expect(readStatuses(doc).filter((s) => s.id === 'reply-open')).toEqual([{ id: 'reply-open', label: 'Reply open', final: false }]);
    expect(() => addStatus(doc, '--')).toThrow(MeetingOpError);
    const c = addContribution(doc, { number: 'X-1' });
    setContributionStatus(doc, c, 'reply-open', { by: 'Chair' });
    setStatuses(doc, presetStatuses('onem2m'));
    const m = readMeeting(doc);
    expect(m.contributions[0].status).toBe('reply-open');
    expect(m.statuses.at(-1)).toEqual({ id: 'reply-open', label: 'reply-open', final: false });
    expect(parseMeeting(m).ok).toBe(true);
  });

  it('a document with no vocabulary reads the 3GPP preset', () => {
    expect(readStatuses(new Y.Doc())).toEqual(PRESET_3GPP);
  });

  it('two people adding the same word at once read it once', () => {
    const a = emptyMeetingDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    addStatus(a, 'Reply open');
    addStatus(b, 'Reply Open');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readStatuses(a)).toEqual(readStatuses(b));
    expect(readStatuses(a).filter((s) => s.id === 'reply-open')).toHaveLength(1);
  });
});
