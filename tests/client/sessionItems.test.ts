import { describe, expect, it } from 'vitest';
import { labelsOf, resolveLabels } from '../../client/model/sessionItems.js';

const agenda = [
  { id: 'a1', label: '1' },
  { id: 'a3', label: '3' },
  { id: 'a3b', label: '3' },
  { id: 'a51', label: '5.1' },
  { id: 'a52', label: '5.2' },
  { id: 'a71', label: '7.1' },
];

describe('session agenda items typed as labels', () => {
  it('resolves labels separated by commas, slashes and spaces, in typed order, without repeats', () => {
    expect(resolveLabels('5.2, 5.1 / 7.1;5.2', agenda)).toEqual({ ids: ['a52', 'a51', 'a71'], unknown: [] });
  });

  it('takes the first item in agenda order when a label repeats', () => {
    expect(resolveLabels('3', agenda).ids).toEqual(['a3']);
  });

  it('reports labels that name no item instead of dropping them silently', () => {
    expect(resolveLabels('5.1, 9.9, 5.x', agenda)).toEqual({ ids: ['a51'], unknown: ['9.9', '5.x'] });
  });

  it('gives an empty list for an empty field', () => {
    expect(resolveLabels('  ', agenda)).toEqual({ ids: [], unknown: [] });
  });

  it('shows ids as their labels and leaves out ids whose item is gone', () => {
    expect(labelsOf(['a71', 'gone', 'a51'], agenda)).toBe('7.1, 5.1');
  });
});
