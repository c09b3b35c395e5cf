/**
 * The next meeting's JSON (shared/merge/carryOver.ts), issue 25's part: its own number block and revision
 * numbering, never the old block, and the carried Tdocs' links to Tdocs left behind kept as numbers.
 */
import { describe, expect, it } from 'vitest';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution, reviseContribution, setContributionStatus } from '../../shared/document/contributionOps.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { carryOver } from '../../shared/merge/carryOver.js';
import { emptyMeetingDoc } from './meetingTestDoc.js';

const NEXT = { title: 'SA2#174', startDate: '2026-04-13', endDate: '2026-04-17', venue: 'Fukuoka, Japan' };

function week() {
  const doc = emptyMeetingDoc();
  setMeta(doc, { title: 'SA2#173', body: '3GPP', numberBlock: 'S2-2601000-S2-2601099', revisionNumbering: 'new-number' });
  const item = addAgendaItem(doc, { label: '6.1', title: 'AIML' });
  const a = addContribution(doc, { number: 'S2-2600100', title: 'A', agendaItemId: item });
  const b = addContribution(doc, { number: 'S2-2600101', title: 'B', agendaItemId: item });
  // B is revised into B1, which is postponed (carried); A is revised into A1 and A1 left open (carried) too.
  const b1 = reviseContribution(doc, b, { by: 'Chair', number: 'S2-2601000' });
  setContributionStatus(doc, b1, 'postponed', { by: 'Chair' });
  const a1 = reviseContribution(doc, a, { by: 'Chair', number: 'S2-2601001' });
  const a2 = reviseContribution(doc, a1, { by: 'Chair', number: 'S2-2601002' });
  setContributionStatus(doc, a1, 'postponed', { by: 'Chair' });
  return { m: readMeeting(doc), a1, a2, b1 };
}

describe('carryOver', () => {
  it('G-WEEK-4 never carries the old number block; takes the new one and numbering when given', () => {
    const { m } = week();
    expect(carryOver(m, { meetingId: 'sa2-173', title: 'SA2#173' }, NEXT, '2026-03-01T00:00:00Z').meta).not.toHaveProperty('numberBlock');
    const next = carryOver(m, { meetingId: 'sa2-173', title: 'SA2#173' }, { ...NEXT, numberBlock: 'S2-2603000-S2-2603199', revisionNumbering: 'new-number' }, '2026-03-01T00:00:00Z');
    expect(next.meta).toMatchObject({ title: 'SA2#174', numberBlock: 'S2-2603000-S2-2603199', revisionNumbering: 'new-number', body: '3GPP' });
  });

  it('keeps a carried Tdoc’s links to Tdocs left behind as their numbers, and between carried Tdocs as links', () => {
    const { m, a1, a2, b1 } = week();
    const next = carryOver(m, { meetingId: 'sa2-173', title: 'SA2#173' }, NEXT, '2026-03-01T00:00:00Z');
    expect(parseMeeting(next).ok).toBe(true);
    const row = (id: string) => next.contributions.find((c) => c.id === id)!;
    expect(next.contributions.map((c) => c.number).sort()).toEqual(['S2-2601000', 'S2-2601001', 'S2-2601002']);
    expect(row(b1)).toMatchObject({ revisionOf: null, revisionOfNumber: 'S2-2600101' });
    expect(row(a1)).toMatchObject({ revisionOf: null, revisionOfNumber: 'S2-2600100' });
    expect(row(a2).revisionOf).toBe(a1);
    expect(row(a1).revisedToNumbers).toBeUndefined();
  });
});
