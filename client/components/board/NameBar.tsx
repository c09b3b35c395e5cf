/**
 * Asks an editor's name once (kept in localStorage): it labels their presence and the decisions they
 * record. A bar above the board, not a modal: the board stays usable (and keyboard-driven) until they
 * answer, and the field does not take the focus, so a key meant for the board is never typed into it.
 */
import { useState } from 'react';

/** The bar; `onLater` hides it for this page. */
export function NameBar({ initial, onSave, onLater }: { initial: string; onSave: (name: string) => void; onLater: () => void }) {
  const [name, setName] = useState(initial);
  return (
    <form
      className="name-bar"
      aria-label="Your name"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onSave(name.trim());
      }}
    >
      <span>
        <strong>Your name?</strong> <span className="muted">Shown next to the row you are on and recorded with the decisions you enter.</span>
      </span>
      <input aria-label="Your name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Karen Hughes" />
      <button type="submit" className="primary small-btn" disabled={!name.trim()}>
        Save
      </button>
      <button type="button" className="small-btn" onClick={onLater}>
        Later
      </button>
    </form>
  );
}
