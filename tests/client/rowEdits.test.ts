import { describe, expect, it } from 'vitest';
import { MeetingStore } from '../../client/sync/MeetingStore.js';
import { addContributionNear, addItemAtEnd, liveFor, parseKey, shiftRow } from '../../client/model/rowEdits.js';
import { meetingFixture } from './meetingFixture.js';

function setup() {
  const f = meetingFixture();
  const store = new MeetingStore(f.doc);
  const labels = () => store.getIndex().agenda.map((n) => n.item.label);
  const numbers = (item: string) => (store.getIndex().byItem.get(item) ?? []).map((id) => store.contribution(id)!.number);
  return { ...f, store, labels, numbers };
}

describe('row edits', () => {
  it('parses selection keys', () => {
    expect(parseKey('abc')).toEqual({ tdocId: 'abc', itemId: null });
    expect(parseKey('item:xyz')).toEqual({ tdocId: null, itemId: 'xyz' });
    expect(parseKey(null)).toEqual({ tdocId: null, itemId: null });
  });

  it('moves an agenda item among its siblings, with its sub-items', () => {
    const { doc, store, items, labels } = setup();
    shiftRow(doc, store.getIndex(), store.contribution, `item:${items.misc}`, -1);
    expect(labels()).toEqual(['1', '3', '2', '2.1']);
    shiftRow(doc, store.getIndex(), store.contribution, `item:${items.opening}`, -1);
    expect(labels()).toEqual(['1', '3', '2', '2.1']);
    shiftRow(doc, store.getIndex(), store.contribution, `item:${items.keys}`, 1);
    expect(labels()).toEqual(['1', '3', '2', '2.1']);
  });

  it('sets the room live on a contribution together with its item, or on an item alone', () => {
    const { store, items, tdocs } = setup();
    expect(liveFor(tdocs['SEC-2016-0091'], store.contribution)).toEqual({ agendaItemId: items.keys, contributionId: tdocs['SEC-2016-0091'] });
    expect(liveFor(`item:${items.misc}`, store.contribution)).toEqual({ agendaItemId: items.misc, contributionId: null });
  });

  it('adds a contribution after the selected one, or at the end of the selected or live item', () => {
    const { doc, store, items, tdocs, numbers } = setup();
    addContributionNear(doc, store.getIndex(), store.contribution, tdocs['SEC-2016-0094R02'], null);
    expect(numbers(items.security)).toEqual(['SEC-2016-0094R02', 'NEW', 'SEC-2016-0098']);
    addContributionNear(doc, store.getIndex(), store.contribution, `item:${items.keys}`, null);
    expect(numbers(items.keys)).toEqual(['SEC-2016-0091', 'SEC-2016-0092', 'NEW']);
    addContributionNear(doc, store.getIndex(), store.contribution, null, items.misc);
    expect(numbers(items.misc)).toEqual(['NEW']);
  });

  it('adds a top-level item numbered after the last one', () => {
    const { doc, store, labels } = setup();
    addItemAtEnd(doc, store.getIndex());
    expect(labels()).toEqual(['1', '2', '2.1', '3', '4']);
  });
});
