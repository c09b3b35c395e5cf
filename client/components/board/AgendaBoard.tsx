/**
 * The agenda tab of the board: search, the virtualised tree of items and contributions, the side panel of
 * the selected row, and the secretary's keyboard.
 */
import { useCallback, useRef, useState } from 'react';
import * as Y from 'yjs';
import { reviseContribution, setContributionStatus } from '../../../shared/document/contributionOps.js';
import { addContributionNear, addItemAtEnd } from '../../model/rowEdits.js';
import { useRoomId } from '../../sync/RoomContext.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useLive, useMeetingIndex, useMeta, useStatuses } from '../../sync/useMeeting.js';
import { revisionNumberingOf } from '../../../shared/document/numberBlock.js';
import { ReviseDialog } from './ReviseDialog.js';
import { useAnnounceRow } from '../../sync/usePresence.js';
import { countTdocs } from '../../model/boardRows.js';
import { KEY_HELP } from '../../model/boardKeys.js';
import { AgendaRow, ContributionRow } from './BoardRows.js';
import { ContributionDetail } from './ContributionDetail.js';
import { AgendaDetail } from './AgendaDetail.js';
import { MeetingSummary } from './MeetingSummary.js';
import { useAgendaRows } from './useAgendaRows.js';
import { useAgendaVirtualizer } from './useAgendaVirtualizer.js';
import { useBoardSelection } from './useBoardSelection.js';
import { useBoardKeys } from './useBoardKeys.js';

export interface AgendaBoardProps {
  actor: string;
  run: (fn: (d: Y.Doc) => void) => void;
  /** Selection requested from outside (the live bar). */
  jumpTo: string | null;
  active: boolean;
}

/** The agenda tab: list, search, side panel and keys. */
export function AgendaBoard({ actor, run, jumpTo, active }: AgendaBoardProps) {
  const { store, editable, undo } = useMeetingContext();
  const index = useMeetingIndex();
  const statuses = useStatuses();
  const live = useLive();
  const room = useRoomId();
  const meta = useMeta();
  const newNumbers = revisionNumberingOf(meta) === 'new-number';
  const [revising, setRevising] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [help, setHelp] = useState(true);
  const { rows, marks, keyIndex } = useAgendaRows(store, index, statuses, collapsed, query);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const virtualizer = useAgendaVirtualizer(rows, keyIndex, live.agendaItemId, scrollRef);

  useAnnounceRow(active ? selected : null);

  const { select, toggle } = useBoardSelection({ store, collapsed, setCollapsed, selected, setSelected, jumpTo, keyIndex, virtualizer });

  const onStatus = useCallback(
    (id: string, status: string) => run((d) => setContributionStatus(d, id, status, { by: actor })),
    [run, actor],
  );
  const onSelectItem = useCallback((id: string) => select(`item:${id}`), [select]);

  useBoardKeys({
    active, revising, setRevising, query, setQuery, rows, keyIndex, selected, setSelected, setHelp, toggle, onStatus, searchRef, scrollRef,
    run, actor, editable, store, index, statuses, undo, newNumbers, room,
  });

  /** Revises to the number typed; returns why it could not, or null. The focus goes back to the new row. */
  const reviseTo = (id: string, number: string): string | null => {
    let why: string | null = null;
    let created: string | null = null;
    run((d) => {
      try {
        created = reviseContribution(d, id, { by: actor, number });
      } catch (e) {
        why = e instanceof Error ? e.message : String(e);
      }
    });
    if (why) return why;
    setRevising(null);
    if (created) setSelected(created);
    scrollRef.current?.focus();
    return null;
  };

  const addItem = () => run((d) => select(`item:${addItemAtEnd(d, index)}`));
  const addTdoc = () => run((d) => select(addContributionNear(d, index, store.contribution, selected, live.agendaItemId)));
  const matchCount = query ? countTdocs(rows) : null;
  const items = virtualizer.getVirtualItems();

  return (
    <div className="agenda-board">
      {revising ? (
        <ReviseDialog
          id={revising}
          onRevise={(n) => reviseTo(revising, n)}
          onClose={() => {
            setRevising(null);
            scrollRef.current?.focus();
          }}
        />
      ) : null}
      <div className="list-pane">
        <div className="search-bar">
          <input
            ref={searchRef}
            type="search"
            className="search"
            aria-label="Find"
            placeholder="Find  ( / ) — number, title, source, status:agreed, item:5.2"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <span className="muted small match-count">
            {matchCount === null ? `${index.order.length} contributions` : `${matchCount} of ${index.order.length}`}
          </span>
          {editable ? (
            <>
              <button className="small-btn" title="Add a contribution to the selected (or live) agenda item" onClick={addTdoc}>
                + Contribution
              </button>
              <button className="small-btn" title="Add an agenda item at the end" onClick={addItem}>
                + Item
              </button>
            </>
          ) : null}
          <button className="small-btn" onClick={() => setCollapsed(new Set(index.agenda.map((n) => n.item.id)))}>
            Fold all
          </button>
          <button className="small-btn" onClick={() => setCollapsed(new Set())}>
            Unfold all
          </button>
        </div>
        <div className="list-head" aria-hidden="true">
          <span>Number</span>
          <span>Title</span>
          <span>Source</span>
          <span>Status</span>
          <span>Notes</span>
        </div>
        <div ref={scrollRef} className="list-scroll" tabIndex={0} aria-label="Agenda and contributions">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((v) => {
              const r = rows[v.index];
              return r.kind === 'item' ? (
                <AgendaRow
                  key={v.key as string}
                  id={r.id}
                  depth={r.depth}
                  count={r.count}
                  collapsed={collapsed.has(r.id) && !query}
                  selected={selected === `item:${r.id}`}
                  live={live.agendaItemId === r.id && r.id !== ''}
                  top={v.start}
                  height={v.size}
                  onSelect={onSelectItem}
                  onToggle={toggle}
                />
              ) : (
                <ContributionRow
                  key={v.key as string}
                  id={r.id}
                  depth={r.depth}
                  selected={selected === r.id}
                  current={live.contributionId === r.id}
                  editable={editable}
                  top={v.start}
                  height={v.size}
                  onSelect={select}
                  onStatus={onStatus}
                  marks={marks}
                />
              );
            })}
          </div>
          {rows.length === 0 ? <p className="empty muted">{query ? 'Nothing matches.' : 'The agenda is empty.'}</p> : null}
        </div>
        {help ? <KeyHelp onHide={() => setHelp(false)} /> : null}
      </div>
      <aside className="detail-pane">
        {selected === null ? (
          <MeetingSummary />
        ) : selected.startsWith('item:') ? (
          <AgendaDetail key={selected} id={selected.slice(5)} actor={actor} run={run} onSelect={select} />
        ) : (
          <ContributionDetail key={selected} id={selected} actor={actor} run={run} onSelect={select} onRevise={newNumbers ? setRevising : undefined} />
        )}
      </aside>
    </div>
  );
}

/** The keys, always in view until hidden (? shows them again). */
function KeyHelp({ onHide }: { onHide: () => void }) {
  return (
    <div className="keys" aria-label="Keyboard">
      {KEY_HELP.map(([k, what]) => (
        <span key={k}>
          <kbd>{k}</kbd> {what}
        </span>
      ))}
      <button className="link small" onClick={onHide}>
        hide (?)
      </button>
    </div>
  );
}
