/**
 * The chair's show of hands: ask a question with options (yes/no/abstain, A/B/C, one option, or typed),
 * open for a set time or until closed; live counts from the phones; the room's hand count typed beside.
 */
import { useState } from 'react';
import * as Y from 'yjs';
import { POLL_PRESETS, closePoll, countsHidden, deletePoll, isPollOpen, openPoll, readVoters, setRoomCounts, totalCounts, type Poll } from '../../../shared/participation/showOfHands.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useLive } from '../../sync/useMeeting.js';
import { serverIso, useParticipation, useServerNow } from '../../sync/participation.js';
import { PollCounts } from './QueueStrip.js';
import './participation.css';

const DURATIONS = [
  [0, 'until closed'],
  [30, '30 s'],
  [60, '1 min'],
  [120, '2 min'],
  [300, '5 min'],
] as const;

export function HandsPanel({ run }: { run: (fn: (d: Y.Doc) => void) => void }) {
  const { polls } = useParticipation();
  const live = useLive();
  const now = useServerNow(1000);
  const [question, setQuestion] = useState('');
  const [preset, setPreset] = useState<string>(Object.keys(POLL_PRESETS)[0]);
  const [custom, setCustom] = useState('');
  const [duration, setDuration] = useState(0);
  // Issue 24: one answer per organisation, the latest of its registered people's.
  const [perOrganisation, setPerOrganisation] = useState(false);
  const [showCounts, setShowCounts] = useState<'live' | 'at-close'>('live');
  const options = preset === 'custom' ? custom.split(/[,/]/).map((s) => s.trim()).filter(Boolean) : [...POLL_PRESETS[preset]];
  const current = polls[polls.length - 1];
  const earlier = polls.slice(0, -1).reverse();

  return (
    <section className="hands-panel" aria-label="Show of hands">
      <h2>Show of hands</h2>
      <form
        className="hands-new"
        onSubmit={(e) => {
          e.preventDefault();
          run((d) => {
            openPoll(d, { question, options, durationSeconds: duration, at: serverIso(), agendaItemId: live.agendaItemId, contributionId: live.contributionId, perOrganisation, showCounts });
          });
          setQuestion('');
        }}
      >
        <input data-field="poll-question" aria-label="Question" placeholder="Who supports option A?" value={question} maxLength={300} onChange={(e) => setQuestion(e.target.value)} />
        <div className="hands-row">
          <select data-field="poll-options" aria-label="Options" value={preset} onChange={(e) => setPreset(e.target.value)}>
            {Object.keys(POLL_PRESETS).map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
            <option value="custom">Other…</option>
          </select>
          <select data-field="poll-duration" aria-label="Open for" value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
            {DURATIONS.map(([s, label]) => (
              <option key={s} value={s}>
                {label}
              </option>
            ))}
          </select>
          <button type="submit" className="small-btn" data-action="open-poll" disabled={!question.trim() || !options.length}>
            Ask
          </button>
        </div>
        <label className="small">
          <input type="checkbox" data-field="poll-per-organisation" checked={perOrganisation} onChange={(e) => setPerOrganisation(e.target.checked)} /> One per company (registered people; the latest answer of each organisation counts)
        </label>
        {preset === 'custom' ? <input data-field="poll-custom" aria-label="Options, comma-separated" placeholder="Option A, Option B, Option C" value={custom} onChange={(e) => setCustom(e.target.value)} /> : null}
        <label className="small hands-show">
          Counts{' '}
          <select data-field="poll-show-counts" value={showCounts} onChange={(e) => setShowCounts(e.target.value as 'live' | 'at-close')}>
            <option value="live">shown while people answer</option>
            <option value="at-close">shown at close (to everyone)</option>
          </select>
        </label>
      </form>
      {current ? <CurrentPoll poll={current} open={isPollOpen(current, now)} run={run} /> : null}
      {earlier.length ? (
        <details className="hands-earlier">
          <summary>{earlier.length} earlier</summary>
          <ul>
            {earlier.map((p) => (
              <li key={p.id}>
                {p.question}: {countsHidden(p, now) ? 'counts at close' : Object.entries(totalCounts(p)).map(([o, n]) => `${o} ${n}`).join(', ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function CurrentPoll({ poll, open, run }: { poll: Poll; open: boolean; run: (fn: (d: Y.Doc) => void) => void }) {
  const { doc } = useMeetingContext();
  const voters = readVoters(doc, poll.id);
  // Counts shown at close: the room's hands are typed after the close too, so nothing shows before.
  const waiting = poll.showCounts === 'at-close' && open;
  return (
    <div className="hands-current">
      {poll.perOrganisation ? <div className="small muted">One per company</div> : null}
      <PollCounts poll={poll} />
      {voters.length ? (
        <details className="hands-voters small">
          <summary>{voters.length} registered {poll.perOrganisation ? 'organisations' : 'people'} answered</summary>
          <ul>
            {voters.map((v) => (
              <li key={`${v.name}\u0000${v.organisation}`} data-voter={v.name} data-voter-option={v.option}>
                {v.organisation || v.name}
                {poll.perOrganisation ? ` (${v.name})` : v.organisation ? ` · ${v.name}` : ''}: {v.option}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="hands-room">
        <span className="small muted">{waiting ? 'Counted in the room (after the close):' : 'Counted in the room:'}</span>
        {poll.options.map((o) => (
          <label key={`${poll.id}:${o}`} className="small">
            {o}{' '}
            <input
              type="number"
              min={0}
              data-room-count={o}
              disabled={waiting}
              defaultValue={poll.roomCounts[o] || ''}
              onBlur={(e) => {
                const n = e.target.value === '' ? 0 : Number(e.target.value);
                if (Number.isInteger(n) && n >= 0 && n !== poll.roomCounts[o]) run((d) => setRoomCounts(d, poll.id, { ...poll.roomCounts, [o]: n }));
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
              }}
            />
          </label>
        ))}
      </div>
      {open ? (
        <button className="small-btn" data-action="close-poll" onClick={() => run((d) => closePoll(d, poll.id, serverIso()))}>
          Close the poll
        </button>
      ) : null}
      <button
        className="small-btn"
        data-action="delete-poll"
        title="Remove a mistaken poll and its answers (the record keeps it; Past can restore it)"
        onClick={() => {
          if (window.confirm(`Delete the poll “${poll.question}” and its answers?`)) run((d) => deletePoll(d, poll.id));
        }}
      >
        Delete the poll
      </button>
    </div>
  );
}
