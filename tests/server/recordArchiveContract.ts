/**
 * The record's archiving in the DocStore contract (issue 23, G-REC-7): a seeded random record of a few
 * thousand records, every answer of `history` (each filter, paged with `before` through the whole record),
 * `updatesAt` (raw and deflated) at many moments and `recordInfo` captured, then compacted (which archives
 * closed, old checkpoint intervals into segments): every answer is the same, byte for byte.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/persistence/DocStore.js';
import type { HistoryQuery, UpdateRecord } from '../../server/persistence/historyRecords.js';
import { seededRandom, type SeededRandom } from '../helpers/seededRandom.js';

export interface ArchiveFixture {
  store: DocStore;
  /** Makes the store fail (a database error) while deleting the history row `seq`; resolves with the undo. */
  failDeletingRecord?: (seq: number) => Promise<() => Promise<void>>;
}

const NAMES = ['Karen Hughes', 'KAREN HUGHES', '', 'Zoë Ünal', 'ZOË ÜNAL', 'bob', 'Bob | chair'];
const ROLES = ['chair', 'secretary', 'admin', 'server', 'delegate'];
const TOKENS = ['', 'tok-chair', 'tok-sec', 'tok-del-1', 'tok-del-2'];
const TDOCS = Array.from({ length: 25 }, (_, i) => `S2-26${String(i).padStart(4, '0')}`);
const ITEMS = ['1', '5.2', '5.2.1', '7', '8.1', 'AOB'];

/** A meeting's record built from seeded random edits: `records` recorded updates, some log-only rows between. */
export class RandomRecord {
  readonly doc = new Y.Doc();
  /** Log-only rows come from another client: the recorded updates never depend on them. */
  private readonly logOnly = new Y.Doc();
  at = Date.parse('2026-03-02T08:00:00Z');
  seq = 0;
  private sinceCheckpoint = 0;

  constructor(
    readonly r: SeededRandom,
    private readonly checkpointEvery: number,
  ) {}

  /** Appends `n` records in batches of 1–6, with a checkpoint about every `checkpointEvery` records. */
  async append(store: DocStore, name: string, n: number): Promise<void> {
    for (let done = 0; done < n; ) {
      const batch = Math.min(n - done, this.r.int(1, 6));
      const updates: Uint8Array[] = [];
      const records: (UpdateRecord | undefined)[] = [];
      for (let i = 0; i < batch; i++) {
        updates.push(this.edit());
        records.push(this.record());
        // Now and then a log-only row (no record): it has no seq and is in no answer.
        if (this.r.chance(0.03)) updates.push(this.edit(this.logOnly)), records.push(undefined);
      }
      await store.append(name, updates, records);
      done += batch;
    }
  }

  private edit(doc = this.doc): Uint8Array {
    let update: Uint8Array = new Uint8Array();
    doc.once('update', (u: Uint8Array) => (update = u));
    doc.getMap(doc === this.doc ? 'm' : 'log').set(`k${this.r.int(0, 40)}`, this.r.chance(0.5) ? this.r.word() : this.r.int(0, 1e6));
    return update;
  }

  private record(): UpdateRecord {
    this.seq++;
    // Times never go back; now and then two records share a millisecond.
    this.at += this.r.chance(0.1) ? 0 : this.r.int(1, 90_000);
    const changes = Array.from({ length: this.r.int(0, 2) }, () => ({
      text: `change ${this.seq} ${this.r.word()}`,
      ...(this.r.chance(0.6) ? { tdoc: this.r.pick(TDOCS) } : {}),
      ...(this.r.chance(0.4) ? { item: this.r.pick(ITEMS) } : {}),
    }));
    const checkpoint = this.seq === 1 || ++this.sinceCheckpoint >= this.checkpointEvery + this.r.int(-20, 20);
    if (checkpoint) this.sinceCheckpoint = 0;
    return {
      at: this.at,
      role: this.r.pick(ROLES),
      tokenId: this.r.pick(TOKENS),
      name: this.r.pick(NAMES),
      changes,
      ...(checkpoint ? { checkpoint: Y.encodeStateAsUpdate(this.doc) } : {}),
    };
  }
}

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

/** Every history query the property checks, paged through the whole record. */
function queries(r: SeededRandom, first: number, last: number): Omit<HistoryQuery, 'limit' | 'before'>[] {
  const qs: Omit<HistoryQuery, 'limit' | 'before'>[] = [{}];
  for (const by of ['karen hughes', 'KAREN hughes', 'zoë ünal', 'ZOË ÜNAL', 'Bob', 'chair', 'server', 'tok-del-1', 'tok-sec', 'nobody', 'bob | chair']) qs.push({ by });
  for (const tdoc of [...TDOCS.slice(0, 6), 's2-260003', 'S2-99']) qs.push({ tdoc });
  for (const item of [...ITEMS, '5']) qs.push({ item });
  for (let i = 0; i < 8; i++) {
    const a = r.int(first - 1_000, last + 1_000);
    const b = r.int(a, last + 1_000);
    qs.push({ since: a }, { until: b }, { since: a, until: b, ...(r.chance(0.5) ? { tdoc: r.pick(TDOCS) } : { by: r.pick(ROLES) }) });
  }
  return qs;
}

