/** Downloads of the meeting in the formats the server exports (CONTRACT.md §3), with this link's token. */
import { useRef, type MouseEvent } from 'react';
import { useMeetingContext } from '../../sync/MeetingContext.js';

const FORMATS = [
  ['docx', 'Word report'],
  ['xlsx', 'Excel Tdoc list'],
  ['md', 'Markdown'],
  ['csv', 'CSV'],
  ['ics', 'Calendar (.ics)'],
  ['json', 'Meeting JSON'],
] as const;

/** A small menu of download links. */
export function ExportMenu() {
  const { meetingId, token } = useMeetingContext();
  const menu = useRef<HTMLDetailsElement>(null);
  // A download chosen: the menu closes (the browser's download bar says the rest), once the click has
  // started the download (a link hidden while its click is dispatched does not follow itself).
  const closeAfterChoice = (e: MouseEvent) => {
    if (!(e.target as Element).closest('a, button')) return;
    setTimeout(() => {
      if (menu.current) menu.current.open = false;
    });
  };
  return (
    <details className="export-menu" ref={menu}>
      <summary className="small-btn">Export</summary>
      <div className="menu" onClick={closeAfterChoice}>
        {FORMATS.map(([fmt, label]) => (
          <a key={fmt} href={`/api/meetings/${encodeURIComponent(meetingId)}/export.${fmt}?token=${encodeURIComponent(token)}`} download>
            {label}
          </a>
        ))}
      </div>
    </details>
  );
}
