/** The meeting's own details (title, people, dates, venue, time zone) and its status vocabulary. */
import { useState } from 'react';
import * as Y from 'yjs';
import { addStatus, setMeta, setStatuses } from '../../../shared/document/meetingParts.js';
import { PURPOSES, type Meta } from '../../../shared/document/meetingSchema.js';
import { isTimeZone, timeZoneNames } from '../../../shared/time/meetingPlaces.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useMeta, useStatuses } from '../../sync/useMeeting.js';
import { statusTone } from '../../model/statusTone.js';
import { FieldInput } from '../common/FieldInput.js';
import { defaultRevisionNumbering } from '../../../shared/document/numberBlock.js';

const TEXT_FIELDS: [keyof Meta, string, string?][] = [
  ['title', 'Title'],
  ['chair', 'Chair'],
  ['secretary', 'Secretary'],
  ['startDate', 'First day', 'YYYY-MM-DD'],
  ['endDate', 'Last day', 'YYYY-MM-DD'],
  ['venue', 'Venue'],
];

type Run = (fn: (d: Y.Doc) => void) => void;

/** The Meeting tab. */
export function MeetingPanel({ run }: { run: Run }) {
  const { editable } = useMeetingContext();
  const meta = useMeta();
  return (
    <section className="list-panel meeting-panel">
      <h2>Meeting</h2>
      <div className="meta-grid">
        {TEXT_FIELDS.map(([key, label, placeholder]) => (
          <label key={key}>
            {label}
            <FieldInput value={String(meta[key] ?? '')} placeholder={placeholder} disabled={!editable} onCommit={(v) => run((d) => setMeta(d, { [key]: v.trim() }))} />
          </label>
        ))}
        <label>
          Time zone
          {/* Only the zones the browser knows (Intl.supportedValuesOf) and UTC: a typed 'Baltimore' cannot get in. */}
          <select value={meta.timezone} disabled={!editable} onChange={(e) => isTimeZone(e.target.value) && run((d) => setMeta(d, { timezone: e.target.value }))}>
            {(timeZoneNames().includes(meta.timezone) ? timeZoneNames() : [meta.timezone, ...timeZoneNames()]).map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        <label>
          Purpose
          <select value={meta.purpose} disabled={!editable} onChange={(e) => run((d) => setMeta(d, { purpose: e.target.value as Meta['purpose'] }))}>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          Details
          <FieldInput multiline value={meta.details} disabled={!editable} onCommit={(v) => run((d) => setMeta(d, { details: v }))} />
        </label>
      </div>
      <RevisionSettings meta={meta} editable={editable} run={run} />
      <StatusWords editable={editable} run={run} />
    </section>
  );
}

/** How a revised Tdoc is numbered, and the numbers reserved for revisions. */
function RevisionSettings({ meta, editable, run }: { meta: Meta; editable: boolean; run: Run }) {
  return (
    <>
      <h2>Revisions</h2>
      <p className="muted small">
        How a revised Tdoc is numbered. {meta.body ? `${meta.body} meetings` : 'Meetings of this body'} {defaultRevisionNumbering(meta.body) === 'new-number' ? 'get a new Tdoc number' : 'add R01, R02 to the number'} unless set here.
      </p>
      <div className="meta-grid">
        <label>
          Numbering
          <select
            value={meta.revisionNumbering ?? ''}
            disabled={!editable}
            data-field="revision-numbering"
            onChange={(e) => run((d) => setMeta(d, { revisionNumbering: (e.target.value || '') as Meta['revisionNumbering'] }))}
          >
            <option value="">As the body does ({defaultRevisionNumbering(meta.body) === 'new-number' ? 'new number' : 'R01, R02'})</option>
            <option value="new-number">A new Tdoc number (3GPP)</option>
            <option value="suffix">R01, R02 after the number (oneM2M, ETSI)</option>
          </select>
        </label>
        <label>
          Numbers reserved for revisions
          <FieldInput
            value={meta.numberBlock ?? ''}
            placeholder="e.g. S2-2403100-S2-2403199"
            disabled={!editable}
            data-field="number-block"
            onCommit={(v) => run((d) => setMeta(d, { numberBlock: v.trim() }))}
          />
        </label>
      </div>
    </>
  );
}

/** The status vocabulary: final or not, its order, and adding a word. */
function StatusWords({ editable, run }: { editable: boolean; run: Run }) {
  const statuses = useStatuses();
  const [newStatus, setNewStatus] = useState('');
  const move = (i: number, by: number) => {
    const next = [...statuses];
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s);
    run((d) => setStatuses(d, next));
  };
  return (
    <>
      <h2>Status words</h2>
      <p className="muted small">The decisions offered in every status list, in this order. Final ones count as decided.</p>
      <ul className="vocab">
        {statuses.map((s, i) => (
          <li key={s.id}>
            <span className={`status tone-${statusTone(s.id)}`}>{s.label}</span>
            <label className="small muted">
              <input
                type="checkbox"
                checked={s.final}
                disabled={!editable}
                onChange={(e) => run((d) => setStatuses(d, statuses.map((x) => (x.id === s.id ? { ...x, final: e.target.checked } : x))))}
              />{' '}
              final
            </label>
            {editable ? (
              <span className="vocab-move">
                <button className="small-btn" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${s.label} up`}>
                  ↑
                </button>
                <button className="small-btn" disabled={i === statuses.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${s.label} down`}>
                  ↓
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <form
          className="vocab-add"
          onSubmit={(e) => {
            e.preventDefault();
            if (newStatus.trim()) run((d) => addStatus(d, newStatus.trim()));
            setNewStatus('');
          }}
        >
          <input aria-label="New status word" placeholder="New status word, e.g. Agreed in principle" value={newStatus} onChange={(e) => setNewStatus(e.target.value)} />
          <button className="small-btn" type="submit" disabled={!newStatus.trim()}>
            Add
          </button>
        </form>
      ) : null}
    </>
  );
}
