/**
 * Bringing a newer file into the meeting from the board (issue 11): the server reads the file and answers
 * what a merge would do (a dry run, nothing changes); Apply then merges it here, in one transaction of this
 * person's (so Undo takes the whole import back); conflicts are settled one click per row and Tdocs the
 * file no longer has can be marked withdrawn.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { mergeImport, settleConflict, type MergeConflict, type MergeSummary } from '../../../shared/merge/importMerge.js';
import type { FieldValue } from '../../../shared/merge/importBase.js';
import type { MeetingJson } from '../../../shared/document/meetingSchema.js';
import { setContributionStatus } from '../../../shared/document/contributionOps.js';
import { LOCAL_ORIGIN } from '../../sync/MeetingConnection.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useContentVersion } from '../../sync/useMeeting.js';
import { fileHeaders } from '../../model/fileUpload.js';
import { errorOf } from '../../admin/adminApi.js';

const SHOW = 40;

type Stage =
  | { at: 'checking' }
  | { at: 'failed'; message: string }
  | { at: 'preview'; summary: MergeSummary; meeting: MeetingJson }
  | { at: 'applied'; summary: MergeSummary };

/** Asks the server what importing `file` would do: `?dryRun=1&include=meeting` (the parsed file comes back too). */
export async function dryRunImport(meetingId: string, token: string, file: File): Promise<{ summary: MergeSummary; meeting: MeetingJson }> {
  let res: Response;
  try {
    res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/import?dryRun=1&include=meeting`, {
      method: 'POST',
      headers: { ...fileHeaders(file), authorization: `Bearer ${token}` },
      body: file,
    });
  } catch {
    throw new Error('the server cannot be reached: a file can be brought in only while connected');
  }
  if (!res.ok) throw await errorOf(res);
  const body = (await res.json()) as MergeSummary & { meeting?: MeetingJson };
  if (!body.meeting) throw new Error('the server did not send the file back (include=meeting)');
  const { meeting, ...summary } = body;
  return { summary, meeting };
}

export function ImportPanel({ file, actor, onClose }: { file: File; actor: string; onClose: () => void }) {
  const { meetingId, token, doc, undo, editable, change } = useMeetingContext();
  const [stage, setStage] = useState<Stage>({ at: 'checking' });
  const [settled, setSettled] = useState<Map<number, 'file' | 'plenary'>>(() => new Map());
  const [error, setError] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  useContentVersion(stage.at === 'applied');

  useEffect(() => {
    let alive = true;
    dryRunImport(meetingId, token, file).then(
      (r) => alive && setStage({ at: 'preview', ...r }),
      (e: unknown) => alive && setStage({ at: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      alive = false;
    };
  }, [meetingId, token, file]);

  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [stage.at]);

  const apply = () => {
    if (stage.at !== 'preview' || !editable) return;
    try {
      // Its own undo step: not merged with an edit made just before or after.
      undo.stopCapturing();
      const summary = mergeImport(doc, stage.meeting, { origin: LOCAL_ORIGIN, by: actor });
      undo.stopCapturing();
      setStage({ at: 'applied', summary });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const settle = (i: number, c: MergeConflict, choice: 'file' | 'plenary') => {
    try {
      undo.stopCapturing();
      settleConflict(doc, c, choice, { origin: LOCAL_ORIGIN, by: actor });
      undo.stopCapturing();
      setSettled((m) => new Map(m).set(i, choice));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const summary = stage.at === 'preview' || stage.at === 'applied' ? stage.summary : null;
  const applied = stage.at === 'applied';
  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className="modal import-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        data-import-stage={stage.at}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          // The board's keys (a, n, r ...) stay on the board: never act behind the dialog.
          e.stopPropagation();
        }}
      >
        <h2 id="import-title">{applied ? 'Imported' : 'Bring in'} “{file.name}”</h2>
        {stage.at === 'checking' ? <p className="muted">Reading the file…</p> : null}
        {stage.at === 'failed' ? (
          <p className="import-error" role="alert">
            This file cannot be brought in: {stage.message}.
          </p>
        ) : null}
        {error ? (
          <p className="import-error" role="alert">
            {error}
          </p>
        ) : null}
        {summary ? (
          <>
            <p className="import-lead">
              {applied ? 'The meeting now has the file’s changes. Undo takes the whole import back.' : 'Nothing has changed yet. Importing will:'}
            </p>
            <ul className="import-counts" data-summary="counts">
              <li data-count="added">
                <strong>{summary.added.length}</strong> added
              </li>
              <li data-count="updated">
                <strong>{summary.updated.length}</strong> updated
              </li>
              <li data-count="unchanged">
                <strong>{summary.unchanged}</strong> unchanged
              </li>
              <li data-count="conflicts">
                <strong>{summary.conflicts.length}</strong> conflict{summary.conflicts.length === 1 ? '' : 's'}
              </li>
              <li data-count="missing">
                <strong>{summary.missing.length}</strong> no longer in the file
              </li>
            </ul>
            <div className="import-lists">
              {summary.added.length ? (
                <Section title="Added">
                  {summary.added.slice(0, SHOW).map((a) => (
                    <li key={`${a.kind}:${a.id}`}>
                      <span className="num">{a.label}</span> {a.title} <span className="muted small">{kindWord(a.kind)}</span>
                    </li>
                  ))}
                  <More n={summary.added.length} />
                </Section>
              ) : null}
              {summary.updated.length ? (
                <Section title="Updated">
                  {summary.updated.slice(0, SHOW).map((u) => (
                    <li key={`${u.kind}:${u.id}`}>
                      <span className="num">{u.label}</span>{' '}
                      {u.fields.map((f) => (
                        <span key={f.field} className="import-change">
                          {f.field}: <del>{show(f.from)}</del> → <ins>{show(f.to)}</ins>
                        </span>
                      ))}
                    </li>
                  ))}
                  <More n={summary.updated.length} />
                </Section>
              ) : null}
              {summary.conflicts.length ? (
                <Section title="Conflicts: changed in Plenary and in the file">
                  {summary.conflicts.map((c, i) => (
                    <li key={`${c.kind}:${c.id}:${c.field}`} data-conflict={c.label}>
                      <span className="num">{c.label}</span> {c.field}: Plenary has <q>{show(c.plenary)}</q>, the file <q>{show(c.file)}</q>
                      {applied ? (
                        settled.has(i) ? (
                          <span className="import-settled"> — {settled.get(i) === 'file' ? 'took the file’s' : 'kept Plenary’s'}</span>
                        ) : (
                          <span className="import-row-actions">
                            <button className="small-btn" onClick={() => settle(i, c, 'file')}>
                              Take the file’s
                            </button>
                            <button className="small-btn" onClick={() => settle(i, c, 'plenary')}>
                              Keep Plenary’s
                            </button>
                          </span>
                        )
                      ) : (
                        <span className="muted small"> — Plenary’s stays; you choose after importing</span>
                      )}
                    </li>
                  ))}
                </Section>
              ) : null}
              {summary.missing.length ? (
                <Section title="No longer in the file (never deleted)">
                  {summary.missing.map((m) => (
                    <MissingRow key={m.id} id={m.id} label={m.label} title={m.title} applied={applied} onWithdraw={() => change((d) => setContributionStatus(d, m.id, 'withdrawn', { by: actor }))} />
                  ))}
                </Section>
              ) : null}
            </div>
          </>
        ) : null}
        <div className="modal-buttons">
          {stage.at === 'preview' ? (
            <>
              <button className="primary-btn" data-autofocus data-action="apply-import" onClick={apply} disabled={!editable}>
                Import
              </button>
              <button className="small-btn" onClick={onClose}>
                Cancel
              </button>
            </>
          ) : (
            <button className="small-btn" data-autofocus onClick={onClose}>
              Close
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

function MissingRow({ id, label, title, applied, onWithdraw }: { id: string; label: string; title: string; applied: boolean; onWithdraw: () => void }) {
  const { store } = useMeetingContext();
  const status = store.contribution(id)?.status;
  return (
    <li data-missing={label}>
      <span className="num">{label}</span> {title}
      {applied ? (
        status === 'withdrawn' ? (
          <span className="import-settled"> — withdrawn</span>
        ) : (
          <span className="import-row-actions">
            <button className="small-btn" onClick={onWithdraw}>
              Mark withdrawn
            </button>
          </span>
        )
      ) : null}
    </li>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="import-section">
      <h3>{title}</h3>
      <ul>{children}</ul>
    </section>
  );
}

function More({ n }: { n: number }) {
  return n > SHOW ? <li className="muted">and {n - SHOW} more</li> : null;
}

function kindWord(kind: string): string {
  return kind === 'agendaItem' ? 'agenda item' : kind === 'contribution' ? '' : kind;
}

/** A field's value in a sentence. */
export function show(v: FieldValue): string {
  if (typeof v === 'string') return v || '(empty)';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  const entries = Object.entries(v);
  return entries.length ? entries.map(([k, x]) => `${k}: ${x}`).join('; ') : '(none)';
}
