/**
 * Bringing a newer file into the meeting from the board (issue 11): the server reads the file and answers
 * what a merge would do (a dry run, nothing changes); Apply then merges it here, in one transaction of this
 * person's (so Undo takes the whole import back); conflicts are settled one click per row and Tdocs the
 * file no longer has can be marked withdrawn.
 */
import { setContributionStatus } from '../../../shared/document/contributionOps.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useImportStage } from './useImportStage.js';
import { ImportSummary } from './ImportSummary.js';

export function ImportPanel({ file, actor, onClose }: { file: File; actor: string; onClose: () => void }) {
  const { editable, change } = useMeetingContext();
  const { stage, settled, error, dialogRef, apply, settle } = useImportStage(file, actor);

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
          <ImportSummary
            summary={summary}
            applied={applied}
            settled={settled}
            onSettle={settle}
            onWithdraw={(id) => change((d) => setContributionStatus(d, id, 'withdrawn', { by: actor }))}
          />
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
