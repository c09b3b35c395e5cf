/**
 * The agenda tab of the board: search, the virtualised tree of items and contributions, the side panel of
 * the selected row, and the secretary's keyboard.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import * as Y from 'yjs';
import { reviseContribution, setContributionStatus } from '../../../shared/document/contributionOps.js';
import { addContributionNear, addItemAtEnd, liveFor, parseKey, shiftRow } from '../../model/rowEdits.js';
import { setLiveOf } from '../../../shared/document/rooms.js';
import { useRoomId } from '../../sync/RoomContext.js';
import { useMeetingContext } from '../../sync/MeetingContext.js';
import { useContentVersion, useLive, useMeetingIndex, useMeta, useStatuses } from '../../sync/useMeeting.js';
import { revisionNumberingOf } from '../../../shared/document/numberBlock.js';
import { ReviseDialog } from './ReviseDialog.js';
import { useAnnounceRow } from '../../sync/usePresence.js';
import { buildRows, countTdocs, type BoardRow } from '../../model/boardRows.js';
import { parseQuery } from '../../model/filterQuery.js';
import { keyToAction, KEY_HELP, type BoardAction } from '../../model/boardKeys.js';
import { AgendaRow, ContributionRow } from './BoardRows.js';
import { ContributionDetail } from './ContributionDetail.js';
import { AgendaDetail } from './AgendaDetail.js';
import { MeetingSummary } from './MeetingSummary.js';

const ITEM_H = 40;
const TDOC_H = 36;
const RENDER_ALL_BELOW = 300;

/** Selection keys: a contribution id, or `item:` + agenda item id. */
export function rowKey(r: BoardRow): string {
  return r.kind === 'item' ? `item:${r.id}` : r.id;
}

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
  const filterVersion = useContentVersion(query !== '');
  const rows = useMemo(
    () => buildRows({ index, statuses, contribution: store.contribution, agendaItem: store.agendaItem }, collapsed, query),
    // filterVersion: re-filter on content changes only while a query is active.
    [index, statuses, collapsed, query, filterVersion, store],
  );
  const marks = useMemo(
    () => parseQuery(query).filter((t) => t.field === null || t.field === 'number' || t.field === 'title' || t.field === 'source').map((t) => t.text),
    [query],
  );
  const keyIndex = useMemo(() => new Map(rows.map((r, i) => [rowKey(r), i])), [rows]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // The live item's row is always in the page (data-live, CONTRACT.md §7), wherever the list is scrolled.
  const liveIndex = live.agendaItemId ? keyIndex.get(`item:${live.agendaItemId}`) : undefined;
  const rangeExtractor = useCallback(
    (range: Range) => {
      const out = defaultRangeExtractor(range);
      if (liveIndex !== undefined && !out.includes(liveIndex)) out.push(liveIndex);
      return out.sort((a, b) => a - b);
    },
    [liveIndex],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'item' ? ITEM_H : TDOC_H),
    // A meeting of a few hundred rows renders them all (every data-tdoc in the page, find-in-page works);
    // beyond that only what is on screen.
    overscan: rows.length <= RENDER_ALL_BELOW ? rows.length : 12,
    getItemKey: (i) => rowKey(rows[i]),
    rangeExtractor,
  });

  useAnnounceRow(active ? selected : null);

  const select = useCallback(
    (key: string) => {
      setSelected(key);
      if (key.startsWith('item:')) return;
      // Unfold the item holding a selected contribution.
      const c = store.contribution(key);
      if (c && collapsed.has(c.agendaItemId)) {
        setCollapsed((s) => {
          const n = new Set(s);
          n.delete(c.agendaItemId);
          return n;
        });
      }
    },
    [store, collapsed],
  );

  useEffect(() => {
    if (jumpTo) {
      select(jumpTo.split('#')[0]);
    }
  }, [jumpTo, select]);

  useEffect(() => {
    if (!selected) return;
    const i = keyIndex.get(selected);
    if (i !== undefined) virtualizer.scrollToIndex(i, { align: 'auto' });
  }, [selected, keyIndex, virtualizer]);

  const toggle = useCallback((id: string) => {
    setCollapsed((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  }, []);

  const onStatus = useCallback(
    (id: string, status: string) => run((d) => setContributionStatus(d, id, status, { by: actor })),
    [run, actor],
  );
  const onSelectItem = useCallback((id: string) => select(`item:${id}`), [select]);

  const perform = useCallback(
    (a: BoardAction): boolean => {
      const cur = selected ? keyIndex.get(selected) : undefined;
      const { tdocId, itemId } = parseKey(selected);
      switch (a.type) {
        case 'move': {
          if (!rows.length) return true;
          const next = cur === undefined ? (a.by > 0 ? 0 : rows.length - 1) : Math.max(0, Math.min(rows.length - 1, cur + a.by));
          setSelected(rowKey(rows[next]));
          return true;
        }
        case 'shift':
          if (editable && selected) run((d) => shiftRow(d, index, store.contribution, selected, a.by));
          return true;
        case 'first':
          if (rows.length) setSelected(rowKey(rows[0]));
          return true;
        case 'last':
          if (rows.length) setSelected(rowKey(rows[rows.length - 1]));
          return true;
        case 'status':
          if (tdocId && editable && statuses.some((s) => s.id === a.status)) onStatus(tdocId, a.status);
          return true;
        case 'revise':
          if (tdocId && editable) {
            if (newNumbers) setRevising(tdocId);
            else run((d) => setSelected(reviseContribution(d, tdocId, { by: actor })));
          }
          return true;
        case 'live': {
          const patch = editable && selected ? liveFor(selected, store.contribution) : null;
          if (patch) run((d) => setLiveOf(d, room, patch));
          return true;
        }
        case 'toggle':
          if (itemId !== null) toggle(itemId);
          else if (tdocId) {
            const c = store.contribution(tdocId);
            if (c) {
              toggle(c.agendaItemId);
              setSelected(`item:${c.agendaItemId}`);
            }
          }
          return true;
        case 'notes':
          document.getElementById('notes-editor')?.focus();
          return true;
        case 'search':
          searchRef.current?.focus();
          searchRef.current?.select();
          return true;
        case 'undo':
          undo.undo();
          return true;
        case 'redo':
          undo.redo();
          return true;
        case 'help':
          setHelp((h) => !h);
          return true;
        case 'escape':
          (document.activeElement as HTMLElement | null)?.blur();
          scrollRef.current?.focus();
          return true;
      }
    },
    [selected, keyIndex, rows, editable, statuses, onStatus, run, actor, store, toggle, undo, index, newNumbers, room],
  );

  useEffect(() => {
    if (!active || revising) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const inField = !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      if (inField && e.key === 'Escape' && t === searchRef.current && query) {
        setQuery('');
        return;
      }
      if (inField && t === searchRef.current && (e.key === 'ArrowDown' || e.key === 'Enter')) {
        e.preventDefault();
        scrollRef.current?.focus();
        const first = rows.find((r) => r.kind === 'tdoc') ?? rows[0];
        if (first) setSelected(rowKey(first));
        return;
      }
      const action = keyToAction(e, inField);
      if (action && perform(action)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, perform, query, rows, revising]);

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
