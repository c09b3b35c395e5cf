/**
 * The record's words for the parts of a meeting that move while it runs (issue 25): the speaker queue and
 * the floor, speeches, shows of hands, parallel rooms and their live pointers, the clock and breaks.
 * Without them History said "No visible change" for a delegate asking for the floor, a ballot, a breakout
 * moving on. Part of ChangeDescriber (same events, same costs: the change's, not the meeting's).
 *
 * A ballot is described without its option ("2 ballots in …"), so the record never says who answered what,
 * nor the counts of a poll whose counts are shown only at its close.
 */
import * as Y from 'yjs';
import { BREAK_FIELDS, LIVE_FIELDS, MAIN_ROOM, PARTICIPATION, ROOM_FIELDS, ROOT } from './meetingSchema.js';

/** One change in words, with the Tdoc number and agenda label it concerns (for filtering). */
export interface ChangeNote {
  text: string;
  tdoc?: string;
  item?: string;
}

type Push = (tr: Y.Transaction, note: ChangeNote) => void;
type Watch = (type: Y.Map<unknown>, f: (events: Y.YEvent<never>[], tr: Y.Transaction) => void) => void;

/** What the describer knows of the rest of the meeting: agenda labels and Tdoc numbers by id. */
export interface MeetingNames {
  item(id: string): string;
  tdoc(id: string): string | undefined;
}

const Q = PARTICIPATION.queue;
const P = PARTICIPATION.poll;
const KIND_WORDS: Record<string, string> = { reply: 'reply', clarify: 'clarifying question', 'point-of-order': 'point of order' };

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const quote = (s: string, max = 50): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
};
const who = (name: unknown, company: unknown): string => (text(company) ? `${text(name)} (${text(company)})` : text(name)) || 'someone';
const kindWord = (kind: unknown): string => (KIND_WORDS[text(kind)] ? ` (${KIND_WORDS[text(kind)]})` : '');

function limitWord(seconds: number): string {
  if (!seconds) return 'Speaking limit removed';
  return `Speaking limit ${seconds % 60 ? `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}` : `${seconds / 60} min`}`;
}

export class LiveChangeWords {
  /** Queue entry id → "Name (Company)", poll id → question, room id → name: deleted entries read nothing. */
  private readonly queued = new Map<string, string>();
  private readonly questions = new Map<string, string>();
  private readonly roomNames = new Map<string, string>();
  /** Notes that only stand when the transaction moved no speaker (a queue entry taken by "next"). */
  private readonly deferred = new WeakMap<Y.Transaction, ChangeNote[]>();
  private readonly floorMoved = new WeakSet<Y.Transaction>();

  constructor(
    doc: Y.Doc,
    private readonly push: Push,
    private readonly names: MeetingNames,
    watch: Watch,
  ) {
    doc.getMap<unknown>(ROOT.queue).forEach((m, id) => m instanceof Y.Map && this.queued.set(id, who(m.get(Q.name), m.get(Q.company))));
    doc.getMap<unknown>(ROOT.polls).forEach((m, id) => m instanceof Y.Map && this.questions.set(id, text(m.get(P.question))));
    doc.getMap<unknown>(ROOT.rooms).forEach((m, id) => m instanceof Y.Map && this.roomNames.set(id, text(m.get(ROOM_FIELDS.name)) || id));
    watch(doc.getMap(ROOT.queue), (ev, tr) => this.onQueue(ev, tr));
    watch(doc.getMap(ROOT.floor), (ev, tr) => this.onFloor(ev, tr));
    watch(doc.getMap(ROOT.speeches), (ev, tr) => this.onSpeeches(ev, tr));
    watch(doc.getMap(ROOT.polls), (ev, tr) => this.onPolls(ev, tr));
    watch(doc.getMap(ROOT.rooms), (ev, tr) => this.onRooms(ev, tr));
    watch(doc.getMap(ROOT.clock), (ev, tr) => this.onClock(ev, tr));
    watch(doc.getMap(ROOT.breaks), (ev, tr) => this.onBreaks(ev, tr));
  }

  /** The deferred notes of a transaction that still stand, once every event of it has been seen. */
  finish(tr: Y.Transaction): ChangeNote[] {
    const notes = this.deferred.get(tr) ?? [];
    this.deferred.delete(tr);
    return this.floorMoved.has(tr) ? [] : notes;
  }

  private defer(tr: Y.Transaction, note: ChangeNote): void {
    const list = this.deferred.get(tr) ?? [];
    list.push(note);
    this.deferred.set(tr, list);
  }

  private room(id: string): string {
    return id === MAIN_ROOM ? '' : ` (${this.roomNames.get(id) ?? id})`;
  }

