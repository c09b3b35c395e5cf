/**
 * The intermediate every importer fills: agenda items (by explicit parent or by their number), contributions
 * with links written as document numbers, sessions with agenda references as labels. `build()` turns it into
 * valid meeting JSON: ids, ranks in input (or sort-order) sequence, pre-order agenda, statuses added to the
 * vocabulary, revision/merge links resolved to ids. Links to documents not in the file are kept as text in
 * the contribution's notes, never dropped.
 */
import { roomsFromSessions } from '../document/rooms.js';
import {
  MEETING_FORMAT,
  MEETING_FORMAT_VERSION,
  emptyLive,
  emptyMeta,
  type Action,
  type AgendaItem,
  type Contribution,
  type Deliverable,
  type MeetingJson,
  type Meta,
  type Objective,
  type Session,
  type Status,
} from '../document/meetingSchema.js';
import { newId } from '../document/ids.js';
import { ranksBetween } from '../document/ranks.js';
import { DEFAULT_STATUS, ensureStatus, presetStatuses, type PresetName } from '../document/statuses.js';
import { parseMeeting, formatIssues } from '../document/validateMeeting.js';
import { ImportError, type ImportWarning } from './types.js';
import { cleanText, normalizeTime } from './normalize.js';
import { resolveContributions, type PendingContribution } from './contributionLinks.js';
import type { ContributionInput, ItemInput, SessionInput, Where } from './builderInputs.js';
import { isOnlineVenue, isTimeZone, timezoneOfPlace } from '../time/meetingPlaces.js';

interface ItemRec {
  item: AgendaItem;
  /** An item id, null for the root, or 'label' to find it by the label's prefixes at build(). */
  parent: string | null | 'label';
  sortKey: number;
  seq: number;
}


/** Words that mark a status still open (the decision is not final). */
const WORKING = /open|\?|pending|tbd|ongoing|e-?mail|reserved|available|for .*approval/i;

export class MeetingBuilder {
  readonly meta: Meta = emptyMeta();
  readonly statuses: Status[];
  readonly warnings: ImportWarning[] = [];
  private items: ItemRec[] = [];
  private byLabel = new Map<string, ItemRec[]>();
  private byId = new Map<string, ItemRec>();
  /** Items without a label placed by label (itemByLabel with a blank label), in order. */
  private unlabeled: ItemRec[] = [];
  private contributions: PendingContribution[] = [];
  private sessions: { s: Session; labels: string[]; where?: Where }[] = [];
  private actions: Action[] = [];
  private deliverables: Omit<Deliverable, 'rank'>[] = [];
  private objectives: string[] = [];
  private seq = 0;

  constructor(preset: PresetName = '3gpp') {
    this.statuses = presetStatuses(preset);
  }

  warn(message: string, where: Where = {}): void {
    this.warnings.push({ message, ...where });
  }

  get itemCount(): number {
    return this.items.length;
  }
  get contributionCount(): number {
    return this.contributions.length;
  }
  get sessionCount(): number {
    return this.sessions.length;
  }
  /**
   * Gives the meeting the time zone of its venue (textAgendaPlaces' table of meeting cities and countries)
   * when the file named none; for formats that carry a venue but no zone.
   */
  zoneFromVenue(): void {
    if (this.meta.timezone !== 'UTC') return;
    const venue = cleanText(this.meta.venue);
    const zone = venue ? timezoneOfPlace(venue) : undefined;
    if (zone) this.meta.timezone = zone;
    else if ((venue && isOnlineVenue(venue)) || (!venue && /\d\s*-?\s*e$|\be-?meeting\b/i.test(cleanText(this.meta.title)))) {
      this.warn(`the meeting is held online${venue ? ` ("${venue}")` : ''}: its time zone is left as UTC; set the zone the meeting keeps its times in (Meeting tab)`);
    } else if (venue) {
      this.warn(`the venue "${venue}" is not a place whose time zone Plenary knows: the time zone is left as UTC; set it in the Meeting tab`);
    }
  }

  /** Dates of the sessions added so far, sorted, blanks left out. */
  sessionDates(): string[] {
    return this.sessions.map((x) => x.s.date).filter(Boolean).sort();
  }

  /** Adds an agenda item under `parent` (an item id, null for the top, 'label' to place it by its number). */
  addItem(input: ItemInput, parent: string | null | 'label' = 'label'): string {
    const item: AgendaItem = { id: newId(), parentId: null, rank: '', label: cleanText(input.label), title: cleanText(input.title), notes: input.notes ?? '' };
    for (const k of ['specs', 'rapporteur', 'duration', 'presenters'] as const) {
      const v = cleanText(input[k]);
      if (v) item[k] = v;
    }
    if (input.documents?.length) item.documents = [...input.documents];
    const rec: ItemRec = { item, parent, sortKey: input.sortKey ?? Number.POSITIVE_INFINITY, seq: this.seq++ };
    this.items.push(rec);
    this.byId.set(item.id, rec);
    if (!item.label && parent === 'label') this.unlabeled.push(rec);
    if (item.label) {
      const list = this.byLabel.get(item.label) ?? [];
      list.push(rec);
      this.byLabel.set(item.label, list);
    }
    return item.id;
  }

