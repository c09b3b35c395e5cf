/**
 * The floor as the room and the phones see it: who speaks (with their time, red past the limit) and who is
 * next. Page hooks (CONTRACT.md §7): every waiting entry carries `data-queue-entry` and
 * `data-speaker="NAME"`; the current speaker carries `data-floor="current"` and `data-speaker="NAME"`.
 */
import { elapsedSeconds, formatDuration, QUEUE_KIND_LABELS, type FloorState, type QueueEntry } from '../../../shared/participation/speakerQueue.js';
import { countsHidden, totalCounts, isPollOpen, type Poll } from '../../../shared/participation/showOfHands.js';
import { useServerNow } from '../../sync/participation.js';
import './participation.css';

/** The current speaker's time, counting up; `over` past the limit. */
export function SpeakerTime({ floor, className = '' }: { floor: FloorState; className?: string }) {
  const now = useServerNow();
  if (!floor.current) return null;
  const secs = elapsedSeconds(floor.current.startedAt, now);
  const over = floor.limitSeconds > 0 && secs > floor.limitSeconds;
  return (
    <span className={`speaker-time${over ? ' over' : ''} ${className}`} data-over={over ? 'true' : 'false'} aria-label="Speaking time">
      {formatDuration(secs)}
      {floor.limitSeconds > 0 ? <span className="speaker-limit"> / {formatDuration(floor.limitSeconds)}</span> : null}
    </span>
  );
}

/** "Ann Lee (Ericsson)". */
export function who(e: { name: string; company: string }): string {
  return e.company ? `${e.name} (${e.company})` : e.name;
}

/** Current speaker and the next `show` in the queue; `owner` marks this browser's own entry. */
export function QueueStrip({ floor, queue, show = 3, owner = '', variant }: { floor: FloorState; queue: QueueEntry[]; show?: number; owner?: string; variant: 'screen' | 'follow' }) {
  const next = queue.slice(0, show);
  const mineIndex = owner ? queue.findIndex((e) => e.owner === owner) : -1;
  if (!floor.current && queue.length === 0) return null;
  return (
    <section className={`queue-strip queue-strip-${variant}`} aria-label="Speakers">
      <div className="queue-now">
        <span className="queue-now-tag">{floor.current ? 'Speaking' : 'Nobody is speaking'}</span>
        {floor.current ? (
          <>
            <span className="queue-now-name" data-floor="current" data-speaker={floor.current.name}>
              {who(floor.current)}
            </span>
            <SpeakerTime floor={floor} />
          </>
        ) : null}
      </div>
      {next.length ? <div className="queue-now-tag">Next</div> : null}
      {next.length ? (
        <ol className="queue-next" aria-label="Next speakers">
          {next.map((e, i) => (
            <li key={e.id} data-queue-entry={e.id} data-speaker={e.name} data-kind={e.kind} className={`${e.kind}${i === mineIndex ? ' mine' : ''}`}>
              <span className="queue-pos">{i + 1}</span>
              <span className="queue-name">{who(e)}</span>
              {e.kind !== 'new-topic' ? <span className={`queue-kind kind-${e.kind}`}>{QUEUE_KIND_LABELS[e.kind]}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {queue.length > show ? <div className="queue-more muted">{queue.length - show} more waiting</div> : null}
    </section>
  );
}

/**
 * Counts of a poll: remote answers, the room's hand count, and the total, per option. A poll whose counts
 * are shown at close shows how many answered and no count until the server has opened its ballots.
 * `question`: false where the question is shown already (the phone's answer buttons).
 */
export function PollCounts({ poll, big = false, question = true }: { poll: Poll; big?: boolean; question?: boolean }) {
  const now = useServerNow(1000);
  const totals = totalCounts(poll);
  const max = Math.max(1, ...Object.values(totals));
  const hasRoom = Object.values(poll.roomCounts).some((n) => n > 0);
  const open = isPollOpen(poll, now);
  const state = <span className="poll-state">{open ? pollRemaining(poll, now) : 'closed'}</span>;
  if (countsHidden(poll, now)) {
    return (
      <div className={`poll-counts hidden-counts${big ? ' big' : ''}`} data-poll={poll.id} data-open={open ? 'true' : 'false'} data-counts="at-close">
        {question ? (
          <div className="poll-question">
            {poll.question} {state}
          </div>
        ) : null}
        <div className="poll-hidden" role="status" aria-live="polite">
          <strong data-field="answered">{poll.sealedCount}</strong> answered · {open ? 'the counts show when the poll closes' : 'counting…'}
          {question ? null : <> · {state}</>}
        </div>
      </div>
    );
  }
  return (
    <div className={`poll-counts${big ? ' big' : ''}`} data-poll={poll.id} data-open={open ? 'true' : 'false'}>
      {question ? (
        <div className="poll-question">
          {poll.question} {state}
        </div>
      ) : (
        <div className="poll-state-line">
          {open ? 'Counts so far' : 'Counts'} · {state}
        </div>
      )}
      {poll.options.map((o) => (
        <div key={o} className="poll-row" data-option={o} data-count={totals[o]}>
          <span className="poll-option">{o}</span>
          <span className="poll-bar">
            <span style={{ width: `${(100 * totals[o]) / max}%` }} />
          </span>
          <span className="poll-count">{totals[o]}</span>
          {hasRoom ? (
            <span className="poll-split">
              {poll.remote[o]} online + {poll.roomCounts[o]} in the room
            </span>
          ) : null}
        </div>
      ))}
    </div>
  );
}

function pollRemaining(poll: Poll, now: number): string {
  if (!poll.closesAt) return 'open';
  return `open · ${formatDuration(Math.max(0, Math.ceil((Date.parse(poll.closesAt) - now) / 1000)))} left`;
}
