/**
 * A React view of one part of the meeting document: `read` builds a snapshot, kept per document until
 * `observe` reports a change, so every render between changes gets the same object (useSyncExternalStore
 * needs that) and a change re-renders the components that use it.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { useMeetingContext } from './MeetingContext.js';

/** A per-document cache of one part's snapshot; create one per part, at module level. */
export interface DocSnapshots<T> {
  observe: (doc: Y.Doc, changed: () => void) => () => void;
  read: (doc: Y.Doc) => T;
  cache: WeakMap<Y.Doc, { value: T; dirty: boolean }>;
}

export function docSnapshots<T>(observe: DocSnapshots<T>['observe'], read: DocSnapshots<T>['read']): DocSnapshots<T> {
  return { observe, read, cache: new WeakMap() };
}

function snapshotOf<T>(s: DocSnapshots<T>, doc: Y.Doc): T {
  let c = s.cache.get(doc);
  if (!c || c.dirty) {
    c = { value: s.read(doc), dirty: false };
    s.cache.set(doc, c);
  }
  return c.value;
}

/** The page's document's snapshot of the part; re-renders when the part changes. */
export function useDocSnapshot<T>(s: DocSnapshots<T>): T {
  const { doc } = useMeetingContext();
  const subscribe = useCallback(
    (l: () => void) => {
      const markDirty = () => {
        const c = s.cache.get(doc);
        if (c) c.dirty = true;
      };
      // Changes made while nobody listened are read again on the next snapshot.
      markDirty();
      return s.observe(doc, () => {
        markDirty();
        l();
      });
    },
    [doc, s],
  );
  return useSyncExternalStore(subscribe, () => snapshotOf(s, doc));
}
