/**
 * Meetings and their access tokens, in the same SQLite file as the documents (tables in
 * persistence/openDatabase.ts). Checking a token returns the role or why it was refused, so the socket
 * can be closed with a reason a person can read.
 */
import type { Db } from '../persistence/openDatabase.js';
import { ROLES, type Role } from '../access/roles.js';
import { hashToken, newToken, sameHash, sealToken, unsealToken } from '../access/tokens.js';

export interface MeetingInfo {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  createdAt: string;
  /** The body's short name from the document's meta ('3GPP', 'oneM2M'), '' when unknown. */
  body: string;
  venue: string;
  /** Contributions in the document, as of the last time the record was brought in step. */
  tdocCount: number;
  /** ISO time of the last stored change the record knows of (the creation time at first). */
  updatedAt: string;
  archived: boolean;
}

/** What the record keeps in step with the document (MeetingService.syncMeta). */
export type MeetingSummary = Pick<MeetingInfo, 'title' | 'startDate' | 'endDate' | 'body' | 'venue' | 'tdocCount'>;

/** A registered person a token names (issue 24: server/people/). */
export interface TokenPerson {
  id: string;
  name: string;
  organisation: string;
}

/**
 * A person's link is a delegate link that names its holder: `person` is set. `replaced`: a person's link
 * that was rotated (or whose person was removed). 'unavailable': with several processes, this one cannot
 * vouch for its copy of the catalog just now (cluster/CatalogLease.ts): answer "try again" (HTTP 503,
 * sync 1013), never "wrong".
 */
export type TokenCheck =
  | { ok: true; role: Role; person?: TokenPerson }
  | { ok: false; why: 'unknown-meeting' | 'missing' | 'wrong' | 'revoked' | 'replaced' | 'unavailable' };

/** Finds the person whose link's token has this hash in a meeting (server/people/PeopleRegistry.lookupHash). */
export type PersonLookup = (meetingId: string, hash: Buffer) => TokenPerson | 'replaced' | undefined;

export type RoleTokens = Record<Role, string>;

export class MeetingCatalog {
  private readonly q;
  private personLookup: PersonLookup | undefined;

