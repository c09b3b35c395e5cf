/**
 * What this browser keeps of a meeting, and forgetting it when the link stops opening it (issue 23).
 *
 * Who keeps what (the one statement; README.md and server/README.md say the same):
 * - Every role's page keeps the meeting in IndexedDB (y-indexeddb) so a second visit, or a visit without a
 *   network, starts from it. The copy is keyed by meeting, role (the server's answer for the link, never
 *   the address) and link (a hash of its token): `plenary-meeting-MEETING-ROLE-HASH`. An editor's copy
 *   also holds its edits not yet sent; a delegate's or a screen's only what the server sent (their views
 *   write nothing). An editor's session opens only its own copy, so nothing a page of another role wrote
 *   (on a shared browser) is ever uploaded with the editor's token. The copy keyed by meeting alone that
 *   earlier versions kept is deleted unread.
 * - localStorage: the role the server gave the link (`plenary:MEETING:role-of:HASH`, for an offline
 *   visit), that the copy exists (`plenary:local-copy:DBNAME`), the live glance a phone paints first
 *   (`plenary:MEETING:glance`, glanceCache.ts).
 * - sessionStorage (this tab only): the link's token (`plenary:MEETING:ROLE:token`) and the screen's
 *   follow link (`:follow`), taken out of the address bar.
 * When the server refuses the link (sync 4401 or 4404, HTTP 401 or 404: rotated, or the meeting deleted),
 * all of it is removed for that link, so the revoked link opened again offline shows nothing of the
 * meeting. A browser that never reached the server after the rotation still holds its copy until it does.
 */
import type { Role } from '../route.js';
import { forgetGlance } from './glanceCache.js';
import { forgetRole, tokenHash } from './serverRole.js';

const ROLES: readonly Role[] = ['chair', 'secretary', 'delegate', 'screen'];

/** The IndexedDB name of a link's copy of a meeting. */
export function localCopyName(meetingId: string, role: Role, token: string): string {
  return `plenary-meeting-${meetingId}-${role}-${tokenHash(token)}`;
}

/** The copy earlier versions kept per meeting only (deleted, never read). */
export function legacyCopyName(meetingId: string): string {
  return `plenary-meeting-${meetingId}`;
}

/** Deletes an IndexedDB database (quietly nothing without IndexedDB). */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    try {
      if (typeof indexedDB === 'undefined') return resolve();
      const r = indexedDB.deleteDatabase(name);
      r.onsuccess = r.onerror = r.onblocked = () => resolve();
    } catch {
      resolve();
    }
  });
}

function storages(): { local: Storage | null; session: Storage | null } {
  const get = (f: () => Storage) => {
    try {
      return f();
    } catch {
      return null;
    }
  };
  return { local: typeof localStorage === 'undefined' ? null : get(() => localStorage), session: typeof sessionStorage === 'undefined' ? null : get(() => sessionStorage) };
}

/** Removes the copy earlier versions kept per meeting only, and its flag. */
export function dropLegacyCopy(meetingId: string): Promise<void> {
  try {
    storages().local?.removeItem(`plenary:${meetingId}:local-copy`);
  } catch {
    // Storage disabled.
  }
  return deleteDatabase(legacyCopyName(meetingId));
}

/**
 * Forgets everything this browser keeps of a meeting for one link (see the module comment): its copies
 * under every role (and their flags), the remembered role, the token and follow link this tab keeps,
 * the glance, and the legacy copy. Resolves once the databases are deleted (or the deletion was blocked
 * by another tab, which deletes them when it closes).
 */
export async function forgetMeeting(meetingId: string, token: string): Promise<void> {
  const { local, session } = storages();
  forgetRole(meetingId, token, local);
  forgetGlance(meetingId, local);
  for (const role of ROLES) {
    try {
      local?.removeItem(`plenary:local-copy:${localCopyName(meetingId, role, token)}`);
      const key = `plenary:${meetingId}:${role}:token`;
      if (session?.getItem(key) === token) {
        session.removeItem(key);
        session.removeItem(`plenary:${meetingId}:${role}:follow`);
      }
    } catch {
      // Storage disabled: nothing kept there.
    }
  }
  await Promise.all([...ROLES.map((r) => deleteDatabase(localCopyName(meetingId, r, token))), dropLegacyCopy(meetingId)]);
}

