/**
 * The board's e-mail approval tab (issue 26): open a round on one Tdoc or a set with a deadline (typed in
 * the venue's time zone or UTC, stored in UTC), and every round with its state, deadline (the venue's zone
 * and the reader's), objections and Tdocs; the chair decides with one action (approve, not approved, to a
 * conference call, withdraw) or moves the deadline. The server's clock finds a round ready at its
 * deadline, or approves it there when it was opened so.
 */
import './positions.css';
import { useState } from 'react';
import type * as Y from 'yjs';
import { decideRound, deleteRound, extendRound, openRound, type RoundView } from '../../../shared/positions/approvalRounds.js';
import { zonedTime } from '../../../shared/time/plannedTime.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useMeta } from '../../sync/useMeeting.js';
import { useRounds } from '../../sync/positions.js';
import { serverIso, serverNow, useServerNow } from '../../sync/participation.js';
import { ROUND_STATE_LABELS, deadlineText } from '../../model/deadlines.js';

type Run = (fn: (doc: Y.Doc) => void) => void;

/** Runs a change and gives back the error it raised, if any. */
export function attempt(run: Run, fn: (doc: Y.Doc) => void): string {
  let failed = '';
  run((d) => {
    try {
      fn(d);
    } catch (e) {
      failed = e instanceof Error ? e.message : String(e);
    }
  });
  return failed;
}

/** The Tdoc ids named by numbers typed with commas or spaces; an error naming the first unknown one. */
function idsOf(text: string, byNumber: (n: string) => string | undefined): { ids: string[]; error: string } {
  const numbers = text.split(/[\s,;]+/).filter(Boolean);
  if (!numbers.length) return { ids: [], error: 'name one Tdoc or more' };
  const ids: string[] = [];
  for (const n of numbers) {
    const id = byNumber(n);
    if (!id) return { ids: [], error: `no Tdoc ${n} in this meeting` };
    ids.push(id);
  }
  return { ids, error: '' };
}

