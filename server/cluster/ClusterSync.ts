/**
 * Several `plenary serve` processes on one PostgreSQL: how each hears of the others' work.
 *
 * PostgreSQL's own LISTEN/NOTIFY carries the news (no extra service to run: the operators already run
 * the database). An edit is appended, in one transaction that also notifies `plenary_updates` with the
 * meeting and its position; the notification is delivered only on commit, so no process can broadcast
 * an update that is not stored. A process that has the meeting loaded then reads the stored rows after
 * the last position it applied and applies them (Room.applyStoredElsewhere: sent to its connections,
 * not stored again). The notification is only a wake-up: the log is the truth, so a lost notification
 * loses nothing. The rows are also read every `pollMs` for every loaded meeting, and after the
 * listening connection comes back (with the whole catalog), which heals any missed notification.
 *
 * Catalog changes (`plenary_catalog`, PgCatalog) are numbered and applied by the lease's beat
 * (CatalogLease.ts), at once on a notification and every half second anyway: the meeting's record and
 * tokens are reloaded, the connections whose token is no longer valid closed (4401), a deleted meeting's
 * closed (4404); the process that made the change answers only once every live process applied it.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { UPDATES_CHANNEL, type PgStore } from '../persistence/PgStore.js';
import type { RoomRegistry } from '../sync/RoomRegistry.js';
import { CATALOG_CHANNEL, type CatalogEvent, type PgCatalog } from './PgCatalog.js';
import type { PgPeople } from './PgPeople.js';
import { CatalogLease, DEFAULT_LEASE, type LeaseOptions } from './CatalogLease.js';
import { tokenIdOf } from '../access/tokens.js';
import type { PgPool } from '../persistence/pgDatabase.js';
import type { Role } from '../access/roles.js';

export interface ClusterSyncOptions {
  url: string;
  store: PgStore;
  catalog: PgCatalog;
  /** Registered people (issue 24): reloaded on `people` events; replaced links' sockets closed. */
  people?: PgPeople;
  rooms: RoomRegistry;
  log: Logger;
  /** Read every loaded meeting's new rows this often even without a notification (ms). */
  pollMs: number;
  /** Wait this long before reconnecting the listener after it dropped (ms). */
  reconnectMs?: number;
  /** The pool the lease beats on. */
  pool: PgPool;
  lease?: LeaseOptions;
  /**
   * Called once another process's rotation is known here (the catalog reloaded, the holders closed): where
   * this process tells its room screens a new delegate link (MeetingService.tellScreens).
   */
  onRotated?: (meetingId: string, roles: Role[]) => number | void;
}

export class ClusterSync {
  private client: pg.Client | undefined;
  private stopped = false;
  private reconnecting = false;
  private poll: NodeJS.Timeout | undefined;
  private readonly catchingUp = new Map<string, Promise<void>>();
  /** The catch-up of a meeting queued behind its running one, not started yet. */
  private readonly waiting = new Map<string, Promise<void>>();

  private readonly lease: CatalogLease;

  constructor(private readonly o: ClusterSyncOptions) {
    this.lease = new CatalogLease(o.pool, o.catalog.origin, o.log, (m) => this.applyCatalogChange(m), o.lease ?? DEFAULT_LEASE);
  }

