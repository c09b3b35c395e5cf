/**
 * Following the room on the phone (FollowView.tsx): while following, on the Meeting tab, the current
 * contribution is kept in view (a long item runs past a phone's screen), else the top of the page;
 * scrolling past the live card means browsing and stops following until asked again.
 */
import { useEffect, useState } from 'react';

export function useFollowing(tab: 'meeting' | 'decisions', agendaItemId: string | null, contributionId: string | null) {
  const [following, setFollowing] = useState(true);

  useEffect(() => {
    if (!following || tab !== 'meeting') return;
    // Following the room: the current contribution in view (a long item runs past a phone's screen), else the top.
    const current = document.querySelector('.live-card [data-current="true"]');
    if (current && current.getBoundingClientRect().bottom > window.innerHeight) current.scrollIntoView({ block: 'center' });
    else window.scrollTo({ top: 0 });
  }, [following, tab, agendaItemId, contributionId]);

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
