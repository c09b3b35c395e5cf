/**
 * A meeting's registered delegates (issue 24), in the catalog's database (tables in
 * persistence/openDatabase.ts, migration 4): name, organisation, e-mail, where they take part, and their
 * own link's token, stored as a SHA-256 hash (checked on every request and socket by an index lookup)
 * and sealed (AES-256-GCM, as the role tokens: tokens.ts) so the secretary can be shown the same links
 * again. None of it is ever written into the meeting document.
 *
 * Synchronous, as MeetingCatalog: token checks run on every upgrade. With DATABASE_URL the database is
 * PgCatalog's in-memory mirror and cluster/PgPeople.ts writes each change through (`written`).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../persistence/openDatabase.js';
import { hashToken, newToken, sealToken, unsealToken } from '../access/tokens.js';
import { emailKey, personKey, type Place, type RegistrationRow } from '../../shared/formats/registrationList.js';

/** How a person's link was last sent by mail. */
export type MailState = '' | 'sent' | 'refused';

export interface Person {
  id: string;
  meetingId: string;
  name: string;
  organisation: string;
  email: string;
  place: Place;
  createdAt: string;
  updatedAt: string;
  mailState: MailState;
  /** ISO time of the last attempt ('' when never sent). */
  mailAt: string;
  /** Why the last attempt was refused. */
  mailError: string;
}

/** What a token check needs of a person. */
export interface PersonRef {
  id: string;
  name: string;
  organisation: string;
}

export interface MergeResult {
  added: Person[];
  updated: Person[];
  unchanged: Person[];
  /** People already registered whom this list does not name (kept: a list never deletes anyone). */
  missing: number;
}

interface PersonRow {
  meeting_id: string;
  id: string;
  name: string;
  organisation: string;
  email: string;
  email_key: string;
  name_key: string;
  place: string;
  hash: Buffer;
  sealed: Buffer;
  created_at: string;
  updated_at: string;
  mail_state: string;
  mail_at: string;
  mail_error: string;
}

/** Which rows of a meeting changed (undefined: all of them), and whose links were replaced. */
export interface PeopleChange {
  meetingId: string;
  ids?: string[];
  removed?: string[];
  rotated?: string[];
}

export class PeopleRegistry {
  private readonly q;

