/**
 * The secretary's keyboard on the agenda tab (client/model/boardKeys.ts maps keys to actions): moving the
 * selection, deciding, revising, setting live, folding, undo, and the search field's own keys. Listens on
 * the window while the tab is active and no revise dialog is open.
 */
import { useCallback, useEffect, type Dispatch, type RefObject, type SetStateAction } from 'react';
import * as Y from 'yjs';
import type { Status } from '../../../shared/document/meetingSchema.js';
import { reviseContribution } from '../../../shared/document/contributionOps.js';
import { setLiveOf } from '../../../shared/document/rooms.js';
import type { MeetingIndex, MeetingStore } from '../../sync/MeetingStore.js';
import { liveFor, parseKey, shiftRow } from '../../model/rowEdits.js';
import { rowKey, type BoardRow } from '../../model/boardRows.js';
import { keyToAction, type BoardAction } from '../../model/boardKeys.js';

export interface BoardKeysInput {
  active: boolean;
  revising: string | null;
  setRevising: Dispatch<SetStateAction<string | null>>;
  query: string;
  setQuery: Dispatch<SetStateAction<string>>;
  rows: BoardRow[];
  keyIndex: Map<string, number>;
  selected: string | null;
  setSelected: Dispatch<SetStateAction<string | null>>;
  setHelp: Dispatch<SetStateAction<boolean>>;
  toggle: (id: string) => void;
  onStatus: (id: string, status: string) => void;
  run: (fn: (d: Y.Doc) => void) => void;
  actor: string;
  editable: boolean;
  store: MeetingStore;
  index: MeetingIndex;
  statuses: Status[];
  undo: Y.UndoManager;
  newNumbers: boolean;
  room: string;
  searchRef: RefObject<HTMLInputElement | null>;
  scrollRef: RefObject<HTMLDivElement | null>;
}

export function useBoardKeys(k: BoardKeysInput): void {
  const { active, revising, setRevising, query, setQuery, rows, keyIndex, selected, setSelected, setHelp, toggle, onStatus } = k;
  const { run, actor, editable, store, index, statuses, undo, newNumbers, room, searchRef, scrollRef } = k;

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
}
