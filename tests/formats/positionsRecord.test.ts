/**
 * Positions and e-mail approval rounds in the exports (issue 26): their own section of the report (md,
 * docx), their own columns of the Tdoc list (csv, xlsx), both skipped when read back so that imports of
 * exports stay exact; JSON carries them whole.
 */
import { describe, expect, it } from 'vitest';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { reviseContribution } from '../../shared/document/contributionOps.js';
import { exportMeeting, importMeeting } from '../../shared/formats/index.js';
import { statePosition } from '../../shared/positions/positionLedger.js';
import { closeAtDeadline, openRound } from '../../shared/positions/approvalRounds.js';
import { bytesOf, sampleMeeting, summary } from './sampleMeeting.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

/** The sample meeting with positions on two Tdocs (one carried to a revision) and two rounds. */
function withPositions() {
  const doc = createMeetingDoc(sampleMeeting());
  const [a, b] = readMeeting(doc).contributions;
  const state = (id: string, organisation: string, stance: string, comment = '') => statePosition(doc, { contributionId: id, organisation, stance, comment, by: 'Secretary', at: iso(10), onBehalf: true });
  state(a.id, 'Ericsson', 'object', 'needs study');
  state(a.id, 'Nokia', 'support');
  const rev = reviseContribution(doc, a.id, { by: 'x', at: iso(20) });
  state(rev, 'Ericsson', 'support');
  const r1 = openRound(doc, { tdocs: [b.id], deadline: iso(3600), by: 'Chair', nowMs: T0, autoApprove: true });
  closeAtDeadline(doc, r1, T0 + 3600_000);
  openRound(doc, { tdocs: [rev], deadline: iso(7200), by: 'Chair', nowMs: T0 });
  return { m: readMeeting(doc), rev };
}

describe('positions and rounds in the exports', () => {
  it('G-POS-3: the report has a section of positions (carried ones marked) and rounds, and reads back without it', async () => {
    const { m } = withPositions();
    const md = (await exportMeeting(m, 'md')).data as string;
    expect(md).toContain('## Positions and e-mail approval');
    expect(md).toMatch(/\| [^|]+ \| Ericsson \| supports \|/);
    expect(md).toMatch(/\| Nokia \| supports \| +\| Secretary \(recorded\) \| [^|]+ \| SEC-2016-0097 \|/);
    expect(md).toMatch(/approved \| +\| by the server at the deadline/);
    for (const fmt of ['md', 'docx'] as const) {
      const back = (await importMeeting(bytesOf((await exportMeeting(m, fmt)).data), { format: fmt })).meeting;
      expect(summary(back), fmt).toEqual(summary(m));
    }
  });

  it('G-POS-4: the Tdoc list has Positions and E-mail approval columns, and an imported export gives the same Tdocs back', async () => {
    const { m, rev } = withPositions();
    for (const fmt of ['csv', 'xlsx'] as const) {
      const out = await exportMeeting(m, fmt);
      if (fmt === 'csv') {
        const text = out.data as string;
        expect(text.split('\n')[0]).toContain('Positions,E-mail approval');
        expect(text).toContain('Ericsson supports; Nokia supports (stated on');
        expect(text).toContain('approved by the server at the deadline, deadline');
      }
      const back = (await importMeeting(bytesOf(out.data), { format: fmt })).meeting;
      expect(summary(back).contributions, fmt).toEqual(summary(m).contributions);
      const extras = (x: typeof m) => x.contributions.map((c) => [c.number, c.notes, c.columns]);
      expect(extras(back), fmt).toEqual(extras(m));
    }
    expect(m.contributions.some((c) => c.id === rev)).toBe(true);
  });

  it('G-POS-5: JSON keeps positions and rounds exactly', async () => {
    const { m } = withPositions();
    const back = (await importMeeting(bytesOf((await exportMeeting(m, 'json')).data), { format: 'json' })).meeting;
    expect(back).toEqual(m);
    expect(back.positions).toHaveLength(3);
    expect(back.approvals).toHaveLength(2);
  });
});
