/**
 * The admin API as the admin page uses it (CONTRACT.md §3): every call carries the admin token as a
 * bearer, and every failure becomes an AdminError with the server's own sentence.
 */
import * as Y from 'yjs';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import type { Role } from '../route.js';
import { fileHeaders } from '../model/fileUpload.js';

export const ROLES: readonly Role[] = ['chair', 'secretary', 'delegate', 'screen'];

export interface AdminMeeting {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  body?: string;
  venue?: string;
  tdocCount?: number;
  updatedAt?: string;
  connected?: Partial<Record<Role, number>>;
  archived?: boolean;
}

export interface MeetingLinks {
  links: Record<Role, string>;
  /** Where the meeting has rooms: each room's screen link (the main room's is links.screen), and its name. */
  roomScreens?: Record<string, string>;
  roomNames?: Record<string, string>;
  tokens: Record<Role, string>;
}

/** What a file brought in (`POST /api/meetings` answers it): per agenda item, its Tdocs. */
export interface CreatedSummary {
  tdocs: number;
  agendaItems: number;
  sessions: number;
  unallocated: number;
  timezone: string;
  items: { label: string; title: string; depth: number; tdocs: number; tdocsWithin: number }[];
}

export interface CreatedMeeting extends MeetingLinks {
  id: string;
  warnings?: string[];
  summary?: CreatedSummary;
}

/** An answer other than the one asked for: `status` 0 when the server could not be reached. */
export class AdminError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const STORAGE_KEY = 'plenary:admin:token';

/** The admin token this tab was given (sessionStorage, like the role tokens; never in the address). */
export function storedAdminToken(storage: Pick<Storage, 'getItem'> = sessionStorage): string {
  try {
    return storage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeAdminToken(token: string, storage: Pick<Storage, 'setItem' | 'removeItem'> = sessionStorage): void {
  try {
    if (token) storage.setItem(STORAGE_KEY, token);
    else storage.removeItem(STORAGE_KEY);
  } catch {
    // Storage disabled: the token lives in this page's memory only.
  }
}

/** The smallest valid meeting JSON: a title and the dates, the default status words, nothing else. */
export function emptyMeetingJson(title: string, startDate: string, endDate: string): unknown {
  const doc = new Y.Doc();
  setMeta(doc, { title, startDate, endDate });
  const json = readMeeting(doc);
  doc.destroy();
  return json;
}

/** Reads the server's `{error}` sentence from a failed answer. */
export async function errorOf(res: Response): Promise<AdminError> {
  let message = `the server answered ${res.status}`;
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string') message = body.error;
  } catch {
    // Not JSON: keep the status.
  }
  return new AdminError(message, res.status);
}

/** The admin API with one token. */
export class AdminApi {
  constructor(readonly token: string) {}

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(path, { ...init, cache: 'no-store', headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.token}` } });
    } catch {
      throw new AdminError('the server cannot be reached', 0);
    }
    if (!res.ok) throw await errorOf(res);
    return res;
  }

  private json<T>(path: string, init?: RequestInit): Promise<T> {
    return this.call(path, init).then((r) => r.json() as Promise<T>);
  }

  list(): Promise<AdminMeeting[]> {
    return this.json('/api/meetings');
  }

  links(id: string): Promise<MeetingLinks> {
    return this.json(`/api/meetings/${encodeURIComponent(id)}/links`);
  }

  createFromFile(file: File): Promise<CreatedMeeting> {
    return this.json('/api/meetings', { method: 'POST', headers: fileHeaders(file), body: file });
  }

  createEmpty(title: string, startDate: string, endDate: string): Promise<CreatedMeeting> {
    return this.json('/api/meetings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(emptyMeetingJson(title, startDate, endDate)),
    });
  }

  rotate(id: string, roles?: Role[]): Promise<unknown> {
    return this.json(`/api/meetings/${encodeURIComponent(id)}/tokens/rotate`, {
      method: 'POST',
      ...(roles ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roles }) } : {}),
    });
  }

  archive(id: string, archived: boolean): Promise<unknown> {
    return this.json(`/api/meetings/${encodeURIComponent(id)}/archive`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ archived }),
    });
  }

  async remove(id: string): Promise<void> {
    await this.call(`/api/meetings/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }
}
