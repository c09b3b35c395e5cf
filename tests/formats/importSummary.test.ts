import { describe, expect, it } from 'vitest';
import { MeetingBuilder } from '../../shared/formats/meetingBuilder.js';
import { formatImportSummary, importSummary } from '../../shared/formats/importSummary.js';

describe('importSummary', () => {
  it('counts Tdocs per agenda item in board order, with sub-item totals and the unallocated ones', () => {
    const b = new MeetingBuilder('3gpp');
    const top = b.itemByLabel('6', 'Release 18');
    const sub = b.itemByLabel('6.1', 'Slicing');
    const deep = b.itemByLabel('6.1.1', 'Stage 2');
    const other = b.itemByLabel('7', 'AOB');
    for (const [n, item] of [['S2-1', top], ['S2-2', sub], ['S2-3', deep], ['S2-4', deep], ['S2-5', null]] as const) b.addContribution({ number: n, agendaItem: item });
    const s = importSummary(b.build());
    expect(s.items.map((i) => [i.label, i.depth, i.tdocs, i.tdocsWithin])).toEqual([
      ['6', 0, 1, 4],
      ['6.1', 1, 1, 3],
      ['6.1.1', 2, 2, 2],
      ['7', 0, 0, 0],
    ]);
    expect(s.items[3].id).toBe(other);
    expect(s).toMatchObject({ unallocated: 1, tdocs: 5, agendaItems: 4, sessions: 0, timezone: 'UTC' });
    expect(formatImportSummary(s)).toBe(
      '1  6 Release 18 (4 with sub-items)\n1    6.1 Slicing (3 with sub-items)\n2      6.1.1 Stage 2\n0  7 AOB\n1  (no agenda item)\n5 Tdocs, 4 agenda items, 0 sessions; time zone UTC\n',
    );
  });
});
