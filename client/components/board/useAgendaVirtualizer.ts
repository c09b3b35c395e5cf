/**
 * The agenda list's virtualiser: a meeting of a few hundred rows renders them all, a longer one what is on
 * screen, and the live item's row always.
 */
import { useCallback, type RefObject } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { rowKey, type BoardRow } from '../../model/boardRows.js';

const ITEM_H = 40;
const TDOC_H = 36;
const RENDER_ALL_BELOW = 300;

export function useAgendaVirtualizer(rows: BoardRow[], keyIndex: Map<string, number>, liveItemId: string | null, scrollRef: RefObject<HTMLDivElement | null>) {
  // The live item's row is always in the page (data-live, CONTRACT.md §7), wherever the list is scrolled.
  const liveIndex = liveItemId ? keyIndex.get(`item:${liveItemId}`) : undefined;
  const rangeExtractor = useCallback(
    (range: Range) => {
      const out = defaultRangeExtractor(range);
      if (liveIndex !== undefined && !out.includes(liveIndex)) out.push(liveIndex);
      return out.sort((a, b) => a - b);
    },
    [liveIndex],
  );
  return useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'item' ? ITEM_H : TDOC_H),
    // A meeting of a few hundred rows renders them all (every data-tdoc in the page, find-in-page works);
    // beyond that only what is on screen.
    overscan: rows.length <= RENDER_ALL_BELOW ? rows.length : 12,
    getItemKey: (i) => rowKey(rows[i]),
    rangeExtractor,
  });
}
