/**
 * The reflector's mail of a meeting (issue 26): each message once (by Message-ID), with the Tdocs its
 * subject names, kept beside the meeting and never in its document (mail carries people's addresses, and
 * the document is public to every delegate link). Also the maildir folders the server watches per meeting
 * and the files of each it has taken in, so a file is read once, across restarts.
 *
 * Tables are made on first use (CREATE TABLE IF NOT EXISTS), not by a numbered migration.
 */
import type { Db } from './openDatabase.js';
import { ensurePgTables } from './DeadlineStore.js';
import type { PgPool } from './pgDatabase.js';

/** One message as kept. */
export interface MailMessage {
  /** The Message-ID as written (`<...>`), or `sha256:...` of the message when it has none. */
  messageId: string;
  /** ISO time of its Date header, or ''. */
  sentAt: string;
  fromAddress: string;
  fromName: string;
  /** The sender's organisation (registered people by e-mail, else by domain), or ''. */
  organisation: string;
  subject: string;
  /** The first lines of its text (quotes and signature left out). */
  firstLines: string;
  /** The Tdoc numbers its subject names, as the meeting writes them; empty: listed apart. */
  tdocs: string[];
  source: 'upload' | 'maildir';
}

export interface MailStore {
  /** Stores messages not stored yet (same meeting and Message-ID); answers the Message-IDs that were new. */
  add(meetingId: string, messages: readonly MailMessage[]): Promise<string[]>;
  /** The messages naming any of `numbers` (case-insensitive), oldest first. */
  thread(meetingId: string, numbers: readonly string[], limit: number): Promise<MailMessage[]>;
  /** The messages that name no Tdoc, oldest first, and how many there are. */
  unmatched(meetingId: string, limit: number, offset: number): Promise<{ total: number; messages: MailMessage[] }>;
  /** Messages per Tdoc number (upper case). */
  counts(meetingId: string): Promise<Record<string, number>>;
  /** Every watched maildir folder. */
  maildirs(): Promise<{ meetingId: string; path: string }[]>;
  /** Watches a folder for a meeting, or stops (null). */
  setMaildir(meetingId: string, path: string | null): Promise<void>;
  /** Marks files of a meeting's maildir as taken in; answers those that were not before (for this caller only). */
  markSeen(meetingId: string, names: readonly string[]): Promise<string[]>;
  /** The files of a meeting's maildir taken in so far. */
  seen(meetingId: string): Promise<Set<string>>;
  /** Removes a meeting's mail, folder and files seen (the meeting was deleted). */
  removeMeeting(meetingId: string): Promise<void>;
}

export const MAIL_TABLES = [
  `CREATE TABLE IF NOT EXISTS mail_messages (
    meeting_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    sent_at TEXT NOT NULL,
    from_address TEXT NOT NULL,
    from_name TEXT NOT NULL,
    organisation TEXT NOT NULL,
    subject TEXT NOT NULL,
    first_lines TEXT NOT NULL,
    tdocs TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (meeting_id, message_id)
  )`,
  `CREATE TABLE IF NOT EXISTS mail_tdocs (
    meeting_id TEXT NOT NULL,
    tdoc TEXT NOT NULL,
    message_id TEXT NOT NULL,
    PRIMARY KEY (meeting_id, tdoc, message_id)
  )`,
  `CREATE TABLE IF NOT EXISTS mail_maildirs (meeting_id TEXT PRIMARY KEY, path TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS mail_maildir_seen (meeting_id TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (meeting_id, name))`,
];

interface Row {
  message_id: string;
  sent_at: string;
  from_address: string;
  from_name: string;
  organisation: string;
  subject: string;
  first_lines: string;
  tdocs: string;
  source: string;
}

const COLUMNS = 'message_id, sent_at, from_address, from_name, organisation, subject, first_lines, tdocs, source';

function fromRow(r: Row): MailMessage {
  let tdocs: string[] = [];
  try {
    tdocs = JSON.parse(r.tdocs) as string[];
  } catch {
    // A damaged cell: the message stays, naming nothing.
  }
  return {
    messageId: r.message_id,
    sentAt: r.sent_at,
    fromAddress: r.from_address,
    fromName: r.from_name,
    organisation: r.organisation,
    subject: r.subject,
    firstLines: r.first_lines,
    tdocs,
    source: r.source === 'maildir' ? 'maildir' : 'upload',
  };
}

/** MailStore on the embedded SQLite database. */
export class SqliteMailStore implements MailStore {
  private readonly q;
  private readonly addTx;
  private readonly seenTx;

