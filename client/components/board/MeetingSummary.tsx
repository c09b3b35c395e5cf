/**
 * What the side panel shows when no row is selected: the meeting at a glance and how far the room has
 * got (contributions per status), so the secretary sees progress without a spreadsheet formula.
 */
import { useMemo } from 'react';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useContentVersion, useList, useMeetingIndex, useMeta, useStatuses } from '../../sync/useMeeting.js';
import { statusTone } from '../../model/statusTone.js';

/** The side panel with no row selected. */
export function MeetingSummary() {
  const { store } = useMeetingContext();
  const meta = useMeta();
  const statuses = useStatuses();
  const index = useMeetingIndex();
  const version = useContentVersion();
  const objectives = useList('objectives');
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const id of index.order) {
      const s = store.contribution(id)?.status ?? '';
      m.set(s, (m.get(s) ?? 0) + 1);
    }
    return m;
  }, [index, store, version]);
  const total = index.order.length;
  const decided = statuses.filter((s) => s.final).reduce((n, s) => n + (counts.get(s.id) ?? 0), 0);
  return (
    <div className="detail summary">
      <div className="detail-kind">This meeting</div>
      <dl className="facts">
        {meta.chair ? (
          <>
            <dt>Chair</dt>
            <dd>{meta.chair}</dd>
          </>
        ) : null}
        {meta.secretary ? (
          <>
            <dt>Secretary</dt>
            <dd>{meta.secretary}</dd>
          </>
        ) : null}
        {meta.venue ? (
          <>
            <dt>Venue</dt>
            <dd>{meta.venue}</dd>
          </>
        ) : null}
      </dl>
      <div className="progress" aria-label="Progress">
        <div className="progress-head">
          <strong>{decided}</strong> of {total} contributions decided
        </div>
        <div className="progress-bar">
          <div style={{ width: total ? `${(100 * decided) / total}%` : 0 }} />
        </div>
        <ul className="tally">
          {statuses
            .filter((s) => counts.get(s.id))
            .map((s) => (
              <li key={s.id}>
                <span className={`status tone-${statusTone(s.id)}`}>{s.label}</span>
                <span>{counts.get(s.id)}</span>
              </li>
            ))}
        </ul>
      </div>
      {objectives.length ? (
        <div>
          <div className="detail-kind">Objectives</div>
          <ul className="objectives">
            {objectives.map((o) => (
              <li key={o.id}>{o.text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="muted small">Select a row (click, or j / k) to edit it here. Press ? to show or hide the keys.</p>
    </div>
  );
}
