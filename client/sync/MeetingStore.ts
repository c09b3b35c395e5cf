/**
 * A cache of the meeting document shaped for rendering: plain, immutable row objects with a stable identity
 * until that row changes, and fine-grained subscriptions.
 *
 * Why: the board shows 2,000 rows. Re-reading the whole document per keystroke (readMeeting) costs tens of
 * milliseconds and re-renders everything. Here one observeDeep per table finds the ids an update touched and
 * re-reads only those, so a remote status change notifies exactly one row's subscribers. The ordered index
 * (agenda tree and the contribution ids under each item) is rebuilt only when something structural changed:
 * an entry added or removed, or a rank, parent or agenda item changed.
 */
import * as Y from 'yjs';
import type {
  Action,
  AgendaItem,
  Contribution,
  Deliverable,
  EntityKind,
  Live,
  Meta,
  Objective,
  Session,
  Status,
} from '../../shared/document/meetingSchema.js';
import { readEntry, table } from '../../shared/document/entityStore.js';
import { sortList } from '../../shared/document/meetingDoc.js';
import { observeMeetingParts, readLive, readMeta, readStatuses } from '../../shared/document/meetingParts.js';
import { agendaPreorder, type TreeNode } from '../../shared/document/agendaTree.js';
import { compareRanked } from '../../shared/document/ranks.js';
import { MAIN_ROOM } from '../../shared/document/meetingSchema.js';
import { observeRooms, readRooms, type Room } from '../../shared/document/rooms.js';

/** The ordered shape of the meeting: agenda items in pre-order and the contribution ids under each. */
export interface MeetingIndex {
  agenda: TreeNode<AgendaItem>[];
  /** Contribution ids per agenda item id, in rank order. Key '' holds unallocated contributions. */
  byItem: Map<string, string[]>;
  /** Every contribution id in board order (agenda order, then rank; unallocated last). */
  order: string[];
}

export type ListKind = 'sessions' | 'actions' | 'deliverables' | 'objectives';
export interface ListOf {
  sessions: Session;
  actions: Action;
  deliverables: Deliverable;
  objectives: Objective;
}

type Listener = () => void;

class Topic {
  private listeners = new Set<Listener>();
  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  emit(): void {
    for (const l of [...this.listeners]) l();
  }
  get size(): number {
    return this.listeners.size;
  }
}

const STRUCTURAL: Record<'agenda' | 'contributions', readonly string[]> = {
  agenda: ['parentId', 'rank', 'label', 'title'],
  contributions: ['agendaItemId', 'rank'],
};

/** The render cache of one meeting document. */
export class MeetingStore {
  readonly doc: Y.Doc;
  private rows = { agenda: new Map<string, AgendaItem>(), contributions: new Map<string, Contribution>() };
  private rowTopics = new Map<string, Topic>();
  private indexTopic = new Topic();
  private contentTopic = new Topic();
  private docTopic = new Topic();
  private listTopics = new Map<ListKind, Topic>();
  private lists = new Map<ListKind, unknown[]>();
  private index: MeetingIndex | null = null;
  private liveValue: Live;
  private metaValue: Meta;
  private statusesValue: Status[];
  private contentVersion = 0;
  /** Parts changed in the current transaction: only those are read again after it (not on every edit). */
  private dirty = new Set<'meta' | 'live' | 'statuses' | 'rooms'>();
  /** Every room (issue 16), main first, each live pointer effective as getLive's; read again only when a room, `live` or a session changed. */
  private roomsValue: Room[];
  private cleanups: (() => void)[] = [];

