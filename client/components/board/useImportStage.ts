/**
 * The import dialog's state machine: checking (the server's dry run) → failed, or preview → applied. Apply
 * merges the file in one undo step of its own; each conflict settled afterwards is one more. The focus goes
 * to the stage's `data-autofocus` button whenever the stage changes.
 */
import { useEffect, useRef, useState } from 'react';
import { mergeImport, settleConflict, type MergeConflict, type MergeSummary } from '../../../shared/merge/importMerge.js';
import type { MeetingJson } from '../../../shared/document/meetingSchema.js';
import { LOCAL_ORIGIN } from '../../sync/MeetingConnection.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useContentVersion } from '../../sync/useMeeting.js';
import { fileHeaders } from '../../model/fileUpload.js';
import { errorOf } from '../../admin/adminApi.js';

export type ImportStage =
  | { at: 'checking' }
  | { at: 'failed'; message: string }
  | { at: 'preview'; summary: MergeSummary; meeting: MeetingJson }
  | { at: 'applied'; summary: MergeSummary };

/** How a conflict was settled: the file's value taken, or Plenary's kept. */
export type ConflictChoice = 'file' | 'plenary';

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

export function useImportStage(file: File, actor: string) {
  const { meetingId, token, doc, undo, editable } = useMeetingContext();
  const [stage, setStage] = useState<ImportStage>({ at: 'checking' });
  const [settled, setSettled] = useState<Map<number, ConflictChoice>>(() => new Map());
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

  const settle = (i: number, c: MergeConflict, choice: ConflictChoice) => {
    try {
      undo.stopCapturing();
      settleConflict(doc, c, choice, { origin: LOCAL_ORIGIN, by: actor });
      undo.stopCapturing();
      setSettled((m) => new Map(m).set(i, choice));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return { stage, settled, error, dialogRef, apply, settle };
}
