/**
 * Merges an ordered update log into one update by applying it in one transaction and encoding once:
 * ~36 ms for 10,000 small updates, against ~1.8 s for `Y.mergeUpdates` (FACTS.md).
 */
import * as Y from 'yjs';

/** One update holding the state of `updates` applied in order. Throws on a malformed update. */
export function compactUpdates(updates: readonly Uint8Array[]): Uint8Array {
  if (updates.length === 1) return updates[0];
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      for (const u of updates) Y.applyUpdate(doc, u);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
