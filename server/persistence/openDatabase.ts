/**
 * The embedded database: one SQLite file in DATA_DIR holding meetings, tokens and the update logs.
 *
 * WAL mode, so `plenary links` can read while the server writes. `synchronous=FULL` by default: each
 * commit is fsynced, so an edit that was broadcast survives not only a killed process (which NORMAL
 * already covers, the WAL being in the OS cache) but also a laptop whose battery dies mid-meeting. The
 * price (~150 µs a commit against ~20 µs, FACTS.md) is paid once per tick, not per update, because
 * appends are batched.
 */
import Database from 'better-sqlite3';
import { ensureDir } from './ensureDir.js';
import { join } from 'node:path';

export type Db = Database.Database;

/** The people and attendance tables (SQLite migration 4; PostgreSQL's migration 5 is the same in its types). */
export const PEOPLE_TABLES_SQLITE = `
    CREATE TABLE people (
      meeting_id TEXT NOT NULL,
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      organisation TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL DEFAULT '',
      email_key TEXT NOT NULL DEFAULT '',
      name_key TEXT NOT NULL,
      place TEXT NOT NULL DEFAULT '',
      hash BLOB NOT NULL UNIQUE,
      sealed BLOB NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      mail_state TEXT NOT NULL DEFAULT '',
      mail_at TEXT NOT NULL DEFAULT '',
      mail_error TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (meeting_id, id)
    );
    CREATE INDEX people_by_email ON people (meeting_id, email_key);
    CREATE INDEX people_by_name ON people (meeting_id, name_key);
    CREATE TABLE retired_person_tokens (
      hash BLOB PRIMARY KEY,
      meeting_id TEXT NOT NULL,
      person_id TEXT NOT NULL,
      retired_at TEXT NOT NULL
    );
    CREATE TABLE attendance_spans (
      id INTEGER PRIMARY KEY,
      meeting_id TEXT NOT NULL,
      person_id TEXT NOT NULL,
      from_ms INTEGER NOT NULL,
      to_ms INTEGER NOT NULL,
      place TEXT NOT NULL DEFAULT '',
      via TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX attendance_by_meeting ON attendance_spans (meeting_id, person_id, from_ms);
    CREATE TABLE attendance_marks (
      meeting_id TEXT NOT NULL,
      person_id TEXT NOT NULL,
      session_id TEXT NOT NULL,
      place TEXT NOT NULL DEFAULT '',
      added_at TEXT NOT NULL,
      PRIMARY KEY (meeting_id, person_id, session_id)
    );
`;

/** Database file name inside DATA_DIR. */
export const DATABASE_FILE = 'plenary.db';

/** Current schema version (PRAGMA user_version); one migration per version below. */
export const DB_SCHEMA_VERSION = 5;

const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE meetings (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      start_date TEXT NOT NULL,
      end_date TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE tokens (
      meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      role TEXT NOT NULL,
      hash BLOB NOT NULL UNIQUE,
      sealed BLOB NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (meeting_id, role)
    );
    CREATE TABLE retired_tokens (
      hash BLOB PRIMARY KEY,
      meeting_id TEXT NOT NULL,
      retired_at TEXT NOT NULL
    );
    CREATE TABLE updates (
      id INTEGER PRIMARY KEY,
      meeting_id TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX updates_by_meeting ON updates (meeting_id, id);
  `,
  // The admin page's listing without loading every document: body, venue, Tdoc count and the last
  // stored change as of the last unload (a loaded meeting is read live), and the archive flag.
  2: `
    ALTER TABLE meetings ADD COLUMN body TEXT NOT NULL DEFAULT '';
    ALTER TABLE meetings ADD COLUMN venue TEXT NOT NULL DEFAULT '';
    ALTER TABLE meetings ADD COLUMN tdoc_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE meetings ADD COLUMN updated_at TEXT;
    ALTER TABLE meetings ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
  `,
  // The record (issue 17): every stored update with what the server attests about it, append-only and
  // never compacted, and full-state checkpoints to rebuild a past state from (SqliteRecord.ts).
  3: `
    CREATE TABLE history (
      meeting_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      at INTEGER NOT NULL,
      role TEXT NOT NULL,
      token_id TEXT NOT NULL,
      name TEXT NOT NULL,
      changes TEXT NOT NULL,
      subjects TEXT NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (meeting_id, seq)
    );
    CREATE INDEX history_by_time ON history (meeting_id, at, seq);
    CREATE TABLE checkpoints (
      meeting_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      at INTEGER NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (meeting_id, seq)
    );
  `,
  // Registered delegates (issue 24, server/people/): who holds a personal link (its hash, and sealed so
  // the links can be shown again), their retired link hashes, and attendance: spans of time a person was
  // seen (connected, or acting) and the secretary's marks ("was there, no phone"). Never in the document.
  4: PEOPLE_TABLES_SQLITE,
  // Archived segments of the record (issue 23, recordSegments.ts): a closed, old checkpoint interval's
  // history rows moved into one deflated blob with a summary; the rows are deleted in the same transaction.
  5: `
    CREATE TABLE record_segments (
      meeting_id TEXT NOT NULL,
      from_seq INTEGER NOT NULL,
      to_seq INTEGER NOT NULL,
      first_at INTEGER NOT NULL,
      last_at INTEGER NOT NULL,
      records INTEGER NOT NULL,
      subjects_union TEXT NOT NULL,
      names_union TEXT NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (meeting_id, from_seq)
    );
  `,
};

export interface DatabaseOptions {
  /** `FULL` (default: survives power loss) or `NORMAL` (survives a killed process only). */
  synchronous?: 'FULL' | 'NORMAL';
}

/** True for a database kept in a file (not ':memory:'): one a second connection or thread can open. */
export function isFileDatabase(db: Db): boolean {
  return !db.memory && !!db.name && db.name !== ':memory:';
}

/** Opens (creating and migrating) the database in `dataDir`, or an in-memory one for ':memory:'. */
export function openDatabase(dataDir: string, opts: DatabaseOptions = {}): Db {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    ensureDir(dataDir);
    file = join(dataDir, DATABASE_FILE);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > DB_SCHEMA_VERSION) {
    throw new Error(`the database was written by a newer Plenary (schema ${current}, this one knows ${DB_SCHEMA_VERSION})`);
  }
  for (let v = current + 1; v <= DB_SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v}`);
    })();
  }
}