  constructor(private readonly db: Db) {
    for (const t of MAIL_TABLES) db.exec(t.replace('BIGINT', 'INTEGER'));
    this.q = {
      seq: db.prepare<[string], { s: number | null }>('SELECT max(seq) AS s FROM mail_messages WHERE meeting_id = ?'),
      insert: db.prepare('INSERT OR IGNORE INTO mail_messages (meeting_id, seq, ' + COLUMNS + ') VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      insertTdoc: db.prepare<[string, string, string]>('INSERT OR IGNORE INTO mail_tdocs (meeting_id, tdoc, message_id) VALUES (?, ?, ?)'),
      seen: db.prepare<[string], { name: string }>('SELECT name FROM mail_maildir_seen WHERE meeting_id = ?'),
      markSeen: db.prepare<[string, string]>('INSERT OR IGNORE INTO mail_maildir_seen (meeting_id, name) VALUES (?, ?)'),
    };
    this.addTx = db.transaction((meetingId: string, messages: readonly MailMessage[]) => {
      let seq = Number(this.q.seq.get(meetingId)?.s ?? 0);
      const added: string[] = [];
      for (const m of messages) {
        const r = this.q.insert.run(meetingId, ++seq, m.messageId, m.sentAt, m.fromAddress, m.fromName, m.organisation, m.subject, m.firstLines, JSON.stringify(m.tdocs), m.source);
        if (r.changes !== 1) continue;
        added.push(m.messageId);
        for (const t of m.tdocs) this.q.insertTdoc.run(meetingId, t.toUpperCase(), m.messageId);
      }
      return added;
    });
    this.seenTx = db.transaction((meetingId: string, names: readonly string[]) => names.filter((n) => this.q.markSeen.run(meetingId, n).changes === 1));
  }

  async add(meetingId: string, messages: readonly MailMessage[]): Promise<string[]> {
    return this.addTx(meetingId, messages) as string[];
  }

  async thread(meetingId: string, numbers: readonly string[], limit: number): Promise<MailMessage[]> {
    if (!numbers.length) return [];
    const marks = numbers.map(() => '?').join(', ');
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM mail_messages WHERE meeting_id = ? AND message_id IN (SELECT message_id FROM mail_tdocs WHERE meeting_id = ? AND tdoc IN (${marks})) ORDER BY sent_at, seq LIMIT ?`)
      .all(meetingId, meetingId, ...numbers.map((n) => n.toUpperCase()), limit) as Row[];
    return rows.map(fromRow);
  }

  async unmatched(meetingId: string, limit: number, offset: number): Promise<{ total: number; messages: MailMessage[] }> {
    const total = (this.db.prepare("SELECT count(*) AS n FROM mail_messages WHERE meeting_id = ? AND tdocs = '[]'").get(meetingId) as { n: number }).n;
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM mail_messages WHERE meeting_id = ? AND tdocs = '[]' ORDER BY sent_at, seq LIMIT ? OFFSET ?`).all(meetingId, limit, offset) as Row[];
    return { total, messages: rows.map(fromRow) };
  }

  async counts(meetingId: string): Promise<Record<string, number>> {
    const rows = this.db.prepare('SELECT tdoc, count(*) AS n FROM mail_tdocs WHERE meeting_id = ? GROUP BY tdoc').all(meetingId) as { tdoc: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.tdoc, r.n]));
  }

  async maildirs(): Promise<{ meetingId: string; path: string }[]> {
    return (this.db.prepare('SELECT meeting_id, path FROM mail_maildirs').all() as { meeting_id: string; path: string }[]).map((r) => ({ meetingId: r.meeting_id, path: r.path }));
  }

  async setMaildir(meetingId: string, path: string | null): Promise<void> {
    if (path === null) this.db.prepare('DELETE FROM mail_maildirs WHERE meeting_id = ?').run(meetingId);
    else this.db.prepare('INSERT INTO mail_maildirs (meeting_id, path) VALUES (?, ?) ON CONFLICT (meeting_id) DO UPDATE SET path = excluded.path').run(meetingId, path);
  }

  async markSeen(meetingId: string, names: readonly string[]): Promise<string[]> {
    return this.seenTx(meetingId, names) as string[];
  }

  async seen(meetingId: string): Promise<Set<string>> {
    return new Set(this.q.seen.all(meetingId).map((r) => r.name));
  }

  async removeMeeting(meetingId: string): Promise<void> {
    this.db.transaction(() => {
      for (const t of ['mail_messages', 'mail_tdocs', 'mail_maildirs', 'mail_maildir_seen']) this.db.prepare(`DELETE FROM ${t} WHERE meeting_id = ?`).run(meetingId);
    })();
  }
}

/** MailStore on PostgreSQL (several processes: a Message-ID or a maildir file is taken once by whoever inserts it first). */
export class PgMailStore implements MailStore {
  private readonly ready: Promise<void>;

  constructor(private readonly pool: PgPool) {
    this.ready = ensurePgTables(pool, MAIL_TABLES);
  }

