/** `item:` in the search (client/model/filterQuery.ts): an agenda number names the item and its sub-items only. */
import { describe, expect, it } from 'vitest';
import { matches, parseQuery, type Haystack } from '../../client/model/filterQuery.js';

function row(itemLabel: string, itemTitle: string): Haystack {
  return { number: 'rp-250001', title: 'a contribution', source: 'nokia', status: 'available available', itemLabel: itemLabel.toLowerCase(), itemTitle: itemTitle.toLowerCase() };
}

const ROWS = {
  '7': row('7', 'Rel-19 items'),
  '7.1': row('7.1', 'NR MIMO'),
  '7.1.2': row('7.1.2', 'Sub-item of 7.1'),
  '9.1.4.7': row('9.1.4.7', 'Something else'),
  '10.7': row('10.7', 'Another'),
  '13.3.1': row('13.3.1', 'Rel-17 maintenance'),
  '17': row('17', 'Closing'),
  '8.1a': row('8.1a', 'Lettered'),
};

function found(query: string): string[] {
  const terms = parseQuery(query);
  return Object.entries(ROWS)
    .filter(([, h]) => matches(h, terms))
    .map(([k]) => k);
}

describe('item: in the search', () => {
  it('item:7 finds item 7 and its sub-items only, not 9.1.4.7, 10.7, 17 or a title holding "17"', () => {
    expect(found('item:7')).toEqual(['7', '7.1', '7.1.2']);
    expect(found('item:7.1')).toEqual(['7.1', '7.1.2']);
    expect(found('item:7.')).toEqual(['7', '7.1', '7.1.2']);
    expect(found('ai:8.1a')).toEqual(['8.1a']);
  });

  it('item: with words still searches the items\' titles', () => {
    expect(found('item:maintenance')).toEqual(['13.3.1']);
    expect(found('item:mimo')).toEqual(['7.1']);
  });

  it('a bare number without item: still searches everywhere (titles too)', () => {
    expect(found('17').sort()).toEqual(['13.3.1', '17']);
  });
});
