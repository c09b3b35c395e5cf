import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { colorFor, peersOf } from '../../client/sync/usePresence.js';

describe('peersOf', () => {
  it('lists people with name, colour, role and row, this tab first', () => {
    const mine = new Awareness(new Y.Doc());
    const theirs = new Awareness(new Y.Doc());
    mine.setLocalState({ user: { name: 'Karen', color: '#1971c2', role: 'secretary' }, rowId: 'r1' });
    theirs.setLocalState({ user: { name: 'Francois', color: '#d9480f', role: 'chair' }, rowId: 'item:i1', field: 'notes' });
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
    expect(peersOf(mine).map((p) => [p.name, p.role, p.rowId, p.field, p.self])).toEqual([
      ['Karen', 'secretary', 'r1', null, true],
      ['Francois', 'chair', 'item:i1', 'notes', false],
    ]);
  });

  it('ignores or repairs what a broken or hostile peer sends', () => {
    const mine = new Awareness(new Y.Doc());
    mine.setLocalState({ user: { name: 'Karen', color: '#1971c2', role: 'secretary' } });
    const bad = [
      { user: 'not an object' },
      { user: { name: 42 } },
      { cursor: 1 },
      { user: { name: 'x'.repeat(500), color: 'javascript:alert(1)', role: 7 }, rowId: { nested: true } },
    ];
    for (const state of bad) {
      const peer = new Awareness(new Y.Doc());
      peer.setLocalState(state);
      applyAwarenessUpdate(mine, encodeAwarenessUpdate(peer, [peer.clientID]), 'remote');
    }
    const others = peersOf(mine).filter((p) => !p.self);
    expect(others).toHaveLength(1);
    expect(others[0].name).toHaveLength(60);
    expect(others[0].color).toMatch(/^#[0-9a-f]{6}$/);
    expect(others[0].role).toBe('');
    expect(others[0].rowId).toBeNull();
  });
});

describe('colorFor', () => {
  it('gives a name the same colour every time', () => {
    expect(colorFor('Karen Hughes')).toBe(colorFor('Karen Hughes'));
    expect(colorFor('Karen Hughes')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
