/**
 * What a Tdoc's row shows of positions and e-mail approval (issue 26): a compact tally ("3 support · 1
 * object") and, when it is on a round, the round's state and deadline. Each re-renders only when its own
 * text changes.
 */
import './positions.css';
import { memo } from 'react';
import { usePositionTally, useRoundOf } from '../../sync/positions.js';
import { ROUND_STATE_LABELS, wallTime } from '../../model/deadlines.js';
import { useMeta } from '../../sync/useMeeting.js';

export const PositionTally = memo(function PositionTally({ id }: { id: string }) {
  const text = usePositionTally(id);
  return text ? (
    <span className="pos-tally" data-tally={text} title={`Positions: ${text}`}>
      {text}
    </span>
  ) : null;
});

export const RoundMark = memo(function RoundMark({ id }: { id: string }) {
  const r = useRoundOf(id);
  const { timezone } = useMeta();
  if (!r) return null;
  const label = `${ROUND_STATE_LABELS[r.state] ?? r.state}${r.ready ? ' · ready to approve' : ''}`;
  return (
    <span className={`round-mark round-${r.state}${r.ready ? ' ready' : ''}`} data-approval={r.id} data-state={r.state} data-deadline={r.deadline} data-ready={r.ready ? 'true' : undefined} title={`E-mail approval until ${wallTime(r.deadline, timezone)} (${timezone})`}>
      ✉ {label}
    </span>
  );
});