  /**
   * The item with this label (and title, when both are known), created under its number's parent when new.
   * A blank title fills in from a later row.
   */
  itemByLabel(label: string, title = '', sortKey?: number): string {
    const l = cleanText(label);
    const t = cleanText(title);
    const pool = l ? this.byLabel.get(l) ?? [] : this.unlabeled;
    const sameSort = (r: ItemRec) => sortKey === undefined || r.sortKey === Number.POSITIVE_INFINITY || r.sortKey === sortKey;
    const found = pool.find((r) => sameSort(r) && (l ? !t || !r.item.title || r.item.title === t : r.item.title === t));
    if (found) {
      if (!found.item.title && t) found.item.title = t;
      if (sortKey !== undefined && found.sortKey === Number.POSITIVE_INFINITY) found.sortKey = sortKey;
      return found.item.id;
    }
    return this.addItem({ label: l, title: t, sortKey }, 'label');
  }

  /** The first item with this label, if any. */
  findByLabel(label: string): string | undefined {
    return this.byLabel.get(cleanText(label))?.[0]?.item.id;
  }

  /** Changes fields of an item added earlier (notes found below a heading, a rapporteur ...). */
  updateItem(id: string, patch: Partial<ItemInput>): void {
    const rec = this.byId.get(id);
    if (!rec) return;
    if (patch.notes !== undefined) rec.item.notes = patch.notes;
    if (patch.title !== undefined) rec.item.title = cleanText(patch.title);
    for (const k of ['specs', 'rapporteur', 'duration', 'presenters'] as const) {
      const v = cleanText(patch[k]);
      if (v) rec.item[k] = v;
    }
    if (patch.documents?.length) rec.item.documents = [...new Set([...(rec.item.documents ?? []), ...patch.documents])];
  }

  addContribution(input: ContributionInput): string {
    const c: Contribution = {
      id: newId(),
      number: cleanText(input.number),
      aliases: (input.aliases ?? []).map(cleanText).filter(Boolean),
      title: cleanText(input.title),
      source: cleanText(input.source),
      agendaItemId: input.agendaItem ?? '',
      rank: '',
      status: DEFAULT_STATUS,
      notes: input.notes ?? '',
      revisionOf: null,
      history: [],
    };
    for (const k of ['type', 'for', 'abstract', 'secretaryRemarks'] as const) {
      const v = input[k]?.trim();
      if (v) c[k] = v;
    }
    if (input.columns && Object.keys(input.columns).length) c.columns = { ...input.columns };
    const status = cleanText(input.status);
    if (status) {
      const before = this.statuses.length;
      const final = !WORKING.test(status);
      c.status = ensureStatus(this.statuses, status, final);
      if (this.statuses.length > before) {
        this.warn(`status "${status}" is not in the vocabulary; added as a ${final ? 'final decision' : 'working status'}`, input.where);
      }
    }
    this.contributions.push({ input, c, seq: this.seq++ });
    return c.id;
  }

