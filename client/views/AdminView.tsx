/**
 * The admin's home page: the admin token entered once (kept in this tab's sessionStorage, never in the
 * address), the meetings with who is connected, creating one from a dropped file or empty, each meeting's
 * four links (copy, QR), rotating links, archiving and deleting.
 */
import { useCallback, useEffect, useMemo, useState, type DragEvent, type FormEvent } from 'react';
import { AdminApi, AdminError, storeAdminToken, storedAdminToken, type AdminMeeting, type CreatedMeeting } from '../admin/adminApi.js';
import { FileButton } from '../components/common/FileButton.js';
import { MeetingRows } from '../components/admin/AdminMeetingRows.js';

const POLL_MS = 5000;

export function AdminView() {
  const [token, setToken] = useState(storedAdminToken);
  const [refused, setRefused] = useState<string | null>(null);
  const api = useMemo(() => new AdminApi(token), [token]);
  const onRefused = useCallback((why: string) => {
    storeAdminToken('');
    setRefused(why || null);
    setToken('');
  }, []);
  useEffect(() => {
    document.title = 'Meetings · Plenary';
  }, []);
  if (!token) {
    return (
      <TokenForm
        error={refused}
        onToken={(t) => {
          storeAdminToken(t);
          setRefused(null);
          setToken(t);
        }}
      />
    );
  }
  return <Meetings api={api} onRefused={onRefused} />;
}

function TokenForm({ error, onToken }: { error: string | null; onToken: (t: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <main className="admin-page admin-login">
      <h1>Plenary</h1>
      <p>This page runs the meetings of this server. It needs the admin token, which the server printed when it first started (and keeps in its data folder, file <code>admin-token</code>).</p>
      <p className="muted">Came for a meeting? Open the link the secretary gave you instead.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onToken(value.trim());
        }}
      >
        <label>
          Admin token
          <input type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
        </label>
        <button type="submit" className="primary-btn" disabled={!value.trim()}>
          Open
        </button>
      </form>
      {error ? (
        <p className="admin-error" role="alert">
          {error}
        </p>
      ) : null}
    </main>
  );
}

function Meetings({ api, onRefused }: { api: AdminApi; onRefused: (why: string) => void }) {
  const [meetings, setMeetings] = useState<AdminMeeting[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [fresh, setFresh] = useState<CreatedMeeting | null>(null);

  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof AdminError && (e.status === 401 || e.status === 403)) onRefused(`The server refused this admin token: ${e.message}.`);
      else setError(e instanceof Error ? e.message : String(e));
    },
    [onRefused],
  );
  const reload = useCallback(() => api.list().then((list) => (setMeetings(list), setError(null)), fail), [api, fail]);
  useEffect(() => {
    void reload();
    const t = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(t);
  }, [reload]);

  const act = (what: Promise<unknown>, done: string) =>
    what.then(
      () => {
        setMessage(done);
        return reload();
      },
      fail,
    );

  const shown = (meetings ?? []).filter((m) => showArchived || !m.archived);
  const archivedCount = (meetings ?? []).filter((m) => m.archived).length;
  return (
    <main className="admin-page">
      <header className="admin-head">
        <h1>Meetings</h1>
        <button className="small-btn" onClick={() => onRefused('')}>
          Forget the admin token
        </button>
      </header>
      <CreatePanel
        api={api}
        onCreated={(c) => {
          setFresh(c);
          setOpen(c.id);
          setMessage(c.warnings?.length ? `Meeting created, with ${c.warnings.length} warning(s): ${c.warnings.slice(0, 3).join('; ')}` : 'Meeting created.');
          void reload();
        }}
        onError={fail}
      />
      <div aria-live="polite" className="admin-status">
        {error ? (
          <p className="admin-error" role="alert">
            {error}
          </p>
        ) : message ? (
          <p className="admin-message">{message}</p>
        ) : null}
      </div>
      {meetings === null ? (
        <p className="muted">Loading the meetings…</p>
      ) : shown.length === 0 ? (
        <p className="muted">No meetings yet: create one above.</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Meeting</th>
              <th scope="col">Dates</th>
              <th scope="col">Tdocs</th>
              <th scope="col">Last change</th>
              <th scope="col">Connected</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          {shown.map((m) => (
            <MeetingRows
              key={m.id}
              meeting={m}
              api={api}
              open={open === m.id}
              fresh={fresh?.id === m.id ? fresh : null}
              onToggle={() => setOpen(open === m.id ? null : m.id)}
              act={act}
              onError={fail}
            />
          ))}
        </table>
      )}
      {archivedCount ? (
        <label className="admin-archived-toggle">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show archived meetings ({archivedCount})
        </label>
      ) : null}
    </main>
  );
}

function CreatePanel({ api, onCreated, onError }: { api: AdminApi; onCreated: (c: CreatedMeeting) => void; onError: (e: unknown) => void }) {
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [title, setTitle] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const run = (p: Promise<CreatedMeeting>) => {
    setBusy(true);
    p.then(onCreated, onError).finally(() => setBusy(false));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) run(api.createFromFile(f));
  };
  const onEmpty = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    run(api.createEmpty(title.trim(), start, end || start));
    setTitle('');
  };
  return (
    <section className="admin-create" aria-label="New meeting">
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        data-drop="create"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <strong>New meeting from a file</strong>
        <span className="muted">Drop an agenda or a Tdoc list here: Word (.docx), Excel (.xlsx), the portal's HTML page, text, Markdown, CSV or meeting JSON.</span>
        <FileButton disabled={busy} inputLabel="Agenda or Tdoc list file" onFile={(f) => run(api.createFromFile(f))}>
          Choose a file…
        </FileButton>
      </div>
      <form className="admin-empty" onSubmit={onEmpty}>
        <strong>Or an empty meeting</strong>
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. SA2#170" />
        </label>
        <label>
          First day
          <input type="date" value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label>
          Last day
          <input type="date" value={end} onChange={(e) => setEnd(e.target.value)} />
        </label>
        <button type="submit" className="small-btn" disabled={busy || !title.trim()}>
          Create
        </button>
      </form>
    </section>
  );
}
