import { describe, expect, it } from 'vitest';
import { keyToAction, KEY_HELP, STATUS_KEYS } from '../../client/model/boardKeys.js';
import { PRESET_3GPP, PRESET_ONEM2M } from '../../shared/document/statuses.js';

describe('keyToAction', () => {
  it('moves with j/k and the arrows, and jumps with g/G', () => {
    expect(keyToAction({ key: 'j' }, false)).toEqual({ type: 'move', by: 1 });
    expect(keyToAction({ key: 'ArrowDown' }, false)).toEqual({ type: 'move', by: 1 });
    expect(keyToAction({ key: 'k' }, false)).toEqual({ type: 'move', by: -1 });
    expect(keyToAction({ key: 'ArrowUp' }, false)).toEqual({ type: 'move', by: -1 });
    expect(keyToAction({ key: 'g' }, false)).toEqual({ type: 'first' });
    expect(keyToAction({ key: 'G', shiftKey: true }, false)).toEqual({ type: 'last' });
  });

  it('sets the common statuses, revises and sets live', () => {
    expect(keyToAction({ key: 'a' }, false)).toEqual({ type: 'status', status: 'agreed' });
    expect(keyToAction({ key: 'n' }, false)).toEqual({ type: 'status', status: 'noted' });
    expect(keyToAction({ key: 'w' }, false)).toEqual({ type: 'status', status: 'withdrawn' });
    expect(keyToAction({ key: 'p' }, false)).toEqual({ type: 'status', status: 'postponed' });
    expect(keyToAction({ key: 'r' }, false)).toEqual({ type: 'revise' });
    expect(keyToAction({ key: 'l' }, false)).toEqual({ type: 'live' });
    expect(keyToAction({ key: '/' }, false)).toEqual({ type: 'search' });
  });

  it('moves the selected row with Alt+arrows (or Alt+j/k)', () => {
    expect(keyToAction({ key: 'ArrowUp', altKey: true }, false)).toEqual({ type: 'shift', by: -1 });
    expect(keyToAction({ key: 'ArrowDown', altKey: true }, false)).toEqual({ type: 'shift', by: 1 });
    expect(keyToAction({ key: 'j', altKey: true }, false)).toEqual({ type: 'shift', by: 1 });
    expect(keyToAction({ key: 'a', altKey: true }, false)).toBeNull();
  });

  it('undoes with Ctrl+Z (or Cmd+Z) and redoes with Ctrl+Shift+Z or Ctrl+Y', () => {
    expect(keyToAction({ key: 'z', ctrlKey: true }, false)).toEqual({ type: 'undo' });
    expect(keyToAction({ key: 'z', metaKey: true }, false)).toEqual({ type: 'undo' });
    expect(keyToAction({ key: 'Z', ctrlKey: true, shiftKey: true }, false)).toEqual({ type: 'redo' });
    expect(keyToAction({ key: 'y', ctrlKey: true }, false)).toEqual({ type: 'redo' });
    // Ctrl+A stays the browser's select-all, not "agreed".
    expect(keyToAction({ key: 'a', ctrlKey: true }, false)).toBeNull();
  });

  it('leaves typing in a field alone, except Escape', () => {
    for (const key of ['a', 'j', 'l', '/', 'Enter', ' ']) expect(keyToAction({ key }, true)).toBeNull();
    expect(keyToAction({ key: 'z', ctrlKey: true }, true)).toBeNull();
    expect(keyToAction({ key: 'Escape' }, true)).toEqual({ type: 'escape' });
  });

  it('only names statuses both presets know, and shows every status key in the help', () => {
    for (const status of Object.values(STATUS_KEYS)) {
      expect(PRESET_3GPP.some((s) => s.id === status)).toBe(true);
      expect(PRESET_ONEM2M.some((s) => s.id === status)).toBe(true);
    }
    const helpKeys = KEY_HELP.map(([k]) => k);
    for (const key of ['a', 'n', 'w', 'p', 'r', 'l', '/']) expect(helpKeys).toContain(key);
  });
});
