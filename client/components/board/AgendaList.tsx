/** The agenda tab's list: its column heads and the virtualised rows of items and contributions. */
import type { RefObject } from 'react';
import type { VirtualItem } from '@tanstack/react-virtual';
import type { BoardRow } from '../../model/boardRows.js';
import { AgendaRow, ContributionRow } from './BoardRows.js';

export interface AgendaListProps {
  scrollRef: RefObject<HTMLDivElement | null>;
  rows: BoardRow[];
  /** The rows in the page (the virtualiser's items) and the height of the whole list. */
  items: VirtualItem[];
  totalSize: number;
  collapsed: Set<string>;
  query: string;
  selected: string | null;
  liveItemId: string | null;
  currentId: string | null;
  editable: boolean;
  marks: string[];
  onSelect: (key: string) => void;
  onSelectItem: (id: string) => void;
  onToggle: (id: string) => void;
  onStatus: (id: string, status: string) => void;
}

export function AgendaList(p: AgendaListProps) {
  const { rows, collapsed, query, selected } = p;
  return (
    <>
      <div className="list-head" aria-hidden="true">
        <span>Number</span>
        <span>Title</span>
        <span>Source</span>
        <span>Status</span>
        <span>Notes</span>
      </div>
      <div ref={p.scrollRef} className="list-scroll" tabIndex={0} aria-label="Agenda and contributions">
        <div style={{ height: p.totalSize, position: 'relative' }}>
          {p.items.map((v) => {
            const r = rows[v.index];
            return r.kind === 'item' ? (
              <AgendaRow
                key={v.key as string}
                id={r.id}
                depth={r.depth}
                count={r.count}
                collapsed={collapsed.has(r.id) && !query}
                selected={selected === `item:${r.id}`}
                live={p.liveItemId === r.id && r.id !== ''}
                top={v.start}
                height={v.size}
                onSelect={p.onSelectItem}
                onToggle={p.onToggle}
              />
            ) : (
              <ContributionRow
                key={v.key as string}
                id={r.id}
                depth={r.depth}
                selected={selected === r.id}
                current={p.currentId === r.id}
                editable={p.editable}
                top={v.start}
                height={v.size}
                onSelect={p.onSelect}
                onStatus={p.onStatus}
                marks={p.marks}
              />
            );
          })}
        </div>
        {rows.length === 0 ? <p className="empty muted">{query ? 'Nothing matches.' : 'The agenda is empty.'}</p> : null}
      </div>
    </>
  );
}
