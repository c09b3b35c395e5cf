/**
 * What an import will do, or did: the counts, then the rows added, updated, in conflict (settled one click
 * per row once applied) and no longer in the file (which can be marked withdrawn).
 */
import type { ReactNode } from 'react';
import type { MergeConflict, MergeSilent, MergeSummary } from '../../../shared/merge/importMerge.js';
import type { FieldValue } from '../../../shared/merge/importBase.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import type { ConflictChoice } from './useImportStage.js';

const SHOW = 40;

export interface ImportSummaryProps {
  summary: MergeSummary;
  applied: boolean;
  settled: Map<number, ConflictChoice>;
  onSettle: (i: number, c: MergeConflict, choice: ConflictChoice) => void;
  onWithdraw: (id: string) => void;
}

export function ImportSummary({ summary, applied, settled, onSettle, onWithdraw }: ImportSummaryProps) {
  return (
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
        {summary.silent?.length ? (
          <li data-count="silent">
            <strong>{summary.silent.length}</strong> settled without asking
          </li>
        ) : null}
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
              <ConflictRow key={`${c.kind}:${c.id}:${c.field}`} conflict={c} applied={applied} choice={settled.get(i)} onSettle={(choice) => onSettle(i, c, choice)} />
            ))}
          </Section>
        ) : null}
        {summary.silent?.length ? (
          <Section title="Settled without asking (nobody changed these in Plenary)">
            {summary.silent.slice(0, SHOW).map((x) => (
              <li key={`${x.kind}:${x.id}:${x.field}`} data-silent={x.label}>
                <span className="num">{x.label}</span> {x.field}: {x.took === 'file' ? <>the file’s <q>{show(x.file)}</q> over Plenary’s copy <q>{show(x.plenary)}</q></> : <>Plenary’s <q>{show(x.plenary)}</q> kept</>}
                <span className="muted small"> — {SILENT_WHY[x.why]}</span>
              </li>
            ))}
            <More n={summary.silent.length} />
          </Section>
        ) : null}
        {summary.missing.length ? (
          <Section title="No longer in the file (never deleted)">
            {summary.missing.map((m) => (
              <MissingRow key={m.id} id={m.id} label={m.label} title={m.title} applied={applied} onWithdraw={() => onWithdraw(m.id)} />
            ))}
          </Section>
        ) : null}
      </div>
    </>
  );
}

/** A field changed on both sides: Plenary's stays until the one importing chooses, after importing. */
function ConflictRow({ conflict: c, applied, choice, onSettle }: { conflict: MergeConflict; applied: boolean; choice: ConflictChoice | undefined; onSettle: (choice: ConflictChoice) => void }) {
  return (
    <li data-conflict={c.label}>
      <span className="num">{c.label}</span> {c.field}: Plenary has <q>{show(c.plenary)}</q>, the file <q>{show(c.file)}</q>
      {applied ? (
        choice !== undefined ? (
          <span className="import-settled"> — {choice === 'file' ? 'took the file’s' : 'kept Plenary’s'}</span>
        ) : (
          <span className="import-row-actions">
            <button className="small-btn" onClick={() => onSettle('file')}>
              Take the file’s
            </button>
            <button className="small-btn" onClick={() => onSettle('plenary')}>
              Keep Plenary’s
            </button>
          </span>
        )
      ) : (
        <span className="muted small"> — Plenary’s stays; you choose after importing</span>
      )}
    </li>
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

/** Why a difference was settled without asking (MergeSilent's `why`). */
const SILENT_WHY: Record<MergeSilent['why'], string> = {
  'plenary-wrote': 'Plenary’s own copy (a revision made here), taken from the file',
  'portal-behind': 'the room’s decision stands; the portal has not caught up',
  'link-kept': 'the Tdoc it revises is still in the meeting',
};

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