  async start(): Promise<void> {
    await this.listen();
    await this.lease.start();
    this.o.catalog.lease = this.lease;
    this.poll = setInterval(() => void this.catchUpAll(), this.o.pollMs);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    await this.lease.stop();
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => {});
    await Promise.allSettled([...this.catchingUp.values()]);
  }

  /** Reads and applies the stored rows of every loaded meeting that this process has not applied yet. */
  catchUpAll(): Promise<void> {
    return Promise.allSettled(this.o.rooms.all().map((r) => this.catchUp(r.name))).then(() => {});
  }

  /**
   * Same for one meeting; runs one at a time per meeting, and at most one waits behind the running one:
   * a read that has not started yet will read every row committed before it starts, so the notifications
   * that arrive meanwhile join it instead of queueing a read each (at 20 edits a second and reads slower
   * than 50 ms, a queue of reads grew without bound and delayed every later edit).
   */
  catchUp(name: string): Promise<void> {
    const waiting = this.waiting.get(name);
    if (waiting) return waiting;
    const prev = this.catchingUp.get(name);
    const next = (prev ?? Promise.resolve())
      .then(() => {
        if (this.waiting.get(name) === next) this.waiting.delete(name);
        return this.applyNewRows(name);
      })
      .catch((err) => this.o.log.warn({ meeting: name, err }, 'cluster: catching up failed; the next notification or poll retries'));
    if (prev) this.waiting.set(name, next);
    this.catchingUp.set(name, next);
    void next.finally(() => {
      if (this.catchingUp.get(name) === next) this.catchingUp.delete(name);
    });
    return next;
  }

  private async applyNewRows(name: string): Promise<void> {
    const room = this.o.rooms.get(name);
    const from = this.o.store.positions.get(name);
    if (!room || from === undefined || this.stopped) return;
    const rows = await this.o.store.rowsAfter(name, from);
    // The room may have been unloaded (and its position reset by a new load) meanwhile.
    if (!rows.length || this.o.rooms.get(name) !== room || this.o.store.positions.get(name) !== from) return;
    for (const r of rows) room.applyStoredElsewhere(r.data);
    this.o.store.positions.set(name, rows[rows.length - 1].id);
  }

  private async listen(): Promise<void> {
    const c = new pg.Client({ connectionString: this.o.url });
    c.on('notification', (n) => this.onNotification(n.channel, n.payload));
    const lost = (err?: unknown) => {
      if (this.client !== c) return;
      this.client = undefined;
      this.o.log.warn({ err }, 'cluster: the listening connection to PostgreSQL dropped; reconnecting');
      void c.end().catch(() => {});
      this.reconnect();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    await c.connect();
    await c.query(`LISTEN ${UPDATES_CHANNEL}`);
    await c.query(`LISTEN ${CATALOG_CHANNEL}`);
    if (this.stopped) {
      await c.end();
      return;
    }
    this.client = c;
  }

  private reconnect(): void {
    if (this.reconnecting || this.stopped) return;
    this.reconnecting = true;
    const t = setTimeout(async () => {
      this.reconnecting = false;
      if (this.stopped) return;
      try {
        await this.listen();
        // Whatever was announced while nobody listened: read it from the tables.
        await this.o.catalog.reloadAll();
        await this.o.people?.reloadAll();
        await this.catchUpAll();
        this.o.log.info('cluster: listening again');
      } catch (err) {
        this.o.log.warn({ err }, 'cluster: reconnecting the listener failed; retrying');
        this.reconnect();
      }
    }, this.o.reconnectMs ?? 1000);
    t.unref();
  }

  private onNotification(channel: string, payload: string | undefined): void {
    let msg: unknown;
    try {
      msg = JSON.parse(payload ?? '');
    } catch {
      this.o.log.warn({ channel, payload }, 'cluster: ignored a notification that is not JSON');
      return;
    }
    if (channel === UPDATES_CHANNEL) {
      const { m, p } = (msg ?? {}) as { m?: unknown; p?: unknown };
      if (typeof m !== 'string' || typeof p !== 'number') return;
      const known = this.o.store.positions.get(m);
      if (known !== undefined && p > known && this.o.rooms.get(m)) void this.catchUp(m);
      return;
    }
    if (channel === CATALOG_CHANNEL) void this.onCatalogEvent(msg as CatalogEvent);
  }

  /** Another process changed a meeting's people: reload them, close the sockets of replaced links here. */
  private async onPeopleEvent(ev: CatalogEvent): Promise<void> {
    await this.o.people?.reloadMeeting(ev.m);
    if (!Array.isArray(ev.persons) || !ev.persons.length) return;
    const ids = new Set(ev.persons);
    let closed = 0;
    for (const conn of this.o.rooms.connectionsOf(ev.m)) {
      if (!conn.person || !ids.has(conn.person.id)) continue;
      conn.close(CloseCode.Unauthorized, CloseReason.Replaced);
      closed++;
    }
    this.o.log.info({ meeting: ev.m, persons: ev.persons.length, closed }, "cluster: people's links replaced on another process");
  }

  /** A catalog change was announced: the lease's beat reads every change not yet applied and applies it. */
  private async onCatalogEvent(ev: CatalogEvent): Promise<void> {
    if (!ev || typeof ev.m !== 'string') return;
    // People's links (issue 24) are not catalog rows: another process's change reloads them here directly.
    if (ev.ev === 'people') {
      if (ev.o !== this.o.catalog.origin) await this.onPeopleEvent(ev);
      return;
    }
    await this.lease.beat();
  }

  /**
   * Brings one meeting in step with a catalog change made anywhere: its rows reloaded, then the
   * connections whose token is no longer one of its tokens closed (4401), or every connection of a
   * deleted meeting (4404). Idempotent: applied again, it closes nothing more.
   */
  private async applyCatalogChange(meetingId: string): Promise<void> {
    const delegateBefore = this.o.catalog.tokens(meetingId)?.delegate;
    await this.o.catalog.reloadMeeting(meetingId);
    if (!this.o.catalog.get(meetingId)) {
      if (this.o.rooms.get(meetingId) || this.o.rooms.connectionsOf(meetingId).length) {
        await this.o.rooms.discard(meetingId, CloseCode.UnknownMeeting, CloseReason.UnknownMeeting);
        this.o.log.info({ meeting: meetingId }, 'cluster: meeting deleted on another process');
      }
      return;
    }
    const valid = new Set(Object.values(this.o.catalog.tokens(meetingId) ?? {}).map(tokenIdOf));
    let closed = 0;
    for (const conn of this.o.rooms.connectionsOf(meetingId)) {
      // A person's own link (issue 24) is not one of the four role tokens: people's events close those.
      if (conn.isClosed || conn.person || valid.has(conn.tokenId)) continue;
      conn.close(CloseCode.Unauthorized, CloseReason.Revoked);
      closed++;
    }
    // The delegate link replaced on another process: this process's room screens show the new one (issue 25).
    const delegateAfter = this.o.catalog.tokens(meetingId)?.delegate;
    const screens = delegateBefore && delegateAfter && delegateBefore !== delegateAfter && this.o.onRotated ? tellSafely(() => this.o.onRotated!(meetingId, ['delegate']), this.o.log) : 0;
    if (closed || screens) this.o.log.info({ meeting: meetingId, closed, screens }, 'cluster: closed connections whose link was rotated');
  }
}

/** Runs a rotation hook; a failure is logged, never thrown into the listener. */
function tellSafely(f: () => unknown, log: Logger): number {
  try {
    const n = f();
    return typeof n === 'number' ? n : 0;
  } catch (err) {
    log.warn({ err }, 'cluster: telling the room screens of a rotation failed');
    return 0;
  }
}
