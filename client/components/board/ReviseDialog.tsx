/**
 * Revising in a meeting whose body gives revisions new Tdoc numbers (3GPP: RP-252972 → RP-253795): asks
 * the new number, with the focus in the field, offering the next free number of the block the secretary
 * reserved. The server hands that number out (POST numbers/next) and records it, so two editors revising
 * at the same moment are offered two different numbers. A number offered and not used (the dialog
 * cancelled, or another number typed) is given back (POST numbers/release) when the dialog closes or the
 * page is left. The number is held for this link: no other editor can give it back while the dialog is
 * open; the server frees it 15 minutes after it was handed out unless the dialog renews it (every 5).
 */
import { useEffect, useRef, useState } from 'react';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useContribution } from '../../sync/useMeeting.js';
import { errorOf } from '../../admin/adminApi.js';

/** Asks the server for the next free number of the meeting's block; null with the reason when there is none. */
export async function nextBlockNumber(meetingId: string, token: string): Promise<{ number: string } | { error: string }> {
  try {
    const res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/numbers/next`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return { error: (await errorOf(res)).message };
    const body = (await res.json()) as { number?: unknown };
    return typeof body.number === 'string' ? { number: body.number } : { error: 'the server gave no number' };
  } catch {
    return { error: 'the server cannot be reached to give the next number: type it' };
  }
}

/** Gives an offered number that was not used back to the block; best effort (the server keeps it taken if this fails). */
export function releaseBlockNumber(meetingId: string, token: string, number: string): void {
  void fetch(`/api/meetings/${encodeURIComponent(meetingId)}/numbers/release`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ number }),
    keepalive: true,
  }).catch(() => undefined);
}

/** How often an open dialog renews the number it offers (the server holds it 15 minutes). */
const RENEW_MS = 5 * 60_000;

/** Keeps an offered number held while the dialog is open; best effort. */
function renewBlockNumber(meetingId: string, token: string, number: string): void {
  void fetch(`/api/meetings/${encodeURIComponent(meetingId)}/numbers/renew`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ number }),
  }).catch(() => undefined);
}

export function ReviseDialog({ id, onRevise, onClose }: { id: string; onRevise: (number: string) => string | null; onClose: () => void }) {
  const { meetingId, token } = useMeetingContext();
  const c = useContribution(id);
  const [number, setNumber] = useState('');
  const [hint, setHint] = useState<string | null>('Asking the server for the next number of the block…');
  const [error, setError] = useState<string | null>(null);
  const typed = useRef(false);
  const inputRef = useRef<HTMLInputElement>(null);
  /** The number the server handed out for this dialog, and the one a revision was made with. */
  const offered = useRef<string | null>(null);
  const used = useRef<string | null>(null);
  useEffect(() => {
    inputRef.current?.focus();
    let alive = true;
    void nextBlockNumber(meetingId, token).then((r) => {
      if (!alive) {
        if ('number' in r) releaseBlockNumber(meetingId, token, r.number);
        return;
      }
      if ('number' in r) {
        offered.current = r.number;
        setHint('The next free number of the meeting’s block.');
        if (!typed.current) {
          setNumber(r.number);
          requestAnimationFrame(() => inputRef.current?.select());
        }
      } else setHint(`No number offered: ${r.error}.`);
    });
    const giveBack = () => {
      if (offered.current && offered.current !== used.current) releaseBlockNumber(meetingId, token, offered.current);
      offered.current = null;
    };
    const renew = setInterval(() => {
      if (offered.current && offered.current !== used.current) renewBlockNumber(meetingId, token, offered.current);
    }, RENEW_MS);
    window.addEventListener('pagehide', giveBack);
    return () => {
      alive = false;
      clearInterval(renew);
      window.removeEventListener('pagehide', giveBack);
      giveBack();
    };
  }, [meetingId, token]);

  const submit = () => {
    const n = number.trim();
    if (!n) return setError('Type the new Tdoc number.');
    const why = onRevise(n);
    if (why) setError(why);
    else used.current = n;
  };
  return (
    <div className="modal-backdrop">
      <div
        className="modal revise-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="revise-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          e.stopPropagation();
        }}
      >
        <h2 id="revise-title">Revise {c?.number}</h2>
        <p className="muted small">{c?.title}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label className="revise-field">
            New Tdoc number
            <input
              ref={inputRef}
              value={number}
              data-field="revision-number"
              autoComplete="off"
              onChange={(e) => {
                typed.current = true;
                setNumber(e.target.value);
                setError(null);
              }}
            />
          </label>
          {hint ? <p className="muted small">{hint}</p> : null}
          {error ? (
            <p className="import-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="modal-buttons">
            <button type="submit" className="primary-btn">
              Revise
            </button>
            <button type="button" className="small-btn" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
