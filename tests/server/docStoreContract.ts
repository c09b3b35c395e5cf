/**
 * The acceptance suite every DocStore passes (automerge-repo style): a store factory in, tests out.
 * `reopen`, when given, closes the store and opens a new one on the same storage, to check durability.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/persistence/DocStore.js';

export interface StoreFixture {
  store: DocStore;
  reopen?: () => Promise<DocStore>;
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

    it('does not keep a reference to the caller buffers', async () => {
      const { store } = await factory();
      const buf = chain(1).updates[0].slice();
      const copy = buf.slice();
      await store.append('m', [buf]);
      buf.fill(0);
      expect(Array.from((await store.load('m'))[0])).toEqual(Array.from(copy));
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
