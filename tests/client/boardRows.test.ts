import { describe, expect, it } from 'vitest';
import { MeetingStore } from '../../client/sync/MeetingStore.js';
import { buildRows, countTdocs, type BoardRow } from '../../client/model/boardRows.js';
import { haystackOf, matches, parseQuery } from '../../client/model/filterQuery.js';
import { addContribution, setContributionStatus } from '../../shared/document/contributionOps.js';
import { readStatuses } from '../../shared/document/meetingParts.js';
import { meetingFixture } from './meetingFixture.js';

function rowsOf(query: string, collapsed: string[] = []) {
  const f = meetingFixture();
  setContributionStatus(f.doc, f.tdocs['SEC-2016-0098'], 'agreed', { by: 'K' });
  const store = new MeetingStore(f.doc);
  const src = { index: store.getIndex(), contribution: store.contribution, agendaItem: store.agendaItem, statuses: store.getStatuses() };
  return { f, store, rows: buildRows(src, new Set(collapsed), query) };
}

function show(rows: BoardRow[], f: ReturnType<typeof meetingFixture>, store: MeetingStore): string[] {
  return rows.map((r) => (r.kind === 'item' ? `# ${store.agendaItem(r.id)?.label ?? '-'}` : store.contribution(r.id)!.number));
}

describe('parseQuery', () => {
  it('splits words, named fields and quoted phrases', () => {
    expect(parseQuery('  status:agreed  Datang "key deriv" item:2.1 foo:bar ')).toEqual([
      { field: 'status', text: 'agreed' },
      { field: null, text: 'datang' },
      { field: null, text: 'key deriv' },
      { field: 'item', text: '2.1' },
      { field: null, text: 'foo:bar' },
    ]);
    expect(parseQuery('')).toEqual([]);
  });
});

describe('buildRows', () => {
  it('lists every item in pre-order with its contributions under it', () => {
    const { f, store, rows } = rowsOf('');
    expect(show(rows, f, store)).toEqual([
      '# 1',
      'SEC-2016-0090',
      '# 2',
      'SEC-2016-0094R02',
      'SEC-2016-0098',
      '# 2.1',
      'SEC-2016-0091',
      'SEC-2016-0092',
      '# 3',
    ]);
    expect(rows.find((r) => r.kind === 'item' && r.id === f.items.security)).toMatchObject({ depth: 0, count: 2 });
  });

  it('a folded item hides its contributions and its sub-items', () => {
    const { f, store, rows } = rowsOf('');
    const folded = buildRows(
      { index: store.getIndex(), contribution: store.contribution, agendaItem: store.agendaItem, statuses: store.getStatuses() },
      new Set([f.items.security]),
      '',
    );
    expect(rows.length).toBe(9);
    expect(show(folded, f, store)).toEqual(['# 1', 'SEC-2016-0090', '# 2', '# 3']);
  });

  it('filters by number, source, status label and agenda item, keeping the items above a match', () => {
    const { f, store } = rowsOf('');
    const src = { index: store.getIndex(), contribution: store.contribution, agendaItem: store.agendaItem, statuses: store.getStatuses() };
    const q = (s: string) => show(buildRows(src, new Set([f.items.security]), s), f, store);
    expect(q('0091')).toEqual(['# 2', '# 2.1', 'SEC-2016-0091']);
    expect(q('qualcomm')).toEqual(['# 2', '# 2.1', 'SEC-2016-0091', 'SEC-2016-0092']);
    expect(q('status:agreed')).toEqual(['# 2', 'SEC-2016-0098']);
    expect(q('Agreed datang')).toEqual(['# 2', 'SEC-2016-0098']);
    expect(q('item:2.1')).toEqual(['# 2', '# 2.1', 'SEC-2016-0091', 'SEC-2016-0092']);
    expect(q('item:2')).toEqual(['# 2', 'SEC-2016-0094R02', 'SEC-2016-0098', '# 2.1', 'SEC-2016-0091', 'SEC-2016-0092']);
    expect(q('misc')).toEqual(['# 3']);
    expect(q('nothing-like-this')).toEqual([]);
    expect(countTdocs(buildRows(src, new Set(), 'datang'))).toBe(2);
  });

  it('puts contributions without an agenda item in a last group', () => {
    const f = meetingFixture();
    addContribution(f.doc, { number: 'LOOSE-1', title: 'Late', agendaItemId: '' });
    const store = new MeetingStore(f.doc);
    const rows = buildRows({ index: store.getIndex(), contribution: store.contribution, agendaItem: store.agendaItem, statuses: store.getStatuses() }, new Set(), '');
    expect(rows.slice(-2)).toEqual([
      { kind: 'item', id: '', depth: 0, count: 1 },
      { kind: 'tdoc', id: expect.any(String), itemId: '', depth: 1 },
    ]);
  });
});

describe('matches', () => {
  it('matches the status by its label and by its id', () => {
    const f = meetingFixture();
    const store = new MeetingStore(f.doc);
    setContributionStatus(f.doc, f.tdocs['SEC-2016-0090'], 'not-treated', { by: 'K' });
    const c = store.contribution(f.tdocs['SEC-2016-0090'])!;
    const h = haystackOf(c, store.agendaItem(c.agendaItemId), readStatuses(f.doc));
    expect(matches(h, parseQuery('status:"not treated"'))).toBe(true);
    expect(matches(h, parseQuery('status:not-treated'))).toBe(true);
    expect(matches(h, parseQuery('status:agreed'))).toBe(false);
  });
});
