/**
 * A small editable table for the meeting's lists (sessions, action items, draft deliverables, objectives):
 * one row per entry, a field per column, add / move / delete. The lists are short (tens of rows), so no
 * virtualisation.
 */
import type { ReactNode } from 'react';
import { FieldInput } from '../common/FieldInput.js';

export interface Column<T> {
  key: keyof T & string;
  title: string;
  width?: string;
  placeholder?: string;
  multiline?: boolean;
  /** Custom cell (e.g. a select); default is a FieldInput. */
  render?: (entry: T) => ReactNode;
}

export interface ListPanelProps<T extends { id: string }> {
  title: string;
  hint?: string;
  entries: T[];
  columns: Column<T>[];
  editable: boolean;
  onAdd: () => void;
  onUpdate: (id: string, patch: Partial<T>) => void;
  onDelete: (id: string) => void;
  /** Reorder; omitted for lists sorted by their content (sessions by date). */
  onMove?: (id: string, after: string | null) => void;
  extra?: (entry: T) => ReactNode;
  rowClass?: (entry: T) => string;
  addLabel: string;
}

/** An editable table of entries. */
export function ListPanel<T extends { id: string }>(p: ListPanelProps<T>) {
  const grid = [...p.columns.map((c) => c.width ?? '1fr'), p.editable || p.extra ? 'auto' : ''].join(' ');
  return (
    <section className="list-panel" aria-label={p.title}>
      <div className="list-panel-head">
        <h2>{p.title}</h2>
        {p.hint ? <span className="muted small">{p.hint}</span> : null}
        {p.editable ? (
          <button className="primary" onClick={p.onAdd}>
            + {p.addLabel}
          </button>
        ) : null}
      </div>
      <div className="list-table" style={{ gridTemplateColumns: grid }}>
        {p.columns.map((c) => (
          <div key={c.key} className="lt-head">
            {c.title}
          </div>
        ))}
        {p.editable || p.extra ? <div className="lt-head" /> : null}
        {p.entries.map((e, i) => (
          <div key={e.id} className={`lt-row ${p.rowClass?.(e) ?? ''}`} style={{ display: 'contents' }} data-entry-id={e.id}>
            {p.columns.map((c) => (
              <div key={c.key} className="lt-cell">
                {c.render ? (
                  c.render(e)
                ) : (
                  <FieldInput
                    aria-label={`${c.title} ${i + 1}`}
                    value={String(e[c.key] ?? '')}
                    placeholder={c.placeholder}
                    multiline={c.multiline}
                    disabled={!p.editable}
                    onCommit={(v) => p.onUpdate(e.id, { [c.key]: v } as Partial<T>)}
                  />
                )}
              </div>
            ))}
            {p.editable || p.extra ? (
              <div className="lt-cell lt-actions">
                {p.extra?.(e)}
                {p.editable && p.onMove ? (
                  <>
                    <button className="small-btn" disabled={i === 0} title="Move up" onClick={() => p.onMove!(e.id, i > 1 ? p.entries[i - 2].id : null)}>
                      ↑
                    </button>
                    <button
                      className="small-btn"
                      disabled={i === p.entries.length - 1}
                      title="Move down"
                      onClick={() => p.onMove!(e.id, p.entries[i + 1].id)}
                    >
                      ↓
                    </button>
                  </>
                ) : null}
                {p.editable ? (
                  <button className="small-btn danger" title="Delete" onClick={() => p.onDelete(e.id)}>
                    ✕
                  </button>
                ) : null}
              </div>
            ) : null}
          </div>
        ))}
      </div>
      {p.entries.length === 0 ? <p className="muted">None yet.</p> : null}
    </section>
  );
}
