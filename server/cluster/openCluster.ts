/**
 * Wiring for DATABASE_URL: the pool, the schema, the PostgreSQL DocStore and catalog, and the listener
 * that keeps this process in step with the others (ClusterSync).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { migratePg, openPgPool, type PgPool } from '../persistence/pgDatabase.js';
import { PgStore } from '../persistence/PgStore.js';
import type { RoomRegistry } from '../sync/RoomRegistry.js';
import { ClusterSync, type ClusterSyncOptions } from './ClusterSync.js';
import { PgCatalog } from './PgCatalog.js';
import { PgPeople } from './PgPeople.js';
import { PgAttendanceStore } from '../persistence/PgAttendanceStore.js';

export interface Cluster {
  /** The pool the store and the catalog use, for the stores beside the documents (budgets, e-mail approval deadlines, mail). */
  pool: PgPool;
  store: PgStore;
  catalog: PgCatalog;
  /** Registered people (issue 24), mirrored beside the catalog and written through. */
  people: PgPeople;
  attendance: PgAttendanceStore;
  /** True when this process created the tables (a new database: the demo meeting may be made). */
  created: boolean;
  /** `onRotated`: told of another process's rotation once this one holds it (ClusterSyncOptions.onRotated). */
  start(rooms: RoomRegistry, pollMs: number, onRotated?: ClusterSyncOptions['onRotated']): Promise<void>;
  /** Stops listening (before the rooms' last flush is awaited, the store stays usable). */
  stop(): Promise<void>;
  /** Waits for the catalog's writes and closes the pool (after the store is closed). */
  close(): Promise<void>;
}

/** `synchronous`: PLENARY_SYNCHRONOUS (NORMAL: `synchronous_commit=off` for this process's sessions; openPgPool). */
export async function openCluster(url: string, sealingKey: Uint8Array, log: Logger, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Promise<Cluster> {
  const pool = openPgPool(url, 10, synchronous);
  try {
    const { created } = await migratePg(pool);
    const store = new PgStore(pool);
    const catalog = await PgCatalog.open(pool, sealingKey, log, randomUUID());
    const people = new PgPeople(catalog.mirrorDb, sealingKey, pool, log, catalog.origin);
    await people.reloadAll();
    let sync: ClusterSync | undefined;
    return {
      pool,
      store,
      catalog,
      people,
      attendance: new PgAttendanceStore(pool),
      created,
      async start(rooms, pollMs, onRotated) {
        sync = new ClusterSync({ url, store, catalog, people, rooms, log, pollMs, pool, onRotated });
        await sync.start();
      },
      async stop() {
        await sync?.stop();
      },
      async close() {
        await people.settled().catch(() => undefined);
        await catalog.closeMirror();
        await pool.end();
      },
    };
  } catch (e) {
    await pool.end().catch(() => {});
    throw new Error(`cannot use DATABASE_URL: ${(e as Error).message}`);
  }
}