  async add(meetingId: string, messages: readonly MailMessage[]): Promise<string[]> {
    await this.ready;
    const added: string[] = [];
    for (let i = 0; i < messages.length; i += 500) {
      const part = messages.slice(i, i + 500);
      const r = await this.pool.query<{ message_id: string; tdocs: string }>(
        `INSERT INTO mail_messages (meeting_id, seq, ${COLUMNS})
         SELECT $1, (extract(epoch from clock_timestamp()) * 1000000)::bigint + n, m, s, fa, fn, o, su, fl, t, so
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) WITH ORDINALITY AS u(m, s, fa, fn, o, su, fl, t, so, n)
         ON CONFLICT (meeting_id, message_id) DO NOTHING RETURNING message_id, tdocs`,
        [meetingId, ...(['messageId', 'sentAt', 'fromAddress', 'fromName', 'organisation', 'subject', 'firstLines'] as const).map((k) => part.map((m) => m[k])), part.map((m) => JSON.stringify(m.tdocs)), part.map((m) => m.source)],
      );
      added.push(...r.rows.map((x) => x.message_id));
      const pairs = r.rows.flatMap((row) => (JSON.parse(row.tdocs) as string[]).map((t) => [t.toUpperCase(), row.message_id]));
      if (pairs.length) {
        await this.pool.query('INSERT INTO mail_tdocs (meeting_id, tdoc, message_id) SELECT $1, t, m FROM unnest($2::text[], $3::text[]) AS u(t, m) ON CONFLICT DO NOTHING', [meetingId, pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
      }
    }
    return added;
  }

  async thread(meetingId: string, numbers: readonly string[], limit: number): Promise<MailMessage[]> {
    await this.ready;
    const r = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM mail_messages WHERE meeting_id = $1 AND message_id IN (SELECT message_id FROM mail_tdocs WHERE meeting_id = $1 AND tdoc = ANY($2::text[])) ORDER BY sent_at, seq LIMIT $3`,
      [meetingId, numbers.map((n) => n.toUpperCase()), limit],
    );
    return r.rows.map(fromRow);
  }

  async unmatched(meetingId: string, limit: number, offset: number): Promise<{ total: number; messages: MailMessage[] }> {
    await this.ready;
    const n = await this.pool.query<{ n: string }>("SELECT count(*) AS n FROM mail_messages WHERE meeting_id = $1 AND tdocs = '[]'", [meetingId]);
    const r = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM mail_messages WHERE meeting_id = $1 AND tdocs = '[]' ORDER BY sent_at, seq LIMIT $2 OFFSET $3`, [meetingId, limit, offset]);
    return { total: Number(n.rows[0]?.n ?? 0), messages: r.rows.map(fromRow) };
  }

  async counts(meetingId: string): Promise<Record<string, number>> {
    await this.ready;
    const r = await this.pool.query<{ tdoc: string; n: string }>('SELECT tdoc, count(*) AS n FROM mail_tdocs WHERE meeting_id = $1 GROUP BY tdoc', [meetingId]);
    return Object.fromEntries(r.rows.map((x) => [x.tdoc, Number(x.n)]));
  }

  async maildirs(): Promise<{ meetingId: string; path: string }[]> {
    await this.ready;
    const r = await this.pool.query<{ meeting_id: string; path: string }>('SELECT meeting_id, path FROM mail_maildirs');
    return r.rows.map((x) => ({ meetingId: x.meeting_id, path: x.path }));
  }

  async setMaildir(meetingId: string, path: string | null): Promise<void> {
    await this.ready;
    if (path === null) await this.pool.query('DELETE FROM mail_maildirs WHERE meeting_id = $1', [meetingId]);
    else await this.pool.query('INSERT INTO mail_maildirs (meeting_id, path) VALUES ($1, $2) ON CONFLICT (meeting_id) DO UPDATE SET path = excluded.path', [meetingId, path]);
  }

  async markSeen(meetingId: string, names: readonly string[]): Promise<string[]> {
    await this.ready;
    if (!names.length) return [];
    const r = await this.pool.query<{ name: string }>('INSERT INTO mail_maildir_seen (meeting_id, name) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING name', [meetingId, [...names]]);
    return r.rows.map((x) => x.name);
  }

  async seen(meetingId: string): Promise<Set<string>> {
    await this.ready;
    const r = await this.pool.query<{ name: string }>('SELECT name FROM mail_maildir_seen WHERE meeting_id = $1', [meetingId]);
    return new Set(r.rows.map((x) => x.name));
  }

  async removeMeeting(meetingId: string): Promise<void> {
    await this.ready;
    for (const t of ['mail_messages', 'mail_tdocs', 'mail_maildirs', 'mail_maildir_seen']) await this.pool.query(`DELETE FROM ${t} WHERE meeting_id = $1`, [meetingId]);
  }
}
