import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MeetingStore } from '../../client/sync/MeetingStore.js';
import { moveContribution, setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';
import { updateAgendaItem } from '../../shared/document/agendaOps.js';
import { addStatus, setLive, setMeta } from '../../shared/document/meetingParts.js';
import { addListEntry } from '../../shared/document/listOps.js';
import { entryText } from '../../shared/document/entityStore.js';
import { meetingFixture, syncInto } from './meetingFixture.js';

function setup() {
  const f = meetingFixture();
  const local = new Y.Doc();
  syncInto(f.doc, local);
  const store = new MeetingStore(local);
  const calls: string[] = [];
  for (const id of Object.values(f.tdocs)) store.subscribeRow(id, () => calls.push(id));
  store.subscribeIndex(() => calls.push('index'));
  store.subscribeDoc(() => calls.push('doc'));
  return { ...f, local, store, calls };
}

describe('MeetingStore', () => {
  it('orders contributions by agenda pre-order, then rank', () => {
    const { store, tdocs } = setup();
    const order = store.getIndex().order.map((id) => store.contribution(id)!.number);
    expect(order).toEqual(['SEC-2016-0090', 'SEC-2016-0094R02', 'SEC-2016-0098', 'SEC-2016-0091', 'SEC-2016-0092']);
    expect(store.getIndex().agenda.map((n) => n.item.label)).toEqual(['1', '2', '2.1', '3']);
    expect(store.contribution(tdocs['SEC-2016-0098'])!.status).toBe('available');
  });

  it('a remote status change notifies only that row, and gives only that row a new object', () => {
    const { doc, local, store, calls, tdocs } = setup();
    const id = tdocs['SEC-2016-0098'];
    const before = new Map(Object.values(tdocs).map((t) => [t, store.contribution(t)]));
    const indexBefore = store.getIndex();
    setContributionStatus(doc, id, 'agreed', { by: 'Karen', at: '2016-05-16T10:00:00Z' });
    syncInto(doc, local);
    expect(calls).toEqual([id]);
    expect(store.contribution(id)!.status).toBe('agreed');
    expect(store.contribution(id)!.history).toEqual([{ status: 'agreed', at: '2016-05-16T10:00:00Z', by: 'Karen' }]);
    for (const t of Object.values(tdocs)) {
      if (t === id) expect(store.contribution(t)).not.toBe(before.get(t));
      else expect(store.contribution(t)).toBe(before.get(t));
    }
    expect(store.getIndex()).toBe(indexBefore);
  });

  it('typing in a row\'s notes touches that row only', () => {
    const { local, store, calls, tdocs } = setup();
    const id = tdocs['SEC-2016-0091'];
    entryText(local, 'contributions', id, 'notes')!.insert(0, 'Ex part of 71');
    expect(calls).toEqual([id]);
    expect(store.contribution(id)!.notes).toBe('Ex part of 71');
  });

  it('a move rebuilds the index; a title edit does not', () => {
    const { local, store, calls, tdocs, items } = setup();
    updateContribution(local, tdocs['SEC-2016-0090'], { title: 'Draft agenda' });
    expect(calls).toEqual([tdocs['SEC-2016-0090']]);
    calls.length = 0;
    moveContribution(local, tdocs['SEC-2016-0090'], items.misc);
    expect(calls).toContain('index');
    expect(store.getIndex().byItem.get(items.misc)).toEqual([tdocs['SEC-2016-0090']]);
    expect(store.getIndex().byItem.has(items.opening)).toBe(false);
  });

  it('renaming an agenda item rebuilds the index (labels are shown from it)', () => {
    const { local, store, calls, items } = setup();
    updateAgendaItem(local, items.misc, { title: 'Any other business' });
    expect(calls).toEqual(['index']);
    expect(store.getIndex().agenda.find((n) => n.item.id === items.misc)!.item.title).toBe('Any other business');
  });

  it('tells live-pointer subscribers about the live pointer, not the rows', () => {
    const { local, store, calls, tdocs, items } = setup();
    setLive(local, { agendaItemId: items.security, contributionId: tdocs['SEC-2016-0098'], banner: 'Coffee until 10:30' });
    expect(calls).toEqual(['doc']);
    expect(store.getLive()).toEqual({ agendaItemId: items.security, contributionId: tdocs['SEC-2016-0098'], sessionId: null, banner: 'Coffee until 10:30' });
  });

  it('a live contribution alone makes its agenda item live, and follows it when moved', () => {
    const { local, store, tdocs, items } = setup();
    setLive(local, { contributionId: tdocs['SEC-2016-0091'] });
    expect(store.getLive()).toMatchObject({ agendaItemId: items.keys, contributionId: tdocs['SEC-2016-0091'] });
    moveContribution(local, tdocs['SEC-2016-0091'], items.misc);
    expect(store.getLive().agendaItemId).toBe(items.misc);
  });

  it('re-reads meta and the status vocabulary when a peer changes them, and tells doc subscribers', () => {
    const { doc, local, store, calls } = setup();
    setMeta(doc, { venue: 'Kobe' });
    const label = addStatus(doc, 'Technically endorsed');
    syncInto(doc, local);
    expect(calls).toEqual(['doc']);
    expect(store.getMeta().venue).toBe('Kobe');
    expect(store.getStatuses().some((st) => st.id === label)).toBe(true);
  });

  it('keeps small lists sorted and stable until they change', () => {
    const { local, store } = setup();
    const empty = store.getList('actions');
    expect(store.getList('actions')).toBe(empty);
    let notified = 0;
    store.subscribeList('actions', () => notified++);
    addListEntry(local, 'actions', { ref: 'A1', what: 'Send LS' });
    addListEntry(local, 'actions', { ref: 'A2', what: 'Review' });
    expect(notified).toBe(2);
    expect(store.getList('actions').map((a) => a.ref)).toEqual(['A1', 'A2']);
  });

  it('stops listening when destroyed', () => {
    const { local, store, calls, tdocs } = setup();
    store.destroy();
    setContributionStatus(local, tdocs['SEC-2016-0098'], 'noted', { by: 'x' });
    expect(calls).toEqual([]);
  });
});
