/**
 * The chair's and secretary's speaker queue, beside the board: call the next speaker (Alt+N), call anyone,
 * reorder, remove, close and reopen the queue, add someone by name ("q+ Mary, Ericsson"), the current
 * speaker's time against a limit the chair sets, and the queue's order by kind (meta.queueOrder). Times are the server's (useServerNow), so the screen's
 * timer and the record agree whichever laptop gave the floor.
 */
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import {
  addToQueue,
  callNext,
  endSpeech,
  moveInQueue,
  parseQuickAdd,
  removeFromQueue,
  setQueueOpen,
  setSpeakingLimit,
  setQueueOrder,
  QUEUE_KIND_LABELS,
  type QueueEntry,
} from '../../../shared/participation/speakerQueue.js';
import { useLive, useMeta } from '../../sync/useMeeting.js';
import type { QueueOrder } from '../../../shared/document/meetingSchema.js';
import { serverIso, useParticipation } from '../../sync/participation.js';
import { SpeakerTime, who } from './QueueStrip.js';
import './participation.css';

const LIMITS = [0, 60, 90, 120, 180, 300];

/** True for Alt+N (by key position, so Option+N on a Mac works too). */
export function isCallNextKey(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'code'>): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN';
}

export function SpeakerQueuePanel({ run }: { run: (fn: (d: Y.Doc) => void) => void }) {
  const { queue, floor } = useParticipation();
  const live = useLive();
  const meta = useMeta();
  const [quick, setQuick] = useState('');
  const next = (entryId?: string) =>
    run((d) => {
      callNext(d, { at: serverIso(), agendaItemId: live.agendaItemId, contributionId: live.contributionId }, entryId);
    });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isCallNextKey(e)) return;
      e.preventDefault();
      next();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const quickAdd = () => {
    const p = parseQuickAdd(quick);
    if (!p) return;
    run((d) => {
      addToQueue(d, { ...p, at: serverIso(), by: 'chair' });
    });
    setQuick('');
  };

  return (
    <section className="floor-panel" aria-label="Speaker queue">
      <div className="floor-panel-head">
        <h2>Speakers</h2>
        <button className={`small-btn${floor.open ? '' : ' closed'}`} data-action="toggle-queue" data-open={floor.open ? 'true' : 'false'} onClick={() => run((d) => setQueueOpen(d, !floor.open))} title="Delegates can add themselves only while the queue is open">
          {floor.open ? 'Open · close it' : 'Closed · reopen'}
        </button>
      </div>
      <div className="floor-current">
        {floor.current ? (
          <>
            <div className="floor-current-name" data-floor="current" data-speaker={floor.current.name}>
              {who(floor.current)}
            </div>
            <SpeakerTime floor={floor} className="big" />
            <button className="small-btn" data-action="end-speech" onClick={() => run((d) => endSpeech(d, serverIso()))}>
              End
            </button>
          </>
        ) : (
          <div className="muted">Nobody has the floor.</div>
        )}
      </div>
      <div className="floor-controls">
        <button className="floor-next" data-action="call-next" disabled={!queue.length && !floor.current} onClick={() => next()} title="Give the floor to the first in the queue (Alt+N)">
          ▶ Next speaker <kbd>Alt+N</kbd>
        </button>
        <label className="small">
          Limit{' '}
          <select data-field="limit" value={LIMITS.includes(floor.limitSeconds) ? floor.limitSeconds : 'other'} onChange={(e) => run((d) => setSpeakingLimit(d, Number(e.target.value)))}>
            {LIMITS.map((s) => (
              <option key={s} value={s}>
                {s === 0 ? 'none' : s < 60 || s % 60 ? `${s} s` : `${s / 60} min`}
              </option>
            ))}
            {!LIMITS.includes(floor.limitSeconds) ? <option value="other">{floor.limitSeconds} s</option> : null}
          </select>
        </label>
      </div>
      <label className="small floor-order" title="Applied to the waiting queue at once, and to every request after, by the server and every page">
        Order{' '}
        <select data-field="queue-order" value={meta.queueOrder ?? 'points-of-order'} onChange={(e) => run((d) => setQueueOrder(d, e.target.value as QueueOrder))}>
          <option value="points-of-order">Points of order first, then as asked</option>
          <option value="tc39">By kind: order, clarifying, reply, new topic</option>
        </select>
      </label>
      <ol className="floor-queue" aria-label="Queue">
        {queue.map((e, i) => (
          <QueueRow key={e.id} entry={e} index={i} count={queue.length} run={run} onCall={() => next(e.id)} />
        ))}
        {queue.length === 0 ? <li className="muted empty">The queue is empty.</li> : null}
      </ol>
      <form
        className="floor-quick"
        onSubmit={(e) => {
          e.preventDefault();
          quickAdd();
        }}
      >
        <input data-field="quick-add" aria-label="Add a speaker" placeholder="q+ Mary, Ericsson" value={quick} onChange={(e) => setQuick(e.target.value)} />
        <button type="submit" className="small-btn" disabled={!parseQuickAdd(quick)}>
          Add
        </button>
      </form>
    </section>
  );
}

function QueueRow({ entry: e, index, count, run, onCall }: { entry: QueueEntry; index: number; count: number; run: (fn: (d: Y.Doc) => void) => void; onCall: () => void }) {
  return (
    <li data-queue-entry={e.id} data-speaker={e.name} data-kind={e.kind} className={e.kind}>
      <span className="queue-pos">{index + 1}</span>
      <span className="queue-name" title={`${QUEUE_KIND_LABELS[e.kind]} · ${e.by === 'self' ? 'asked from a phone' : 'added by the chair'}`}>
        {who(e)}
      </span>
      {e.kind !== 'new-topic' ? <span className={`queue-kind kind-${e.kind}`}>{QUEUE_KIND_LABELS[e.kind]}</span> : null}
      <span className="queue-buttons">
        <button aria-label={`Move ${e.name} up`} data-action="move-up" disabled={index === 0} onClick={() => run((d) => moveInQueue(d, e.id, index - 1))}>
          ↑
        </button>
        <button aria-label={`Move ${e.name} down`} data-action="move-down" disabled={index === count - 1} onClick={() => run((d) => moveInQueue(d, e.id, index + 1))}>
          ↓
        </button>
        <button aria-label={`Give ${e.name} the floor`} data-action="call" onClick={onCall}>
          ▶
        </button>
        <button aria-label={`Remove ${e.name}`} data-action="remove-entry" onClick={() => run((d) => removeFromQueue(d, e.id))}>
          ✕
        </button>
      </span>
    </li>
  );
}
