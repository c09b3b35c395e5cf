/** Asks an editor's name once (kept in localStorage): it labels their presence and their decisions. */
import { useState } from 'react';

export function NameDialog({ initial, onSave }: { initial: string; onSave: (name: string) => void }) {
  const [name, setName] = useState(initial);
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onSave(name.trim());
        }}
      >
        <h2>Your name</h2>
        <p className="muted">Shown to the others next to the row you are on, and recorded with the decisions you enter.</p>
        <input autoFocus aria-label="Your name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Karen Hughes" />
        <div className="buttons">
          <button type="submit" className="primary" disabled={!name.trim()}>
            Continue
          </button>
        </div>
      </form>
    </div>
  );
}
