/**
 * The secretary's People panel (issue 24), on the board and on the admin page: bring in the registration
 * list, see everyone with their attendance and link, replace one link (asks first), download the links
 * for a mail merge, print the QR badges, send the links by mail (when the server has SMTP), set where
 * someone takes part, mark someone present in a session.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PeopleApi, type AttendanceAnswer, type ImportAnswer, type MailStatus, type PersonRow } from './peopleApi.js';
import { PeopleTable } from './PeopleTable.js';
import { BadgeSheet } from './BadgeSheet.js';
import './people.css';

const REFRESH_MS = 10_000;

export function PeoplePanel({ meetingId, token, title, canRotate }: { meetingId: string; token: string; title: string; canRotate: boolean }) {
  const api = useMemo(() => new PeopleApi(meetingId, token), [meetingId, token]);
  const [people, setPeople] = useState<PersonRow[] | null>(null);
  const [attendance, setAttendance] = useState<AttendanceAnswer | null>(null);
  const [mail, setMail] = useState<MailStatus | null>(null);
  const [summary, setSummary] = useState<ImportAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [badges, setBadges] = useState(false);
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  const reload = useCallback(async () => {
    try {
      const [p, a, m] = await Promise.all([api.list(), api.attendance(), api.mailStatus().catch(() => null)]);
      setPeople(p);
      setAttendance(a);
      setMail(m);
    } catch (e) {
      fail(e);
    }
  }, [api]);
  useEffect(() => {
    void reload();
    const t = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);

  const onFile = async (file: File) => {
    setError(null);
    try {
      const r = await api.importFile(file);
      setSummary(r);
      setPeople(r.people);
      void reload();
    } catch (e) {
      setSummary(null);
      fail(e);
    }
  };

  return (
    <section className="people-panel" aria-label="Registered people" data-people-panel="">
      <div className="people-head">
        <h2>People {people ? <span className="muted small">({people.length} registered)</span> : null}</h2>
        <div className="people-actions">
          <ListButton onFile={(f) => void onFile(f)} />
          <button className="small-btn" data-action="people-links-csv" disabled={!people?.length} onClick={() => void api.download('/people.csv', `${meetingId}-links.csv`).catch(fail)}>
            Links (CSV)
          </button>
          <button className="small-btn" data-action="print-badges" disabled={!people?.length} onClick={() => setBadges(true)}>
            Print badges
          </button>
          <button className="small-btn" data-action="attendance-csv" disabled={!people?.length} onClick={() => void api.download('/attendance.csv', `${meetingId}-attendance.csv`).catch(fail)}>
            Attendance (CSV)
          </button>
          <button className="small-btn" data-action="attendance-xlsx" disabled={!people?.length} onClick={() => void api.download('/attendance.xlsx', `${meetingId}-attendance.xlsx`).catch(fail)}>
            Attendance (.xlsx)
          </button>
          <MailButton mail={mail} onSend={() => void api.sendMail().then(setMail, fail)} />
        </div>
      </div>
      {error ? (
        <p className="people-error" role="alert">
          {error}
        </p>
      ) : null}
      {summary ? <ImportSummaryLine s={summary} /> : null}
      {people && people.length === 0 ? (
        <p className="muted">
          Nobody is registered yet: bring in the registration list (CSV, Excel or JSON with a name column, and organisation and e-mail where known). Until then the
          shared delegate link lets anyone queue and vote.
        </p>
      ) : null}
      {attendance && people?.length ? <SessionCounts attendance={attendance} /> : null}
      {people?.length ? <PeopleTable api={api} people={people} attendance={attendance} canRotate={canRotate} onChanged={() => void reload()} onError={fail} onAttendance={setAttendance} /> : null}
      {badges && people ? <BadgeSheet title={title} people={people} onClose={() => setBadges(false)} /> : null}
    </section>
  );
}

function ListButton({ onFile }: { onFile: (f: File) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <button className="small-btn" data-action="import-people" onClick={() => ref.current?.click()}>
        Bring in the registration list…
      </button>
      <input
        ref={ref}
        type="file"
        hidden
        aria-label="Registration list (CSV, Excel or JSON)"
        accept=".csv,.txt,.xlsx,.json"
        data-field="people-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </>
  );
}

function MailButton({ mail, onSend }: { mail: MailStatus | null; onSend: () => void }) {
  if (!mail?.configured) return null;
  const label = mail.running ? `Sending… ${mail.sent + mail.refused} of ${mail.total}` : mail.pending ? `Send links by mail (${mail.pending} not sent)` : 'Links sent by mail';
  return (
    <button className="small-btn" data-action="send-links" disabled={mail.running || !mail.pending} title="Sends each person who has not had it yet their own link" onClick={onSend}>
      {label}
    </button>
  );
}

function ImportSummaryLine({ s }: { s: ImportAnswer }) {
  return (
    <div className="people-summary" role="status" data-import-summary="" data-added={s.added} data-updated={s.updated} data-duplicates={s.duplicates.length}>
      <p>
        {s.added} added, {s.updated} updated, {s.unchanged} unchanged{s.missing ? `, ${s.missing} registered earlier and not in this list (kept)` : ''}.
      </p>
      {s.duplicates.length ? (
        <details open>
          <summary>
            {s.duplicates.length} duplicate{s.duplicates.length > 1 ? 's' : ''} in the list, left out (the first row of each was taken)
          </summary>
          <ul>
            {s.duplicates.slice(0, 50).map((d) => (
              <li key={d.at}>
                row {d.at}: {d.name}
                {d.organisation ? `, ${d.organisation}` : ''} — same {d.by} as row {d.sameAs}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {s.skipped.length ? (
        <p className="muted small">
          {s.skipped.slice(0, 5).map((x) => `row ${x.at}: ${x.why}`).join('; ')}
          {s.skipped.length > 5 ? ` … and ${s.skipped.length - 5} more` : ''}
        </p>
      ) : null}
    </div>
  );
}

function SessionCounts({ attendance }: { attendance: AttendanceAnswer }) {
  if (!attendance.sessions.length) return null;
  return (
    <div className="people-sessions" aria-label="Attendance per session">
      {attendance.sessions.map((s) => (
        <div key={s.id} className="people-session" data-attendance-session={s.id} data-room={s.room} data-remote={s.remote} title={`${s.date} ${s.start}–${s.end}`}>
          <strong>{s.label}</strong>
          <span className="small">
            {s.room + s.remote} · {s.room} in the room · {s.remote} remote
          </span>
        </div>
      ))}
    </div>
  );
}
