/**
 * Edits the board makes on "the selected row", whichever kind it is (a selection key is a contribution id
 * or `item:` + agenda item id). Shared by the keys and the buttons.
 */
import * as Y from 'yjs';
import type { Contribution, Live } from '../../shared/document/meetingSchema.js';
import { addContribution, moveContribution } from '../../shared/document/contributionOps.js';
import { addAgendaItem, moveAgendaItem } from '../../shared/document/agendaOps.js';
import type { MeetingIndex } from '../sync/MeetingStore.js';

/** Splits a selection key into a contribution id or an agenda item id. */
export function parseKey(key: string | null): { tdocId: string | null; itemId: string | null } {
  if (key === null) return { tdocId: null, itemId: null };
  return key.startsWith('item:') ? { tdocId: null, itemId: key.slice(5) } : { tdocId: key, itemId: null };
}

/** Moves the selected row one place up (-1) or down (1) among its siblings; nothing at either end. */
export function shiftRow(doc: Y.Doc, index: MeetingIndex, contribution: (id: string) => Contribution | undefined, key: string, by: -1 | 1): void {
  const { tdocId, itemId } = parseKey(key);
  if (tdocId) {
    const c = contribution(tdocId);
    if (!c) return;
    const sibs = index.byItem.get(index.agenda.some((n) => n.item.id === c.agendaItemId) ? c.agendaItemId : '') ?? [];
    const pos = sibs.indexOf(tdocId);
    if (by < 0 && pos > 0) moveContribution(doc, tdocId, c.agendaItemId, pos > 1 ? sibs[pos - 2] : null);
    if (by > 0 && pos >= 0 && pos < sibs.length - 1) moveContribution(doc, tdocId, c.agendaItemId, sibs[pos + 1]);
  } else if (itemId) {
    const node = index.agenda.find((n) => n.item.id === itemId);
    const parent = node?.parentId ?? null;
    const sibs = index.agenda.filter((n) => n.parentId === parent).map((n) => n.item.id);
    const pos = sibs.indexOf(itemId);
    if (by < 0 && pos > 0) moveAgendaItem(doc, itemId, parent, pos > 1 ? sibs[pos - 2] : null);
    if (by > 0 && pos >= 0 && pos < sibs.length - 1) moveAgendaItem(doc, itemId, parent, sibs[pos + 1]);
  }
}

/** The live pointer for "the room is on this row now": a contribution brings its item along. */
export function liveFor(key: string, contribution: (id: string) => Contribution | undefined): Partial<Live> | null {
  const { tdocId, itemId } = parseKey(key);
  if (tdocId) return { agendaItemId: contribution(tdocId)?.agendaItemId || null, contributionId: tdocId };
  if (itemId) return { agendaItemId: itemId, contributionId: null };
  return null;
}

/** Adds a top-level agenda item after the last one, numbered one more; returns its id. */
export function addItemAtEnd(doc: Y.Doc, index: MeetingIndex): string {
  const last = index.agenda.filter((n) => n.parentId === null).at(-1);
  const label = String((Number.parseInt(last?.item.label ?? '0', 10) || 0) + 1);
  return addAgendaItem(doc, { label, title: 'New item' }, last?.item.id);
}

/**
 * Adds a contribution numbered "NEW" where the secretary is: after the selected contribution, at the end of
 * the selected item, or else at the end of the live item. Returns its id.
 */
export function addContributionNear(
  doc: Y.Doc,
  index: MeetingIndex,
  contribution: (id: string) => Contribution | undefined,
  key: string | null,
  liveItemId: string | null,
): string {
  const { tdocId, itemId: selectedItem } = parseKey(key);
  const itemId = selectedItem ?? (tdocId ? contribution(tdocId)?.agendaItemId : undefined) ?? liveItemId ?? '';
  const after = tdocId ?? (index.byItem.get(itemId) ?? []).at(-1);
  return addContribution(doc, { number: 'NEW', title: '', agendaItemId: itemId }, after);
}
