/**
 * Where meeting documents live: an ordered log of Yjs updates per meeting, whose first row is the base
 * (a snapshot after compaction). Small on purpose, so a later store (Redis, several processes) only
 * needs these methods and passes the same contract suite (tests/server/docStoreContract.ts).
 */
import type { HistoryQuery, HistoryRecord, PastUpdates, RecordInfo, UpdateRecord } from './historyRecords.js';

export interface DocStore {
  /** Every stored update of a meeting, oldest first (the base first). Empty for an unknown meeting. */
  load(name: string): Promise<Uint8Array[]>;
  /**
   * The stored rows as `load` gives them, read and nothing else (a load may also note what this process
   * has applied, PgStore's positions): for a worker that needs the meeting's state without the main
   * thread encoding its document.
   */
  read(name: string): Promise<Uint8Array[]>;
  /**
   * Appends updates in order, atomically: when the promise resolves they are durable; when it rejects
   * none of them was stored. Callers batch one tick's updates into one call.
   *
   * `records[i]`, when given, is what the server attests about `updates[i]`: it is stored with a copy of
   * the update in the meeting's append-only record (in the same transaction), whose answers compaction
   * never changes (it may only archive old rows into segments). Updates without a record are stored in the log only.
   */
  append(name: string, updates: readonly Uint8Array[], records?: readonly (UpdateRecord | undefined)[]): Promise<void>;
  /** A page of the meeting's record, newest first (see HistoryQuery). */
  history(name: string, query: HistoryQuery): Promise<HistoryRecord[]>;
  /**
   * What rebuilds the meeting as it stood at `at` (ms): the latest checkpoint at or before it, then the
   * recorded updates after that checkpoint up to `at`. Undefined when no checkpoint is that old (the
   * record starts later). With `deflated`, a stored (deflated) checkpoint comes as it is stored
   * (`PastUpdates.deflated`): a worker inflates it, not the caller's thread.
   */
  updatesAt(name: string, at: number, opts?: { deflated?: boolean }): Promise<PastUpdates | undefined>;
  /** A summary of the meeting's record (counts, first and last times, last checkpoint). */
  recordInfo(name: string): Promise<RecordInfo>;
  /**
   * Replaces the stored rows with one snapshot holding the same state (applied in order in one
   * transaction, encoded once). Rows appended while it runs are kept after the snapshot. Never drops the
   * base: if anything fails, the rows stay as they were. Then archives the record's closed, old
   * checkpoint intervals (recordSegments.ts): each interval's rows become one segment in one
   * transaction, and `history`, `updatesAt` and `recordInfo` answer exactly as before.
   */
  compact(name: string): Promise<CompactResult>;
  /** Rows and bytes stored for a meeting (to decide when to compact). */
  stats(name: string): Promise<{ rows: number; bytes: number }>;
  /**
   * Moves the rows at `positions` (0-based, in `load` order) out of the meeting's log into a quarantine
   * where they are kept with `reason` for a person to look at; the rest stays in order. Resolves with
   * how many rows were moved (positions past the end move nothing).
   */
  quarantine(name: string, positions: readonly number[], reason: string): Promise<number>;
  /** Rows a meeting has in quarantine, oldest first. */
  quarantined(name: string): Promise<{ data: Uint8Array; reason: string }[]>;
  /** Removes a meeting's document, its record and its checkpoints and its quarantined rows. */
  remove(name: string): Promise<void>;
  /** Releases resources; later calls fail. */
  close(): Promise<void>;
}

export interface CompactResult {
  rowsBefore: number;
  bytesBefore: number;
  bytesAfter: number;
  /**
   * Records moved from history rows into archived segments by this call (closed, old checkpoint
   * intervals; every answer of the record stays the same). Absent from stores that do not archive.
   */
  recordsArchived?: number;
}
