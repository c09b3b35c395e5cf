/**
 * The acceptance suite every DocStore passes (automerge-repo style): a store factory in, tests out.
 * `reopen`, when given, closes the store and opens a new one on the same storage, to check durability.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/persistence/DocStore.js';
import type { UpdateRecord } from '../../server/persistence/historyRecords.js';
import { registerRecordArchiveContract } from './recordArchiveContract.js';

export interface StoreFixture {
  store: DocStore;
  reopen?: () => Promise<DocStore>;
  /** Makes the store fail (a database error) while deleting the history row `seq`; resolves with the undo. */
  failDeletingRecord?: (seq: number) => Promise<() => Promise<void>>;
}

function stateOf(updates: Uint8Array[]): Record<string, unknown> {
  const doc = new Y.Doc();
  doc.transact(() => updates.forEach((u) => Y.applyUpdate(doc, u)));
  return doc.getMap('m').toJSON();
}

/** Makes `n` updates from one editing doc, each depending on the previous (a causal chain). */
function chain(n: number, key = 'k'): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i++) doc.getMap('m').set(key, i);
  doc.getMap('m').set('text', 'done');
  return { updates, doc };
}

/** Registers the DocStore contract for a store made by `factory` (called once per test). */
export function registerDocStoreContract(name: string, factory: () => Promise<StoreFixture>): void {
  describe(`DocStore contract: ${name}`, () => {
    registerRecordArchiveContract(factory);

    it('loads nothing for a meeting it has never seen', async () => {
      const { store } = await factory();
      expect(await store.load('nobody')).toEqual([]);
      expect(await store.stats('nobody')).toEqual({ rows: 0, bytes: 0 });
    });

    it('gives back appended updates in order, per meeting', async () => {
      const { store } = await factory();
      const a = chain(5, 'a');
      const b = chain(3, 'b');
      await store.append('one', a.updates.slice(0, 2));
      await store.append('two', b.updates);
      await store.append('one', a.updates.slice(2));
      const loaded = await store.load('one');
      expect(loaded.map((u) => Array.from(u))).toEqual(a.updates.map((u) => Array.from(u)));
      expect(stateOf(await store.load('two'))).toEqual(b.doc.getMap('m').toJSON());
      expect((await store.stats('one')).rows).toBe(a.updates.length);
    });

    it('keeps the same state after compaction, in fewer rows', async () => {
      const { store } = await factory();
      const { updates, doc } = chain(200);
      await store.append('m1', updates);
      const before = await store.stats('m1');
      const res = await store.compact('m1');
      expect(res.rowsBefore).toBe(before.rows);
      const after = await store.load('m1');
      expect(after).toHaveLength(1);
      expect(stateOf(after)).toEqual(doc.getMap('m').toJSON());
    });

    it('appends after a compaction land after the snapshot, and a second compaction keeps them', async () => {
      const { store } = await factory();
      const { updates, doc } = chain(50);
      await store.append('m1', updates.slice(0, 30));
      await store.compact('m1');
      await store.append('m1', updates.slice(30));
      expect(stateOf(await store.load('m1'))).toEqual(doc.getMap('m').toJSON());
      await store.compact('m1');
      const loaded = await store.load('m1');
      expect(loaded).toHaveLength(1);
      expect(stateOf(loaded)).toEqual(doc.getMap('m').toJSON());
    });

    it('never loses the base when compaction meets a malformed row', async () => {
      const { store } = await factory();
      const { updates, doc } = chain(10);
      await store.append('m1', updates);
      await store.append('m1', [new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])]);
      await expect(store.compact('m1')).rejects.toThrow();
      const loaded = await store.load('m1');
      expect(loaded).toHaveLength(updates.length + 1);
      expect(stateOf(loaded.slice(0, updates.length))).toEqual(doc.getMap('m').toJSON());
    });

    it('moves rows into quarantine, keeps the others in order, and compacts without them', async () => {
      const { store } = await factory();
      const { updates, doc } = chain(10);
      const bad = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
      await store.append('m1', [...updates.slice(0, 5), bad, ...updates.slice(5)]);
      await store.append('other', [bad]);
      expect(await store.quarantine('m1', [5, 99], 'truncated')).toBe(1);
      const loaded = await store.load('m1');
      expect(loaded.map((u) => Array.from(u))).toEqual(updates.map((u) => Array.from(u)));
      expect((await store.quarantined('m1')).map((q) => [Array.from(q.data), q.reason])).toEqual([[Array.from(bad), 'truncated']]);
      expect(await store.quarantined('other')).toEqual([]);
      expect(await store.load('other')).toHaveLength(1);
      await store.compact('m1');
      expect(stateOf(await store.load('m1'))).toEqual(doc.getMap('m').toJSON());
    });

    it('compacting a meeting leaves other meetings alone', async () => {
      const { store } = await factory();
      const a = chain(20, 'a');
      const b = chain(20, 'b');
      await store.append('a', a.updates);
      await store.append('b', b.updates);
      await store.compact('a');
      expect(await store.load('b')).toHaveLength(b.updates.length);
    });

    it('removes a meeting', async () => {
      const { store } = await factory();
      await store.append('gone', chain(3).updates);
      await store.remove('gone');
      expect(await store.load('gone')).toEqual([]);
    });

    it('deletes a meeting whole, compacted rows and later appends included, and leaves the others', async () => {
      const { store } = await factory();
      const a = chain(30, 'a');
      const b = chain(5, 'b');
      await store.append('doomed', a.updates.slice(0, 20));
      await store.compact('doomed');
      await store.append('doomed', a.updates.slice(20));
      await store.append('kept', b.updates);
      await store.remove('doomed');
      expect(await store.load('doomed')).toEqual([]);
      expect(await store.stats('doomed')).toEqual({ rows: 0, bytes: 0 });
      expect(stateOf(await store.load('kept'))).toEqual(b.doc.getMap('m').toJSON());
      // A meeting of the same name made afterwards starts from nothing.
      const fresh = chain(2, 'fresh');
      await store.append('doomed', fresh.updates);
      expect(stateOf(await store.load('doomed'))).toEqual(fresh.doc.getMap('m').toJSON());
      await store.remove('never-there');
    });

    it('does not keep a reference to the caller buffers', async () => {
      const { store } = await factory();
      const buf = chain(1).updates[0].slice();
      const copy = buf.slice();
      await store.append('m', [buf]);
      buf.fill(0);
      expect(Array.from((await store.load('m'))[0])).toEqual(Array.from(copy));
    });

    it('keeps a record with each recorded update, newest first, paged and filtered', async () => {
      const { store } = await factory();
      const { updates } = chain(6);
      const rec = (i: number): UpdateRecord => ({
        at: 1_000 * (i + 1),
        role: i % 2 ? 'chair' : 'secretary',
        tokenId: i % 2 ? 'tok-chair' : 'tok-sec',
        name: i % 2 ? 'Karen Hughes' : '',
        changes: [{ text: `change ${i}`, tdoc: i === 2 ? 'S2-1' : undefined, item: i >= 4 ? '5.2' : undefined }],
      });
      // Update 3 is stored without a record (a log-only row): it is not in the history.
      await store.append('m', updates.slice(0, 3), [rec(0), rec(1), rec(2)]);
      await store.append('m', updates.slice(3), [undefined, rec(4), rec(5), rec(6)]);
      const all = await store.history('m', { limit: 100 });
      expect(all.map((r) => r.seq)).toEqual([6, 5, 4, 3, 2, 1]);
      expect(all[0]).toEqual({ seq: 6, at: 7_000, role: 'secretary', tokenId: 'tok-sec', name: '', changes: [{ text: 'change 6', item: '5.2' }] });
      expect((await store.history('m', { limit: 2, before: 5 })).map((r) => r.seq)).toEqual([4, 3]);
      expect((await store.history('m', { limit: 100, by: 'karen hughes' })).map((r) => r.seq)).toEqual([5, 2]);
      expect((await store.history('m', { limit: 100, by: 'secretary' })).map((r) => r.seq)).toEqual([6, 4, 3, 1]);
      expect((await store.history('m', { limit: 100, by: 'tok-chair' })).map((r) => r.seq)).toEqual([5, 2]);
      expect((await store.history('m', { limit: 100, since: 2_000, until: 5_000 })).map((r) => r.seq)).toEqual([4, 3, 2]);
      expect((await store.history('m', { limit: 100, tdoc: 's2-1' })).map((r) => r.seq)).toEqual([3]);
      expect((await store.history('m', { limit: 100, item: '5.2' })).map((r) => r.seq)).toEqual([6, 5, 4]);
      expect(await store.history('other', { limit: 10 })).toEqual([]);
    });

    it('rebuilds a past state from the latest checkpoint and the records after it, also after compaction', async () => {
      const { store } = await factory();
      const { updates } = chain(10);
      const states: Uint8Array[] = [];
      const doc = new Y.Doc();
      for (const u of updates) {
        Y.applyUpdate(doc, u);
        states.push(Y.encodeStateAsUpdate(doc));
      }
      const records = updates.map((_, i): UpdateRecord => ({
        at: 100 * (i + 1),
        role: 'chair',
        tokenId: 't',
        name: '',
        changes: [],
        ...(i === 0 || i === 5 ? { checkpoint: states[i] } : {}),
      }));
      await store.append('m', updates, records);
      await store.compact('m');
      expect(await store.updatesAt('m', 50)).toBeUndefined();
      for (let i = 0; i < updates.length; i++) {
        const past = (await store.updatesAt('m', 100 * (i + 1) + 50))!;
        expect(past.seq).toBe(i + 1);
        expect(past.updates).toHaveLength(i < 5 ? i + 1 : i - 4);
        expect(stateOf(past.updates)).toEqual(stateOf([states[i]]));
      }
      const info = await store.recordInfo('m');
      expect(info).toEqual({ records: 11, firstAt: 100, lastAt: 1_100, lastCheckpointAt: 600, recordsSinceCheckpoint: 5, checkpoints: 2 });
      await store.remove('m');
      expect(await store.history('m', { limit: 10 })).toEqual([]);
      expect((await store.recordInfo('m')).records).toBe(0);
    });

    it('keeps appended and compacted updates across a reopen, when the store is durable', async (ctx) => {
      const fx = await factory();
      if (!fx.reopen) {
        // An in-memory store has nothing to reopen; the check is that it says so.
        expect(fx.reopen).toBeUndefined();
        return;
      }
      const { updates, doc } = chain(40);
      await fx.store.append('m', updates.slice(0, 20));
      await fx.store.compact('m');
      await fx.store.append('m', updates.slice(20));
      const reopened = await fx.reopen();
      expect(stateOf(await reopened.load('m'))).toEqual(doc.getMap('m').toJSON());
      ctx.onTestFinished(() => reopened.close());
    });
  });
}
