/**
 * A Tdoc's reflector thread (issue 26): the messages whose subject names it, oldest first, with sender,
 * organisation, date, subject and first lines. Mail is served by its own route (it carries addresses and
 * never enters the document): editors see the addresses, registered people the rest, the shared link none.
 */
import './positions.css';
import { useMeta } from '../../sync/useMeeting.js';
import { useMailThread } from '../../sync/positions.js';
import { shortTime as formatTime } from '../../model/deadlines.js';

export function MailThread({ number }: { number: string }) {
  const messages = useMailThread(number);
  const { timezone } = useMeta();
  if (messages === null) return null;
  return (
    <section className="mail-thread" aria-label="Reflector mail">
      <h4>
        Reflector mail {messages ? <span className="muted small">{messages.length ? `${messages.length} message${messages.length > 1 ? 's' : ''}` : ''}</span> : null}
      </h4>
      {messages === undefined ? <p className="muted small">Loading…</p> : null}
      {messages?.length === 0 ? <p className="muted small">No message names this Tdoc.</p> : null}
      <ol className="mail-list">
        {(messages ?? []).map((m) => (
          <li key={m.messageId} className="mail-message" data-mail-message={m.messageId}>
            <div className="mail-head">
              <strong>{m.fromName || m.fromAddress || 'unknown sender'}</strong>
              {m.organisation ? <span className="muted"> · {m.organisation}</span> : null}
              {m.fromAddress && m.fromName ? <span className="muted small"> &lt;{m.fromAddress}&gt;</span> : null}
              <span className="muted small"> · {m.sentAt ? formatTime(m.sentAt, timezone) : 'no date'}</span>
            </div>
            <div className="mail-subject">{m.subject}</div>
            {m.firstLines ? <p className="mail-lines">{m.firstLines}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
