/**
 * Who changed what, in words (issue 17): `GET /api/meetings/:id/history` with this editor's token,
 * newest first, filtered by person, Tdoc or agenda item, with older pages on demand. Each entry can open
 * the board as it stood right after that change.
 */
import { useCallback, useEffect, useState } from 'react';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useMeta } from '../../sync/useMeeting.js';
import { venueDateTime, zoneLabel } from '../../model/venueTime.js';

interface Entry {
  seq: number;
  at: string;
  role: string;
  tokenId: string;
  name: string;
  description: string;
}

export function HistoryPanel({ onShow, onClose, initial }: { onShow: (at: number) => void; onClose: () => void; initial?: { tdoc?: string; item?: string } }) {
  const { meetingId, token } = useMeetingContext();
  // The venue's time, like the decisions, the screen and the report (not the browser's zone).
  const { timezone } = useMeta();
  const [filter, setFilter] = useState({ by: '', tdoc: initial?.tdoc ?? '', item: initial?.item ?? '' });
  const [entries, setEntries] = useState<Entry[]>([]);
  const [before, setBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (from: number | null) => {
      const q = new URLSearchParams({ limit: '50' });
      if (from) q.set('before', String(from));
      for (const [k, v] of Object.entries(filter)) if (v.trim()) q.set(k, v.trim());
      try {
        const res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/history?${q}`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
        const body = (await res.json()) as { entries?: Entry[]; before?: number | null; error?: string };
        if (!res.ok) throw new Error(body.error ?? `the server answered ${res.status}`);
        setEntries((cur) => (from ? [...cur, ...(body.entries ?? [])] : body.entries ?? []));
        setBefore(body.before ?? null);
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [meetingId, token, filter],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <section className="history-panel" aria-label="History">
      <header>
        <strong>History</strong>
        <span className="muted small" data-history-zone="true">
          times in {zoneLabel(timezone, Date.now())}
        </span>
        {(['by', 'tdoc', 'item'] as const).map((k) => (
          <input
            key={k}
            className="small"
            placeholder={k === 'by' ? 'person or role' : k === 'tdoc' ? 'Tdoc' : 'agenda item'}
            value={filter[k]}
            data-field={`history-${k}`}
            onChange={(e) => setFilter((f) => ({ ...f, [k]: e.target.value }))}
          />
        ))}
        <button className="small-btn" onClick={onClose}>
          Close
        </button>
      </header>
      {error ? <p className="error small">{error}</p> : null}
      <ol className="history-list">
        {entries.map((e) => (
          <li key={e.seq} data-history-seq={e.seq}>
            <time className="history-time" dateTime={e.at} title={`${venueDateTime(e.at, timezone, true)} (${zoneLabel(timezone, Date.parse(e.at))})`}>
              {venueDateTime(e.at, timezone)}
            </time>{' '}
            <span className="history-what">{e.description}</span>{' '}
            <span className="muted small" title={`link ${e.tokenId || '—'}; the name is what that connection called itself`}>
              {e.role}
              {e.name ? ` (says ${e.name})` : ''}
            </span>{' '}
            <button className="link-btn small" onClick={() => onShow(Date.parse(e.at))}>
              board then
            </button>
          </li>
        ))}
      </ol>
      {before ? (
        <button className="small-btn" onClick={() => void load(before)}>
          Older
        </button>
      ) : null}
    </section>
  );
}
