/**
 * Positions where a Tdoc is read rather than edited (issue 26): the follow view's open row (the list, and
 * for a registered person, buttons that state their organisation's position through the server) and the
 * room's screen for the live Tdoc (the tally and each organisation's stance, large).
 */
import './positions.css';
import { useState } from 'react';
import { STANCES, type Stance } from '../../../shared/document/meetingSchema.js';
import { STANCE_VERBS } from '../../../shared/positions/quickEntry.js';
import { tallyText } from '../../../shared/positions/positionLedger.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { statePositionRequest, useIdentity, usePositionsOf } from '../../sync/positions.js';
import { PositionLine } from './PositionsPanel.js';
import { RoundMark } from './RowMarks.js';

/** A person's own organisation's position: four buttons and a comment (only for a link that names a person with an organisation). */
function MyPosition({ number }: { number: string }) {
  const { meetingId, token } = useMeetingContext();
  const who = useIdentity();
  const [comment, setComment] = useState('');
  const [note, setNote] = useState('');
  if (!who?.personId || !who.organisation) return null;
  const state = async (stance: Stance) => {
    try {
      await statePositionRequest(meetingId, token, { tdoc: number, stance, comment });
      setNote(`${who.organisation} ${STANCE_VERBS[stance]}: recorded`);
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="my-position" onClick={(e) => e.stopPropagation()}>
      <input aria-label="Comment" placeholder="Comment (optional)" value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} />
      {STANCES.map((s) => (
        <button key={s} type="button" data-stance-button={s} onClick={() => void state(s)}>
          {s[0].toUpperCase() + s.slice(1)}
        </button>
      ))}
      {note ? <p className="small muted" role="status">{note}</p> : null}
    </div>
  );
}

/** The follow view's positions of an open row. */
export function FollowPositions({ id, number }: { id: string; number: string }) {
  const positions = usePositionsOf(id);
  return (
    <div className="follow-positions">
      <RoundMark id={id} />
      {positions.length ? (
        <ul className="positions">
          {positions.map((p) => (
            <PositionLine key={`${p.organisation}-${p.statedOn ?? ''}`} p={p} />
          ))}
        </ul>
      ) : null}
      <MyPosition number={number} />
    </div>
  );
}

/** The screen's positions of the live Tdoc: the tally and each organisation's stance. */
export function ScreenPositions({ id }: { id: string }) {
  const positions = usePositionsOf(id);
  if (!positions.length) return null;
  return (
    <div className="screen-positions" data-tally={tallyText(positions)}>
      <span className="screen-current-label">Positions</span> <span className="screen-tally">{tallyText(positions)}</span>
      <ul>
        {positions.map((p) => (
          <li key={`${p.organisation}-${p.statedOn ?? ''}`} className={`stance-${p.stance}`} data-position="" data-organisation={p.organisation} data-stance={p.stance}>
            {p.organisation} {STANCE_VERBS[p.stance]}
          </li>
        ))}
      </ul>
    </div>
  );
}
