/**
 * What the room is on now, and the banner, as the chair and secretary see and set them. The screen and the
 * delegates' view follow these.
 */
import { setLive } from '../../shared/meetingDoc.js';
import { useMeetingContext } from '../sync/MeetingContext.js';
import { useAgendaItem, useContribution, useList, useLive } from '../sync/useMeeting.js';
import { FieldInput } from './FieldInput.js';
import { TimeGlance } from './TimePanel.js';

/** The live bar above the tabs: session, item, contribution, banner. */
export function LiveBar({ run, onJump, onTime }: { run: (fn: (d: import('yjs').Doc) => void) => void; onJump: (key: string) => void; onTime?: () => void }) {
  const { editable } = useMeetingContext();
  const live = useLive();
  const item = useAgendaItem(live.agendaItemId ?? '\u0000');
  const tdoc = useContribution(live.contributionId ?? '\u0000');
  const sessions = useList('sessions');
  return (
    <div className="livebar" aria-label="What the room is on now">
      <span className="livebar-label">Now</span>
      <select
        aria-label="Current session"
        value={live.sessionId ?? ''}
        disabled={!editable}
        onChange={(e) => run((d) => setLive(d, { sessionId: e.target.value || null }))}
      >
        <option value="">No session</option>
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {[s.code, s.date.slice(5), `${s.start}–${s.end}`, s.title].filter(Boolean).join(' · ')}
          </option>
        ))}
      </select>
      {item ? (
        <button className="link live-item" onClick={() => onJump(`item:${item.id}`)}>
          {item.label} {item.title}
        </button>
      ) : (
        <span className="muted">no item live — select a row and press l</span>
      )}
      {tdoc ? (
        <button className="link live-tdoc" onClick={() => onJump(tdoc.id)}>
          {tdoc.number}
        </button>
      ) : null}
      {editable && (item || tdoc) ? (
        <button className="small-btn" onClick={() => run((d) => setLive(d, { agendaItemId: null, contributionId: null }))}>
          Clear
        </button>
      ) : null}
      <TimeGlance onOpen={onTime} />
      <FieldInput
        className="banner-input"
        aria-label="Banner"
        placeholder="Banner for the room, e.g. Coffee until 10:30"
        value={live.banner}
        disabled={!editable}
        onCommit={(v) => run((d) => setLive(d, { banner: v }))}
      />
    </div>
  );
}
