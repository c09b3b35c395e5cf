/** The registered people as a table (issue 24): where, sessions attended, connected now, mail, their link. */
import { useState } from 'react';
import type { AttendanceAnswer, PeopleApi, PersonRow } from './peopleApi.js';

const SHOWN = 200;

export function PeopleTable({
  api,
  people,
  attendance,
  canRotate,
  onChanged,
  onError,
  onAttendance,
}: {
  api: PeopleApi;
  people: PersonRow[];
  attendance: AttendanceAnswer | null;
  canRotate: boolean;
  onChanged: () => void;
  onError: (e: unknown) => void;
  onAttendance: (a: AttendanceAnswer) => void;
}) {
  const [query, setQuery] = useState('');
  const [fresh, setFresh] = useState<Record<string, string>>({});
  const q = query.trim().toLowerCase();
  const shown = q ? people.filter((p) => `${p.name} ${p.organisation} ${p.email}`.toLowerCase().includes(q)) : people;
  const attended = new Map<string, string[]>();
  const label = new Map((attendance?.sessions ?? []).map((s) => [s.id, s.label]));
  for (const e of attendance?.entries ?? []) attended.set(e.personId, [...(attended.get(e.personId) ?? []), label.get(e.sessionId) ?? e.sessionId]);

  const rotate = async (p: PersonRow) => {
    if (!window.confirm(`Replace ${p.name}'s link? The old link stops at once (their open pages are told "this link was replaced"); send them the new one.`)) return;
    try {
      const link = await api.rotate(p.id);
      setFresh((f) => ({ ...f, [p.id]: link }));
      onChanged();
    } catch (e) {
      onError(e);
    }
  };
  return (
    <div className="people-table-wrap">
      <input type="search" className="people-search" aria-label="Find a person" placeholder="Find a name, organisation or e-mail" value={query} onChange={(e) => setQuery(e.target.value)} />
      <table className="people-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Organisation</th>
            <th>E-mail</th>
            <th>Where</th>
            <th>Attended</th>
            <th>Link</th>
          </tr>
        </thead>
        <tbody>
          {shown.slice(0, SHOWN).map((p) => (
            <tr key={p.id} data-person-row={p.id} data-person={p.name} data-connected={p.connected ? 'true' : undefined}>
              <td>
                {p.connected ? <span className="people-dot" role="img" title="Connected now" aria-label="connected now" /> : null}
                {p.name}
              </td>
              <td>{p.organisation}</td>
              <td className="small">
                {p.email}
                {p.mail.state ? <span className={`people-mail ${p.mail.state}`} title={p.mail.error || p.mail.at}>{p.mail.state === 'sent' ? ' ✓ sent' : ' ✗ refused'}</span> : null}
              </td>
              <td>
                <select
                  aria-label={`Where ${p.name} takes part`}
                  data-field="where"
                  value={p.where}
                  onChange={(e) => void api.setWhere(p.id, e.target.value as PersonRow['where']).then(onChanged, onError)}
                >
                  <option value="">not said</option>
                  <option value="room">in the room</option>
                  <option value="remote">remote</option>
                </select>
              </td>
              <td className="small">
                <span data-attended={(attended.get(p.id) ?? []).join(',')}>{(attended.get(p.id) ?? []).join(', ') || '—'}</span>
                {attendance?.sessions.length ? (
                  <select
                    aria-label={`Mark ${p.name} present in a session`}
                    data-field="mark-session"
                    value=""
                    onChange={(e) => e.target.value && void api.mark(p.id, e.target.value, p.where === 'remote' ? 'remote' : 'room').then(onAttendance, onError)}
                  >
                    <option value="">+ was there…</option>
                    {attendance.sessions.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.label} ({s.date})
                      </option>
                    ))}
                  </select>
                ) : null}
              </td>
              <td className="people-link">
                <button className="link-btn" data-action="copy-link" onClick={() => void navigator.clipboard?.writeText(fresh[p.id] ?? p.link)}>
                  Copy
                </button>
                {canRotate ? (
                  <button className="link-btn" data-action="rotate-link" onClick={() => void rotate(p)}>
                    Replace
                  </button>
                ) : null}
                {fresh[p.id] ? <span className="small" data-new-link={p.id}> new link ready</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length > SHOWN ? <p className="muted small">{shown.length - SHOWN} more: find them by name.</p> : null}
    </div>
  );
}
