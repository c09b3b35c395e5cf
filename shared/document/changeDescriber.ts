/**
 * Describes in words what a transaction changed in a meeting document ("S2-2403117 status available →
 * agreed", "5.2 notes edited", "Tdoc S2-2403120 added"), from the transaction's own Yjs events.
 *
 * Why events and not a diff of two readMeeting() results: an event names exactly the entries and keys
 * that changed, so describing a status change costs the same in a 10-row and a 2,000-Tdoc meeting (a
 * readMeeting of 2,000 Tdocs costs milliseconds, paid twice per keystroke). The server describes each
 * update when it stores it and keeps the words with the record, so the history is read without
 * rebuilding anything. Deleted entries are named from a small index (id → number or label) kept up to
 * date from the same events, because a deleted Y.Map no longer reads its fields.
 */
import * as Y from 'yjs';
import { ROOT, type EntityKind } from './meetingSchema.js';
import { readAllFields } from './entityStore.js';
import { LiveChangeWords, type ChangeNote } from './liveChangeWords.js';

export type { ChangeNote } from './liveChangeWords.js';

/** At most this many notes per transaction; a bigger one (an import) ends with a summary note. */
export const MAX_NOTES = 100;

const KIND_WORD: Record<EntityKind, string> = {
  agenda: 'Agenda item',
  contributions: 'Tdoc',
  sessions: 'Session',
  actions: 'Action item',
  deliverables: 'Deliverable',
  objectives: 'Objective',
};

/** The field that names an entry of each kind in words. */
const NAME_FIELD: Record<EntityKind, string> = {
  agenda: 'label',
  contributions: 'number',
  sessions: 'code',
  actions: 'ref',
  deliverables: 'name',
  objectives: 'text',
};

const ENTITY_KINDS: EntityKind[] = ['agenda', 'contributions', 'sessions', 'actions', 'deliverables', 'objectives'];

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Y.Text) return v.toString();
  if (v === null || v === undefined) return '';
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function short(s: string, max = 40): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

export class ChangeDescriber {
  /** id → name of every entry, per kind (see NAME_FIELD). */
  private readonly names = new Map<EntityKind, Map<string, string>>();
  /** Contribution id → agenda item id, for the `item` of a Tdoc's notes. */
  private readonly itemOf = new Map<string, string>();
  private readonly byTransaction = new WeakMap<Y.Transaction, ChangeNote[]>();
  /** Contributions whose status a transaction changed. */
  private readonly statusChanged = new WeakMap<Y.Transaction, Set<string>>();
  private readonly stops: (() => void)[] = [];
  private readonly liveWords: LiveChangeWords;

  constructor(private readonly doc: Y.Doc) {
    for (const kind of ENTITY_KINDS) {
      const m = new Map<string, string>();
      const field = NAME_FIELD[kind] as never;
      for (const e of readAllFields(doc, kind, kind === 'contributions' ? ([field, 'agendaItemId'] as never[]) : [field])) {
        m.set(e.id, short(str((e as Record<string, unknown>)[field]), 60));
        if (kind === 'contributions') this.itemOf.set(e.id, str((e as Record<string, unknown>).agendaItemId));
      }
      this.names.set(kind, m);
      this.watch(doc.getMap(ROOT[kind]), (events, tr) => this.onEntities(kind, events, tr));
    }
    this.watch(doc.getMap(ROOT.meta), (events, tr) => this.onPlain('meta', events, tr));
    this.watch(doc.getMap(ROOT.live), (events, tr) => this.onPlain('live', events, tr));
    this.watch(doc.getArray(ROOT.statuses), (_events, tr) => this.push(tr, { text: 'Status vocabulary edited' }));
    // The queue, the floor, polls, rooms, the clock and breaks (issue 25).
    this.liveWords = new LiveChangeWords(doc, (tr, note) => this.push(tr, note), { item: (id) => this.label(id), tdoc: (id) => this.names.get('contributions')!.get(id) }, (type, f) => this.watch(type, f));
  }

