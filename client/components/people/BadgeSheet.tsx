/**
 * A printable sheet of QR badges (issue 24): each person's own link as a QR code with their name and
 * organisation under it, 3 × 4 to a page that fits A4 and Letter alike (190 × 252 mm of badges inside
 * 10 mm margins: A4 is 210 × 297 mm, Letter 216 × 279 mm); a badge never splits across pages.
 */
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { QrCode } from '../common/QrCode.js';
import type { PersonRow } from './peopleApi.js';

export function BadgeSheet({ title, people, onClose }: { title: string; people: PersonRow[]; onClose: () => void }) {
  useEffect(() => {
    document.body.classList.add('printing-badges');
    return () => document.body.classList.remove('printing-badges');
  }, []);
  // On the body itself, so printing can leave out everything else of the page.
  return createPortal(
    <div className="badge-overlay" role="dialog" aria-label="Badges to print" data-badge-sheet="">
      <div className="badge-toolbar no-print">
        <strong>{people.length} badges</strong>
        <span className="muted small">A4 or Letter, 12 to a page. Each code opens that person's own link: hand it to them only.</span>
        <button className="primary-btn" data-action="print" onClick={() => window.print()}>
          Print
        </button>
        <button className="small-btn" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="badge-sheet">
        {people.map((p) => (
          <div className="badge" key={p.id} data-badge={p.id}>
            <QrCode text={p.link} size={180} alt={`QR code of ${p.name}'s link`} />
            <div className="badge-name">{p.name}</div>
            <div className="badge-org">{p.organisation}</div>
            <div className="badge-meeting">{title}</div>
          </div>
        ))}
      </div>
    </div>,
    document.body,
  );
}
