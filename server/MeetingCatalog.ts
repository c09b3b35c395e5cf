/**
 * Meetings and their access tokens, in the same SQLite file as the documents (tables in
 * persistence/openDatabase.ts). Checking a token returns the role or why it was refused, so the socket
 * can be closed with a reason a person can read.
 */
import type { Db } from './persistence/openDatabase.js';
import { ROLES, type Role } from './roles.js';
import { hashToken, newToken, sameHash, sealToken, unsealToken } from './tokens.js';

export interface MeetingInfo {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  createdAt: string;
}

export type TokenCheck =
  | { ok: true; role: Role }
  | { ok: false; why: 'unknown-meeting' | 'missing' | 'wrong' | 'revoked' };

export type RoleTokens = Record<Role, string>;

export class MeetingCatalog {
  private readonly q;

  constructor(
    private readonly db: Db,
    private readonly sealingKey: Uint8Array,
  ) {
    this.q = {
      insertMeeting: db.prepare('INSERT INTO meetings (id, title, start_date, end_date, created_at) VALUES (?, ?, ?, ?, ?)'),
      getMeeting: db.prepare<[string], { id: string; title: string; start_date: string; end_date: string; created_at: string }>(
        'SELECT * FROM meetings WHERE id = ?',
      ),
      listMeetings: db.prepare<[], { id: string; title: string; start_date: string; end_date: string; created_at: string }>(
        'SELECT * FROM meetings ORDER BY start_date, created_at, id',
      ),
      countMeetings: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM meetings'),
      updateMeta: db.prepare('UPDATE meetings SET title = ?, start_date = ?, end_date = ? WHERE id = ?'),
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
  create(info: Omit<MeetingInfo, 'createdAt'>): RoleTokens {
    let tokens!: RoleTokens;
    this.db.transaction(() => {
      this.q.insertMeeting.run(info.id, info.title, info.startDate, info.endDate, new Date().toISOString());
      tokens = this.writeTokens(info.id);
    })();
    return tokens;
  }

  /** A meeting's record, if it exists. */
  get(id: string): MeetingInfo | undefined {
    const r = this.q.getMeeting.get(id);
    return r && { id: r.id, title: r.title, startDate: r.start_date, endDate: r.end_date, createdAt: r.created_at };
  }

  /** Every meeting, by start date. */
  list(): MeetingInfo[] {
    return this.q.listMeetings.all().map((r) => ({ id: r.id, title: r.title, startDate: r.start_date, endDate: r.end_date, createdAt: r.created_at }));
  }

  /** Number of meetings (0 on a fresh data folder). */
  count(): number {
    return this.q.countMeetings.get()!.n;
  }

  /** Keeps the listing's title and dates in step with the document. */
  updateMeta(id: string, meta: { title: string; startDate: string; endDate: string }): void {
    this.q.updateMeta.run(meta.title, meta.startDate, meta.endDate, id);
  }

  /** Which role a token opens in a meeting, or why it opens nothing. */
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
    return { ok: false, why: this.q.isRetired.get(hash)?.meeting_id === meetingId ? 'revoked' : 'wrong' };
  }

  /** The current tokens of a meeting in clear (for `plenary links`); undefined for an unknown meeting. */
  tokens(meetingId: string): RoleTokens | undefined {
    const rows = this.q.tokensOf.all(meetingId);
    if (!rows.length) return undefined;
    return Object.fromEntries(rows.map((r) => [r.role, unsealToken(this.sealingKey, r.sealed)])) as RoleTokens;
  }

  /** Replaces every role's token; the old ones are remembered as revoked. */
  rotate(meetingId: string): RoleTokens {
    let tokens!: RoleTokens;
    this.db.transaction(() => {
      const now = new Date().toISOString();
      for (const r of this.q.tokensOf.all(meetingId)) this.q.retire.run(r.hash, meetingId, now);
      tokens = this.writeTokens(meetingId);
    })();
    return tokens;
  }

  private writeTokens(meetingId: string): RoleTokens {
    const now = new Date().toISOString();
    const tokens = {} as RoleTokens;
    for (const role of ROLES) {
      const t = newToken();
      tokens[role] = t;
      this.q.upsertToken.run(meetingId, role, hashToken(t), sealToken(this.sealingKey, t), now);
    }
    return tokens;
  }
}