  addSession(input: SessionInput): void {
    const time = (v: string | undefined, what: string) => {
      const raw = cleanText(v);
      if (!raw) return '';
      const t = normalizeTime(raw);
      if (!t) this.warn(`session ${what} time "${raw}" is not a time of day; left empty`, input.where);
      return t;
    };
    const date = cleanText(input.date);
    const okDate = /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date + 'T00:00:00Z'));
    if (date && !okDate) this.warn(`session date "${date}" is not a date; left empty`, input.where);
    this.sessions.push({
      s: {
        id: newId(),
        date: okDate ? date : '',
        start: time(input.start, 'start'),
        end: time(input.end, 'end'),
        room: cleanText(input.room),
        code: cleanText(input.code),
        title: cleanText(input.title),
        agendaNote: (input.agendaNote ?? '').trim(),
        agendaItemIds: [...(input.agendaItems ?? [])],
      },
      labels: (input.agendaLabels ?? []).map(cleanText).filter(Boolean),
      where: input.where,
    });
  }

  addAction(a: Omit<Action, 'id'>): void {
    this.actions.push({ id: newId(), ...a });
  }
  addDeliverable(d: Omit<Deliverable, 'id' | 'rank'>): void {
    this.deliverables.push({ id: newId(), ...d });
  }
  addObjective(text: string): void {
    if (cleanText(text)) this.objectives.push(text.trim());
  }

  /** Valid meeting JSON; throws ImportError if the result would not pass parseMeeting (a bug, not bad input). */
  build(): MeetingJson {
    // A zone the file wrote by hand ('Baltimore', 'CET') becomes the zone it names, else UTC with a warning.
    if (!isTimeZone(this.meta.timezone)) {
      const written = cleanText(this.meta.timezone);
      const zone = timezoneOfPlace(written);
      this.meta.timezone = zone ?? 'UTC';
      if (!zone && written) this.warn(`time zone "${written}" is not an IANA zone name (such as Europe/Paris); left as UTC: set it in the Meeting tab`);
    }
    const agenda = this.buildAgenda();
    const contributions = resolveContributions(this.contributions, agenda, (m, w) => this.warn(m, w));
    const known = new Set(agenda.map((a) => a.id));
    const sessions = this.sessions.map(({ s, labels }) => {
      const ids = [...s.agendaItemIds];
      for (const l of labels) {
        const pos = /^#(\d+)$/.exec(l);
        const id = pos ? this.items[Number(pos[1]) - 1]?.item.id : this.findByLabel(l);
        if (id && !ids.includes(id)) ids.push(id);
      }
      return { ...s, agendaItemIds: ids.filter((id) => known.has(id)) };
    });
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    sessions.sort((a, b) => cmp(a.date, b.date) || cmp(a.start, b.start));
    const dRanks = ranksBetween(null, null, this.deliverables.length);
    const oRanks = ranksBetween(null, null, this.objectives.length);
    const aRanks = ranksBetween(null, null, this.actions.length);
    const meeting: MeetingJson = {
      format: MEETING_FORMAT,
      version: MEETING_FORMAT_VERSION,
      meta: { ...this.meta },
      statuses: this.statuses,
      agenda,
      sessions,
      contributions,
      actions: this.actions.map((a, i) => ({ ...a, rank: a.rank ?? aRanks[i] })),
      deliverables: this.deliverables.map((d, i) => ({ ...d, rank: dRanks[i] })),
      objectives: this.objectives.map((text, i): Objective => ({ id: newId(), text, rank: oRanks[i] })),
      live: emptyLive(),
    };
    // Sessions in several rooms make the meeting's rooms (issue 16), the room with most sessions the main one.
    const rooms = roomsFromSessions(sessions);
    if (rooms.length) meeting.rooms = rooms;
    const res = parseMeeting(meeting);
    if (!res.ok) throw new ImportError(`internal error building the meeting: ${formatIssues(res.errors.slice(0, 1))}`);
    return res.value;
  }

  private buildAgenda(): AgendaItem[] {
    const ids = new Set(this.items.map((r) => r.item.id));
    for (const r of this.items) {
      if (r.parent === 'label') r.item.parentId = this.parentByLabel(r);
      else r.item.parentId = r.parent !== null && ids.has(r.parent) && r.parent !== r.item.id ? r.parent : null;
    }
    const children = new Map<string | null, ItemRec[]>();
    for (const r of this.items) {
      const list = children.get(r.item.parentId) ?? [];
      list.push(r);
      children.set(r.item.parentId, list);
    }
    const out: AgendaItem[] = [];
    const seen = new Set<string>();
    const visit = (parent: string | null) => {
      const list = (children.get(parent) ?? []).sort((a, b) => a.sortKey - b.sortKey || a.seq - b.seq);
      const ranks = ranksBetween(null, null, list.length);
      list.forEach((r, i) => {
        if (seen.has(r.item.id)) return;
        seen.add(r.item.id);
        r.item.rank = ranks[i];
        out.push({ ...r.item });
        visit(r.item.id);
      });
    };
    visit(null);
    // Anything unreachable (a parent cycle) goes to the top rather than being lost.
    const rest = this.items.filter((r) => !seen.has(r.item.id));
    if (rest.length) {
      const ranks = ranksBetween(out.filter((a) => a.parentId === null).at(-1)?.rank ?? null, null, rest.length);
      rest.forEach((r, i) => out.push({ ...r.item, parentId: null, rank: ranks[i] }));
    }
    return out;
  }

  /** The nearest earlier-numbered ancestor: '9.1.1' goes under '9.1', or under '9' when there is no '9.1'. */
  private parentByLabel(r: ItemRec): string | null {
    const parts = r.item.label.replace(/\.$/, '').split('.');
    for (let n = parts.length - 1; n >= 1; n--) {
      const cand = this.byLabel.get(parts.slice(0, n).join('.')) ?? this.byLabel.get(parts.slice(0, n).join('.') + '.');
      const hit = cand?.find((c) => c !== r);
      if (hit) return hit.item.id;
    }
    return null;
  }
}
