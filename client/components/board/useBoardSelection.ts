/**
 * The agenda tab's selection: selecting a row (a contribution's item unfolds), the live bar's jumps, the
 * selected row kept in view, and folding an item.
 */
import { useCallback, useEffect, type Dispatch, type SetStateAction } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { MeetingStore } from '../../sync/MeetingStore.js';

export interface BoardSelectionInput {
  store: MeetingStore;
  collapsed: Set<string>;
  setCollapsed: Dispatch<SetStateAction<Set<string>>>;
  selected: string | null;
  setSelected: Dispatch<SetStateAction<string | null>>;
  /** Selection requested from outside (the live bar): a row key, `#` and a stamp. */
  jumpTo: string | null;
  keyIndex: Map<string, number>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
}

export function useBoardSelection({ store, collapsed, setCollapsed, selected, setSelected, jumpTo, keyIndex, virtualizer }: BoardSelectionInput) {
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

  return { select, toggle };
}
