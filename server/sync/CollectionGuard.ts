/**
 * Refuses an editor's update that would put a part of the meeting over its limit (issue 23,
 * shared/document/collectionLimits.ts), before it is applied: nothing of it is stored or sent, the
 * connection that sent it is closed with 4422, everyone else goes on.
 *
 * Why here, and why this way: the server sees Yjs updates, not operations, and applying an update cannot
 * be taken back (an undo would leave the 100,000 entries as tombstones that every later read walks). A
 * copy of the document to try it on costs a copy per update. So the update is decoded (Y.decodeUpdate:
 * no integration; a 40-byte status change decodes in microseconds) and each new item is placed:
 * - an item naming its parent (a new key of a map, or the first value of an array) is placed at once;
 * - an item that names only its neighbour (origin) is placed where that neighbour is, in the document
 *   (Y.getItem, a binary search) or earlier in the same update;
 * and then counted: new keys of a map (keys it does not hold now), values added to an array or characters
 * to a text. A part whose count now plus what the update adds passes its limit refuses the update.
 * Deletions in the same update are not subtracted (a part at its limit refuses an update that removes
 * one entry and adds another; the board's operations never do both at once near a limit). An item whose
 * neighbour the server has never seen waits in Yjs's pending set as before and is not counted: it cannot
 * create a map key (a new key always names its parent), only extend a text or an array.
 */
import * as Y from 'yjs';
import { limitAt } from '../../shared/document/collectionLimits.js';

/** An update refused before it was applied; the message says which part and its limit. */
export class UpdateRefused extends Error {}

/** Where an item goes: its container (a root type by name, or a type inside another's entry), and key. */
interface Place {
  /** Identifies the container: `root:NAME` or `item:CLIENT:CLOCK` of the item holding it. */
  id: string;
  /** The root's name, then the keys down to the container. */
  path: string[];
  kind: 'map' | 'array' | 'text';
  /** The container in the document, when it exists there. */
  type: AnyType | undefined;
  /** The key in a map (null for arrays and texts). */
  key: string | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a container of any kind
type AnyType = Y.AbstractType<any>;

type StructItem = Y.Item & { parent: Y.ID | string | null; parentSub: string | null; origin: Y.ID | null; rightOrigin: Y.ID | null };

/** The container's kind from its type (a new type of the update, or one of the document). */
function kindOfType(t: unknown): 'map' | 'array' | 'text' {
  return t instanceof Y.Text ? 'text' : t instanceof Y.Array ? 'array' : 'map';
}

export class CollectionGuard {
  constructor(private readonly doc: Y.Doc) {}

  /**
   * Throws UpdateRefused when applying an update would put a part of the meeting over its limit; takes
   * the update as Y.decodeUpdate gave it (the room decodes every editor's update once to check it).
   */
  check({ structs }: Pick<ReturnType<typeof Y.decodeUpdate>, 'structs'>): void {
    const items = structs.filter((s): s is StructItem => s instanceof Y.Item);
    if (!items.length) return;
    const inUpdate = new Map<string, StructItem[]>();
    for (const it of items) {
      const list = inUpdate.get(String(it.id.client));
      if (list) list.push(it);
      else inUpdate.set(String(it.id.client), [it]);
    }
    const places = new Map<StructItem, Place | null>();
    const added = new Map<string, { place: Place; keys: Set<string>; length: number }>();
    for (const it of items) {
      const place = this.placeOf(it, inUpdate, places, 0);
      if (!place) continue;
      let a = added.get(place.id);
      if (!a) added.set(place.id, (a = { place, keys: new Set(), length: 0 }));
      if (place.kind === 'map') {
        if (place.key !== null && !this.holds(place.type, place.key)) a.keys.add(place.key);
      } else if (it.content.isCountable()) a.length += it.length;
    }
    for (const { place, keys, length } of added.values()) {
      const adds = place.kind === 'map' ? keys.size : length;
      if (adds === 0) continue;
      const limit = limitAt(place.path, place.kind);
      const now = place.kind === 'map' ? this.keysUpTo(place.type, limit) : (place.type?._length ?? 0);
      if (now + adds > limit) {
        const what = place.kind === 'text' ? 'characters' : place.kind === 'array' ? 'values' : 'entries';
        throw new UpdateRefused(`${place.path.join('/')} may hold at most ${limit} ${what} (it has ${now}; the change adds ${adds})`);
      }
    }
  }

