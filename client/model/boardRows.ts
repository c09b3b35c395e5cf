/**
 * The flat list of rows the board renders (virtualised): agenda items in pre-order, each followed by its
 * contributions, with collapsed items hiding what is under them, and a filter that keeps matching
 * contributions and the items above them.
 */
import type { AgendaItem, Contribution, Status } from '../../shared/document/meetingSchema.js';
import type { MeetingIndex } from '../sync/MeetingStore.js';
import { haystackOf, matches, parseQuery, type Haystack } from './filterQuery.js';

/** Id of the pseudo item that holds contributions not allocated to any agenda item. */
export const UNALLOCATED = '';

export type BoardRow =
  | { kind: 'item'; id: string; depth: number; count: number }
  | { kind: 'tdoc'; id: string; itemId: string; depth: number };

/** Selection keys: a contribution id, or `item:` + agenda item id. */
export function rowKey(r: BoardRow): string {
  return r.kind === 'item' ? `item:${r.id}` : r.id;
}

export interface RowSource {
  index: MeetingIndex;
  contribution: (id: string) => Contribution | undefined;
  agendaItem: (id: string) => AgendaItem | undefined;
  statuses: readonly Status[];
}

/** Rows for the board: `collapsed` holds item ids whose subtree is hidden (ignored while filtering). */
export function buildRows(src: RowSource, collapsed: ReadonlySet<string>, query: string): BoardRow[] {
  const terms = parseQuery(query);
  const { index } = src;
  const nodes = [...index.agenda.map((n) => ({ id: n.item.id, depth: n.depth, parentId: n.parentId }))];
  if (index.byItem.has(UNALLOCATED)) nodes.push({ id: UNALLOCATED, depth: 0, parentId: null });

  if (terms.length === 0) {
    const rows: BoardRow[] = [];
    let hideBelow = Infinity;
    for (const n of nodes) {
      if (n.depth > hideBelow) continue;
      hideBelow = Infinity;
      const ids = index.byItem.get(n.id) ?? [];
      rows.push({ kind: 'item', id: n.id, depth: n.depth, count: ids.length });
      if (collapsed.has(n.id)) {
        hideBelow = n.depth;
        continue;
      }
      for (const id of ids) rows.push({ kind: 'tdoc', id, itemId: n.id, depth: n.depth + 1 });
    }
    return rows;
  }

  const matched = new Map<string, string[]>();
  const keep = new Set<string>();
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  for (const n of nodes) {
    const item = src.agendaItem(n.id);
    const ids = (index.byItem.get(n.id) ?? []).filter((id) => {
      const c = src.contribution(id);
      return c !== undefined && matches(cachedHaystack(c, item, src.statuses), terms);
    });
    const itemHit =
      n.id !== UNALLOCATED &&
      item !== undefined &&
      terms.every((t) => (t.field === null || t.field === 'item') && itemText(item).includes(t.text));
    if (ids.length || itemHit) {
      matched.set(n.id, ids);
      for (let p: string | null | undefined = n.id; p !== null && p !== undefined; p = parentOf.get(p)) keep.add(p);
    }
  }
  const rows: BoardRow[] = [];
  for (const n of nodes) {
    if (!keep.has(n.id)) continue;
    const ids = matched.get(n.id) ?? [];
    rows.push({ kind: 'item', id: n.id, depth: n.depth, count: ids.length });
    for (const id of ids) rows.push({ kind: 'tdoc', id, itemId: n.id, depth: n.depth + 1 });
  }
  return rows;
}

/**
 * Haystacks are kept per row object (the render cache gives a new object only when a row changes), so a
 * keystroke in the search box lowercases nothing that did not change.
 */
const haystacks = new WeakMap<Contribution, { item: AgendaItem | undefined; statuses: readonly Status[]; h: Haystack }>();
function cachedHaystack(c: Contribution, item: AgendaItem | undefined, statuses: readonly Status[]): Haystack {
  const hit = haystacks.get(c);
  if (hit && hit.item === item && hit.statuses === statuses) return hit.h;
  const h = haystackOf(c, item, statuses);
  haystacks.set(c, { item, statuses, h });
  return h;
}

function itemText(item: AgendaItem): string {
  return `${item.label} ${item.title}`.toLowerCase();
}

/** Number of contribution rows in a row list. */
export function countTdocs(rows: readonly BoardRow[]): number {
  let n = 0;
  for (const r of rows) if (r.kind === 'tdoc') n++;
  return n;
}
