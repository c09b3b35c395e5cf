/**
 * The agenda as one well-formed tree, whatever concurrent edits left in the document.
 *
 * Two people moving at once can make A a child of B while B becomes a child of A; a delete can leave a
 * child whose parent is gone. Reading resolves both the same way on every replica, from the converged state
 * alone: a dangling parent becomes the root, and in each cycle the member with the smallest id is lifted
 * to the root.
 */
import { compareRanked } from './ranks.js';

export interface TreeInput {
  id: string;
  parentId: string | null;
  rank: string;
}

/** Effective parent of every item: dangling parents and cycles resolved. */
export function effectiveParents(items: readonly TreeInput[]): Map<string, string | null> {
  const parent = new Map<string, string | null>();
  for (const it of items) parent.set(it.id, it.parentId);
  for (const [id, p] of parent) if (p !== null && (!parent.has(p) || p === id)) parent.set(id, null);

  // Functional graph: each node has at most one parent. Colour walk finds each cycle once.
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  for (const start of parent.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let cur: string | null = start;
    while (cur !== null && !state.has(cur)) {
      state.set(cur, 1);
      path.push(cur);
      cur = parent.get(cur) ?? null;
    }
    if (cur !== null && state.get(cur) === 1) {
      // The path from `cur` to its end is a cycle: cut it at its smallest id.
      const cycle = path.slice(path.indexOf(cur));
      const cut = cycle.reduce((a, b) => (b < a ? b : a));
      parent.set(cut, null);
    }
    for (const id of path) state.set(id, 2);
  }
  return parent;
}

export interface TreeNode<T> {
  item: T;
  depth: number;
  parentId: string | null;
}

/**
 * The items in pre-order (each after its parent, siblings by rank then id), with their depth and effective
 * parent.
 */
export function agendaPreorder<T extends TreeInput>(items: readonly T[]): TreeNode<T>[] {
  const parents = effectiveParents(items);
  const children = new Map<string | null, T[]>();
  for (const it of items) {
    const p = parents.get(it.id) ?? null;
    let list = children.get(p);
    if (!list) children.set(p, (list = []));
    list.push(it);
  }
  for (const list of children.values()) list.sort(compareRanked);
  const out: TreeNode<T>[] = [];
  const visit = (p: string | null, depth: number): void => {
    for (const it of children.get(p) ?? []) {
      out.push({ item: it, depth, parentId: p });
      visit(it.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** True when `ancestorId` is `id` or one of its ancestors under the given parents. */
export function isAncestor(parents: Map<string, string | null>, ancestorId: string, id: string): boolean {
  let cur: string | null = id;
  for (let guard = 0; cur !== null && guard <= parents.size; guard++) {
    if (cur === ancestorId) return true;
    cur = parents.get(cur) ?? null;
  }
  return false;
}
