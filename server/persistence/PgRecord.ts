/**
 * The append-only record of PgStore (tables `history` and `checkpoints`, schema 3 of pgDatabase.ts), with
 * the semantics of SqliteRecord: each recorded update with its server time, role, token id, claimed name
 * and words, plus deflated full-state checkpoints; compaction archives closed, old checkpoint intervals
 * into segments (PgSegments.ts) without changing any answer. `append` runs
 * inside PgStore's append transaction, under the meeting's advisory lock, so an update and its record
 * commit together or not at all, and `seq` (max + 1) is the commit order across processes.
 *
 * Several processes: a checkpoint is the state of the process that stored it, which may not yet hold an
 * update another process stored just before (a lower seq). So a checkpoint is stored merged with the
 * previous checkpoint and every record up to its own seq: it holds exactly the records up to its seq, as
 * the rebuild (checkpoint + the records after it) assumes. With one process this changes nothing.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type pg from 'pg';
import { compactUpdates } from './compactUpdates.js';
import { archivedInfo, archivedUpdatesBetween, fillHistory, latestAt } from './PgSegments.js';
import {
  combineInfo,
  parseChanges,
  subjectNeedle,
  subjectsOf,
  type HistoryQuery,
  type HistoryRecord,
  type PastUpdates,
  type RecordInfo,
  type UpdateRecord,
} from './historyRecords.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** Inside the caller's transaction, with the meeting's lock held. */
export async function appendRecords(
  c: Queryable,
  name: string,
  updates: readonly Uint8Array[],
  records: readonly (UpdateRecord | undefined)[] | undefined,
): Promise<void> {
  if (!records?.some(Boolean)) return;
  // The newest record is always a row (archiving stops at the second newest checkpoint); the segments
  // answer only if a meeting's rows were all archived.
  const last = await c.query<{ seq: number | null }>(
    'SELECT coalesce((SELECT max(seq) FROM history WHERE meeting_id = $1), (SELECT max(to_seq) FROM record_segments WHERE meeting_id = $1)) AS seq',
    [name],
  );
  let seq = last.rows[0]?.seq ?? 0;
  const rows = { seq: [] as number[], at: [] as string[], role: [] as string[], token: [] as string[], name: [] as string[], changes: [] as string[], subjects: [] as string[], data: [] as Buffer[] };
  const checkpoints: { seq: number; at: number; state: Uint8Array }[] = [];
  updates.forEach((u, i) => {
    const r = records[i];
    if (!r) return;
    seq++;
    rows.seq.push(seq);
    rows.at.push(String(r.at));
    rows.role.push(r.role);
    rows.token.push(r.tokenId);
    rows.name.push(r.name);
    rows.changes.push(JSON.stringify(r.changes));
    rows.subjects.push(subjectsOf(r.changes));
    rows.data.push(Buffer.from(u));
    if (r.checkpoint) checkpoints.push({ seq, at: r.at, state: r.checkpoint });
  });
  await c.query(
    `INSERT INTO history (meeting_id, seq, at, role, token_id, name, changes, subjects, data)
     SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bytea[])`,
    [name, rows.seq, rows.at, rows.role, rows.token, rows.name, rows.changes, rows.subjects, rows.data],
  );
  for (const cp of checkpoints) {
    const state = await completeCheckpoint(c, name, cp.seq, cp.state);
    // Deflated: a Yjs state shrinks ~6× (FACTS.md), and checkpoints are most of the record's bytes.
    await c.query('INSERT INTO checkpoints (meeting_id, seq, at, data) VALUES ($1, $2, $3, $4)', [name, cp.seq, cp.at, deflateRawSync(state, { level: 6 })]);
  }
}

/** `state` merged with the previous checkpoint and the records after it up to `seq` (see the header). */
async function completeCheckpoint(c: Queryable, name: string, seq: number, state: Uint8Array): Promise<Uint8Array> {
  const prev = await c.query<{ seq: number; data: Buffer }>(
    'SELECT seq, data FROM checkpoints WHERE meeting_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT 1',
    [name, seq],
  );
  const from = prev.rows[0]?.seq ?? 0;
  const between = await c.query<{ data: Buffer }>('SELECT data FROM history WHERE meeting_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq', [name, from, seq]);
  const parts = [...(prev.rows[0] ? [new Uint8Array(inflateRawSync(prev.rows[0].data))] : []), ...between.rows.map((r) => bytes(r.data)), state];
  return compactUpdates(parts);
}