  constructor(doc: Y.Doc) {
    this.doc = doc;
    for (const kind of ['agenda', 'contributions'] as const) {
      const t = table(doc, kind);
      t.forEach((entry, id) => this.reread(kind, id, entry));
      const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => this.onTableEvents(kind, t, events);
      t.observeDeep(handler);
      this.cleanups.push(() => t.unobserveDeep(handler));
    }
    for (const kind of ['sessions', 'actions', 'deliverables', 'objectives'] as const) {
      const t = table(doc, kind);
      const handler = () => {
        this.lists.delete(kind);
        // The main room is named after the sessions' room when no one named it.
        if (kind === 'sessions') this.dirty.add('rooms');
        this.listTopic(kind).emit();
      };
      t.observeDeep(handler);
      this.cleanups.push(() => t.unobserveDeep(handler));
    }
    this.liveValue = this.readEffectiveLive();
    this.metaValue = readMeta(doc);
    this.statusesValue = readStatuses(doc);
    this.roomsValue = this.readEffectiveRooms();
    this.cleanups.push(observeMeetingParts(doc, (part) => this.dirty.add(part)));
    this.cleanups.push(observeRooms(doc, () => this.dirty.add('rooms')));
    const afterTx = () => this.onAfterTransaction();
    doc.on('afterTransaction', afterTx);
    this.cleanups.push(() => doc.off('afterTransaction', afterTx));
  }

  destroy(): void {
    for (const c of this.cleanups) c();
    this.cleanups = [];
  }

  // ------------------------------------------------------------------------------------------- reads

  contribution = (id: string): Contribution | undefined => this.rows.contributions.get(id);
  agendaItem = (id: string): AgendaItem | undefined => this.rows.agenda.get(id);
  getIndex = (): MeetingIndex => (this.index ??= this.buildIndex());
  /**
   * What the room is on now. A live contribution without a live item (a peer that set only the
   * contribution) makes its own agenda item the live one, so every view can mark it.
   */
  getLive = (): Live => this.liveValue;
  /** Every room of the meeting, the main room first (one room when the meeting has none); stable until one changes. */
  getRooms = (): Room[] => this.roomsValue;
  /** A room's live pointer, as getLive (the main room's for MAIN_ROOM or a room that does not exist). */
  getLiveOf = (roomId: string): Live => (roomId === MAIN_ROOM ? this.liveValue : (this.roomsValue.find((r) => r.id === roomId)?.live ?? this.liveValue));
  getMeta = (): Meta => this.metaValue;
  getStatuses = (): Status[] => this.statusesValue;
  /** Bumped on every change of any contribution or agenda item (for filters and feeds). */
  getContentVersion = (): number => this.contentVersion;

  /** The entries of a small list, sorted as the meeting JSON sorts them; stable until the list changes. */
  getList<K extends ListKind>(kind: K): ListOf[K][] {
    let list = this.lists.get(kind) as ListOf[K][] | undefined;
    if (!list) {
      list = [];
      table(this.doc, kind).forEach((entry, id) => {
        const e = readEntry(kind, id, entry);
        if (e) list!.push(e as ListOf[K]);
      });
      sortList(kind, list);
      this.lists.set(kind, list);
    }
    return list;
  }

  // -------------------------------------------------------------------------------------- subscriptions

  /** Subscribes to one row (a contribution or agenda item id). */
  subscribeRow = (id: string, l: Listener): (() => void) => {
    let t = this.rowTopics.get(id);
    if (!t) this.rowTopics.set(id, (t = new Topic()));
    const topic = t;
    const off = topic.subscribe(l);
    return () => {
      off();
      if (topic.size === 0 && this.rowTopics.get(id) === topic) this.rowTopics.delete(id);
    };
  };
  subscribeIndex = (l: Listener) => this.indexTopic.subscribe(l);
  subscribeContent = (l: Listener) => this.contentTopic.subscribe(l);
  /** Live pointer, meta and status vocabulary. */
  subscribeDoc = (l: Listener) => this.docTopic.subscribe(l);
  subscribeList = (kind: ListKind, l: Listener) => this.listTopic(kind).subscribe(l);

  // ----------------------------------------------------------------------------------------- internals

  private listTopic(kind: ListKind): Topic {
    let t = this.listTopics.get(kind);
    if (!t) this.listTopics.set(kind, (t = new Topic()));
    return t;
  }

