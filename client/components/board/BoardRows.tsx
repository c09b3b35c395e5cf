/**
 * The two kinds of board row: an agenda item (foldable header) and a contribution. Both are memoised and
 * read their own data through row hooks, so a remote change re-renders only the row it touched.
 */
import { memo, type CSSProperties } from 'react';
import { useAgendaItem, useContribution, useStatuses } from '../../sync/useMeeting.js';
import { usePeersOnRow } from '../../sync/usePresence.js';
import { StatusLabel, StatusSelect } from './StatusSelect.js';
import { UNALLOCATED } from '../../model/boardRows.js';
import { Highlight } from './Highlight.js';
import { inkOn } from '../../model/contrast.js';
import { PositionTally, RoundMark } from '../positions/RowMarks.js';
import { initials } from '../../model/initials.js';

const NONE: readonly string[] = [];

export interface ContributionRowProps {
  id: string;
  depth: number;
  selected: boolean;
  current: boolean;
  editable: boolean;
  /** Position in the virtual list (px); numbers, so the memo compares them by value. */
  top: number;
  height: number;
  onSelect: (id: string) => void;
  onStatus: (id: string, status: string) => void;
  /** Lowercased search words to mark in number, title and source (empty when not searching). */
  marks?: readonly string[];
}

/** One contribution row: data-tdoc, the status select (or label), notes preview and who is on it. */
export const ContributionRow = memo(function ContributionRow(p: ContributionRowProps) {
  const c = useContribution(p.id);
  const statuses = useStatuses();
  const peers = usePeersOnRow(p.id);
  if (!c) return null;
  const notes = c.notes.replace(/\s+/g, ' ').trim();
  return (
    <div
      data-selected={p.selected ? 'true' : undefined}
      data-tdoc={c.number}
      data-row-id={c.id}
      data-current={p.current ? 'true' : undefined}
      className={`row tdoc${p.selected ? ' selected' : ''}${p.current ? ' current' : ''}`}
      style={rowStyle(p.top, p.height, p.depth)}
      onMouseDown={() => p.onSelect(c.id)}
    >
      <span className="num" title={c.aliases.length ? `also ${c.aliases.join(', ')}` : undefined}>
        <Highlight text={c.number} words={p.marks ?? NONE} />
        {c.revisionOf ? <span className="rev" title="revision">↻</span> : null}
      </span>
      <span className="title" title={c.title}>
        <Highlight text={c.title} words={p.marks ?? NONE} />
      </span>
      <span className="source" title={c.source}>
        <Highlight text={c.source} words={p.marks ?? NONE} />
      </span>
      <span className="st">
        {p.editable ? (
          <StatusSelect
            value={c.status}
            statuses={statuses}
            label={`Status of ${c.number}`}
            blurOnChange
            onChange={(s) => p.onStatus(c.id, s)}
          />
        ) : (
          <StatusLabel value={c.status} statuses={statuses} />
        )}
      </span>
      <span className="notes" title={notes}>
        <RoundMark id={c.id} />
        <PositionTally id={c.id} />
        {notes}
      </span>
      <PeerDots peers={peers} />
    </div>
  );
});

export interface AgendaRowProps {
  id: string;
  depth: number;
  count: number;
  collapsed: boolean;
  selected: boolean;
  live: boolean;
  top: number;
  height: number;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
}

/** One agenda item row: fold toggle, number, title, count; data-live when the room is on it. */
export const AgendaRow = memo(function AgendaRow(p: AgendaRowProps) {
  const item = useAgendaItem(p.id);
  const peers = usePeersOnRow(`item:${p.id}`);
  const label = p.id === UNALLOCATED ? '' : (item?.label ?? '');
  const title = p.id === UNALLOCATED ? 'Not allocated to an agenda item' : (item?.title ?? '');
  return (
    <div
      data-selected={p.selected ? 'true' : undefined}
      data-item={label}
      data-item-id={p.id}
      data-live={p.live ? 'true' : undefined}
      className={`row item depth-${Math.min(p.depth, 4)}${p.selected ? ' selected' : ''}${p.live ? ' live' : ''}`}
      style={rowStyle(p.top, p.height, p.depth)}
      onMouseDown={() => p.onSelect(p.id)}
    >
      <button
        className="fold"
        tabIndex={-1}
        aria-label={p.collapsed ? 'Expand' : 'Collapse'}
        aria-expanded={!p.collapsed}
        onMouseDown={(e) => e.stopPropagation()}
        onClick={() => p.onToggle(p.id)}
      >
        {p.collapsed ? '▸' : '▾'}
      </button>
      <span className="label">{label}</span>
      <span className="title">{title}</span>
      {p.live ? <span className="live-tag">LIVE</span> : null}
      <span className="count">{p.count || ''}</span>
      <PeerDots peers={peers} />
    </div>
  );
});

function rowStyle(top: number, height: number, depth: number): CSSProperties {
  return { position: 'absolute', top: 0, left: 0, right: 0, height, transform: `translateY(${top}px)`, ['--depth' as string]: depth };
}

/** The people on a row, as coloured dots with their initials. */
function PeerDots({ peers }: { peers: readonly { name: string; color: string }[] }) {
  return (
    <span className="peers">
      {peers.map((x) => (
        <span key={x.name} className="peer-dot" style={{ background: x.color, color: inkOn(x.color) }} title={`${x.name} is here`}>
          {initials(x.name)}
        </span>
      ))}
    </span>
  );
}

/** Up to two initials of a name, for presence dots (client/model/initials.ts). */
export { initials };
