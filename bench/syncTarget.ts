/**
 * Where the load generator connects: the y-websocket URL convention `serverUrl/room?params`, which both
 * Plenary (`/sync/:id?token=T`) and the reference server (`/room`) follow.
 */

export interface SyncTarget {
  /** Which server this is, for the report. */
  label: string;
  /** WebsocketProvider's serverUrl: `ws://127.0.0.1:PORT/sync` for Plenary, `ws://127.0.0.1:PORT` for the reference. */
  serverUrl: string;
  room: string;
  /** Query parameters of the writing editor (Plenary: a chair token). */
  editorParams: Record<string, string>;
  /** Query parameters of followers and late joiners (Plenary: a delegate token). */
  followerParams: Record<string, string>;
  /** True when the room starts empty and the editor must first write the meeting into it (reference server). */
  seedFromEditor: boolean;
}

/** The socket URL a WebsocketProvider would open for these parameters. */
export function syncUrl(target: SyncTarget, params: Record<string, string>): string {
  const q = new URLSearchParams(params).toString();
  return `${target.serverUrl}/${target.room}${q ? `?${q}` : ''}`;
}
