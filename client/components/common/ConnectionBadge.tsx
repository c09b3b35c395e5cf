/** Always-visible connection state: connected, connecting, offline (with changes not yet sent). */
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useConnectionStatus } from '../../sync/useMeeting.js';

/** The dot and words of the connection state; `compact` shows only the dot while all is well. */
export function ConnectionBadge({ compact }: { compact?: boolean }) {
  const s = useConnectionStatus();
  // An editor works on the local copy offline; a delegate or the screen only sees what it last received.
  const { editable } = useMeetingContext();
  const pending = s.unsent > 0 ? ` · ${s.unsent} change${s.unsent === 1 ? '' : 's'} not sent yet` : '';
  const text =
    s.state === 'connected'
      ? 'Connected'
      : s.state === 'connecting'
        ? 'Connecting…'
        : s.state === 'offline'
          ? editable
            ? 'Offline — working on the local copy'
            : 'Offline — showing the last known board'
          : 'Disconnected';
  return (
    <span className={`conn conn-${s.state}`} data-connection={s.state} data-unsent={s.unsent} data-local-copy={s.localDropped ? 'dropped' : undefined} role="status" title={text + pending}>
      <span className="dot" />
      {compact && s.state === 'connected' ? null : (
        <>
          {text}
          {pending}
        </>
      )}
    </span>
  );
}
