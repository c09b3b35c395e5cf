/**
 * The admin page's rows of one meeting (AdminView.tsx): its dates, Tdocs, last change and who is connected,
 * what came in when it was created from a file, deleting it, its four links and each room's screen link
 * (copy, QR, open), and replacing links (asked first, said after: model/linkRotation.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { PeoplePanel } from '../people/PeoplePanel.js';
import { ROLES, storedAdminToken, type AdminApi, type AdminMeeting, type CreatedMeeting, type CreatedSummary, type MeetingLinks } from '../../admin/adminApi.js';
import { QrCode } from '../common/QrCode.js';
import { unreachableReason } from '../../model/reachableUrl.js';
import type { Role } from '../../route.js';
import { downloadFile } from '../../sync/download.js';
import { rotationDone, rotationPlan, type RotateChoice, type RotationPlan } from '../../model/linkRotation.js';
import { MAIN_ROOM } from '../../../shared/document/meetingSchema.js';

const ROLE_LABEL: Record<Role, string> = { chair: 'Chair', secretary: 'Secretary', delegate: 'Delegates', screen: 'Room screen' };

/** One meeting in the admin table: its row, and below it what came in, the delete confirmation and the links when open. */
export function MeetingRows({
  meeting: m,
  api,
  open,
  fresh,
  onToggle,
  act,
  onError,
}: {
  meeting: AdminMeeting;
  api: AdminApi;
  open: boolean;
  fresh: CreatedMeeting | null;
  onToggle: () => void;
  act: (p: Promise<unknown>, done: string) => Promise<unknown>;
  onError: (e: unknown) => void;
}) {
  const [links, setLinks] = useState<MeetingLinks | null>(fresh);
  const [confirming, setConfirming] = useState(false);
  const [rotateRole, setRotateRole] = useState<RotateChoice>('delegate');
  // The meeting's registered people (issue 24), with the admin token.
  const [people, setPeople] = useState(false);
  const loadLinks = useCallback(() => api.links(m.id).then(setLinks, onError), [api, m.id, onError]);
  useEffect(() => {
    if ((open || confirming) && !links) void loadLinks();
  }, [open, confirming, links, loadLinks]);
  const name = m.title || m.id;
  return (
    <tbody className={`admin-meeting${m.archived ? ' archived' : ''}`} data-meeting={m.id}>
      <tr>
        <th scope="row">
          <span className="admin-title">{name}</span>
          <span className="muted small">{[m.body, m.venue, m.archived ? 'archived' : ''].filter(Boolean).join(' · ')}</span>
        </th>
        <td className="admin-dates">{dates(m.startDate, m.endDate)}</td>
        <td data-field="tdocs">{m.tdocCount ?? '—'}</td>
        <td>{m.updatedAt ? ago(m.updatedAt) : '—'}</td>
        <td data-field="connected">{connected(m.connected)}</td>
        <td className="admin-actions">
          <button className="small-btn" aria-expanded={open} onClick={onToggle}>
            Links
          </button>
          <button className="small-btn" data-action="people" aria-expanded={people} onClick={() => setPeople(!people)}>
            People
          </button>
          <button className="small-btn" onClick={() => void act(api.archive(m.id, !m.archived), m.archived ? `“${name}” is back in the list.` : `“${name}” archived.`)}>
            {m.archived ? 'Unarchive' : 'Archive'}
          </button>
          <button className="small-btn danger" onClick={() => setConfirming(true)}>
            Delete…
          </button>
        </td>
      </tr>
      {fresh?.summary ? (
        <tr className="admin-summary">
          <td colSpan={6}>
            <ImportCounts summary={fresh.summary} />
          </td>
        </tr>
      ) : null}
      {people ? (
        <tr className="admin-people">
          <td colSpan={6}>
            <PeoplePanel meetingId={m.id} token={storedAdminToken()} title={name} canRotate />
          </td>
        </tr>
      ) : null}
      {confirming ? (
        <DeleteConfirmRow
          id={m.id}
          name={name}
          links={links}
          onDelete={() => {
            setConfirming(false);
            void act(api.remove(m.id), `“${name}” deleted.`);
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
      {open ? (
        <LinksRow
          links={links}
          connected={m.connected ?? {}}
          rotateRole={rotateRole}
          onRotateRole={setRotateRole}
          onRotate={(plan) =>
            act(
              api.rotate(m.id, rotateRole === 'all' ? undefined : [rotateRole]).then(() => api.links(m.id).then(setLinks)),
              rotationDone(plan),
            )
          }
        />
      ) : null}
    </tbody>
  );
}

/** Deleting a meeting, asked once more, with its JSON to download first. */
function DeleteConfirmRow({ id, name, links, onDelete, onCancel }: { id: string; name: string; links: MeetingLinks | null; onDelete: () => void; onCancel: () => void }) {
  return (
    <tr className="admin-confirm">
      <td colSpan={6}>
        <div role="alertdialog" aria-label={`Delete ${name}`} className="confirm-box">
          <p>
            <strong>Delete “{name}” for good?</strong> Its four links stop working at once and its history is gone. Keep a copy first:
          </p>
          {links ? (
            <button type="button" className="small-btn" data-action="download-json" onClick={() => void downloadFile(exportPath(id), links.tokens.secretary, `${id}.json`).catch(() => undefined)}>
              Download the meeting JSON
            </button>
          ) : (
            <span className="muted">Preparing the download…</span>
          )}
          <button className="small-btn danger" data-action="confirm-delete" onClick={onDelete}>
            Delete for good
          </button>
          <button className="small-btn" onClick={onCancel} autoFocus>
            Cancel
          </button>
        </div>
      </td>
    </tr>
  );
}

/**
 * A meeting's four links and each room's screen link (a warning when phones cannot reach them), and
 * replacing them: asked first with what changes and what happens to the pages open now, said after.
 */
function LinksRow({
  links,
  connected,
  rotateRole,
  onRotateRole,
  onRotate,
}: {
  links: MeetingLinks | null;
  connected: Partial<Record<Role, number>>;
  rotateRole: RotateChoice;
  onRotateRole: (r: RotateChoice) => void;
  onRotate: (plan: RotationPlan) => Promise<unknown>;
}) {
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const rooms = roomScreens(links);
  const plan = rotationPlan(rotateRole, connected, Math.max(1, rooms.length));
  return (
    <tr className="admin-links">
      <td colSpan={6}>
        {links && unreachableReason(links.links.delegate) ? (
          <p className="admin-warning" data-links-warning="true">
            Phones cannot open these links: {unreachableReason(links.links.delegate)!.replace(/^it points/, 'they point')}. For a room, start Plenary with <code>--lan</code> (or <code>HOST=0.0.0.0</code>, or
            <code> PUBLIC_URL</code> set to the address phones use); the links then change.
          </p>
        ) : null}
        {links ? (
          <div className="link-grid">
            {ROLES.map((r) =>
              r === 'screen' ? (
                <LinkCard key={r} role={r} url={links.links.screen} room={MAIN_ROOM} title={rooms.length ? `Room screen — ${rooms[0].name}` : undefined} />
              ) : (
                <LinkCard key={r} role={r} url={links.links[r]} />
              ),
            )}
            {rooms.slice(1).map((room) => (
              <LinkCard key={room.id} role="screen" url={room.url} room={room.id} title={`Room screen — ${room.name}`} label={`Screen link of ${room.name}`} />
            ))}
          </div>
        ) : (
          <p className="muted">Loading the links…</p>
        )}
        <div className="rotate-bar">
          <label>
            New links for{' '}
            <select
              value={rotateRole}
              disabled={asking}
              onChange={(e) => {
                onRotateRole(e.target.value as RotateChoice);
                setDone(null);
              }}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
              <option value="all">every role</option>
            </select>
          </label>
          <button className="small-btn" data-action="rotate" aria-expanded={asking} onClick={() => (setAsking(true), setDone(null))}>
            Replace…
          </button>
          <span className="muted small">Asks first and says which links change.</span>
        </div>
        {asking ? (
          <RotateConfirm
            plan={plan}
            onCancel={() => setAsking(false)}
            onConfirm={() => {
              setAsking(false);
              void onRotate(plan).then(() => setDone(rotationDone(plan)));
            }}
          />
        ) : null}
        {done ? (
          <p className="admin-rotated" role="status" data-rotate-result="true">
            {done}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

/** Replacing links, asked once more: which links change, what happens to the pages open now, what stays. */
function RotateConfirm({ plan, onConfirm, onCancel }: { plan: RotationPlan; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div role="alertdialog" aria-label="Replace links" className="confirm-box rotate-confirm" data-rotate-confirm={plan.roles.join(' ')}>
      <p>
        <strong>Replace {plan.changes.length > 1 ? 'these links' : 'this link'}?</strong> The old {plan.plural ? 'links stop' : 'link stops'} working at once.
      </p>
      <ul data-rotate-changes="true">
        {plan.changes.map((c) => (
          <li key={c}>{c.charAt(0).toUpperCase() + c.slice(1)}</li>
        ))}
      </ul>
      <p className="small">Pages open now:</p>
      <ul className="small" data-rotate-pages="true">
        {plan.pages.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      {plan.unchanged.length ? (
        <p className="small" data-rotate-unchanged="true">
          Unchanged: {plan.unchanged.join('; ')}.
        </p>
      ) : null}
      <button className="small-btn danger" data-action="confirm-rotate" onClick={onConfirm}>
        Replace {plan.plural ? 'them' : 'it'}
      </button>
      <button className="small-btn" onClick={onCancel} autoFocus>
        Cancel
      </button>
    </div>
  );
}

/** Each room's screen link, the main room first (none for a meeting without rooms). */
function roomScreens(links: MeetingLinks | null): { id: string; name: string; url: string }[] {
  if (!links?.roomScreens) return [];
  return Object.entries(links.roomScreens).map(([id, url]) => ({ id, url, name: links.roomNames?.[id] ?? id }));
}

/** A link with copy, QR code and open. A room screen's card carries `data-link=screen` and `data-room=ROOM-ID` (CONTRACT.md §7). */
function LinkCard({ role, url, room, title, label }: { role: Role; url: string; room?: string; title?: string; label?: string }) {
  const [qr, setQr] = useState(false);
  const [copied, setCopied] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // No clipboard API (plain http on a LAN address): select the text and use the old command.
      inputRef.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  const name = title ?? ROLE_LABEL[role];
  const ariaLabel = label ?? `${ROLE_LABEL[role]} link`;
  return (
    <div className="link-card" data-role={room && room !== MAIN_ROOM ? undefined : role} data-link={room ? 'screen' : undefined} data-room={room}>
      <strong>{name}</strong>
      <input ref={inputRef} readOnly value={url} aria-label={ariaLabel} onFocus={(e) => e.target.select()} />
      <div className="link-buttons">
        <button className="small-btn" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button className="small-btn" aria-expanded={qr} onClick={() => setQr(!qr)}>
          QR code
        </button>
        <a className="small-btn" href={url} target="_blank" rel="noreferrer">
          Open
        </a>
      </div>
      {qr ? <QrCode text={url} size={180} alt={`QR code of the ${name.toLowerCase()} link`} /> : null}
    </div>
  );
}

/** The meeting's JSON export (its token goes in the Authorization header: download.ts). */
function exportPath(id: string): string {
  return `/api/meetings/${encodeURIComponent(id)}/export.json`;
}

function dates(a: string, b: string): string {
  if (!a) return '—';
  return b && b !== a ? `${a} – ${b}` : a;
}

function connected(c: AdminMeeting['connected']): string {
  if (!c) return '—';
  const parts = ROLES.filter((r) => (c[r] ?? 0) > 0).map((r) => `${c[r]} ${r === 'delegate' ? 'delegate' + (c[r] === 1 ? '' : 's') : r}`);
  return parts.length ? parts.join(', ') : 'nobody';
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function ago(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(t).toISOString().slice(0, 10);
}

/** After an upload: how many Tdocs came in under each agenda item, to hold against the portal's counts. */
function ImportCounts({ summary }: { summary: CreatedSummary }) {
  return (
    <details className="import-counts-table" data-import-summary="true">
      <summary>
        What came in: <strong>{summary.tdocs}</strong> Tdocs under <strong>{summary.agendaItems}</strong> agenda items
        {summary.unallocated ? `, ${summary.unallocated} under no item` : ''}, {summary.sessions} sessions, time zone {summary.timezone}
      </summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Title</th>
            <th scope="col">Tdocs</th>
            <th scope="col">With sub-items</th>
          </tr>
        </thead>
        <tbody>
          {summary.items.map((i, k) => (
            <tr key={k} data-summary-item={i.label}>
              <td style={{ paddingLeft: `${i.depth * 14 + 4}px` }}>{i.label}</td>
              <td>{i.title}</td>
              <td>{i.tdocs}</td>
              <td>{i.tdocsWithin}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
