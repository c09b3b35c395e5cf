import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { textDiff, transformCursor } from '../../client/sync/textDiff.js';

function apply(s: string, e: { index: number; remove: number; insert: string }): string {
  return s.slice(0, e.index) + e.insert + s.slice(e.index + e.remove);
}

describe('textDiff', () => {
  it('finds a single insert, delete or replacement', () => {
    expect(textDiff('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
    expect(textDiff('hello brave world', 'hello world')).toEqual({ index: 6, remove: 6, insert: '' });
    expect(textDiff('agreed', 'noted')).toEqual({ index: 0, remove: 4, insert: 'not' });
    expect(textDiff('same', 'same')).toEqual({ index: 4, remove: 0, insert: '' });
  });

  it('uses the caret to place an insert in a run of equal letters', () => {
    // Typing "a" at the start of "aa": without the caret the diff would say "insert at 2".
    expect(textDiff('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(textDiff('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
    // Backspace in the middle of "xxx" (caret ends at 1).
    expect(textDiff('xxx', 'xx', 1)).toEqual({ index: 1, remove: 1, insert: '' });
  });

  it('never splits a surrogate pair', () => {
    const e = textDiff('a😀b', 'a😃b');
    expect(e.index).toBe(1);
    expect(e.remove).toBe(2);
    expect(apply('a😀b', e)).toBe('a😃b');
  });

  it('round-trips random edits', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 500; i++) {
      const before = Array.from({ length: rnd(12) }, () => 'abx '[rnd(4)]).join('');
      const at = rnd(before.length + 1);
      const del = rnd(before.length - at + 1);
      const ins = Array.from({ length: rnd(4) }, () => 'abx '[rnd(4)]).join('');
      const after = before.slice(0, at) + ins + before.slice(at + del);
      const e = textDiff(before, after, at + ins.length);
      expect(apply(before, e)).toBe(after);
    }
  });
});

describe('transformCursor', () => {
  it('moves the caret past remote text inserted before it and keeps it for text after', () => {
    expect(transformCursor([{ insert: 'abc' }], 2)).toBe(5);
    expect(transformCursor([{ retain: 5 }, { insert: 'abc' }], 2)).toBe(2);
    expect(transformCursor([{ retain: 1 }, { delete: 3 }], 6)).toBe(3);
    expect(transformCursor([{ retain: 1 }, { delete: 10 }], 4)).toBe(1);
  });
});

describe('two people typing in one note through minimal edits', () => {
  it('keeps both people\'s words (a whole-text replace would lose one)', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ta = a.getText('t');
    ta.insert(0, 'Discussion.');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const tb = b.getText('t');
    // Offline from each other: A appends, B prefixes; each applies only its diff.
    const ea = textDiff(ta.toString(), 'Discussion. Chair: agreed.', 26);
    ta.insert(ea.index, ea.insert);
    const eb = textDiff(tb.toString(), 'Secretary: R01. Discussion.', 16);
    tb.insert(eb.index, eb.insert);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(ta.toString()).toBe('Secretary: R01. Discussion. Chair: agreed.');
    expect(tb.toString()).toBe(ta.toString());
  });
});