  /** The notes of one transaction (empty when it changed nothing this describer knows). */
  take(tr: Y.Transaction | undefined): ChangeNote[] {
    if (!tr) return [];
    const notes = [...(this.byTransaction.get(tr) ?? []), ...this.liveWords.finish(tr)];
    this.byTransaction.delete(tr);
    return capNotes(dedupe(notes));
  }

  destroy(): void {
    for (const f of this.stops) f();
  }

  private watch(type: Y.Map<unknown> | Y.Array<unknown>, f: (events: Y.YEvent<never>[], tr: Y.Transaction) => void): void {
    const handler = (events: Y.YEvent<never>[], tr: Y.Transaction) => {
      try {
        f(events, tr);
      } catch {
        // Describing must never break applying: an odd entry from a broken peer is simply not described.
      }
    };
    type.observeDeep(handler as never);
    this.stops.push(() => type.unobserveDeep(handler as never));
  }

  private push(tr: Y.Transaction, note: ChangeNote): void {
    let list = this.byTransaction.get(tr);
    if (!list) this.byTransaction.set(tr, (list = []));
    list.push(note);
  }

  private label(itemId: string): string {
    return this.names.get('agenda')!.get(itemId) ?? '';
  }

  private ref(kind: EntityKind, id: string): string {
    const name = this.names.get(kind)!.get(id);
    if (kind === 'agenda') return name ? name : 'an agenda item';
    return name ? (kind === 'contributions' ? name : `${KIND_WORD[kind]} ${name}`) : `${KIND_WORD[kind]} ${id.slice(0, 8)}`;
  }

  /** An entry with its kind: 'Tdoc S2-1', 'Agenda item 5.2', 'Action item A-1'. */
  private entryWord(kind: EntityKind, id: string): string {
    const ref = this.ref(kind, id);
    return kind === 'contributions' || (kind === 'agenda' && this.names.get(kind)!.get(id)) ? `${KIND_WORD[kind]} ${ref}` : ref;
  }

  /** The subject of a note on an entry: its Tdoc number and agenda label. */
  private subject(kind: EntityKind, id: string): Pick<ChangeNote, 'tdoc' | 'item'> {
    if (kind === 'contributions') {
      const tdoc = this.names.get('contributions')!.get(id);
      const item = this.label(this.itemOf.get(id) ?? '');
      return { ...(tdoc ? { tdoc } : {}), ...(item ? { item } : {}) };
    }
    if (kind === 'agenda') {
      const item = this.label(id);
      return item ? { item } : {};
    }
    return {};
  }

  private onEntities(kind: EntityKind, events: Y.YEvent<never>[], tr: Y.Transaction): void {
    const names = this.names.get(kind)!;
    for (const event of events) {
      const path = event.path;
      if (path.length === 0) {
        const table = event.target as unknown as Y.Map<unknown>;
        for (const [id, change] of event.changes.keys) {
          if (change.action === 'delete') {
            this.push(tr, { text: `${this.entryWord(kind, id)} deleted`, ...this.subject(kind, id) });
            names.delete(id);
            this.itemOf.delete(id);
            continue;
          }
          const entry = table.get(id);
          if (!(entry instanceof Y.Map)) continue;
          names.set(id, short(str(entry.get(NAME_FIELD[kind])), 60));
          if (kind === 'contributions') this.itemOf.set(id, str(entry.get('agendaItemId')));
          this.push(tr, { text: `${this.entryWord(kind, id)} ${change.action === 'add' ? 'added' : 'replaced'}`, ...this.subject(kind, id) });
        }
        continue;
      }
      const id = String(path[0]);
      if (path.length === 1) this.onEntryKeys(kind, id, event, tr);
      // A status change appends to the history in the same transaction: the status note says it all.
      else if (path[1] === 'history' && this.statusChanged.get(tr)?.has(id)) continue;
      else this.push(tr, { text: `${this.ref(kind, id)} ${fieldWord(String(path[1]))} edited`, ...this.subject(kind, id) });
    }
  }

