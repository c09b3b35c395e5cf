/**
 * Which meeting, role and view a page is, read from its path (/m/:id/ROLE-VIEW), and the link's token moved
 * out of the address bar into session storage so it never shows on a projected screen or a screenshot.
 */
export type Role = 'chair' | 'secretary' | 'delegate' | 'screen';
export type View = 'board' | 'follow' | 'room';

export interface Route {
  meetingId: string;
  role: Role;
  view: View;
}

const PATH = /^\/m\/([^/]+)\/(chair|secretary|delegate|screen)-(board|follow|room)\/?$/;

/** The route of a path, or null for a path that is not a meeting view. */
export function parseRoute(pathname: string): Route | null {
  const m = PATH.exec(pathname);
  if (!m) return null;
  let meetingId: string;
  try {
    meetingId = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  return { meetingId, role: m[2] as Role, view: m[3] as View };
}

/** True for the roles that may change the document. */
export function canEdit(role: Role): boolean {
  return role === 'chair' || role === 'secretary';
}

/** Query parameters that are secrets or per-link settings, kept per tab and removed from the address. */
const PRIVATE_PARAMS = ['token', 'follow'] as const;
export type LinkParams = Partial<Record<(typeof PRIVATE_PARAMS)[number], string>>;

interface LocationLike {
  pathname: string;
  search: string;
  hash: string;
}

/**
 * Reads token (and the screen's `follow` link) from the query, stores them in `storage` under the meeting's
 * key, and returns the address without them (for history.replaceState). Falls back to what the tab stored
 * before, so a reload keeps working.
 */
export function takeLinkParams(
  route: Route,
  loc: LocationLike,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
): { params: LinkParams; cleanUrl: string | null } {
  const query = new URLSearchParams(loc.search);
  const params: LinkParams = {};
  let changed = false;
  for (const name of PRIVATE_PARAMS) {
    const key = `plenary:${route.meetingId}:${route.role}:${name}`;
    const fromQuery = query.get(name);
    if (fromQuery !== null) {
      query.delete(name);
      changed = true;
      safeSet(storage, key, fromQuery);
      params[name] = fromQuery;
    } else {
      const stored = safeGet(storage, key);
      if (stored !== null) params[name] = stored;
    }
  }
  const rest = query.toString();
  const cleanUrl = changed ? `${loc.pathname}${rest ? `?${rest}` : ''}${loc.hash}` : null;
  return { params, cleanUrl };
}

function safeGet(storage: Pick<Storage, 'getItem'>, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function safeSet(storage: Pick<Storage, 'setItem'>, key: string, value: string): void {
  try {
    storage.setItem(key, value);
  } catch {
    // Storage disabled (private mode): the token then lives only in this page's memory.
  }
}
