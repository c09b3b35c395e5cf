/**
 * The people routes (issue 24) from a page: the secretary's board (their link's token) or the admin page
 * (the admin token), and a person's own link (`people/me`). Errors carry the server's sentence.
 */
export interface PersonRow {
  id: string;
  name: string;
  organisation: string;
  email: string;
  link: string;
  where: '' | 'room' | 'remote';
  mail: { state: '' | 'sent' | 'refused'; at: string; error: string };
  connected: boolean;
}

export interface ImportAnswer {
  added: number;
  updated: number;
  unchanged: number;
  missing: number;
  duplicates: { at: number; name: string; organisation: string; email: string; sameAs: number; by: string }[];
  skipped: { at: number; why: string }[];
  people: PersonRow[];
}

export interface AttendanceAnswer {
  sessions: { id: string; label: string; date: string; start: string; end: string; room: number; remote: number }[];
  entries: { personId: string; sessionId: string; firstSeen: string; lastSeen: string; where: 'room' | 'remote'; marked: boolean }[];
}

export interface MailStatus {
  configured: boolean;
  running: boolean;
  total: number;
  sent: number;
  refused: number;
  pending: number;
}

export class PeopleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Calls `/api/meetings/:id/PATH` with the token; JSON in and out (or a Blob for downloads). */
export class PeopleApi {
  constructor(
    readonly meetingId: string,
    private readonly token: string,
  ) {}

  private async call(path: string, init: { method?: string; body?: BodyInit; type?: string; fileName?: string } = {}): Promise<Response> {
    const res = await fetch(`/api/meetings/${encodeURIComponent(this.meetingId)}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(init.type ? { 'content-type': init.type } : {}),
        ...(init.fileName ? { 'x-file-name': init.fileName.replace(/[^\x20-\x7e]/g, '_') } : {}),
      },
      body: init.body,
    });
    if (!res.ok) {
      let message = `the server answered ${res.status}`;
      try {
        const j = (await res.json()) as { error?: unknown };
        if (typeof j.error === 'string') message = j.error;
      } catch {
        // Not JSON: the status says it.
      }
      throw new PeopleError(res.status, message);
    }
    return res;
  }

  async list(): Promise<PersonRow[]> {
    return (await this.call('/people')).json() as Promise<PersonRow[]>;
  }

  async importFile(file: File): Promise<ImportAnswer> {
    const type = file.type || (/\.json$/i.test(file.name) ? 'application/json' : /\.xlsx$/i.test(file.name) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
    return (await this.call('/people', { body: file, type, fileName: file.name })).json() as Promise<ImportAnswer>;
  }

  async rotate(personId: string): Promise<string> {
    return ((await (await this.call(`/people/${personId}/rotate`, { method: 'POST' })).json()) as { link: string }).link;
  }

  async setWhere(personId: string, where: PersonRow['where']): Promise<void> {
    await this.call(`/people/${personId}`, { method: 'PATCH', body: JSON.stringify({ where }), type: 'application/json' });
  }

  async attendance(): Promise<AttendanceAnswer> {
    return (await this.call('/attendance')).json() as Promise<AttendanceAnswer>;
  }

  async mark(personId: string, sessionId: string, where: 'room' | 'remote' | null): Promise<AttendanceAnswer> {
    return (await this.call('/attendance', { body: JSON.stringify({ personId, sessionId, where }), type: 'application/json' })).json() as Promise<AttendanceAnswer>;
  }

  async mailStatus(): Promise<MailStatus> {
    return (await this.call('/people/mail')).json() as Promise<MailStatus>;
  }

  async sendMail(): Promise<MailStatus> {
    return (await this.call('/people/mail', { body: '{}', type: 'application/json' })).json() as Promise<MailStatus>;
  }

  /** Downloads a file the routes make (links CSV, attendance CSV or .xlsx) as the browser's download. */
  async download(path: string, fileName: string): Promise<void> {
    const blob = await (await this.call(path)).blob();
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export interface SelfPerson {
  id: string;
  name: string;
  organisation: string;
  where: PersonRow['where'];
}

const selves = new Map<string, Promise<SelfPerson | null>>();

/** The person a person's own link names, or null for any other link (issue 24); asked once per page and token. */
export function fetchSelf(meetingId: string, token: string): Promise<SelfPerson | null> {
  const key = `${meetingId}\u0000${token}`;
  let p = selves.get(key);
  if (!p) {
    p = fetch(`/api/meetings/${encodeURIComponent(meetingId)}/people/me`, { headers: { authorization: `Bearer ${token}` } })
      .then(async (res) => (res.status === 200 ? ((await res.json()) as SelfPerson) : null))
      .catch(() => {
        selves.delete(key);
        return null;
      });
    selves.set(key, p);
  }
  return p;
}

/** Tells the server where this person is (the phone's one question). */
export async function sendWhere(meetingId: string, token: string, where: 'room' | 'remote'): Promise<void> {
  const res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/people/me`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ where }),
  });
  if (!res.ok) throw new PeopleError(res.status, `the server answered ${res.status}`);
}
