/**
 * The board at any moment (issue 17), around a view (board or follow): a "Past" button opens a date/time
 * field and a slider; the view then shows the meeting as it stood then, read-only, under a banner that
 * says so, with "Back to now". Editors can take a past value back into the live meeting as a new change
 * (a Tdoc's status, its notes, or the whole Tdoc if it was deleted since), and see the history in words.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Awareness } from 'y-protocols/awareness';
import { createMeetingDoc } from '../../../shared/document/meetingDoc.js';
import { restoreContributionField, restoreDeleted } from '../../../shared/document/restoreOps.js';
import { entryMap } from '../../../shared/document/entityStore.js';
import type { Contribution } from '../../../shared/document/meetingSchema.js';
import { MeetingContextProvider, createValue, useMeetingContext } from '../../sync/MeetingContext.js';
import type { MeetingConnection } from '../../sync/MeetingConnection.js';
import { pastExportPath, usePast, type PastState } from '../../sync/usePast.js';
import { downloadFile } from '../../sync/download.js';
import { useDownloadRefused } from '../../sync/useDownloadRefused.js';
import { storedName } from '../../sync/usePresence.js';
import { HistoryPanel } from './HistoryPanel.js';
import { useMeta } from '../../sync/useMeeting.js';
import { fromVenue, normalizeClock, venueDateTime, venueParts, zoneLabel } from '../../model/venueTime.js';
import { HISTORY_EVENT, type HistoryRequest } from './RecordLink.js';

/**
 * The moment chosen, as the venue tells it: a date and a 24-hour time (to the second: edits come fast) in
 * the meeting's time zone, whatever the browser's zone and locale (a datetime-local field is 12-hour in a
 * US browser and in the browser's zone).
 */
interface Moment {
  date: string;
  time: string;
  /** The exact instant when it came from the slider or History (a wall time can happen twice a year). */
  ms?: number;
}

/** Wraps a view; renders it on the past meeting while one is shown. */
export function TimeTravel({ children }: { children: ReactNode }) {
  const live = useMeetingContext();
  const { past, loading, error, show, back } = usePast(live.meetingId, live.token, live.connection.refuse.bind(live.connection));
  const [open, setOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [historyFilter, setHistoryFilter] = useState<HistoryRequest>({});
  useEffect(() => {
    // A Tdoc's or an item's panel asks for its history (RecordLink).
    const onAsk = (e: Event) => {
      setHistoryFilter((e as CustomEvent<HistoryRequest>).detail ?? {});
      setOpen(true);
      setHistoryOpen(true);
    };
    window.addEventListener(HISTORY_EVENT, onAsk);
    return () => window.removeEventListener(HISTORY_EVENT, onAsk);
  }, []);
  const { timezone: zone, startDate } = useMeta();
  const start = useMemo(() => {
    const t = startDate ? fromVenue(startDate, '00:00', zone) : NaN;
    return Number.isFinite(t) && t < Date.now() ? t : Date.now() - 7 * 86_400_000;
  }, [startDate, zone]);
  const [value, setValue] = useState<Moment>(() => venueParts(Date.now(), zone));
  const setMoment = (ms: number) => setValue({ ...venueParts(ms, zone), ms });
  useEffect(() => {
    document.body.classList.toggle('in-past', !!past);
    return () => document.body.classList.remove('in-past');
  }, [past]);
  const chosen = value.ms ?? fromVenue(value.date, value.time, zone);
  const now = Date.now();

  return (
    <>
      <div className={past ? 'time-travel past' : 'time-travel'} data-time-travel={past ? 'past' : 'now'}>
        {past ? (
          <PastBanner past={past} zone={zone} onBack={() => { back(); setOpen(false); }} />
        ) : null}
        {open || past ? (
          <div className="time-travel-bar">
            <span className="past-at" role="group" aria-label="The meeting at">
              The meeting at{' '}
              <input type="date" data-field="past-date" aria-label="Date (venue)" value={value.date} max={venueParts(now, zone).date} onChange={(e) => setValue({ date: e.target.value, time: value.time })} />{' '}
              <input
                type="text"
                inputMode="numeric"
                className="past-time"
                data-field="past-time"
                aria-label="Time, 24-hour (venue)"
                placeholder="14:05:00"
                aria-invalid={normalizeClock(value.time) === null}
                value={value.time}
                onChange={(e) => setValue({ date: value.date, time: e.target.value })}
                onBlur={() => {
                  const t = normalizeClock(value.time);
                  if (t && t !== value.time) setValue({ date: value.date, time: t });
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && Number.isFinite(chosen)) show(chosen);
                }}
              />{' '}
              <span className="muted small" data-past-zone="true">
                {zoneLabel(zone, Number.isFinite(chosen) ? chosen : now)}
              </span>
            </span>
            <input
              type="range"
              aria-label="Moment to show"
              data-field="past-slider"
              min={start}
              max={now}
              step={60_000}
              value={Number.isFinite(chosen) ? Math.min(Math.max(chosen, start), now) : now}
              onChange={(e) => setMoment(Number(e.target.value))}
              onPointerUp={(e) => show(Number((e.target as HTMLInputElement).value))}
            />
            <button className="small-btn" data-action="show-past" disabled={!Number.isFinite(chosen)} onClick={() => show(chosen)}>
              Show
            </button>
            {live.editable ? (
              <button
                className="small-btn"
                data-action="history"
                onClick={() => {
                  setHistoryFilter({});
                  setHistoryOpen((x) => !x);
                }}
              >
                History
              </button>
            ) : null}
            {!past ? (
              <button className="small-btn" onClick={() => setOpen(false)}>
                Close
              </button>
            ) : null}
            {loading ? <span className="muted small">Rebuilding…</span> : null}
            {error ? <span className="error small" role="alert">{error}</span> : null}
          </div>
        ) : (
          <button className="small-btn time-travel-open" data-action="time-travel" title="See the meeting as it stood at an earlier moment" onClick={() => setOpen(true)}>
            Past
          </button>
        )}
        {historyOpen && live.editable ? (
          <HistoryPanel
            key={`${historyFilter.tdoc ?? ''}\u0000${historyFilter.item ?? ''}`}
            initial={historyFilter}
            onShow={(at) => {
              setMoment(at);
              show(at);
            }}
            onClose={() => setHistoryOpen(false)}
          />
        ) : null}
        {past && live.editable ? <RestorePanel past={past} /> : null}
      </div>
      {past ? <PastMeeting past={past}>{children}</PastMeeting> : children}
    </>
  );
}