  /** Where an item of the update goes, or null when its neighbours are unknown (it waits in Yjs). */
  private placeOf(it: StructItem, inUpdate: Map<string, StructItem[]>, memo: Map<StructItem, Place | null>, depth: number): Place | null {
    if (memo.has(it)) return memo.get(it)!;
    let place: Place | null = null;
    if (depth < 64) {
      if (typeof it.parent === 'string') place = this.rootPlace(it.parent, it.parentSub);
      else if (it.parent) place = this.childPlace(it.parent, it.parentSub, inUpdate, memo, depth);
      else {
        const neighbour = it.origin ?? it.rightOrigin;
        if (neighbour) place = this.neighbourPlace(neighbour, inUpdate, memo, depth);
      }
    }
    memo.set(it, place);
    return place;
  }

  private rootPlace(name: string, key: string | null): Place {
    const type = this.doc.share.get(name);
    const kind = key !== null ? 'map' : type instanceof Y.Text ? 'text' : 'array';
    return { id: `root:${name}`, path: [name], kind, type, key };
  }

  /** An item whose parent is the type held by the item `parentId` (of the update or of the document). */
  private childPlace(parentId: Y.ID, key: string | null, inUpdate: Map<string, StructItem[]>, memo: Map<StructItem, Place | null>, depth: number): Place | null {
    const own = findIn(inUpdate, parentId);
    if (own) {
      const holder = this.placeOf(own, inUpdate, memo, depth + 1);
      if (!holder || !(own.content instanceof Y.ContentType)) return null;
      const t = own.content.type;
      return { id: `item:${own.id.client}:${own.id.clock}`, path: [...holder.path, own.parentSub ?? holder.key ?? '#'], kind: key !== null ? 'map' : kindOfType(t), type: undefined, key };
    }
    const held = this.docItem(parentId);
    if (!held || !(held.content instanceof Y.ContentType)) return null;
    const t = held.content.type as AnyType;
    return { id: `item:${held.id.client}:${held.id.clock}`, path: this.pathOf(t), kind: key !== null ? 'map' : kindOfType(t), type: t, key };
  }

  /** An item placed next to `id`: in the same container, under the same key. */
  private neighbourPlace(id: Y.ID, inUpdate: Map<string, StructItem[]>, memo: Map<StructItem, Place | null>, depth: number): Place | null {
    const own = findIn(inUpdate, id);
    if (own) return this.placeOf(own, inUpdate, memo, depth + 1);
    const n = this.docItem(id);
    if (!n || !n.parent || !(n.parent instanceof Y.AbstractType)) return null;
    const t = n.parent as AnyType;
    const path = this.pathOf(t);
    const id0 = t._item ? `item:${t._item.id.client}:${t._item.id.clock}` : `root:${path[0]}`;
    return { id: id0, path, kind: n.parentSub !== null ? 'map' : kindOfType(t), type: t, key: n.parentSub };
  }

  /** The root's name and the keys down to a type of the document. */
  private pathOf(t: AnyType): string[] {
    const keys: string[] = [];
    let cur: AnyType = t;
    for (let i = 0; i < 64 && cur._item; i++) {
      keys.unshift(cur._item.parentSub ?? '#');
      const up = cur._item.parent;
      if (!(up instanceof Y.AbstractType)) return ['?', ...keys];
      cur = up as AnyType;
    }
    let root = '?';
    try {
      root = Y.findRootTypeKey(cur);
    } catch {
      // A type of no root: counted under '?' (the unknown root's limit).
    }
    return [root, ...keys];
  }

  /** An item of the document by id, or undefined when the server has not seen it. */
  private docItem(id: Y.ID): Y.Item | undefined {
    const structs = this.doc.store.clients.get(id.client);
    if (!structs || !structs.length) return undefined;
    const last = structs[structs.length - 1];
    if (id.clock >= last.id.clock + last.length) return undefined;
    const s = Y.getItem(this.doc.store, id);
    return s instanceof Y.Item ? s : undefined;
  }

  /** True when the map holds `key` now (not deleted). */
  private holds(type: AnyType | undefined, key: string): boolean {
    const item = type?._map.get(key);
    return !!item && !item.deleted;
  }

  /** The keys a map holds now, counted up to `limit` + 1. */
  private keysUpTo(type: AnyType | undefined, limit: number): number {
    let n = 0;
    if (!type) return 0;
    for (const item of type._map.values()) if (!item.deleted && ++n > limit) break;
    return n;
  }
}

/** The item of the update that holds clock `id.clock` of its client, if any. */
function findIn(inUpdate: Map<string, StructItem[]>, id: Y.ID): StructItem | undefined {
  const list = inUpdate.get(String(id.client));
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const it = list[mid];
    if (id.clock < it.id.clock) hi = mid - 1;
    else if (id.clock >= it.id.clock + it.length) lo = mid + 1;
    else return it;
  }
  return undefined;
}
