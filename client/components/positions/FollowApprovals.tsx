/**
 * E-mail approval on a delegate's phone (issue 26): the rounds closing within 24 hours first, then the
 * others still running, each with its state and deadline (the venue's zone and the phone's); and, for a
 * registered person (their link names their organisation), the objections stated on their organisation's
 * Tdocs since they last looked (kept in this browser).
 */
import './positions.css';
import { useMemo, useState } from 'react';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useMeta } from '../../sync/useMeeting.js';
import { useIdentity, useLedger, useRounds } from '../../sync/positions.js';
import { useServerNow } from '../../sync/participation.js';
import { ROUND_STATE_LABELS, deadlineText } from '../../model/deadlines.js';
import { objectionsSince } from '../../model/objections.js';
import { STANCE_VERBS } from '../../../shared/positions/quickEntry.js';
import type { RoundView } from '../../../shared/positions/approvalRounds.js';

const DAY = 86_400_000;
const lookedKey = (meetingId: string) => `plenary:looked:${meetingId}`;

function lastLooked(meetingId: string): number {
  try {
    return Number(localStorage.getItem(lookedKey(meetingId))) || 0;
  } catch {
    return 0;
  }
}

export function FollowApprovals({ onOpen }: { onOpen: (contributionId: string) => void }) {
  const { store, meetingId } = useMeetingContext();
  const meta = useMeta();
  const rounds = useRounds();
  const ledger = useLedger();
  const who = useIdentity();
  const now = useServerNow(5000);
  const [looked, setLooked] = useState(() => lastLooked(meetingId));
  const running = rounds.filter((r) => !r.decision && r.state !== 'withdrawn');
  const soon = running.filter((r) => !r.closed && Date.parse(r.deadline) > now && Date.parse(r.deadline) - now <= DAY);
  const others = running.filter((r) => !soon.includes(r));
  const org = who?.organisation?.trim() ?? '';
  const objections = useMemo(
    () => (org ? objectionsSince(ledger.list, org, looked, (id) => store.contribution(id)) : []),
    [ledger, org, looked, store],
  );
  if (!running.length && !objections.length) return null;
  const num = (id: string) => store.contribution(id)?.number ?? '';
  return (
    <section className="follow-approvals" aria-label="E-mail approval">
      {soon.length ? <h3>Closing within 24 h</h3> : null}
      <RoundList rounds={soon} now={now} num={num} onOpen={onOpen} zone={meta.timezone} />
      {others.length ? <h3>On e-mail approval</h3> : null}
      <RoundList rounds={others} now={now} num={num} onOpen={onOpen} zone={meta.timezone} />
      {objections.length ? (
        <>
          <h3>Objections on {org}&apos;s Tdocs since you last looked</h3>
          <ul className="follow-objections">
            {objections.map((p) => (
              <li key={`${p.contributionId}-${p.organisation}`} data-position="" data-organisation={p.organisation} data-stance={p.stance}>
                <button type="button" className="link" onClick={() => onOpen(p.contributionId)}>
                  {num(p.contributionId)}
                </button>{' '}
                {p.organisation} {STANCE_VERBS[p.stance]}
                {p.comment ? `: ${p.comment}` : ''}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="small-btn"
            onClick={() => {
              try {
                localStorage.setItem(lookedKey(meetingId), String(now));
              } catch {
                // Storage disabled: remembered for this page only.
              }
              setLooked(now);
            }}
          >
            Seen
          </button>
        </>
      ) : null}
    </section>
  );
}

function RoundList({ rounds, now, num, onOpen, zone }: { rounds: RoundView[]; now: number; num: (id: string) => string; onOpen: (id: string) => void; zone: string }) {
  if (!rounds.length) return null;
  return (
    <ul className="follow-rounds">
      {rounds.map((r) => {
        const when = deadlineText(r.deadline, zone, now);
        return (
          <li key={r.id} data-approval={r.id} data-state={r.state} data-deadline={r.deadline} data-ready={r.ready ? 'true' : undefined} className={`follow-round round-${r.state}`}>
            {r.current.map((id) => (
              <button key={id} type="button" className="link" onClick={() => onOpen(id)}>
                {num(id)}
              </button>
            ))}{' '}
            <span className="round-state">{ROUND_STATE_LABELS[r.state]}</span>
            {r.ready ? <span className="round-ready"> · ready to approve</span> : null}
            <div className="small muted">
              {when.venue}
              {when.mine ? ` · ${when.mine}` : ''} · {when.left}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
