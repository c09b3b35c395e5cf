/**
 * PostgreSQL as the database (DATABASE_URL=postgres://...): the same tables as the SQLite file
 * (openDatabase.ts), so several `plenary serve` processes share meetings, tokens and update logs.
 * The schema is created and migrated under an advisory lock, so processes started at the same moment
 * do not race; `created` tells the one process that made it (the one that may create the demo meeting).
 */
import pg from 'pg';

export type PgPool = pg.Pool;

/** Current schema version of the PostgreSQL tables (plenary_schema.version). */
export const PG_SCHEMA_VERSION = 6;

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
      hash BYTEA NOT NULL UNIQUE,
      sealed BYTEA NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (meeting_id, role)
    );
    CREATE TABLE retired_tokens (
      hash BYTEA PRIMARY KEY,
      meeting_id TEXT NOT NULL,
      retired_at TEXT NOT NULL
    );
    CREATE TABLE updates (
      id BIGSERIAL PRIMARY KEY,
      meeting_id TEXT NOT NULL,
      data BYTEA NOT NULL
    );
    CREATE INDEX updates_by_meeting ON updates (meeting_id, id);
  `,
  2: `
    ALTER TABLE meetings ADD COLUMN body TEXT NOT NULL DEFAULT '';
    ALTER TABLE meetings ADD COLUMN venue TEXT NOT NULL DEFAULT '';
    ALTER TABLE meetings ADD COLUMN tdoc_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE meetings ADD COLUMN updated_at TEXT;
    ALTER TABLE meetings ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
  `,
  // The record (issue 17), as SQLite's migration 3 (openDatabase.ts): every recorded update with what the
  // server attests about it, append-only and never compacted, and full-state checkpoints (PgStore.ts).
  3: `
    CREATE TABLE history (
      meeting_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      at BIGINT NOT NULL,
      role TEXT NOT NULL,
      token_id TEXT NOT NULL,
      name TEXT NOT NULL,
      changes TEXT NOT NULL,
      subjects TEXT NOT NULL,
      data BYTEA NOT NULL,
      PRIMARY KEY (meeting_id, seq)
    );
    CREATE INDEX history_by_time ON history (meeting_id, at, seq);
    CREATE TABLE checkpoints (
      meeting_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      at BIGINT NOT NULL,
      data BYTEA NOT NULL,
      PRIMARY KEY (meeting_id, seq)
    );
  `,
  // Rows a load could not apply (issue 13), moved out of the log for a person to look at, as SQLite's
  // quarantined_updates (SqliteStore.ts).
  4: `
    CREATE TABLE quarantined_updates (
      id BIGSERIAL PRIMARY KEY,
      meeting_id TEXT NOT NULL,
      update_id BIGINT NOT NULL,
      data BYTEA NOT NULL,
      reason TEXT NOT NULL,
      quarantined_at TEXT NOT NULL
    );
    CREATE INDEX quarantined_by_meeting ON quarantined_updates (meeting_id, id);
  `,
  // Registered delegates and attendance (issue 24), as SQLite's migration 4 (openDatabase.ts).
  5: `
    CREATE TABLE people (
      meeting_id TEXT NOT NULL,
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      organisation TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL DEFAULT '',
      email_key TEXT NOT NULL DEFAULT '',
      name_key TEXT NOT NULL,
      place TEXT NOT NULL DEFAULT '',
      hash BYTEA NOT NULL UNIQUE,
      sealed BYTEA NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      mail_state TEXT NOT NULL DEFAULT '',
      mail_at TEXT NOT NULL DEFAULT '',
      mail_error TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (meeting_id, id)
    );
    CREATE INDEX people_by_email ON people (meeting_id, email_key);
    CREATE TABLE retired_person_tokens (
      hash BYTEA PRIMARY KEY,
      meeting_id TEXT NOT NULL,
      person_id TEXT NOT NULL,
      retired_at TEXT NOT NULL
    );
    CREATE TABLE attendance_spans (
      id BIGSERIAL PRIMARY KEY,
      meeting_id TEXT NOT NULL,
      person_id TEXT NOT NULL,
      from_ms BIGINT NOT NULL,
      to_ms BIGINT NOT NULL,
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
  `,
  // Archived segments of the record (issue 23), as SQLite's migration 5 (openDatabase.ts, PgSegments.ts).
  6: `
    CREATE TABLE record_segments (
      meeting_id TEXT NOT NULL,
      from_seq INTEGER NOT NULL,
      to_seq INTEGER NOT NULL,
      first_at BIGINT NOT NULL,
      last_at BIGINT NOT NULL,
      records INTEGER NOT NULL,
      subjects_union TEXT NOT NULL,
      names_union TEXT NOT NULL,
      data BYTEA NOT NULL,
      PRIMARY KEY (meeting_id, from_seq)
    );
  `,
};

/** Advisory lock key held while migrating (any constant; 'plen' in ASCII). */
const MIGRATION_LOCK = 0x706c656e;

/**
 * A pool on `url`; `max` connections (appends of different meetings run in parallel). `synchronous`
 * NORMAL (PLENARY_SYNCHRONOUS=NORMAL) sets `synchronous_commit=off` for every session of the pool: a
 * commit returns before PostgreSQL flushed its WAL (it does within about 3 × wal_writer_delay, 0.6 s by
 * default), as SQLite's NORMAL returns before its fsync; FULL (the default) leaves the database's own
 * setting (`on` unless its operators chose otherwise, e.g. `remote_apply` with a synchronous standby).
 */
export function openPgPool(url: string, max = 10, synchronous: 'FULL' | 'NORMAL' = 'FULL'): PgPool {
  const pool = new pg.Pool({ connectionString: url, max, ...(synchronous === 'NORMAL' ? { options: '-c synchronous_commit=off' } : {}) });
  // An idle client losing its connection (the database restarted) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

/** Creates or migrates the tables; `created` is true when this call made them. */
export async function migratePg(pool: PgPool): Promise<{ created: boolean }> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS plenary_schema (version INTEGER NOT NULL)');
    const r = await c.query<{ version: number }>('SELECT version FROM plenary_schema');
    const current = r.rows[0]?.version ?? 0;
    if (current > PG_SCHEMA_VERSION) {
      throw new Error(`the database was written by a newer Plenary (schema ${current}, this one knows ${PG_SCHEMA_VERSION})`);
    }
    for (let v = current + 1; v <= PG_SCHEMA_VERSION; v++) await c.query(MIGRATIONS[v]);
    if (current === 0) await c.query('INSERT INTO plenary_schema (version) VALUES ($1)', [PG_SCHEMA_VERSION]);
    else if (current < PG_SCHEMA_VERSION) await c.query('UPDATE plenary_schema SET version = $1', [PG_SCHEMA_VERSION]);
    await c.query('COMMIT');
    return { created: current === 0 };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

/**
 * Creates tables that no schema version names (`CREATE TABLE IF NOT EXISTS`, for tables only one module
 * reads), under the migration lock so that processes starting together do not race on them.
 */
export async function ensurePgTables(pool: PgPool, ddl: string): Promise<void> {
  await inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query(ddl);
  });
}

/** Runs `f` in a transaction on one pooled connection (ROLLBACK when it throws). */
export async function inTransaction<T>(pool: PgPool, f: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await f(c);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}
