/** The side panel of one contribution: edit its fields and shared notes, decide, revise, move, delete. */
import { Fragment } from 'react';
import {
  deleteContribution,
  moveContribution,
  reviseContribution,
  setContributionStatus,
  updateContribution,
} from '../../../shared/document/contributionOps.js';
import { setLiveOf } from '../../../shared/document/rooms.js';
import { useRoomId } from '../../sync/RoomContext.js';
import { statusLabel } from '../../../shared/document/statuses.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useContribution, useLive, useMeetingIndex, useMeta, useStatuses } from '../../sync/useMeeting.js';
import { NotesField } from '../common/NotesField.js';
import { FieldInput } from '../common/FieldInput.js';
import { StatusSelect } from './StatusSelect.js';
import { usePeersOnRow } from '../../sync/usePresence.js';
import { RecordLink } from '../record/RecordLink.js';
import { PositionsPanel } from '../positions/PositionsPanel.js';
import { MailThread } from '../positions/MailThread.js';

export interface DetailProps {
  id: string;
  actor: string;
  /** Runs a change; reports errors to the person. */
  run: (fn: (doc: import('yjs').Doc) => void) => void;
  onSelect: (key: string) => void;
  /** Set when revising asks for a new number (3GPP): opens that dialog instead of adding R01. */
  onRevise?: (id: string) => void;
}

/** Side panel of the selected contribution. */
export function ContributionDetail({ id, actor, run, onSelect, onRevise }: DetailProps) {
  const { editable, store } = useMeetingContext();
  const c = useContribution(id);
  const statuses = useStatuses();
  const index = useMeetingIndex();
  const live = useLive();
  const room = useRoomId();
  const meta = useMeta();
  if (!c) return <p className="muted">This contribution was deleted.</p>;
  const siblings = index.byItem.get(index.agenda.some((n) => n.item.id === c.agendaItemId) ? c.agendaItemId : '') ?? [];
  const pos = siblings.indexOf(id);
  const original = c.revisionOf ? store.contribution(c.revisionOf) : undefined;
  const isLive = live.contributionId === id;

  return (
    <div className="detail" aria-label={`Contribution ${c.number}`}>
      <div className="detail-head">
        <span className="detail-kind">Contribution</span>
        {isLive ? <span className="live-tag">LIVE</span> : null}
        <AlsoHere rowId={id} />
      </div>
      <RecordLink tdoc={c.number} carriedFrom={c.carriedFrom} />
      <label>
        Number
        <FieldInput value={c.number} autoFocus={c.number === 'NEW'} onFocus={(e) => c.number === 'NEW' && e.currentTarget.select()} disabled={!editable} onCommit={(v) => run((d) => updateContribution(d, id, { number: v.trim() || c.number }))} />
      </label>
      <label>
        Title
        <FieldInput multiline value={c.title} disabled={!editable} onCommit={(v) => run((d) => updateContribution(d, id, { title: v }))} />
      </label>
      <label>
        Source
        <FieldInput value={c.source} disabled={!editable} onCommit={(v) => run((d) => updateContribution(d, id, { source: v }))} />
      </label>
      <div className="detail-row">
        <label>
          Status
          <StatusSelect
            value={c.status}
            statuses={statuses}
            label={`Status of ${c.number} (panel)`}
            disabled={!editable}
            onChange={(s) => run((d) => setContributionStatus(d, id, s, { by: actor }))}
          />
        </label>
        <label>
          Agenda item
          <select
            value={index.agenda.some((n) => n.item.id === c.agendaItemId) ? c.agendaItemId : ''}
            disabled={!editable}
            onChange={(e) => run((d) => moveContribution(d, id, e.target.value))}
          >
            <option value="">— not allocated —</option>
            {index.agenda.map((n) => (
              <option key={n.item.id} value={n.item.id}>
                {'\u00a0'.repeat(n.depth * 2)}
                {n.item.label} {n.item.title.slice(0, 50)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <NotesField kind="contributions" id={id} plain={c.notes} hint="shared: everyone types here at once" placeholder="What the room said…" />
      <PositionsPanel id={id} actor={actor} run={run} />
      {original ? (
        <p className="muted">
          Revision of{' '}
          <button className="link" onClick={() => onSelect(original.id)}>
            {original.number}
          </button>
        </p>
      ) : null}
      {editable ? (
        <div className="buttons">
          <button onClick={() => (onRevise ? onRevise(id) : run((d) => onSelect(reviseContribution(d, id, { by: actor }))))} title="r">
            Revise <kbd>r</kbd>
          </button>
          <button
            onClick={() => run((d) => setLiveOf(d, room, { agendaItemId: c.agendaItemId || null, contributionId: id }))}
            title="l"
          >
            Set live <kbd>l</kbd>
          </button>
          <button disabled={pos <= 0} onClick={() => run((d) => moveContribution(d, id, c.agendaItemId, pos > 1 ? siblings[pos - 2] : null))}>
            Move up
          </button>
          <button disabled={pos < 0 || pos >= siblings.length - 1} onClick={() => run((d) => moveContribution(d, id, c.agendaItemId, siblings[pos + 1]))}>
            Move down
          </button>
          <button
            className="danger"
            onClick={() => {
              if (confirm(`Delete ${c.number}?`)) run((d) => deleteContribution(d, id));
            }}
          >
            Delete
          </button>
        </div>
      ) : null}
      {c.history.length ? (
        <div className="history">
          <h4>Decisions</h4>
          <ol>
            {[...c.history].reverse().map((h, i) => (
              <li key={i}>
                <strong>{statusLabel(statuses, h.status)}</strong> <span className="muted">{formatTime(h.at, meta.timezone)}{h.by ? ` · ${h.by}` : ''}</span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <MailThread number={c.number} />
      <TdocListColumns columns={c.columns} />
    </div>
  );
}

/**
 * The cells the imported Tdoc list had in columns we have no field for (Contact, Release, Spec, CR ...),
 * read-only: they are kept for the list's export, not edited in the meeting. Nothing when there are none.
 */
export function TdocListColumns({ columns }: { columns?: Record<string, string> }) {
  const entries = Object.entries(columns ?? {});
  if (!entries.length) return null;
  return (
    <div className="tdoc-columns">
      <h4>From the Tdoc list</h4>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0 0.75em', margin: 0 }}>
        {entries.map(([name, text]) => (
          <Fragment key={name}>
            <dt className="muted">{name}</dt>
            <dd style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{text}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}

/** Who else has this row open: so two people do not rewrite the same title at once without knowing. */
export function AlsoHere({ rowId }: { rowId: string }) {
  const peers = usePeersOnRow(rowId);
  if (!peers.length) return null;
  const writing = peers.filter((p) => p.field === 'notes');
  const text = writing.length
    ? `${writing.map((p) => p.name).join(', ')} ${writing.length > 1 ? 'are' : 'is'} writing in the notes`
    : `${peers.map((p) => p.name).join(', ')} ${peers.length > 1 ? 'are' : 'is'} here too`;
  return (
    <span className="also-here" style={{ color: peers[0].color }} data-also-here={peers.map((p) => p.name).join(',')}>
      {text}
    </span>
  );
}

/** "Mon 10:32" for an ISO time, in the meeting's time zone (the room's clock); the text as is when it is not a time. */
export function formatTime(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return d.toLocaleString('en-GB', { ...opts, timeZone: timeZone || undefined });
  } catch {
    return d.toLocaleString('en-GB', opts);
  }
}
