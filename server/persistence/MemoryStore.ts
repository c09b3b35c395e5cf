/** DocStore in memory: for tests and throwaway servers. Nothing survives the process. */
import type { CompactResult, DocStore } from './DocStore.js';
import { compactUpdates } from './compactUpdates.js';
import { MemoryRecord } from './MemoryRecord.js';
import type { HistoryQuery, HistoryRecord, PastUpdates, RecordInfo, UpdateRecord } from './historyRecords.js';

export class MemoryStore implements DocStore {
  private readonly logs = new Map<string, Uint8Array[]>();
  private readonly records = new MemoryRecord();
  private readonly held = new Map<string, { data: Uint8Array; reason: string }[]>();
  private closed = false;

  async load(name: string): Promise<Uint8Array[]> {
    this.check();
    return [...(this.logs.get(name) ?? [])];
  }

  async read(name: string): Promise<Uint8Array[]> {
    return this.load(name);
  }

  async append(name: string, updates: readonly Uint8Array[], records?: readonly (UpdateRecord | undefined)[]): Promise<void> {
    this.check();
    if (!updates.length) return;
    this.records.append(name, updates, records);
    const log = this.logs.get(name) ?? [];
    // Copies: a caller may reuse its buffers.
    log.push(...updates.map((u) => u.slice()));
    this.logs.set(name, log);
  }

  async compact(name: string): Promise<CompactResult> {
    this.check();
    const log = this.logs.get(name) ?? [];
    const bytesBefore = log.reduce((n, u) => n + u.length, 0);
    let bytesAfter = bytesBefore;
    if (log.length > 1) {
      const snapshot = compactUpdates(log);
      this.logs.set(name, [snapshot]);
      bytesAfter = snapshot.length;
    }
    return { rowsBefore: log.length, bytesBefore, bytesAfter, recordsArchived: this.records.archive(name) };
  }

  async stats(name: string): Promise<{ rows: number; bytes: number }> {
    this.check();
    const log = this.logs.get(name) ?? [];
    return { rows: log.length, bytes: log.reduce((n, u) => n + u.length, 0) };
  }

  async quarantine(name: string, positions: readonly number[], reason: string): Promise<number> {
    this.check();
    const log = this.logs.get(name) ?? [];
    const moved = new Set(positions.filter((p) => p >= 0 && p < log.length));
    const held = this.held.get(name) ?? [];
    held.push(...[...moved].sort((a, b) => a - b).map((p) => ({ data: log[p], reason })));
    this.held.set(name, held);
    this.logs.set(name, log.filter((_, i) => !moved.has(i)));
    return moved.size;
  }

  async quarantined(name: string): Promise<{ data: Uint8Array; reason: string }[]> {
    this.check();
    return [...(this.held.get(name) ?? [])];
  }

  async remove(name: string): Promise<void> {
    this.check();
    this.logs.delete(name);
    this.records.remove(name);
  }

  async history(name: string, query: HistoryQuery): Promise<HistoryRecord[]> {
    this.check();
    return this.records.history(name, query);
  }

  async updatesAt(name: string, at: number): Promise<PastUpdates | undefined> {
    this.check();
    return this.records.updatesAt(name, at);
  }

  async recordInfo(name: string): Promise<RecordInfo> {
    this.check();
    return this.records.info(name);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private check(): void {
    if (this.closed) throw new Error('the store is closed');
  }
}