  private onEntryKeys(kind: EntityKind, id: string, event: Y.YEvent<never>, tr: Y.Transaction): void {
    const entry = event.target as unknown as Y.Map<unknown>;
    const keys = event.changes.keys;
    const ref = this.ref(kind, id);
    const subject = this.subject(kind, id);
    const nameField = NAME_FIELD[kind];
    if (keys.has(nameField)) {
      const next = short(str(entry.get(nameField)), 60);
      this.names.get(kind)!.set(id, next);
      this.push(tr, { text: `${ref} renamed ${next || '(none)'}`, ...subject, ...this.subject(kind, id) });
    }
    for (const [key, change] of keys) {
      if (key === nameField) continue;
      const before = str(change.oldValue);
      const after = str(entry.get(key));
      if (kind === 'contributions' && key === 'status') {
        const set = this.statusChanged.get(tr) ?? new Set<string>();
        this.statusChanged.set(tr, set.add(id));
        this.push(tr, { text: `${ref} status ${before || '(none)'} → ${after || '(none)'}`, ...subject });
      } else if (kind === 'contributions' && key === 'agendaItemId') {
        this.itemOf.set(id, after);
        this.push(tr, { text: `${ref} moved to ${after ? this.label(after) || 'another item' : 'no agenda item'}`, ...this.subject(kind, id) });
      } else if (key === 'rank') {
        if (!keys.has('agendaItemId') && !keys.has('parentId')) this.push(tr, { text: `${ref} reordered`, ...subject });
      } else if (kind === 'agenda' && key === 'parentId') {
        this.push(tr, { text: `${ref} moved under ${after ? this.label(after) || 'another item' : 'the top level'}`, ...subject });
      } else if (kind === 'actions' && key === 'status') {
        this.push(tr, { text: `${ref} ${before || '(none)'} → ${after}`, ...subject });
      } else if (key !== 'id' && key !== 'history') {
        this.push(tr, { text: `${ref} ${fieldWord(key)} edited`, ...subject });
      }
    }
  }

  private onPlain(part: 'meta' | 'live', events: Y.YEvent<never>[], tr: Y.Transaction): void {
    for (const event of events) {
      if (event.path.length) continue;
      const map = event.target as unknown as Y.Map<unknown>;
      for (const [key] of event.changes.keys) {
        const v = str(map.get(key));
        if (part === 'meta') {
          if (key !== 'schemaVersion') this.push(tr, { text: `Meeting ${fieldWord(key)} edited` });
        } else if (key === 'agendaItemId') {
          this.push(tr, v ? { text: `Room on ${this.label(v) || 'an agenda item'}`, item: this.label(v) || undefined } : { text: 'Room on no agenda item' });
        } else if (key === 'contributionId') {
          const n = this.names.get('contributions')!.get(v);
          this.push(tr, v ? { text: `Live Tdoc ${n ?? 'set'}`, ...(n ? { tdoc: n } : {}) } : { text: 'No live Tdoc' });
        } else if (key === 'banner') {
          this.push(tr, { text: v ? `Banner "${short(v)}"` : 'Banner cleared' });
        } else {
          this.push(tr, { text: `Live ${fieldWord(key)} changed` });
        }
      }
    }
  }
}

/** 'agendaItemId' → 'agenda item', 'secretaryRemarks' → 'secretary remarks'. */
function fieldWord(key: string): string {
  return key
    .replace(/Id$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function dedupe(notes: ChangeNote[]): ChangeNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const k = `${n.text}\u0000${n.tdoc ?? ''}\u0000${n.item ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function capNotes(notes: ChangeNote[]): ChangeNote[] {
  if (notes.length <= MAX_NOTES) return notes;
  return [...notes.slice(0, MAX_NOTES - 1), { text: `… and ${notes.length - MAX_NOTES + 1} more changes` }];
}

/** One line for a record: its notes joined ('S2-1 status available → agreed; 5.2 notes edited'). */
export function describeNotes(notes: readonly ChangeNote[]): string {
  return notes.length ? notes.map((n) => n.text).join('; ') : 'No visible change';
}
