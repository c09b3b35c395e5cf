/**
 * A one-line (or multi-line) text field for a plain string field of the document (last writer wins):
 * edits stay local while typing and are written on Enter or when the field loses focus, so the other
 * people do not see half-typed words. A remote change shows at once unless this person is typing.
 */
import { useEffect, useRef, useState, type FocusEvent, type InputHTMLAttributes } from 'react';

export interface FieldInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  onCommit: (value: string) => void;
  multiline?: boolean;
}

/** A text field that commits on Enter or blur. */
export function FieldInput({ value, onCommit, multiline, onFocus, ...rest }: FieldInputProps) {
  const [draft, setDraft] = useState(value);
  const editing = useRef(false);
  const cancelled = useRef(false);
  useEffect(() => {
    if (!editing.current) setDraft(value);
  }, [value]);
  const commit = () => {
    editing.current = false;
    if (cancelled.current) {
      cancelled.current = false;
      return;
    }
    if (draft !== value) onCommit(draft);
  };
  const common = {
    value: draft,
    onFocus: (e: FocusEvent<HTMLInputElement & HTMLTextAreaElement>) => {
      editing.current = true;
      onFocus?.(e);
    },
    onBlur: commit,
  };
  if (multiline) {
    return (
      <textarea
        {...(rest as object)}
        {...common}
        rows={2}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            commit();
            editing.current = true;
          } else if (e.key === 'Escape') {
            cancelled.current = true;
            setDraft(value);
          }
        }}
      />
    );
  }
  return (
    <input
      {...rest}
      {...common}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          commit();
          editing.current = true;
        } else if (e.key === 'Escape') {
          cancelled.current = true;
          setDraft(value);
        }
      }}
    />
  );
}
