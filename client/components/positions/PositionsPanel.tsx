/**
 * A Tdoc's positions (issue 26): each organisation's latest stance, with its comment, who stated it and
 * when, and the ones carried from the Tdoc it revises marked "stated on ...". Editors record a position
 * with the quick entry ("Ericsson objects: needs study") and remove one recorded by mistake.
 */
import './positions.css';
import { useState } from 'react';
import type * as Y from 'yjs';
import { removePosition, statePosition, tallyText, type ShownPosition } from '../../../shared/positions/positionLedger.js';
import { STANCE_VERBS, parseQuickEntry } from '../../../shared/positions/quickEntry.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useMeta } from '../../sync/useMeeting.js';
import { usePositionsOf } from '../../sync/positions.js';
import { serverIso } from '../../sync/participation.js';
import { attempt } from './ApprovalsPanel.js';
import { shortTime as formatTime } from '../../model/deadlines.js';

/** One position as a line: organisation, stance, comment; who and when (and where it was stated, when carried). */
export function PositionLine({ p, onRemove }: { p: ShownPosition; onRemove?: () => void }) {
  const { store } = useMeetingContext();
  const { timezone } = useMeta();
  const carried = p.statedOn ? store.contribution(p.statedOn)?.number ?? 'an earlier Tdoc' : '';
  return (
    <li className={`position stance-${p.stance}${carried ? ' carried' : ''}`} data-position="" data-organisation={p.organisation} data-stance={p.stance} data-carried={carried ? 'true' : undefined}>
      <span className="position-what">
        <strong>{p.organisation}</strong> <span className={`stance-word stance-${p.stance}`}>{STANCE_VERBS[p.stance]}</span>
        {p.comment ? <span className="position-comment">: {p.comment}</span> : null}
      </span>
      <span className="position-who muted small">
        {p.by || 'unnamed'}
        {p.onBehalf ? ' (recorded on its behalf)' : ''} · {formatTime(p.at, timezone)}
        {carried ? ` · stated on ${carried}` : ''}
      </span>
      {onRemove ? (
        <button type="button" className="link small" aria-label={`Remove ${p.organisation}'s position`} onClick={onRemove}>
          remove
        </button>
      ) : null}
    </li>
  );
}

/** The positions of a Tdoc in its side panel, with the quick entry for editors. */
export function PositionsPanel({ id, actor, run }: { id: string; actor: string; run: (fn: (doc: Y.Doc) => void) => void }) {
  const { editable } = useMeetingContext();
  const positions = usePositionsOf(id);
  const [entry, setEntry] = useState('');
  const [error, setError] = useState('');
  const submit = () => {
    const q = parseQuickEntry(entry);
    if (!q.ok) return setError(q.error);
    const failed = attempt(run, (d) => void statePosition(d, { contributionId: id, organisation: q.organisation, stance: q.stance, comment: q.comment, by: actor, at: serverIso(), onBehalf: true }));
    setError(failed);
    if (!failed) setEntry('');
  };
  const tally = tallyText(positions);
  return (
    <section className="positions-panel" aria-label="Positions">
      <h4>
        Positions {tally ? <span className="muted small" data-tally="">{tally}</span> : null}
      </h4>
      {positions.length ? (
        <ul className="positions">
          {positions.map((p) => (
            <PositionLine key={`${p.organisation}-${p.statedOn ?? ''}`} p={p} onRemove={editable && !p.statedOn ? () => run((d) => void removePosition(d, id, p.organisation)) : undefined} />
          ))}
        </ul>
      ) : (
        <p className="muted small">No organisation has stated a position.</p>
      )}
      {editable ? (
        <div className="position-entry">
          <input
            data-field="position-entry"
            aria-label="Record an organisation's position"
            placeholder="Ericsson objects: needs study"
            value={entry}
            onChange={(e) => setEntry(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                e.stopPropagation();
                submit();
              }
              if (e.key === 'Escape') e.stopPropagation();
            }}
          />
          <button type="button" onClick={submit}>
            Record
          </button>
          {error ? (
            <p className="form-error small" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
