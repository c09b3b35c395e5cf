import { describe, expect, it } from 'vitest';
import { agendaPreorder, effectiveParents, isAncestor, type TreeInput } from '../../shared/document/agendaTree.js';
import { seededRandom } from '../helpers/seededRandom.js';

const node = (id: string, parentId: string | null, rank = 'V'): TreeInput => ({ id, parentId, rank });
const order = (items: TreeInput[]) => agendaPreorder(items).map((n) => `${n.depth}:${n.item.id}`);

/** Every permutation of a small list. */
function permutations<T>(list: T[]): T[][] {
  if (list.length <= 1) return [list];
  return list.flatMap((x, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('agendaPreorder', () => {
  it('lists each item after its parent, siblings by rank then id', () => {
    const items = [node('c', null, 'k'), node('a1', 'a', 'V'), node('a', null, 'G'), node('a0', 'a', 'G'), node('b', null, 'G')];
    expect(order(items)).toEqual(['0:a', '1:a0', '1:a1', '0:b', '0:c']);
  });

  it('puts an item whose parent is gone at the top level', () => {
    expect(order([node('a', null, 'G'), node('orphan', 'deleted', 'H')])).toEqual(['0:a', '0:orphan']);
    expect(agendaPreorder([node('orphan', 'deleted')])[0].parentId).toBeNull();
  });

  it('treats an item that is its own parent as top level', () => {
    expect(order([node('self', 'self')])).toEqual(['0:self']);
  });

  it('resolves a 2-cycle by lifting the smallest id, whatever the input order', () => {
    const items = [node('b', 'a', 'V'), node('a', 'b', 'G'), node('r', null, 'k')];
    const expected = ['0:a', '1:b', '0:r'];
    for (const p of permutations(items)) expect(order(p)).toEqual(expected);
  });

  it('resolves a 3-cycle with a hanging subtree identically for every input order', () => {
    const items = [node('m', 'x'), node('x', 'q'), node('q', 'm'), node('leaf', 'x'), node('root', null, 'a')];
    const expected = ['0:m', '1:q', '2:x', '3:leaf', '0:root'];
    for (const p of permutations(items)) expect(order(p)).toEqual(expected);
  });

  it('resolves two separate cycles and a chain leading into one', () => {
    const items = [node('a', 'b'), node('b', 'a'), node('c', 'd'), node('d', 'c'), node('e', 'c'), node('f', 'e')];
    const parents = effectiveParents(items);
    expect(parents.get('a')).toBeNull();
    expect(parents.get('c')).toBeNull();
    expect(parents.get('f')).toBe('e');
    expect(order(items)).toEqual(['0:a', '1:b', '0:c', '1:d', '1:e', '2:f']);
  });

  it('always yields every item exactly once in a well-formed tree, for random parent graphs', () => {
    const rng = seededRandom(11);
    for (let round = 0; round < 300; round++) {
      const ids = Array.from({ length: rng.int(1, 12) }, (_, i) => `n${i}`);
      const items = ids.map((id) => node(id, rng.chance(0.2) ? null : rng.chance(0.1) ? 'gone' : rng.pick(ids), rng.pick(['G', 'V', 'k'])));
      const out = agendaPreorder(items);
      expect(out.map((n) => n.item.id).sort()).toEqual([...ids].sort());
      const seen = new Set<string>();
      for (const n of out) {
        if (n.parentId !== null) expect(seen.has(n.parentId), `round ${round}`).toBe(true);
        seen.add(n.item.id);
      }
      expect(order(rng.shuffle(items))).toEqual(order(items));
    }
  });
});

describe('isAncestor', () => {
  it('follows parents up, and stops on a cycle instead of looping', () => {
    const parents = new Map<string, string | null>([
      ['a', null],
      ['b', 'a'],
      ['c', 'b'],
    ]);
    expect(isAncestor(parents, 'a', 'c')).toBe(true);
    expect(isAncestor(parents, 'c', 'c')).toBe(true);
    expect(isAncestor(parents, 'c', 'a')).toBe(false);
    const loop = new Map<string, string | null>([
      ['x', 'y'],
      ['y', 'x'],
    ]);
    expect(isAncestor(loop, 'z', 'x')).toBe(false);
  });
});
