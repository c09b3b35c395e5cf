/**
 * A textarea bound to a Y.Text: local typing becomes the minimal edit (textDiff), remote edits are merged in
 * with the caret kept in place. Uncontrolled on purpose: React re-rendering per keystroke would fight the
 * caret and cost a render of the parent.
 */
import { useEffect, useRef, type TextareaHTMLAttributes } from 'react';
import * as Y from 'yjs';
import { textDiff, transformCursor, type DeltaOp } from '../../sync/textDiff.js';

export interface BoundTextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue' | 'onChange'> {
  text: Y.Text;
  /** Transaction origin for local edits (undo tracks it). */
  origin: unknown;
}

/** A textarea showing and editing one Y.Text. */
export function BoundTextarea({ text, origin, readOnly, ...rest }: BoundTextareaProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const last = useRef('');

  useEffect(() => {
    const ta = ref.current;
    if (!ta) return;
    const initial = text.toString();
    ta.value = initial;
    last.current = initial;

    const onInput = () => {
      if (readOnly) return;
      const value = ta.value;
      const edit = textDiff(last.current, value, ta.selectionEnd);
      last.current = value;
      if (edit.remove === 0 && edit.insert === '') return;
      text.doc?.transact(() => {
        if (edit.remove) text.delete(edit.index, edit.remove);
        if (edit.insert) text.insert(edit.index, edit.insert);
      }, origin);
    };
    const onRemote = (event: Y.YTextEvent) => {
      const next = text.toString();
      if (next === ta.value) {
        last.current = next;
        return;
      }
      const delta = event.delta as DeltaOp[];
      const focused = typeof document !== 'undefined' && document.activeElement === ta;
      const start = transformCursor(delta, ta.selectionStart);
      const end = transformCursor(delta, ta.selectionEnd);
      ta.value = next;
      last.current = next;
      if (focused) ta.setSelectionRange(start, end);
    };
    ta.addEventListener('input', onInput);
    text.observe(onRemote);
    return () => {
      ta.removeEventListener('input', onInput);
      text.unobserve(onRemote);
    };
  }, [text, origin, readOnly]);

  return <textarea ref={ref} readOnly={readOnly} {...rest} />;
}