export async function history(c: Queryable, name: string, q: HistoryQuery): Promise<HistoryRecord[]> {
  const where = ['meeting_id = $1'];
  const args: (string | number)[] = [name];
  const arg = (v: string | number) => (args.push(v), `$${args.length}`);
  if (q.before !== undefined) where.push(`seq < ${arg(q.before)}`);
  if (q.since !== undefined) where.push(`at >= ${arg(q.since)}`);
  if (q.until !== undefined) where.push(`at <= ${arg(q.until)}`);
  if (q.by !== undefined) {
    const by = arg(q.by);
    where.push(`(lower(name) = lower(${by}) OR role = ${by} OR token_id = ${by})`);
  }
  if (q.tdoc !== undefined) where.push(`strpos(subjects, ${arg(subjectNeedle('t', q.tdoc))}) > 0`);
  if (q.item !== undefined) where.push(`strpos(subjects, ${arg(subjectNeedle('i', q.item))}) > 0`);
  const limit = arg(q.limit);
  const r = await c.query<{ seq: number; at: string; role: string; token_id: string; name: string; changes: string }>(
    `SELECT seq, at, role, token_id, name, changes FROM history WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ${limit}`,
    args,
  );
  const live = r.rows.map((row) => ({ seq: row.seq, at: Number(row.at), role: row.role, tokenId: row.token_id, name: row.name, changes: parseChanges(row.changes) }));
  return fillHistory(c, name, live, q);
}

export async function updatesAt(c: Queryable, name: string, at: number, deflated = false): Promise<PastUpdates | undefined> {
  const last = await c.query<{ seq: number; at: string }>(
    'SELECT seq, at FROM history WHERE meeting_id = $1 AND at <= $2 ORDER BY at DESC, seq DESC LIMIT 1',
    [name, at],
  );
  const row = last.rows[0];
  const l = await latestAt(c, name, at, row ? { seq: row.seq, at: Number(row.at) } : undefined);
  if (!l) return undefined;
  const cp = await c.query<{ seq: number; data: Buffer }>('SELECT seq, data FROM checkpoints WHERE meeting_id = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1', [name, l.seq]);
  const base = cp.rows[0];
  if (!base) return undefined;
  const archived = await archivedUpdatesBetween(c, name, base.seq, l.seq);
  const rest = await c.query<{ data: Buffer }>('SELECT data FROM history WHERE meeting_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq', [name, base.seq, l.seq]);
  const first = deflated ? bytes(base.data) : new Uint8Array(inflateRawSync(base.data));
  return { seq: l.seq, at: l.at, updates: [first, ...archived, ...rest.rows.map((r) => bytes(r.data))], ...(deflated ? { deflated } : {}) };
}

export async function recordInfo(c: Queryable, name: string): Promise<RecordInfo> {
  const i = await c.query<{ records: string; first_at: string | null; last_at: string | null; last_seq: number | null }>(
    'SELECT count(*) AS records, min(at) AS first_at, max(at) AS last_at, max(seq) AS last_seq FROM history WHERE meeting_id = $1',
    [name],
  );
  const cp = await c.query<{ seq: number; at: string; n: string }>(
    'SELECT seq, at, (SELECT count(*) FROM checkpoints WHERE meeting_id = $1) AS n FROM checkpoints WHERE meeting_id = $1 ORDER BY seq DESC LIMIT 1',
    [name],
  );
  const r0 = i.rows[0];
  const num = (v: string | null) => (v === null ? null : Number(v));
  const row = combineInfo({ records: Number(r0.records), firstAt: num(r0.first_at), lastAt: num(r0.last_at), lastSeq: r0.last_seq }, await archivedInfo(c, name));
  const c0 = cp.rows[0];
  return {
    records: row.records,
    firstAt: row.firstAt ?? 0,
    lastAt: row.lastAt ?? 0,
    lastCheckpointAt: Number(c0?.at ?? 0),
    recordsSinceCheckpoint: (row.lastSeq ?? 0) - (c0?.seq ?? 0),
    checkpoints: Number(c0?.n ?? 0),
  };
}

/** Inside the caller's transaction. */
export async function removeRecords(c: Queryable, name: string): Promise<void> {
  await c.query('DELETE FROM history WHERE meeting_id = $1', [name]);
  await c.query('DELETE FROM checkpoints WHERE meeting_id = $1', [name]);
  await c.query('DELETE FROM record_segments WHERE meeting_id = $1', [name]);
}
