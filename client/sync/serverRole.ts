/**
 * What the server says a link's token may do. The page takes its role from here, never from the address:
 * a delegate's token opened on the chair's address gets the delegates' view, not an editable board whose
 * edits the server would drop.
 *
 * The answer is remembered in localStorage under a hash of the token (never the token itself), so a later
 * visit without a network (a phone reopening the delegates' link offline, a board reloaded offline) opens
 * the last known meeting with the role the server gave before.
 */
import { CloseReason } from '../../shared/closeReasons.js';
import type { Role, View } from '../route.js';

export interface RoleAnswer {
  role: Role;
  meetingId: string;
  title: string;
}

export type RoleResult =
  | { state: 'ok'; answer: RoleAnswer; cached: boolean }
  | { state: 'refused'; message: string }
  | { state: 'unreachable'; message: string };

const ROLES: readonly Role[] = ['chair', 'secretary', 'delegate', 'screen'];

/** The view a role's own link opens. */
export const OWN_VIEW: Record<Role, View> = { chair: 'board', secretary: 'board', delegate: 'follow', screen: 'room' };

/**
 * The view to show for the address's view and the server's role: the board only for the roles that may
 * edit; any other address opened with a read-only token shows that token's own view.
 */
export function viewFor(asked: View, role: Role): View {
  if (asked === 'board' && role !== 'chair' && role !== 'secretary') return OWN_VIEW[role];
  if (asked === 'room' && role === 'delegate') return 'follow';
  return asked;
}

/** FNV-1a (64 bits, as two 32-bit halves) of the token: a storage key that does not give the token away. */
export function tokenHash(token: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193 ^ (i & 0xff)) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

function cacheKey(meetingId: string, token: string): string {
  // Keyed by the token's hash, so a rotated link asks again.
  return `plenary:${meetingId}:role-of:${tokenHash(token)}`;
}

type RoleStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function defaultStorage(): RoleStorage | null {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // Storage blocked: fall through.
  }
  return typeof sessionStorage === 'undefined' ? null : sessionStorage;
}

function parseAnswer(v: unknown, meetingId: string): RoleAnswer | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o.role !== 'string' || !ROLES.includes(o.role as Role)) return null;
  return { role: o.role as Role, meetingId: typeof o.meetingId === 'string' ? o.meetingId : meetingId, title: typeof o.title === 'string' ? o.title : '' };
}

/** Asks `GET /api/meetings/:id/role` with the link's token. */
export async function fetchRole(
  meetingId: string,
  token: string,
  storage: RoleStorage | null = defaultStorage(),
  fetchFn: typeof fetch = fetch,
): Promise<RoleResult> {
  let res: Response;
  try {
    res = await fetchFn(`/api/meetings/${encodeURIComponent(meetingId)}/role`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    const cached = readCache(storage, meetingId, token);
    if (cached) return { state: 'ok', answer: cached, cached: true };
    return { state: 'unreachable', message: 'The server cannot be reached. Check the network and reload.' };
  }
  if (res.ok) {
    const answer = parseAnswer(await res.json().catch(() => null), meetingId);
    if (!answer) return { state: 'unreachable', message: 'The server gave an answer this page does not understand. Reload the page.' };
    try {
      storage?.setItem(cacheKey(meetingId, token), JSON.stringify(answer));
    } catch {
      // Storage disabled: the role is asked again on the next load.
    }
    return { state: 'ok', answer, cached: false };
  }
  // Refused: the answer remembered for this link goes (and the page forgets the rest, forgetMeeting.ts).
  if (res.status === 401 || res.status === 403 || res.status === 404) forgetRole(meetingId, token, storage);
  if (res.status === 401 || res.status === 403) return { state: 'refused', message: sentence(CloseReason.Revoked) };
  if (res.status === 404) return { state: 'refused', message: sentence(CloseReason.UnknownMeeting) };
  const cached = readCache(storage, meetingId, token);
  if (cached) return { state: 'ok', answer: cached, cached: true };
  return { state: 'unreachable', message: `The server answered ${res.status}. Reload the page in a moment.` };
}

/** The role the server gave this link before (remembered), or null: what an offline page opens with. */
export function cachedRole(meetingId: string, token: string, storage: Pick<Storage, 'getItem'> | null = defaultStorage()): RoleAnswer | null {
  return readCache(storage, meetingId, token);
}

/** Forgets the role remembered for this link (it was refused). */
export function forgetRole(meetingId: string, token: string, storage: Pick<Storage, 'removeItem'> | null = defaultStorage()): void {
  try {
    storage?.removeItem(cacheKey(meetingId, token));
  } catch {
    // Nothing to forget.
  }
}

function readCache(storage: Pick<Storage, 'getItem'> | null, meetingId: string, token: string): RoleAnswer | null {
  try {
    const raw = storage?.getItem(cacheKey(meetingId, token));
    return raw ? parseAnswer(JSON.parse(raw), meetingId) : null;
  } catch {
    return null;
  }
}

function sentence(s: string): string {
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}