  constructor(
    private readonly db: Db,
    private readonly sealingKey: Uint8Array,
  ) {
    this.q = {
      insertMeeting: db.prepare(
        'INSERT INTO meetings (id, title, start_date, end_date, created_at, body, venue, tdoc_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      getMeeting: db.prepare<[string], MeetingRow>('SELECT * FROM meetings WHERE id = ?'),
      listMeetings: db.prepare<[], MeetingRow>('SELECT * FROM meetings ORDER BY start_date, created_at, id'),
      countMeetings: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM meetings'),
      updateMeta: db.prepare('UPDATE meetings SET title = ?, start_date = ?, end_date = ?, body = ?, venue = ?, tdoc_count = ? WHERE id = ?'),
      touch: db.prepare('UPDATE meetings SET updated_at = ? WHERE id = ? AND (updated_at IS NULL OR updated_at < ?)'),
      setArchived: db.prepare('UPDATE meetings SET archived = ? WHERE id = ?'),
      deleteMeeting: db.prepare('DELETE FROM meetings WHERE id = ?'),
      deleteTokens: db.prepare('DELETE FROM tokens WHERE meeting_id = ?'),
      deleteRetired: db.prepare('DELETE FROM retired_tokens WHERE meeting_id = ?'),
      tokensOf: db.prepare<[string], { role: string; hash: Buffer; sealed: Buffer }>('SELECT role, hash, sealed FROM tokens WHERE meeting_id = ?'),
      upsertToken: db.prepare(
        `INSERT INTO tokens (meeting_id, role, hash, sealed, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (meeting_id, role) DO UPDATE SET hash = excluded.hash, sealed = excluded.sealed, created_at = excluded.created_at`,
      ),
      retire: db.prepare('INSERT OR IGNORE INTO retired_tokens (hash, meeting_id, retired_at) VALUES (?, ?, ?)'),
      isRetired: db.prepare<[Buffer], { meeting_id: string }>('SELECT meeting_id FROM retired_tokens WHERE hash = ?'),
    };
  }

  /** Registers a new meeting and returns its fresh tokens (the only time they leave in clear, with links). */
  create(info: { id: string } & Pick<MeetingInfo, 'title' | 'startDate' | 'endDate'> & Partial<MeetingSummary>): RoleTokens {
    let tokens!: RoleTokens;
    this.db.transaction(() => {
      const now = new Date().toISOString();
      this.q.insertMeeting.run(info.id, info.title, info.startDate, info.endDate, now, info.body ?? '', info.venue ?? '', info.tdocCount ?? 0, now);
      tokens = this.writeTokens(info.id, ROLES);
    })();
    return tokens;
  }

  /** A meeting's record, if it exists. */
  get(id: string): MeetingInfo | undefined {
    const r = this.q.getMeeting.get(id);
    return r && toInfo(r);
  }

  /** Every meeting, by start date. */
  list(): MeetingInfo[] {
    return this.q.listMeetings.all().map(toInfo);
  }

  /** Marks a meeting archived (or not); false for an unknown meeting. */
  setArchived(id: string, archived: boolean): boolean {
    return this.q.setArchived.run(archived ? 1 : 0, id).changes > 0;
  }

  /** Records a stored change at `at` (ISO); an earlier time than the one known is ignored. */
  touch(id: string, at: string): void {
    this.q.touch.run(at, id, at);
  }

  /**
   * Forgets a meeting: its record, its tokens and its retired tokens, in one transaction. From then on
   * every token of it answers as for an unknown meeting. False when there was no such meeting.
   */
  remove(id: string): boolean {
    let removed = false;
    this.db.transaction(() => {
      this.q.deleteTokens.run(id);
      this.q.deleteRetired.run(id);
      removed = this.q.deleteMeeting.run(id).changes > 0;
    })();
    return removed;
  }

  /** Number of meetings (0 on a fresh data folder). */
  count(): number {
    return this.q.countMeetings.get()!.n;
  }

  /** Keeps the listing's title and dates in step with the document. */
  updateMeta(id: string, meta: MeetingSummary): void {
    this.q.updateMeta.run(meta.title, meta.startDate, meta.endDate, meta.body, meta.venue, meta.tdocCount, id);
  }

  /** Lets token checks find people's own links (main.ts wires server/people/PeopleRegistry). */
  setPersonLookup(lookup: PersonLookup): void {
    this.personLookup = lookup;
  }

  /**
   * Resolves once every change made so far is in force wherever tokens are checked: at once here (one
   * process, one database); with several processes (cluster/PgCatalog.ts) once every live process has
   * applied it, so a rotated token is refused everywhere before the rotation is answered.
   */
  async settled(): Promise<void> {}

  /** Which role a token opens in a meeting (and whose link it is), or why it opens nothing. */
  check(meetingId: string, token: string | null | undefined): TokenCheck {
    if (!this.q.getMeeting.get(meetingId)) return { ok: false, why: 'unknown-meeting' };
    if (!token) return { ok: false, why: 'missing' };
    const hash = hashToken(token);
    let role: Role | undefined;
    // Compare against every role without stopping early, so timing says nothing about which matched.
    for (const r of this.q.tokensOf.all(meetingId)) {
      if (sameHash(hash, r.hash)) role = r.role as Role;
    }
    if (role) return { ok: true, role };
    // A person's own link: one index lookup of the hash (issue 24).
    const person = this.personLookup?.(meetingId, hash);
    if (person === 'replaced') return { ok: false, why: 'replaced' };
    if (person) return { ok: true, role: 'delegate', person };
    return { ok: false, why: this.q.isRetired.get(hash)?.meeting_id === meetingId ? 'revoked' : 'wrong' };
  }

  /** The current tokens of a meeting in clear (for `plenary links`); undefined for an unknown meeting. */
  tokens(meetingId: string): RoleTokens | undefined {
    const rows = this.q.tokensOf.all(meetingId);
    if (!rows.length) return undefined;
    return Object.fromEntries(rows.map((r) => [r.role, unsealToken(this.sealingKey, r.sealed)])) as RoleTokens;
  }

  /**
   * Replaces the tokens of `roles` (every role by default); the old ones are remembered as revoked.
   * Returns every role's current token, the unchanged ones too.
   */
  rotate(meetingId: string, roles: readonly Role[] = ROLES): RoleTokens {
    this.db.transaction(() => {
      const now = new Date().toISOString();
      for (const r of this.q.tokensOf.all(meetingId)) if (roles.includes(r.role as Role)) this.q.retire.run(r.hash, meetingId, now);
      this.writeTokens(meetingId, roles);
    })();
    return this.tokens(meetingId)!;
  }

  private writeTokens(meetingId: string, roles: readonly Role[]): RoleTokens {
    const now = new Date().toISOString();
    const tokens = {} as RoleTokens;
    for (const role of roles) {
      const t = newToken();
      tokens[role] = t;
      this.q.upsertToken.run(meetingId, role, hashToken(t), sealToken(this.sealingKey, t), now);
    }
    return tokens;
  }
}

interface MeetingRow {
  id: string;
  title: string;
  start_date: string;
  end_date: string;
  created_at: string;
  body: string;
  venue: string;
  tdoc_count: number;
  updated_at: string | null;
  archived: number;
}

function toInfo(r: MeetingRow): MeetingInfo {
  return {
    id: r.id,
    title: r.title,
    startDate: r.start_date,
    endDate: r.end_date,
    createdAt: r.created_at,
    body: r.body,
    venue: r.venue,
    tdocCount: r.tdoc_count,
    updatedAt: r.updated_at ?? r.created_at,
    archived: r.archived !== 0,
  };
}
