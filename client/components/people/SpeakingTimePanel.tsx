/** Fair speaking on the board (issue 24): speaking time per organisation and per speaker, over the meeting or one agenda item. */
import { useState } from 'react';
import { formatDuration } from '../../../shared/participation/speakerQueue.js';
import { speakingTime } from '../../../shared/participation/speakingTime.js';
import { useParticipation } from '../../sync/participation.js';
import { useMeetingIndex } from '../../sync/useMeeting.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import './people.css';

export function SpeakingTimePanel() {
  const { speeches } = useParticipation();
  const { store } = useMeetingContext();
  const index = useMeetingIndex();
  const [item, setItem] = useState('');
  const t = speakingTime(item ? speeches.filter((s) => s.agendaItemId === item) : speeches);
  const items = [...new Set(speeches.map((s) => s.agendaItemId).filter(Boolean))].filter((id) => index.order.length === 0 || store.agendaItem(id));
  return (
    <section className="speaking-time" aria-label="Speaking time" data-speaking-time="">
      <h2>Speaking time</h2>
      {speeches.length === 0 ? <p className="muted">Nobody has spoken from the queue yet.</p> : null}
      {items.length ? (
        <label className="small">
          Over{' '}
          <select value={item} onChange={(e) => setItem(e.target.value)} data-field="speaking-item">
            <option value="">the whole meeting</option>
            {items.map((id) => (
              <option key={id} value={id}>
                {store.agendaItem(id)?.label} {store.agendaItem(id)?.title}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {t.byOrganisation.length ? (
        <div className="speaking-tables">
          <table>
            <caption className="small muted">Per organisation</caption>
            <tbody>
              {t.byOrganisation.map((x) => (
                <tr key={x.organisation} data-speaking-org={x.organisation} data-seconds={x.seconds}>
                  <td>{x.organisation || '(none given)'}</td>
                  <td>{x.turns} turn{x.turns > 1 ? 's' : ''}</td>
                  <td>{formatDuration(x.seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption className="small muted">Per speaker</caption>
            <tbody>
              {t.bySpeaker.map((x) => (
                <tr key={`${x.name}\u0000${x.organisation}`} data-speaking-person={x.name} data-seconds={x.seconds}>
                  <td>{x.name}</td>
                  <td className="muted">{x.organisation}</td>
                  <td>{formatDuration(x.seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
