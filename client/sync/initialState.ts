/**
 * The meeting's first state over HTTP, before the socket: `GET /api/meetings/:id/state` answers the whole
 * document as one compressed Yjs v2 update (~40 KB for 2,000 Tdocs instead of the ~725 KB a socket's sync
 * step 2 carries), cacheable with an ETag. Once it is applied, the socket's sync step 1 names what the page
 * holds and the server sends only the rest.
 *
 * A page that kept the meeting in IndexedDB skips it (the socket then brings only what changed since). Which
 * meetings have a local copy is remembered in localStorage, read synchronously so a first visit starts the
 * request at once instead of after opening the database.
 */
import * as Y from 'yjs';

/** Origin of the transaction that applies the HTTP state (not a local edit). */
export const HTTP_STATE_ORIGIN = Symbol('plenary-http-state');

/** How long the state request may take before the page gives up on it and lets the socket sync everything. */
export const STATE_FETCH_TIMEOUT_MS = 30_000;

/** The flag of a copy: its IndexedDB name (meeting, role and link: forgetMeeting.ts localCopyName). */
const localKey = (dbName: string) => `plenary:local-copy:${dbName}`;

/** True when this browser kept this copy in IndexedDB before (per localStorage). */
export function hasLocalCopy(dbName: string): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(localKey(dbName)) === '1';
  } catch {
    return false;
  }
}

/** Remembers (or forgets) that IndexedDB holds this copy. */
export function markLocalCopy(dbName: string, present: boolean): void {
  try {
    if (typeof localStorage === 'undefined') return;
    if (present) localStorage.setItem(localKey(dbName), '1');
    else localStorage.removeItem(localKey(dbName));
  } catch {
    // Storage disabled: every visit then starts with the HTTP state, which is still correct.
  }
}

/**
 * Fetches the state: the v2 update's bytes, 'refused' when the server refused the link (401, 404: the page
 * forgets the meeting), or null when the answer was not a state, or the network failed or was too slow.
 */
export async function fetchStateOverHttp(httpBase: string, meetingId: string, token: string, timeoutMs = STATE_FETCH_TIMEOUT_MS): Promise<Uint8Array | 'refused' | null> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const res = await fetch(`${httpBase}/api/meetings/${encodeURIComponent(meetingId)}/state`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    if (res.status === 401 || res.status === 404) return 'refused';
    if (!res.ok || res.headers.get('x-plenary-state') !== 'yjs-update-v2') return null;
    return new Uint8Array(await res.arrayBuffer());
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Applies a fetched state; false when it could not be (a destroyed doc or a corrupt body). */
export function applyHttpState(doc: Y.Doc, update: Uint8Array): boolean {
  if (doc.isDestroyed) return false;
  try {
    Y.applyUpdateV2(doc, update, HTTP_STATE_ORIGIN);
    return true;
  } catch {
    return false;
  }
}
