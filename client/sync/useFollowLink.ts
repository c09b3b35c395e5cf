/**
 * The delegates' link a room screen shows as its QR code, kept current (issue 25): the link the screen was
 * opened with (`&follow=`) at first, then the server's answer to `GET /api/meetings/:id/follow-link` (asked
 * on load and each time the socket syncs again), and the server's follow-link message on the socket when
 * the delegate link is replaced (shared/followLinkMessage.ts). So a screen opened from an old screen link,
 * reloaded, or offline during the replacement shows the link that works, without anyone touching it.
 */
import { useEffect, useState } from 'react';
import { FOLLOW_LINK_MESSAGE, isFollowLink, readFollowLink } from '../../shared/followLinkMessage.js';
import { useMeetingContext } from './MeetingContext.js';

/** The current follow link: `initial` until the server has said otherwise; null when nobody knows one. */
export function useFollowLink(initial: string | null): string | null {
  const { meetingId, token, connection } = useMeetingContext();
  const [link, setLink] = useState<string | null>(initial);
  useEffect(() => {
    const provider = connection.provider;
    let alive = true;
    // Each source bumps the generation: an answer to an older question never overwrites a newer link.
    let generation = 0;
    const ask = () => {
      const mine = ++generation;
      void fetchFollowLink(meetingId, token).then((l) => {
        if (alive && mine === generation && l) setLink(l);
      });
    };
    provider.messageHandlers[FOLLOW_LINK_MESSAGE] = (_encoder, decoder) => {
      const l = readFollowLink(decoder);
      if (!l || !alive) return;
      generation++;
      setLink(l);
    };
    const onSync = (synced: boolean) => {
      if (synced) ask();
    };
    provider.on('sync', onSync);
    ask();
    return () => {
      alive = false;
      provider.off('sync', onSync);
      delete provider.messageHandlers[FOLLOW_LINK_MESSAGE];
    };
  }, [meetingId, token, connection]);
  return link;
}

/** The server's current follow link, or null when it cannot say (offline, refused, not a link). */
export async function fetchFollowLink(meetingId: string, token: string): Promise<string | null> {
  try {
    const res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/follow-link`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
    if (!res.ok) return null;
    const body = (await res.json()) as { link?: unknown };
    return isFollowLink(body.link) ? body.link : null;
  } catch {
    return null;
  }
}
