/**
 * Downloads of the meeting in the formats the server exports (CONTRACT.md §3), with this link's token in
 * the Authorization header, never in the address (client/sync/download.ts).
 */
import { useRef, useState } from 'react';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { downloadFile } from '../../sync/download.js';
import { useDownloadRefused } from '../../sync/useDownloadRefused.js';

const FORMATS = [
  ['docx', 'Word report'],
  ['xlsx', 'Excel Tdoc list'],
  ['md', 'Markdown'],
  ['csv', 'CSV'],
  ['ics', 'Calendar (.ics)'],
  ['json', 'Meeting JSON'],
] as const;

/** A small menu of downloads. */
export function ExportMenu() {
  const { meetingId, token } = useMeetingContext();
  const refused = useDownloadRefused();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const get = (fmt: string) => {
    setBusy(fmt);
    setError(null);
    downloadFile(`/api/meetings/${encodeURIComponent(meetingId)}/export.${fmt}`, token, `${meetingId}.${fmt}`)
      // Saved: the menu closes (the browser's download bar says the rest); a refusal stays shown in it.
      .then(() => {
        if (menu.current) menu.current.open = false;
      })
      .catch((e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        refused(e);
      })
      .finally(() => setBusy(null));
  };
  return (
    <details className="export-menu" ref={menu}>
      <summary className="small-btn">Export</summary>
      <div className="menu">
        {FORMATS.map(([fmt, label]) => (
          <button key={fmt} type="button" data-export={fmt} disabled={busy === fmt} onClick={() => get(fmt)}>
            {busy === fmt ? `${label}…` : label}
          </button>
        ))}
        {error ? (
          <p className="error small" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </details>
  );
}
