/**
 * The registered people when the database is PostgreSQL (issue 24). PeopleRegistry is synchronous (token
 * checks run on every upgrade), so, as PgCatalog does for the meetings, it answers from the in-memory
 * SQLite mirror and writes every change through to PostgreSQL, in order on one queue, announcing it on
 * `plenary_catalog` (`ev: "people"`, with the people whose links were replaced) in the same transaction.
 * The other processes reload that meeting's people when they hear of it (ClusterSync) and close the
 * sockets of replaced links; after their listener reconnects they reload everyone.
 *
 * Limits, said plainly: a change is visible on the other processes once its write committed and the
 * notification arrived (milliseconds); the rotate route answers once the write is committed. Two
 * processes merging lists into the same meeting at the same instant: each person's row is the last
 * commit's.
 */
import type { Logger } from 'pino';
import type { Db } from '../persistence/openDatabase.js';
import { inTransaction, type PgPool } from '../persistence/pgDatabase.js';
import { PeopleRegistry, type PeopleChange } from '../people/PeopleRegistry.js';
import { CATALOG_CHANNEL, type CatalogEvent } from './PgCatalog.js';

const PEOPLE_COLUMNS = [
  'meeting_id',
  'id',
  'name',
  'organisation',
  'email',
  'email_key',
  'name_key',
  'place',
  'hash',
  'sealed',
  'created_at',
  'updated_at',
  'mail_state',
  'mail_at',
  'mail_error',
] as const;

type Row = Record<string, unknown>;

export class PgPeople extends PeopleRegistry {
  private queue: Promise<void> = Promise.resolve();
  private lastWrite: Promise<void> | undefined;

  constructor(
    private readonly mirror: Db,
    sealingKey: Uint8Array,
    private readonly pool: PgPool,
    private readonly log: Logger,
    private readonly origin: string,
  ) {
    super(mirror, sealingKey);
  }

  override async settled(): Promise<void> {
    await this.queue;
    const last = this.lastWrite;
    this.lastWrite = undefined;
    try {
      await last;
    } catch (e) {
      throw new Error(`the registered people could not be stored in PostgreSQL (${(e as Error)?.message ?? e})`);
    }
  }

  /** Replaces the mirror's people of one meeting with PostgreSQL's (another process changed them). */
  reloadMeeting(id: string): Promise<void> {
    return this.run(async () => {
      const [p, r] = await Promise.all([
        this.pool.query('SELECT * FROM people WHERE meeting_id = $1', [id]),
        this.pool.query('SELECT * FROM retired_person_tokens WHERE meeting_id = $1', [id]),
      ]);
      this.mirror.transaction(() => {
        this.mirror.prepare('DELETE FROM people WHERE meeting_id = ?').run(id);
        this.mirror.prepare('DELETE FROM retired_person_tokens WHERE meeting_id = ?').run(id);
        this.fill(p.rows, r.rows);
      })();
    }).next;
  }

  /** Replaces every person in the mirror (on start, and after the listener reconnects). */
  reloadAll(): Promise<void> {
    return this.run(async () => {
      const [p, r] = await Promise.all([this.pool.query('SELECT * FROM people'), this.pool.query('SELECT * FROM retired_person_tokens')]);
      this.mirror.transaction(() => {
        this.mirror.exec('DELETE FROM people; DELETE FROM retired_person_tokens;');
        this.fill(p.rows, r.rows);
      })();
    }).next;
  }

  protected override written(change: PeopleChange): void {
    const { meetingId } = change;
    const whole = change.ids === undefined && change.removed === undefined;
    const rows = whole
      ? (this.mirror.prepare('SELECT * FROM people WHERE meeting_id = ?').all(meetingId) as Row[])
      : (change.ids ?? []).map((id) => this.mirror.prepare('SELECT * FROM people WHERE meeting_id = ? AND id = ?').get(meetingId, id) as Row | undefined).filter((r): r is Row => !!r);
    const retired = this.mirror.prepare('SELECT * FROM retired_person_tokens WHERE meeting_id = ?').all(meetingId) as Row[];
    const event: CatalogEvent = { m: meetingId, o: this.origin, ev: 'people', ...(change.rotated?.length ? { persons: change.rotated } : {}) };
    const { raw } = this.run(() =>
      inTransaction(this.pool, async (c) => {
        if (whole) {
          await c.query('DELETE FROM people WHERE meeting_id = $1', [meetingId]);
          if (!rows.length) await c.query('DELETE FROM retired_person_tokens WHERE meeting_id = $1', [meetingId]);
        }
        for (const id of change.removed ?? []) await c.query('DELETE FROM people WHERE meeting_id = $1 AND id = $2', [meetingId, id]);
        for (const r of retired) {
          await c.query('INSERT INTO retired_person_tokens (hash, meeting_id, person_id, retired_at) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING', [
            r.hash,
            r.meeting_id,
            r.person_id,
            r.retired_at,
          ]);
        }
        // Many rows in a few statements: a 600-person list is one round trip per 200 people.
        for (let i = 0; i < rows.length; i += 200) {
          const chunk = rows.slice(i, i + 200);
          const values = chunk.map((_, j) => `(${PEOPLE_COLUMNS.map((__, k) => `$${j * PEOPLE_COLUMNS.length + k + 1}`).join(', ')})`).join(', ');
          const cols = PEOPLE_COLUMNS.filter((col) => col !== 'meeting_id' && col !== 'id');
          await c.query(
            `INSERT INTO people (${PEOPLE_COLUMNS.join(', ')}) VALUES ${values}
             ON CONFLICT (meeting_id, id) DO UPDATE SET ${cols.map((col) => `${col} = excluded.${col}`).join(', ')}`,
            chunk.flatMap((r) => PEOPLE_COLUMNS.map((col) => r[col])),
          );
        }
        await c.query('SELECT pg_notify($1, $2)', [CATALOG_CHANNEL, JSON.stringify(event)]);
      }),
    );
    this.lastWrite = raw;
    raw.catch(() => this.reloadMeeting(meetingId));
  }

  private fill(people: Row[], retired: Row[]): void {
    const ip = this.mirror.prepare(`INSERT INTO people (${PEOPLE_COLUMNS.join(', ')}) VALUES (${PEOPLE_COLUMNS.map(() => '?').join(', ')})`);
    const ir = this.mirror.prepare('INSERT OR IGNORE INTO retired_person_tokens (hash, meeting_id, person_id, retired_at) VALUES (?, ?, ?, ?)');
    for (const p of people) ip.run(...PEOPLE_COLUMNS.map((c) => p[c] as string | Buffer));
    for (const r of retired) ir.run(r.hash, r.meeting_id, r.person_id, r.retired_at);
  }

  private run(f: () => Promise<void>): { raw: Promise<void>; next: Promise<void> } {
    const raw = this.queue.then(f);
    const next = raw.catch((err) => this.log.error({ err }, 'people: a PostgreSQL write or reload failed'));
    this.queue = next;
    return { raw, next };
  }
}
