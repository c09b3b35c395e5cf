// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import * as Y from 'yjs';
import { BoundTextarea } from '../../client/components/common/BoundTextarea.js';

afterEach(cleanup);

const ORIGIN = Symbol('test-local');

/** Types like a person: set the value with the caret after the change, then fire input. */
function typeAt(ta: HTMLTextAreaElement, index: number, text: string): void {
  const v = ta.value;
  ta.value = v.slice(0, index) + text + v.slice(index);
  ta.setSelectionRange(index + text.length, index + text.length);
  fireEvent.input(ta);
}

function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.getText('notes').insert(0, 'Discussion.');
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  // Live link between the two documents, as the server would relay.
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'b' && Y.applyUpdate(b, u, 'a'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'a' && Y.applyUpdate(a, u, 'b'));
  const view = render(
    <>
      <BoundTextarea data-testid="a" text={a.getText('notes')} origin={ORIGIN} />
      <BoundTextarea data-testid="b" text={b.getText('notes')} origin={ORIGIN} />
    </>,
  );
  return { a, b, ta: view.getByTestId('a') as HTMLTextAreaElement, tb: view.getByTestId('b') as HTMLTextAreaElement };
}

describe('BoundTextarea', () => {
  it('shows the text and writes a keystroke as one small insert with the local origin', () => {
    const { a, ta } = pair();
    expect(ta.value).toBe('Discussion.');
    const seen: { delta: unknown; origin: unknown }[] = [];
    a.getText('notes').observe((e) => seen.push({ delta: e.delta, origin: e.transaction.origin }));
    act(() => typeAt(ta, 11, ' OK'));
    expect(seen).toEqual([{ delta: [{ retain: 11 }, { insert: ' OK' }], origin: ORIGIN }]);
  });

  it('two people typing in one note at once both keep their words, and the caret stays put', () => {
    const { a, b, ta, tb } = pair();
    ta.focus();
    act(() => typeAt(ta, 11, ' Chair: agreed.'));
    tb.focus();
    act(() => typeAt(tb, 0, 'Secretary: R01. '));
    const expected = 'Secretary: R01. Discussion. Chair: agreed.';
    expect(a.getText('notes').toString()).toBe(expected);
    expect(b.getText('notes').toString()).toBe(expected);
    expect(ta.value).toBe(expected);
    expect(tb.value).toBe(expected);
    // B's caret is right after what B typed, not pushed by A's text at the end.
    expect(tb.selectionStart).toBe('Secretary: R01. '.length);
  });

  it('moves a focused caret past remote text inserted before it', () => {
    const { b, ta } = pair();
    ta.focus();
    ta.setSelectionRange(5, 5);
    act(() => {
      b.getText('notes').insert(0, '>> ');
    });
    expect(ta.value).toBe('>> Discussion.');
    expect(ta.selectionStart).toBe(8);
  });

  it('a deletion is sent as a deletion (the other person\'s concurrent insert survives)', () => {
    const { a, b, ta } = pair();
    // Select "Discussion" and delete it.
    act(() => {
      ta.value = '.';
      ta.setSelectionRange(0, 0);
      fireEvent.input(ta);
    });
    expect(a.getText('notes').toString()).toBe('.');
    act(() => {
      b.getText('notes').insert(1, ' Noted');
    });
    expect(ta.value).toBe('. Noted');
  });
});
