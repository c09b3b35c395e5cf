/** Decisions as they are taken, newest first (from the status histories). */
import { useMemo } from 'react';
import { statusLabel } from '../../../shared/document/statuses.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useContentVersion, useMeetingIndex, useMeta, useStatuses } from '../../sync/useMeeting.js';
import { decisionsOf } from '../../model/decisions.js';
import { statusTone } from '../../model/statusTone.js';
import { formatTime } from './ContributionDetail.js';

/** The feed; clicking an entry opens that contribution. */
export function DecisionsFeed({ onOpen, limit = 100 }: { onOpen?: (contributionId: string) => void; limit?: number }) {
  const { store } = useMeetingContext();
  const version = useContentVersion();
  const index = useMeetingIndex();
  const statuses = useStatuses();
  const { timezone } = useMeta();
  const list = useMemo(
    () => decisionsOf(index.order.map((id) => store.contribution(id)!).filter(Boolean), statuses, limit),
    [version, index, statuses, store, limit],
  );
  if (!list.length) return <p className="muted feed-empty">No decisions yet. They appear here as the room takes them.</p>;
  return (
    <ol className="feed" aria-label="Decisions">
      {list.map((d, i) => (
        <li key={`${d.contributionId}-${d.at}-${i}`} className="feed-item" onClick={() => onOpen?.(d.contributionId)}>
          <span className="feed-time">{formatTime(d.at, timezone)}</span>
          <span className="feed-num">{d.number}</span>
          <span className={`status tone-${statusTone(d.status)}`}>{statusLabel(statuses, d.status)}</span>
          <span className="feed-title">{d.title}</span>
        </li>
      ))}
    </ol>
  );
}
