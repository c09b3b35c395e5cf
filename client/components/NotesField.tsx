/**
 * The shared notes of an agenda item or a contribution: a textarea bound to the entry's Y.Text for editors
 * (two people typing at once both keep their words), plain text for read-only views. Focus is announced
 * in presence, so others see "X is writing in the notes".
 */
import { useMemo } from 'react';
import { entryText } from '../../shared/entityStore.js';
import { useMeetingContext } from '../sync/MeetingContext.js';
import { LOCAL_ORIGIN } from '../sync/MeetingConnection.js';
import { useAnnounceField } from '../sync/usePresence.js';
import { BoundTextarea } from './BoundTextarea.js';

export interface NotesFieldProps {
  kind: 'agenda' | 'contributions';
  id: string;
  /** The notes as last read, shown when the view is read-only. */
  plain: string;
  hint: string;
  placeholder: string;
}

/** The labelled notes editor of one entry. */
export function NotesField({ kind, id, plain, hint, placeholder }: NotesFieldProps) {
  const { doc, editable } = useMeetingContext();
  const announceField = useAnnounceField();
  // `plain` in the deps: a peer that replaced the Y.Text (a broken client) gets a fresh binding.
  const notes = useMemo(() => (editable ? entryText(doc, kind, id, 'notes') : undefined), [doc, kind, id, editable, plain]);
  return (
    <label className="notes-label">
      Notes <span className="muted">({hint})</span>
      {notes ? (
        <BoundTextarea
          id="notes-editor"
          className="notes-editor"
          text={notes}
          origin={LOCAL_ORIGIN}
          rows={6}
          placeholder={placeholder}
          onFocus={() => announceField('notes')}
          onBlur={() => announceField(null)}
        />
      ) : (
        <div className="notes-read">{plain || '—'}</div>
      )}
    </label>
  );
}