function PastBanner({ past, zone, onBack }: { past: PastState; zone: string; onBack: () => void }) {
  const { meetingId, token } = useMeetingContext();
  const refused = useDownloadRefused();
  const [failed, setFailed] = useState<string | null>(null);
  const download = (fmt: string) => {
    setFailed(null);
    const stamp = new Date(past.at).toISOString().replace(/[:.]/g, '-');
    downloadFile(pastExportPath(meetingId, fmt, past.at), token, `${meetingId}-at-${stamp}.${fmt}`).catch((e: unknown) => {
      setFailed(e instanceof Error ? e.message : String(e));
      refused(e);
    });
  };
  return (
    <div className="past-banner" role="status" data-past-at={new Date(past.at).toISOString()}>
      <strong>The past: the meeting as it stood on {venueDateTime(past.at, zone, true)}</strong>
      <span className="small">
        {' '}
        ({zoneLabel(zone, past.at)}){past.changedAt ? `, last change before it ${venueDateTime(past.changedAt, zone, true)}` : ''} — read-only.{' '}
        <button type="button" className="link-btn" data-action="past-export" data-format="docx" onClick={() => download('docx')}>
          Word report then
        </button>{' '}
        ·{' '}
        <button type="button" className="link-btn" data-action="past-export" data-format="json" onClick={() => download('json')}>
          JSON then
        </button>
        {failed ? <span className="error small" role="alert"> {failed}</span> : null}
      </span>
      <button className="small-btn" data-action="back-to-now" onClick={onBack}>
        Back to now
      </button>
    </div>
  );
}

/** The view's context on a copy of the past meeting: read-only, presence kept local to this page. */
function PastMeeting({ past, children }: { past: PastState; children: ReactNode }) {
  const live = useMeetingContext();
  const value = useMemo(() => {
    const doc = createMeetingDoc(past.meeting);
    const awareness = new Awareness(doc);
    const connection = {
      doc,
      awareness,
      provider: live.connection.provider,
      subscribe: live.connection.subscribe,
      getSnapshot: live.connection.getSnapshot,
    } as unknown as MeetingConnection;
    return createValue({ meetingId: live.meetingId, role: live.role, editable: false, token: live.token }, connection);
  }, [past, live]);
  useEffect(
    () => () => {
      value.undo.destroy();
      value.store.destroy();
      value.connection.awareness.destroy();
      value.doc.destroy();
    },
    [value],
  );
  return (
    <div className="past-view" data-past="true" key={past.at}>
      <MeetingContextProvider value={value}>{children}</MeetingContextProvider>
    </div>
  );
}

/** Takes a past value of a Tdoc back into the live meeting, as a new change of this editor. */
function RestorePanel({ past }: { past: PastState }) {
  const live = useMeetingContext();
  const [number, setNumber] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const found: Contribution | undefined = past.meeting.contributions.find((c) => c.number.toLowerCase() === number.trim().toLowerCase());
  const exists = found ? !!entryMap(live.doc, 'contributions', found.id) : false;
  const actor = { by: storedName() || (live.role === 'chair' ? 'Chair' : 'Secretary') };
  const run = (what: string, fn: () => void) => {
    try {
      live.change(fn);
      setNote(`${what}: done (a new change in the record).`);
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="restore-panel">
      <label>
        Restore from then: Tdoc{' '}
        <input data-field="restore-tdoc" value={number} placeholder="number" onChange={(e) => setNumber(e.target.value)} list="past-tdocs" />
      </label>
      <datalist id="past-tdocs">
        {past.meeting.contributions.slice(0, 3000).map((c) => (
          <option key={c.id} value={c.number} />
        ))}
      </datalist>
      {found && exists ? (
        <>
          <button className="small-btn" data-action="restore-status" onClick={() => run(`${found.number} status`, () => restoreContributionField(live.doc, found, 'status', actor))}>
            Its status then ({found.status})
          </button>
          <button className="small-btn" data-action="restore-notes" onClick={() => run(`${found.number} notes`, () => restoreContributionField(live.doc, found, 'notes', actor))}>
            Its notes then
          </button>
        </>
      ) : null}
      {found && !exists ? (
        <button className="small-btn" data-action="restore-tdoc" onClick={() => run(`${found.number}`, () => restoreDeleted(live.doc, 'contributions', found))}>
          Bring the deleted Tdoc back
        </button>
      ) : null}
      {number && !found ? <span className="muted small">not in the meeting then</span> : null}
      {note ? <span className="small" role="status">{note}</span> : null}
    </div>
  );
}
