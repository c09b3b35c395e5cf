/**
 * Following the room on the phone (FollowView.tsx): while following, on the Meeting tab, the current
 * contribution is kept in view above the docked "Ask for the floor" (a long item runs past a phone's
 * screen), else the top of the page;
 * scrolling past the live card means browsing and stops following until asked again.
 */
import { useEffect, useState } from 'react';

/** `liveRows`: how many rows the live card has, so the page follows again once they are on it. */
export function useFollowing(tab: 'meeting' | 'decisions', agendaItemId: string | null, contributionId: string | null, liveRows = 0) {
  const [following, setFollowing] = useState(true);

  useEffect(() => {
    if (!following || tab !== 'meeting') return;
    // Following the room: the current contribution in view (a long item runs past a phone's screen), else the top.
    if (!keepCurrentInView()) window.scrollTo({ top: 0 });
    // The page's height changes as it fills in (the list below is measured after it renders, which can
    // move the scroll back): while following, the current row is put back in view after each change.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => keepCurrentInView());
    });
    observer.observe(document.body);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [following, tab, agendaItemId, contributionId, liveRows]);

  useEffect(() => {
    // Scrolling past the live card means browsing: stop following until asked again.
    const onScroll = () => {
      const card = document.querySelector('.live-card');
      const limit = card ? card.getBoundingClientRect().bottom + window.scrollY : 400;
      if (window.scrollY > limit) setFollowing(false);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);

  return [following, setFollowing] as const;
}

/**
 * Scrolls the live card's current row into view when it is not: below the sticky header and above the
 * docked "Ask for the floor" (FloorCard), which stays where it is, so scrolling never takes it away nor
 * hides the current row behind it. False when there is no current row.
 */
function keepCurrentInView(): boolean {
  const current = document.querySelector('.live-card [data-current="true"]');
  if (!current) return false;
  const dock = document.querySelector('.floor-card .floor-actions')?.getBoundingClientRect().height ?? 0;
  const top = document.querySelector('.follow-sticky')?.getBoundingClientRect().bottom ?? 0;
  const bottom = window.innerHeight - dock;
  const box = current.getBoundingClientRect();
  if (box.top < top || box.bottom > bottom) window.scrollBy({ top: box.top - Math.max(top, (top + bottom - box.height) / 2) });
  return true;
}