  /** Re-reads one entry into the cache; returns whether the change moved it in the index. */
  private reread(kind: 'agenda' | 'contributions', id: string, entry: unknown): boolean {
    const map = this.rows[kind] as Map<string, AgendaItem | Contribution>;
    const before = map.get(id) as Record<string, unknown> | undefined;
    const after = entry === undefined ? null : (readEntry(kind, id, entry) as AgendaItem | Contribution | null);
    if (!after) {
      map.delete(id);
      return before !== undefined;
    }
    map.set(id, after);
    if (!before) return true;
    return STRUCTURAL[kind].some((f) => before[f] !== (after as unknown as Record<string, unknown>)[f]);
  }

  private onTableEvents(kind: 'agenda' | 'contributions', t: Y.Map<Y.Map<unknown>>, events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
    const ids = new Set<string>();
    for (const ev of events) {
      if (ev.target === t) for (const key of (ev as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
      else if (typeof ev.path[0] === 'string') ids.add(ev.path[0]);
    }
    let structural = false;
    for (const id of ids) if (this.reread(kind, id, t.get(id))) structural = true;
    // The live item follows the live contribution's item when only the contribution is set.
    if (structural || (kind === 'contributions' && this.liveValue.contributionId && ids.has(this.liveValue.contributionId))) this.dirty.add('live');
    if (structural) this.index = null;
    this.contentVersion++;
    for (const id of ids) this.rowTopics.get(id)?.emit();
    if (structural) this.indexTopic.emit();
    this.contentTopic.emit();
  }

  private onAfterTransaction(): void {
    if (this.dirty.size === 0) return;
    let changed = false;
    if (this.dirty.has('live')) {
      const live = this.readEffectiveLive();
      if (!sameJson(live, this.liveValue)) {
        this.liveValue = live;
        changed = true;
      }
    }
    if (this.dirty.has('meta')) {
      const meta = readMeta(this.doc);
      if (!sameJson(meta, this.metaValue)) {
        this.metaValue = meta;
        changed = true;
      }
    }
    if (this.dirty.has('statuses')) {
      const statuses = readStatuses(this.doc);
      if (!sameJson(statuses, this.statusesValue)) {
        this.statusesValue = statuses;
        changed = true;
      }
    }
    if (this.dirty.has('rooms') || this.dirty.has('live')) {
      const rooms = this.readEffectiveRooms();
      if (!sameJson(rooms, this.roomsValue)) {
        this.roomsValue = rooms;
        changed = true;
      }
    }
    this.dirty.clear();
    if (changed) this.docTopic.emit();
  }

  private readEffectiveRooms(): Room[] {
    return readRooms(this.doc).map((r) => ({ ...r, live: r.id === MAIN_ROOM ? this.liveValue : this.effective(r.live) }));
  }

  private readEffectiveLive(): Live {
    return this.effective(readLive(this.doc));
  }

  private effective(live: Live): Live {
    if (!live.agendaItemId && live.contributionId) {
      const itemId = this.rows.contributions.get(live.contributionId)?.agendaItemId;
      if (itemId && this.rows.agenda.has(itemId)) live.agendaItemId = itemId;
    }
    return live;
  }

  private buildIndex(): MeetingIndex {
    const agenda = agendaPreorder([...this.rows.agenda.values()]);
    const known = new Set(agenda.map((n) => n.item.id));
    const byItem = new Map<string, Contribution[]>();
    for (const c of this.rows.contributions.values()) {
      const key = known.has(c.agendaItemId) ? c.agendaItemId : '';
      let list = byItem.get(key);
      if (!list) byItem.set(key, (list = []));
      list.push(c);
    }
    const ids = new Map<string, string[]>();
    const order: string[] = [];
    for (const key of [...agenda.map((n) => n.item.id), '']) {
      const list = byItem.get(key);
      if (!list) continue;
      const sorted = list.sort(compareRanked).map((c) => c.id);
      ids.set(key, sorted);
      order.push(...sorted);
    }
    return { agenda, byItem: ids, order };
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The kinds whose rows the store caches individually. */
export type RowKind = Extract<EntityKind, 'agenda' | 'contributions'>;
