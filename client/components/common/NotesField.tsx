/**
 * The shared notes of an agenda item or a contribution: a textarea bound to the entry's Y.Text for editors
 * (two people typing at once both keep their words), plain text for read-only views. Focus is announced
 * in presence, so others see "X is writing in the notes".
 */
import { useMemo } from 'react';
import { entryText } from '../../../shared/document/entityStore.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { LOCAL_ORIGIN } from '../../sync/MeetingConnection.js';
import { useAnnounceField } from '../../sync/usePresence.js';
import { BoundTextarea } from './BoundTextarea.js';

export interface NotesFieldProps {
  kind: 'agenda' | 'contributions';
  id: string;
  /** The notes as last read, shown when the view is read-only. */
  plain: string;
  hint: string;
  placeholder: string;
  /** The shared text field: the notes (default) or an agenda item's conclusion. */
  field?: 'notes' | 'conclusion';
  /** The label shown above it (default "Notes"). */
  label?: string;
}

/** The labelled notes editor of one entry. */
export function NotesField({ kind, id, plain, hint, placeholder, field = 'notes', label = 'Notes' }: NotesFieldProps) {
  const { doc, editable } = useMeetingContext();
  const announceField = useAnnounceField();
  // `plain` in the deps: a peer that replaced the Y.Text (a broken client) gets a fresh binding.
  const notes = useMemo(() => (editable ? entryText(doc, kind, id, field) : undefined), [doc, kind, id, editable, plain, field]);
  return (
    <label className="notes-label">
      {label} <span className="muted">({hint})</span>
      {notes ? (
        <BoundTextarea
          id={`${field}-editor`}
          className={`notes-editor ${field}-editor`}
          text={notes}
          origin={LOCAL_ORIGIN}
          rows={6}
          placeholder={placeholder}
          onFocus={() => announceField(field)}
          onBlur={() => announceField(null)}
        />
      ) : (
        <div className="notes-read">{plain || '—'}</div>
      )}
    </label>
  );
}
