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
import { ContributionDetail } from './ContributionDetail.js';
import { AgendaDetail } from './AgendaDetail.js';
import { MeetingSummary } from './MeetingSummary.js';
import { useAgendaRows } from './useAgendaRows.js';
import { useAgendaVirtualizer } from './useAgendaVirtualizer.js';
import { useBoardSelection } from './useBoardSelection.js';
import { useBoardKeys } from './useBoardKeys.js';
import { AgendaSearchBar } from './AgendaSearchBar.js';
import { AgendaList } from './AgendaList.js';

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
        <AgendaSearchBar
          inputRef={searchRef}
          query={query}
          onQuery={setQuery}
          matchCount={matchCount}
          total={index.order.length}
          editable={editable}
          onAddTdoc={addTdoc}
          onAddItem={addItem}
          onFoldAll={() => setCollapsed(new Set(index.agenda.map((n) => n.item.id)))}
          onUnfoldAll={() => setCollapsed(new Set())}
        />
        <AgendaList
          scrollRef={scrollRef}
          rows={rows}
          items={items}
          totalSize={virtualizer.getTotalSize()}
          collapsed={collapsed}
          query={query}
          selected={selected}
          liveItemId={live.agendaItemId}
          currentId={live.contributionId}
          editable={editable}
          marks={marks}
          onSelect={select}
          onSelectItem={onSelectItem}
          onToggle={toggle}
          onStatus={onStatus}
        />
        {help ? <KeyHelp onHide={() => setHelp(false)} /> : null}
      </div>
      <DetailPane selected={selected} actor={actor} run={run} onSelect={select} onRevise={newNumbers ? setRevising : undefined} />
    </div>
  );
}

/** The side panel: the selected item's or contribution's details, else the meeting's summary. */
function DetailPane({ selected, actor, run, onSelect, onRevise }: { selected: string | null; actor: string; run: AgendaBoardProps['run']; onSelect: (key: string) => void; onRevise?: (id: string) => void }) {
  return (
    <aside className="detail-pane">
      {selected === null ? (
        <MeetingSummary />
      ) : selected.startsWith('item:') ? (
        <AgendaDetail key={selected} id={selected.slice(5)} actor={actor} run={run} onSelect={onSelect} />
      ) : (
        <ContributionDetail key={selected} id={selected} actor={actor} run={run} onSelect={onSelect} onRevise={onRevise} />
      )}
    </aside>
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
