/**
 * What one append (one tick's batch) costs in a store: typical edits appended one after the other as a
 * room does, timed until each append resolved. Used by server/tools/measureAppendCost.ts and the
 * benchmark's append scenario (bench/scenarios/appendCost.ts). A measurement, not a test.
 */
import * as Y from 'yjs';
import type { DocStore } from '../persistence/DocStore.js';

/** N updates of a typical edit (a word added to a Tdoc's title), after one update that makes 20 rows. */
export function typicalEdits(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  const rows = doc.getArray<Y.Map<unknown>>('contributions');
  doc.transact(() => {
    for (let i = 0; i < 20; i++) {
      const m = new Y.Map<unknown>();
      m.set('title', new Y.Text(`Tdoc ${i}`));
      rows.push([m]);
    }
  });
  for (let i = 0; i < n; i++) {
    const t = rows.get(i % 20).get('title') as Y.Text;
    t.insert(t.length, ` rev ${i}`);
  }
  return out;
}

export interface AppendCost {
  appends: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Appends updates[0] (untimed), then each other update as its own batch, one after the other; ms. */
export async function measureAppends(store: DocStore, meetingId: string, updates: Uint8Array[]): Promise<AppendCost> {
  await store.append(meetingId, [updates[0]!]);
  const times: number[] = [];
  for (const u of updates.slice(1)) {
    const t0 = process.hrtime.bigint();
    await store.append(meetingId, [u]);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { appends: times.length, p50: pct(times, 50), p99: pct(times, 99), max: times[times.length - 1]!, mean: times.reduce((s, x) => s + x, 0) / times.length };
}