/** All the answers the store gives about meeting `name`, as plain JSON to compare. */
export async function answers(store: DocStore, name: string, seed: number): Promise<unknown> {
  const r = seededRandom(seed);
  const info = await store.recordInfo(name);
  const pages: unknown[] = [];
  for (const q of queries(r, info.firstAt, info.lastAt)) {
    const limit = r.pick([7, 37, 100, 500]);
    let before: number | undefined;
    for (;;) {
      const page = await store.history(name, { ...q, limit, ...(before === undefined ? {} : { before }) });
      pages.push(page);
      if (page.length < limit) break;
      before = page[page.length - 1].seq;
    }
  }
  const past: unknown[] = [];
  for (let i = 0; i < 120; i++) {
    const at = i < 10 ? info.firstAt - 10 + i * 3 : r.int(info.firstAt - 1_000, info.lastAt + 1_000);
    const deflated = r.chance(0.3);
    const p = await store.updatesAt(name, at, deflated ? { deflated } : {});
    past.push(p && { ...p, updates: p.updates.map(b64) });
  }
  return { info, pages, past };
}

/** Registered inside the DocStore contract's describe. */
export function registerRecordArchiveContract(factory: () => Promise<ArchiveFixture>): void {
  it('G-REC-7: archiving old record rows into segments changes no answer of history, updatesAt or recordInfo', async () => {
    const { store } = await factory();
    const rec = new RandomRecord(seededRandom(2301), 150);
    await store.append('other', [new Uint8Array([0, 0])], [{ at: 1, role: 'chair', tokenId: '', name: '', changes: [], checkpoint: new Uint8Array([0, 0]) }]);
    await rec.append(store, 'm', 2_500);
    const before = await answers(store, 'm', 7);
    const res = await store.compact('m');
    // 2,500 records with a checkpoint about every 150: all but the newest two intervals are archived.
    expect(res.recordsArchived).toBeGreaterThan(2_000);
    expect(await answers(store, 'm', 7)).toEqual(before);
    expect((await store.compact('m')).recordsArchived).toBe(0);
    // The record goes on: new records after archived ones, archived again, still the same answers.
    await rec.append(store, 'm', 700);
    const later = await answers(store, 'm', 8);
    expect((await store.compact('m')).recordsArchived).toBeGreaterThan(300);
    expect(await answers(store, 'm', 8)).toEqual(later);
    // A rebuilt past state is the state of the doc then (the last record's).
    const now = (await store.updatesAt('m', rec.at))!;
    const doc = new Y.Doc();
    now.updates.forEach((u) => Y.applyUpdate(doc, u));
    expect(doc.getMap('m').toJSON()).toEqual(rec.doc.getMap('m').toJSON());
    // Another meeting is left alone; removing removes the archived segments too.
    expect((await store.recordInfo('other')).records).toBe(1);
    await store.remove('m');
    expect(await store.recordInfo('m')).toEqual({ records: 0, firstAt: 0, lastAt: 0, lastCheckpointAt: 0, recordsSinceCheckpoint: 0, checkpoints: 0 });
    expect(await store.history('m', { limit: 10 })).toEqual([]);
    expect(await store.updatesAt('m', rec.at)).toBeUndefined();
    expect((await store.recordInfo('other')).records).toBe(1);
  }, 120_000);

  it('G-REC-7: a failure in the middle of archiving leaves each interval whole, archived or live, and no answer changes', async () => {
    const fx = await factory();
    if (!fx.failDeletingRecord) {
      // The in-memory store has no transaction to fail half-way; the check is that it says so.
      expect(fx.failDeletingRecord).toBeUndefined();
      return;
    }
    const { store } = fx;
    const rec = new RandomRecord(seededRandom(77), 100);
    await rec.append(store, 'm', 600);
    const before = await answers(store, 'm', 3);
    // A row in the middle of the third interval (records 1..~100 are the first).
    const undo = await fx.failDeletingRecord(250);
    await expect(store.compact('m')).rejects.toThrow();
    expect(await answers(store, 'm', 3)).toEqual(before);
    const history = await store.history('m', { limit: 1, before: 251 });
    expect(history.map((h) => h.seq)).toEqual([250]);
    await undo();
    expect((await store.compact('m')).recordsArchived).toBeGreaterThan(100);
    expect(await answers(store, 'm', 3)).toEqual(before);
  }, 120_000);
}
