/**
 * In a Tdoc's or an agenda item's side panel (issue 17): where a carried-over Tdoc came from, and a
 * button that opens the history filtered on this Tdoc or item (TimeTravel listens for the event).
 */
import { useMeetingContext } from '../../sync/MeetingContext.js';

/** The window event that opens the history on a Tdoc or an agenda item. */
export const HISTORY_EVENT = 'plenary:history';
export interface HistoryRequest {
  tdoc?: string;
  item?: string;
}

export function RecordLink({ tdoc, item, carriedFrom }: HistoryRequest & { carriedFrom?: Record<string, string> }) {
  const { editable } = useMeetingContext();
  return (
    <div className="record-link small">
      {carriedFrom ? (
        <span className="carried-from" data-carried-from={carriedFrom.meetingId}>
          Carried over from {carriedFrom.title || carriedFrom.meetingId}
          {carriedFrom.status ? ` (${carriedFrom.status} there)` : ''}.{' '}
        </span>
      ) : null}
      {editable ? (
        <button
          className="link-btn"
          data-action="open-history"
          onClick={() => window.dispatchEvent(new CustomEvent<HistoryRequest>(HISTORY_EVENT, { detail: tdoc ? { tdoc } : { item } }))}
        >
          Who changed it, when
        </button>
      ) : null}
    </div>
  );
}