  private onQueue(events: Y.YEvent<never>[], tr: Y.Transaction): void {
    for (const event of events) {
      if (event.path.length === 0) {
        const table = event.target as unknown as Y.Map<unknown>;
        for (const [id, change] of event.changes.keys) {
          if (change.action === 'delete') {
            // "Next speaker" takes the entry out in the same step that gives the floor: the floor says it.
            this.defer(tr, { text: `${this.queued.get(id) ?? 'Someone'} left the queue` });
            this.queued.delete(id);
            continue;
          }
          const m = table.get(id);
          if (!(m instanceof Y.Map)) continue;
          const name = who(m.get(Q.name), m.get(Q.company));
          this.queued.set(id, name);
          const by = m.get(Q.by) === 'self' ? 'asked for the floor' : 'added to the queue';
          this.push(tr, { text: `${name} ${by}${kindWord(m.get(Q.kind))}${this.room(text(m.get(Q.room)) || MAIN_ROOM)}` });
        }
      } else if (event.path.length === 1) {
        const id = String(event.path[0]);
        const m = event.target as unknown as Y.Map<unknown>;
        const keys = event.changes.keys;
        if (keys.has(Q.name) || keys.has(Q.company)) this.queued.set(id, who(m.get(Q.name), m.get(Q.company)));
        const name = this.queued.get(id) ?? 'Someone';
        if (keys.has(Q.rank)) this.push(tr, { text: `${name} moved in the queue` });
        if (keys.has(Q.kind)) this.push(tr, { text: `${name}'s request is now${kindWord(m.get(Q.kind)) || ' (new topic)'}` });
      }
    }
  }

  private onFloor(events: Y.YEvent<never>[], tr: Y.Transaction): void {
    for (const event of events) {
      if (event.path.length) continue;
      const map = event.target as unknown as Y.Map<unknown>;
      for (const [room, change] of event.changes.keys) {
        const before = (change.oldValue ?? {}) as Record<string, unknown>;
        const after = (map.get(room) ?? {}) as Record<string, unknown>;
        const where = this.room(room);
        const was = before.current as Record<string, unknown> | null | undefined;
        const now = after.current as Record<string, unknown> | null | undefined;
        if ((was?.speechId ?? null) !== (now?.speechId ?? null)) {
          this.floorMoved.add(tr);
          if (now) this.push(tr, { text: `${who(now.name, now.company)} has the floor${kindWord(now.kind)}${where}` });
          else if (was) this.push(tr, { text: `${who(was.name, was.company)} finished speaking${where}` });
        }
        if (before.open !== after.open && typeof after.open === 'boolean' && change.action !== 'add') this.push(tr, { text: `Queue ${after.open ? 'opened' : 'closed'}${where}` });
        else if (change.action === 'add' && after.open === false) this.push(tr, { text: `Queue closed${where}` });
        if (before.limitSeconds !== after.limitSeconds && typeof after.limitSeconds === 'number' && (change.action !== 'add' || after.limitSeconds !== 120)) {
          this.push(tr, { text: `${limitWord(after.limitSeconds)}${where}` });
        }
      }
    }
  }

  private onSpeeches(events: Y.YEvent<never>[], tr: Y.Transaction): void {
    for (const event of events) {
      if (event.path.length) continue;
      const map = event.target as unknown as Y.Map<unknown>;
      for (const [id, change] of event.changes.keys) {
        const v = (change.action === 'delete' ? change.oldValue : map.get(id)) as Record<string, unknown> | undefined;
        const name = who(v?.name, v?.company);
        // Giving and ending the floor write the speech too: the floor's note says it.
        this.defer(tr, { text: `Speech of ${name} ${change.action === 'delete' ? 'deleted' : change.action === 'add' ? 'recorded' : 'edited'}` });
      }
    }
  }

  private onPolls(events: Y.YEvent<never>[], tr: Y.Transaction): void {
    const ballots = new Map<string, number>();
    const sealed = new Map<string, number>();
    for (const event of events) {
      const path = event.path;
      if (path.length === 0) {
        const table = event.target as unknown as Y.Map<unknown>;
        for (const [id, change] of event.changes.keys) {
          if (change.action === 'delete') {
            this.push(tr, { text: `Show of hands ${quote(this.questions.get(id) ?? '')} deleted` });
            this.questions.delete(id);
            continue;
          }
          const m = table.get(id);
          if (!(m instanceof Y.Map)) continue;
          const q = text(m.get(P.question));
          this.questions.set(id, q);
          this.push(tr, { text: `Show of hands ${quote(q)} opened${m.get(P.showCounts) === 'at-close' ? ' (counts shown at close)' : ''}` });
        }
      } else if (path.length === 1) {
        this.onPollKeys(String(path[0]), event, tr);
      } else if (path[1] === P.answers || path[1] === P.sealed) {
        const into = path[1] === P.answers ? ballots : sealed;
        const added = [...event.changes.keys.values()].filter((c) => c.action !== 'delete').length;
        into.set(String(path[0]), (into.get(String(path[0])) ?? 0) + added);
      }
    }
    for (const [id, n] of ballots) {
      const q = quote(this.questions.get(id) ?? '');
      // The server moving sealed ballots into the open (a poll closed with its counts shown at close).
      if (sealed.has(id) || n === 0) continue;
      this.push(tr, { text: `${n} ballot${n === 1 ? '' : 's'} in ${q}` });
    }
    for (const [id, n] of sealed) {
      const q = quote(this.questions.get(id) ?? '');
      if (ballots.has(id)) this.push(tr, { text: `Show of hands ${q}: the counts shown (${ballots.get(id)} ballots)` });
      else if (n) this.push(tr, { text: `${n} ballot${n === 1 ? '' : 's'} in ${q} (counted at close)` });
    }
  }