  constructor(
    protected readonly db: Db,
    private readonly sealingKey: Uint8Array,
  ) {
    this.q = {
      count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM people WHERE meeting_id = ?'),
      list: db.prepare<[string], PersonRow>('SELECT * FROM people WHERE meeting_id = ? ORDER BY name_key, id'),
      get: db.prepare<[string, string], PersonRow>('SELECT * FROM people WHERE meeting_id = ? AND id = ?'),
      byHash: db.prepare<[Buffer], PersonRow>('SELECT * FROM people WHERE hash = ?'),
      retiredByHash: db.prepare<[Buffer], { meeting_id: string; person_id: string }>('SELECT meeting_id, person_id FROM retired_person_tokens WHERE hash = ?'),
      byEmail: db.prepare<[string, string], PersonRow>('SELECT * FROM people WHERE meeting_id = ? AND email_key = ? ORDER BY created_at LIMIT 1'),
      byDomain: db.prepare<[string, string], { organisation: string; n: number }>(
        "SELECT organisation, count(*) AS n FROM people WHERE meeting_id = ? AND email_key LIKE ? ESCAPE '\\' AND organisation <> '' GROUP BY organisation ORDER BY n DESC, organisation",
      ),
      insert: db.prepare(
        `INSERT INTO people (meeting_id, id, name, organisation, email, email_key, name_key, place, hash, sealed, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare('UPDATE people SET name = ?, organisation = ?, email = ?, email_key = ?, name_key = ?, place = ?, updated_at = ? WHERE meeting_id = ? AND id = ?'),
      setToken: db.prepare('UPDATE people SET hash = ?, sealed = ?, updated_at = ? WHERE meeting_id = ? AND id = ?'),
      setPlace: db.prepare('UPDATE people SET place = ?, updated_at = ? WHERE meeting_id = ? AND id = ?'),
      setMail: db.prepare('UPDATE people SET mail_state = ?, mail_at = ?, mail_error = ? WHERE meeting_id = ? AND id = ?'),
      retire: db.prepare('INSERT OR IGNORE INTO retired_person_tokens (hash, meeting_id, person_id, retired_at) VALUES (?, ?, ?, ?)'),
      remove: db.prepare('DELETE FROM people WHERE meeting_id = ? AND id = ?'),
      removeMeeting: db.prepare('DELETE FROM people WHERE meeting_id = ?'),
      removeRetired: db.prepare('DELETE FROM retired_person_tokens WHERE meeting_id = ?'),
    };
  }

  /** Registered people of a meeting (0: the shared delegate link may still take part). */
  count(meetingId: string): number {
    return this.q.count.get(meetingId)!.n;
  }

  /** Every person of a meeting, by name. */
  list(meetingId: string): Person[] {
    return this.q.list.all(meetingId).map(toPerson);
  }

  get(meetingId: string, id: string): Person | undefined {
    const r = this.q.get.get(meetingId, id);
    return r && toPerson(r);
  }

  /**
   * The person whose link's token hashes to `hash` in a meeting; 'replaced' for a link of that meeting that
   * was rotated or whose person was removed; undefined for anything else. One index lookup.
   */
  lookupHash(meetingId: string, hash: Buffer): PersonRef | 'replaced' | undefined {
    const r = this.q.byHash.get(hash);
    if (r && r.meeting_id === meetingId) return { id: r.id, name: r.name, organisation: r.organisation };
    if (r) return undefined;
    return this.q.retiredByHash.get(hash)?.meeting_id === meetingId ? 'replaced' : undefined;
  }

  /** The person a token names in a meeting, if any (the token itself, not its hash). */
  byToken(meetingId: string, token: string): PersonRef | 'replaced' | undefined {
    return this.lookupHash(meetingId, hashToken(token));
  }

  /** A person's current token in clear (for their link). */
  token(meetingId: string, id: string): string | undefined {
    const r = this.q.get.get(meetingId, id);
    return r ? unsealToken(this.sealingKey, r.sealed) : undefined;
  }

  /** The tokens of every person of a meeting, by id (one unsealing each: for the links CSV and the badges). */
  tokens(meetingId: string): Map<string, string> {
    return new Map(this.q.list.all(meetingId).map((r) => [r.id, unsealToken(this.sealingKey, r.sealed)]));
  }

  /** The registered person with this e-mail address (any case), if any. */
  byEmail(meetingId: string, email: string): Person | undefined {
    const key = emailKey(email);
    const r = key ? this.q.byEmail.get(meetingId, key) : undefined;
    return r && toPerson(r);
  }

  /** Organisations whose registered people have addresses at `domain` (most people first). */
  organisationsOfDomain(meetingId: string, domain: string): string[] {
    const d = domain.trim().toLowerCase().replace(/^@/, '');
    if (!d || /[\s@%_\\]/.test(d)) return [];
    return this.q.byDomain.all(meetingId, `%@${d}`).map((r) => r.organisation);
  }

  /**
   * Merges a registration list: a row is the person with its e-mail address, else the person with its name
   * and organisation (one registered without an address gets the row's); their fields take the row's
   * (an empty e-mail or place in the row keeps the known one). Everyone else is new and gets a link. One
   * transaction; nobody is deleted.
   */
  merge(meetingId: string, rows: readonly RegistrationRow[], now = new Date().toISOString()): MergeResult {
    const out: MergeResult = { added: [], updated: [], unchanged: [], missing: 0 };
    const changed: string[] = [];
    this.db.transaction(() => {
      const known = this.q.list.all(meetingId);
      const byEmail = new Map(known.filter((p) => p.email_key).map((p) => [p.email_key, p]));
      const byName = new Map<string, PersonRow>();
      for (const p of known) if (!byName.has(p.name_key)) byName.set(p.name_key, p);
      const seen = new Set<string>();
      for (const row of rows) {
        const ek = emailKey(row.email);
        const nk = `${personKey(row.name)}\u001f${personKey(row.organisation)}`;
        let p = ek ? byEmail.get(ek) : undefined;
        if (!p) {
          const same = byName.get(nk);
          if (same && (!ek || !same.email_key) && !seen.has(same.id)) p = same;
        }
        if (!p) {
          const id = this.newPersonId(meetingId);
          const token = newToken();
          this.q.insert.run(meetingId, id, row.name, row.organisation, ek ? row.email : '', ek, nk, row.place, hashToken(token), sealToken(this.sealingKey, token), now, now);
          const added = toPerson(this.q.get.get(meetingId, id)!);
          out.added.push(added);
          changed.push(id);
          seen.add(id);
          if (ek) byEmail.set(ek, this.q.get.get(meetingId, id)!);
          continue;
        }
        seen.add(p.id);
        const next = { name: row.name, organisation: row.organisation, email: ek ? row.email : p.email, email_key: ek || p.email_key, place: row.place || p.place };
        if (next.name === p.name && next.organisation === p.organisation && next.email === p.email && next.place === p.place) {
          out.unchanged.push(toPerson(p));
          continue;
        }
        this.q.update.run(next.name, next.organisation, next.email, next.email_key, nk, next.place, now, meetingId, p.id);
        out.updated.push(toPerson(this.q.get.get(meetingId, p.id)!));
        changed.push(p.id);
      }
      out.missing = known.filter((p) => !seen.has(p.id)).length;
    })();
    if (changed.length) this.written({ meetingId, ids: changed });
    return out;
  }

  /** A new token for one person; the old one answers "replaced" from now on. Undefined for an unknown person. */
  rotate(meetingId: string, id: string): string | undefined {
    const r = this.q.get.get(meetingId, id);
    if (!r) return undefined;
    const token = newToken();
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.q.retire.run(r.hash, meetingId, id, now);
      this.q.setToken.run(hashToken(token), sealToken(this.sealingKey, token), now, meetingId, id);
    })();
    this.written({ meetingId, ids: [id], rotated: [id] });
    return token;
  }

  /** Sets where a person takes part; false for an unknown person. */
  setPlace(meetingId: string, id: string, place: Place): boolean {
    const ok = this.q.setPlace.run(place, new Date().toISOString(), meetingId, id).changes > 0;
    if (ok) this.written({ meetingId, ids: [id] });
    return ok;
  }

  /** Records how sending a person their link went. */
  setMail(meetingId: string, id: string, state: MailState, error = ''): void {
    if (this.q.setMail.run(state, new Date().toISOString(), error.slice(0, 300), meetingId, id).changes > 0) this.written({ meetingId, ids: [id] });
  }

  /** Removes a person; their link answers "replaced". False for an unknown person. */
  remove(meetingId: string, id: string): boolean {
    const r = this.q.get.get(meetingId, id);
    if (!r) return false;
    this.db.transaction(() => {
      this.q.retire.run(r.hash, meetingId, id, new Date().toISOString());
      this.q.remove.run(meetingId, id);
    })();
    this.written({ meetingId, removed: [id], rotated: [id] });
    return true;
  }

  /** Forgets a deleted meeting's people and retired links. */
  removeMeeting(meetingId: string): void {
    this.db.transaction(() => {
      this.q.removeMeeting.run(meetingId);
      this.q.removeRetired.run(meetingId);
    })();
    this.written({ meetingId });
  }

  /** Resolves once every change so far is stored for good (PostgreSQL: committed); rejects if one failed. */
  settled(): Promise<void> {
    return Promise.resolve();
  }

  /** Called after every change (cluster/PgPeople.ts writes it through to PostgreSQL). */
  protected written(_change: PeopleChange): void {}

  private newPersonId(meetingId: string): string {
    for (;;) {
      const id = 'p' + randomBytes(6).toString('base64url').replace(/[-_]/g, 'x');
      if (!this.q.get.get(meetingId, id)) return id;
    }
  }
}

function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    name: r.name,
    organisation: r.organisation,
    email: r.email,
    place: r.place === 'room' || r.place === 'remote' ? r.place : '',
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    mailState: r.mail_state === 'sent' || r.mail_state === 'refused' ? r.mail_state : '',
    mailAt: r.mail_at,
    mailError: r.mail_error,
  };
}
