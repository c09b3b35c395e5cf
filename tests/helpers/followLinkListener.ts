/** Records the follow links a test client's socket is told (shared/followLinkMessage.ts, issue 25). */
import { FOLLOW_LINK_MESSAGE, readFollowLink } from '../../shared/followLinkMessage.js';
import type { TestClient } from './connectClient.js';

/** Every follow link the client's socket was told, in order (the array fills as messages arrive). */
export function listenForFollowLinks(c: TestClient): string[] {
  const heard: string[] = [];
  c.provider.messageHandlers[FOLLOW_LINK_MESSAGE] = (_e, d) => {
    const link = readFollowLink(d);
    if (link) heard.push(link);
  };
  return heard;
}