/** The form that opens a round. */
function OpenRoundForm({ run, actor, initial }: { run: Run; actor: string; initial: string }) {
  const { store } = useMeetingContext();
  const meta = useMeta();
  const zone = meta.timezone || 'UTC';
  const [tdocs, setTdocs] = useState(initial);
  const [date, setDate] = useState(() => new Date(serverNow() + 86_400_000).toISOString().slice(0, 10));
  const [time, setTime] = useState('12:00');
  const [inUtc, setInUtc] = useState(zone === 'UTC');
  const [auto, setAuto] = useState(false);
  const [error, setError] = useState('');
  const byNumber = (n: string) => store.getIndex().order.find((id) => {
    const c = store.contribution(id);
    return !!c && [c.number, ...c.aliases].some((x) => x.trim().toUpperCase() === n.trim().toUpperCase());
  });
  const open = () => {
    const { ids, error: e } = idsOf(tdocs, byNumber);
    if (e) return setError(e);
    const at = zonedTime(date, time, inUtc ? 'UTC' : zone);
    if (at === null) return setError('the deadline needs a date and a time');
    const failed = attempt(run, (d) => void openRound(d, { tdocs: ids, deadline: new Date(at).toISOString(), autoApprove: auto, by: actor, nowMs: serverNow() }));
    setError(failed);
    if (!failed) setTdocs('');
  };
  return (
    <form className="round-form" onSubmit={(e) => (e.preventDefault(), open())} aria-label="Open an e-mail approval">
      <label>
        Tdocs
        <input data-field="round-tdocs" value={tdocs} onChange={(e) => setTdocs(e.target.value)} placeholder="S2-2401234, S2-2401240" />
      </label>
      <label>
        Deadline
        <input data-field="round-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label>
        Time
        <input data-field="round-time" type="time" value={time} onChange={(e) => setTime(e.target.value)} />
      </label>
      <label>
        Zone
        <select value={inUtc ? 'utc' : 'venue'} onChange={(e) => setInUtc(e.target.value === 'utc')}>
          <option value="venue">{zone} (venue)</option>
          <option value="utc">UTC</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" data-field="round-auto" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> Approve by itself at the deadline when nobody objects
      </label>
      <button type="submit" data-action="open-round">
        Put on e-mail approval
      </button>
      {error ? (
        <p className="form-error small" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** One round: state, deadline, Tdocs, objections, and the chair's actions. */
function RoundCard({ r, run, actor, now, onOpenTdoc }: { r: RoundView; run: Run; actor: string; now: number; onOpenTdoc?: (id: string) => void }) {
  const { store, editable } = useMeetingContext();
  const meta = useMeta();
  const [error, setError] = useState('');
  const [extendTo, setExtendTo] = useState('');
  const when = deadlineText(r.deadline, meta.timezone, now);
  const decide = (state: string) => setError(attempt(run, (d) => decideRound(d, r.id, state, { by: actor, at: serverIso() })));
  const num = (id: string) => store.contribution(id)?.number ?? '(deleted)';
  return (
    <li className={`round-card round-${r.state}${r.ready ? ' ready' : ''}`} data-approval={r.id} data-state={r.state} data-deadline={r.deadline} data-ready={r.ready ? 'true' : undefined}>
      <div className="round-head">
        <span className={`round-state state-${r.state}`}>{ROUND_STATE_LABELS[r.state]}</span>
        {r.ready ? <span className="round-ready">ready to approve</span> : null}
        <span className="round-tdocs">
          {r.current.map((id) => (
            <button key={id} type="button" className="link" onClick={() => onOpenTdoc?.(id)}>
              {num(id)}
            </button>
          ))}
          {r.current.join() !== r.tdocs.join() ? <span className="muted small"> (opened on {r.tdocs.map(num).join(', ')})</span> : null}
        </span>
      </div>
      <div className="round-deadline">
        Deadline <strong>{when.venue}</strong>
        {when.mine ? <span className="muted"> · {when.mine}</span> : null}
        <span className={when.passed ? ' muted' : ' round-left'}> · {when.left}</span>
      </div>
      <div className="muted small">
        Opened by {r.openedBy || 'someone'} · {r.autoApprove ? 'approves by itself at the deadline when nobody objects' : 'the chair decides'}
        {r.objections.length ? <span className="round-objections"> · objections: {r.objections.join(', ')}</span> : null}
        {r.decision ? ` · ${ROUND_STATE_LABELS[r.decision.state]} by ${r.decision.auto ? 'the server at the deadline' : r.decision.by}` : ''}
      </div>
      {editable && !r.decision ? (
        <div className="buttons">
          <button type="button" data-action="approve-round" onClick={() => decide('approved')}>
            Approve
          </button>
          <button type="button" onClick={() => decide('not-approved')}>
            Not approved
          </button>
          <button type="button" onClick={() => decide('to-call')}>
            To a call
          </button>
          <button type="button" onClick={() => decide('withdrawn')}>
            Withdraw
          </button>
          <input type="datetime-local" aria-label="New deadline (UTC)" value={extendTo} onChange={(e) => setExtendTo(e.target.value)} />
          <button type="button" disabled={!extendTo} onClick={() => setError(attempt(run, (d) => extendRound(d, r.id, new Date(`${extendTo}Z`).toISOString(), serverNow())))}>
            Move deadline (UTC)
          </button>
          <button type="button" className="danger" onClick={() => confirm('Delete this round? (for a round opened by mistake)') && setError(attempt(run, (d) => deleteRound(d, r.id)))}>
            Delete
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="form-error small" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** The tab: the form (for editors) and every round, running ones first. */
export function ApprovalsPanel({ run, actor, initialTdocs = '', onOpenTdoc }: { run: Run; actor: string; initialTdocs?: string; onOpenTdoc?: (id: string) => void }) {
  const { editable } = useMeetingContext();
  const rounds = useRounds();
  const now = useServerNow(1000);
  const running = rounds.filter((r) => !r.decision);
  const decided = rounds.filter((r) => r.decision);
  return (
    <section className="list-panel approvals-panel" aria-label="E-mail approval">
      <h2>E-mail approval</h2>
      {editable ? <OpenRoundForm run={run} actor={actor} initial={initialTdocs} /> : null}
      {!rounds.length ? <p className="muted">No Tdoc is on e-mail approval.</p> : null}
      <ul className="rounds">
        {[...running, ...decided].map((r) => (
          <RoundCard key={r.id} r={r} run={run} actor={actor} now={now} onOpenTdoc={onOpenTdoc} />
        ))}
      </ul>
    </section>
  );
}