  private onPollKeys(id: string, event: Y.YEvent<never>, tr: Y.Transaction): void {
    const m = event.target as unknown as Y.Map<unknown>;
    const keys = event.changes.keys;
    if (keys.has(P.question)) this.questions.set(id, text(m.get(P.question)));
    const q = quote(this.questions.get(id) ?? '');
    if (keys.has(P.closedAt)) this.push(tr, { text: `Show of hands ${q} ${text(m.get(P.closedAt)) ? 'closed' : 'reopened'}` });
    if (keys.has(P.roomCounts)) {
      const rc = (m.get(P.roomCounts) ?? {}) as Record<string, unknown>;
      const parts = Object.entries(rc).filter(([, n]) => typeof n === 'number').map(([o, n]) => `${o} ${n}`);
      this.push(tr, { text: `Hands counted in the room for ${q}${parts.length ? `: ${parts.join(', ')}` : ''}` });
    }
    if (keys.has(P.question) || keys.has(P.options) || keys.has(P.closesAt)) this.push(tr, { text: `Show of hands ${q} edited` });
    if (keys.has(P.showCounts)) this.push(tr, { text: `Show of hands ${q}: counts shown ${m.get(P.showCounts) === 'at-close' ? 'at close' : 'live'}` });
  }

  private onRooms(events: Y.YEvent<never>[], tr: Y.Transaction): void {
    for (const event of events) {
      if (event.path.length === 0) {
        const table = event.target as unknown as Y.Map<unknown>;
        for (const [id, change] of event.changes.keys) {
          if (change.action === 'delete') {
            this.push(tr, { text: `Room ${quote(this.roomNames.get(id) ?? id)} removed` });
            this.roomNames.delete(id);
            continue;
          }
          const m = table.get(id);
          const name = m instanceof Y.Map ? text(m.get(ROOM_FIELDS.name)) || id : id;
          this.roomNames.set(id, name);
          this.push(tr, { text: `Room ${quote(name)} ${change.action === 'add' ? 'added' : 'replaced'}` });
        }
      } else if (event.path.length === 1) {
        this.onRoomKeys(String(event.path[0]), event, tr);
      }
    }
  }

  private onRoomKeys(id: string, event: Y.YEvent<never>, tr: Y.Transaction): void {
    const m = event.target as unknown as Y.Map<unknown>;
    const keys = event.changes.keys;
    const old = this.roomNames.get(id) ?? id;
    if (keys.has(ROOM_FIELDS.name)) {
      const name = text(m.get(ROOM_FIELDS.name)) || id;
      this.roomNames.set(id, name);
      this.push(tr, { text: `Room ${quote(old)} renamed ${quote(name)}` });
    }
    const name = this.roomNames.get(id) ?? id;
    if (keys.has(ROOM_FIELDS.rank)) this.push(tr, { text: 'Rooms reordered' });
    for (const key of LIVE_FIELDS) {
      if (!keys.has(key)) continue;
      const v = text(m.get(key));
      if (key === 'agendaItemId') {
        const label = v ? this.names.item(v) : '';
        this.push(tr, v ? { text: `${name} on ${label || 'an agenda item'}`, ...(label ? { item: label } : {}) } : { text: `${name} on no agenda item` });
      } else if (key === 'contributionId') {
        const n = v ? this.names.tdoc(v) : undefined;
        this.push(tr, v ? { text: `${name}: live Tdoc ${n ?? 'set'}`, ...(n ? { tdoc: n } : {}) } : { text: `${name}: no live Tdoc` });
      } else if (key === 'banner') {
        this.push(tr, { text: v ? `${name} banner ${quote(v, 40)}` : `${name} banner cleared` });
      } else {
        this.push(tr, { text: `${name}: live session changed` });
      }
    }
  }

  private onClock(events: Y.YEvent<never>[], tr: Y.Transaction): void {
    for (const event of events) {
      if (event.path.length) continue;
      for (const [id, change] of event.changes.keys) {
        const label = this.names.item(id) || 'an agenda item';
        if (change.action === 'add') this.push(tr, { text: `Clock running on ${label}`, item: label });
        else if (change.action === 'delete') this.push(tr, { text: `Clock stopped on ${label}`, item: label });
      }
    }
  }

  private onBreaks(events: Y.YEvent<never>[], tr: Y.Transaction): void {
    for (const event of events) {
      if (event.path.length) continue;
      const map = event.target as unknown as Y.Map<unknown>;
      for (const [room, change] of event.changes.keys) {
        const v = map.get(room) as Record<string, unknown> | undefined;
        const where = this.room(room);
        this.push(tr, change.action === 'delete' ? { text: `Break over${where}` } : { text: `Break ${quote(text(v?.[BREAK_FIELDS.label]) || 'break')} started${where}` });
      }
    }
  }
}
