/**
 * "Start the next meeting" (issue 17), for the chair: the new meeting's title, dates and venue, whether to
 * carry the agenda's structure, and its own revision numbering and number block (issue 25: the old block's
 * numbers are the old meeting's); `POST /api/meetings/:id/next` with the chair's token. Shows the new
 * meeting's links (the chair hands them out as for any meeting).
 */
import { useState } from 'react';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useMeta } from '../../sync/useMeeting.js';
import { parseNumberBlock, revisionNumberingOf } from '../../../shared/document/numberBlock.js';

interface Created {
  id: string;
  links: Record<'chair' | 'secretary' | 'delegate' | 'screen', string>;
}

export function NextMeetingForm() {
  const { meetingId, token } = useMeetingContext();
  const meta = useMeta();
  const [form, setForm] = useState({ title: '', startDate: '', endDate: '', venue: '', agenda: true, numberBlock: '', revisionNumbering: revisionNumberingOf(meta) });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm((f) => ({ ...f, [k]: k === 'agenda' && e.target instanceof HTMLInputElement ? e.target.checked : e.target.value }));
  const block = form.revisionNumbering === 'new-number' ? form.numberBlock.trim() : '';
  const blockError = block && !parseNumberBlock(block) ? 'not a block such as S2-2403100-S2-2403199' : '';

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (blockError) return setError(`Numbers reserved for revisions: ${blockError}.`);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/next`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...form, numberBlock: block || undefined }),
      });
      const body = (await res.json()) as Created & { error?: string };
      if (res.status !== 201) throw new Error(body.error ?? `the server answered ${res.status}`);
      setCreated(body);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="list-panel next-meeting" aria-label="Start the next meeting">
      <h2>Start the next meeting</h2>
      <p className="muted small">
        A new meeting with its own links, carrying over the agenda's structure, the Tdocs left open, postponed or not treated (marked as
        carried over, with their history and their numbers), the open action items, the deliverables and the status vocabulary. The new
        meeting numbers its revisions from its own block, not this one's. This meeting stays as it is.
      </p>
      {created ? (
        <div role="status" data-next-meeting={created.id}>
          <p>Created. Its links (hand them out as for any meeting):</p>
          <ul>
            {(['chair', 'secretary', 'delegate', 'screen'] as const).map((r) => (
              <li key={r}>
                {r}: <a href={created.links[r]}>{created.links[r].replace(/token=[^&]+/, 'token=…')}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <label>
            Title <input required value={form.title} onChange={set('title')} data-field="next-title" />
          </label>{' '}
          <label>
            From <input type="date" required value={form.startDate} onChange={set('startDate')} data-field="next-start" />
          </label>{' '}
          <label>
            to <input type="date" required value={form.endDate} onChange={set('endDate')} data-field="next-end" />
          </label>{' '}
          <label>
            Venue <input value={form.venue} onChange={set('venue')} data-field="next-venue" />
          </label>{' '}
          <label>
            <input type="checkbox" checked={form.agenda} onChange={set('agenda')} /> carry the whole agenda
          </label>
          <div className="next-numbers">
            <label>
              Revisions get{' '}
              <select value={form.revisionNumbering} onChange={set('revisionNumbering')} data-field="next-revision-numbering">
                <option value="new-number">a new Tdoc number (3GPP)</option>
                <option value="suffix">R01, R02 after the number (oneM2M, ETSI)</option>
              </select>
            </label>{' '}
            {form.revisionNumbering === 'new-number' ? (
              <label>
                Numbers reserved for revisions{' '}
                <input
                  value={form.numberBlock}
                  onChange={set('numberBlock')}
                  placeholder="e.g. S2-2403100-S2-2403199"
                  aria-invalid={blockError ? true : undefined}
                  data-field="next-number-block"
                />
              </label>
            ) : null}{' '}
            <button className="small-btn" type="submit" disabled={busy} data-action="start-next-meeting">
              Start the next meeting
            </button>
          </div>
          {error ? <p className="error small" role="alert">{error}</p> : null}
        </form>
      )}
    </section>
  );
}
