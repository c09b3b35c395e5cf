/**
 * "Start the next meeting": the meeting JSON of a new meeting that carries over what is still open in
 * this one (issue 17). Pure: meeting JSON in, meeting JSON out (the server creates the meeting from it).
 *
 * Carried over:
 * - the agenda's structure (ids, numbers, titles, nesting, order and the items' extension fields; notes
 *   start empty), or with `agenda: false` only the items the carried Tdocs sit under (and their parents);
 * - every Tdoc whose status is not final in the vocabulary (left open) or is `postponed` or
 *   `not-treated`, except `reserved` numbers (a number reserved and never used is not a document):
 *   under the same agenda item, with its notes, fields and status history, status `available` again, and
 *   `carriedFrom` = { meetingId, title, number, status } naming where it came from and how it stood;
 * - open action items; the deliverables with their latest versions; the status vocabulary; the meeting's
 *   chair, secretary, body, purpose and time zone;
 * - the carried Tdocs' revision links: to another carried Tdoc as links, to one left behind by its number
 *   (issue 25), so the next portal list's revisions of carried Tdocs are linked by the merge.
 * Not the old meeting's number block (the new meeting gets its own, `numberBlock`) nor its handed-out numbers.
 * Not carried: sessions (a new week has its own), objectives, decided Tdocs, closed actions, what is live.
 */
import type { AgendaItem, Contribution, MeetingJson, Meta, RevisionNumbering } from '../document/meetingSchema.js';
import { DEFAULT_STATUS } from '../document/statuses.js';
import { emptyLive } from '../document/meetingSchema.js';

/** The new meeting's own details (POST /api/meetings/:id/next). */
export interface NextMeeting {
  title: string;
  /** YYYY-MM-DD */
  startDate: string;
  endDate: string;
  venue: string;
  /** Carry the whole agenda structure over (default true). */
  agenda?: boolean;
  /**
   * The block of Tdoc numbers reserved for the new meeting's revisions (`S2-2403100-S2-2403199`), checked
   * by the caller (numberBlock.ts); absent: the new meeting has none until it is set in its Meeting tab.
   * The old meeting's block is never carried: its numbers are that meeting's.
   */
  numberBlock?: string;
  /** How the new meeting numbers revisions; absent: as this meeting does (its own setting, else its body's way). */
  revisionNumbering?: RevisionNumbering;
}

/** The meeting things are carried from. */
export interface CarrySource {
  meetingId: string;
  title: string;
}

/** Statuses carried over even though the vocabulary marks them final: the decision was to decide later. */
export const CARRIED_FINAL_STATUSES: readonly string[] = ['postponed', 'not-treated'];
/** Non-final statuses that are not carried over. */
export const NOT_CARRIED_STATUSES: readonly string[] = ['reserved'];

/** True for a Tdoc that goes on to the next meeting. */
export function isCarried(c: Contribution, finalIds: ReadonlySet<string>): boolean {
  if (NOT_CARRIED_STATUSES.includes(c.status)) return false;
  return CARRIED_FINAL_STATUSES.includes(c.status) || !finalIds.has(c.status);
}

/** The next meeting's JSON; `now` (ISO) stamps the carried Tdocs' history. */
export function carryOver(m: MeetingJson, from: CarrySource, next: NextMeeting, now: string): MeetingJson {
  const finalIds = new Set(m.statuses.filter((s) => s.final).map((s) => s.id));
  const carried = m.contributions.filter((c) => isCarried(c, finalIds));
  const carriedIds = new Set(carried.map((c) => c.id));
  const agenda = next.agenda === false ? itemsUnder(m.agenda, carried) : m.agenda;
  const itemIds = new Set(agenda.map((a) => a.id));
  const by = `carried over from ${from.title || from.meetingId}`;
  const links = linkNumbers(m.contributions);
  return {
    format: m.format,
    version: m.version,
    meta: nextMeta(m.meta, next),
    statuses: m.statuses.map((s) => ({ ...s })),
    // The structure only: notes, conclusions and time spent belong to this meeting.
    agenda: agenda.map(({ conclusion: _c, spentSeconds: _s, ...a }) => ({ ...a, notes: '', ...(a.documents ? { documents: [...a.documents] } : {}) })),
    sessions: [],
    contributions: carried.map((c) => ({
      ...c,
      aliases: [...c.aliases],
      agendaItemId: itemIds.has(c.agendaItemId) ? c.agendaItemId : '',
      status: DEFAULT_STATUS,
      ...carriedLinks(c, links, carriedIds),
      ...(c.mergedInto !== undefined ? { mergedInto: null } : {}),
      history: [...c.history.map((h) => ({ ...h })), { status: DEFAULT_STATUS, at: now, by }],
      ...(c.columns ? { columns: { ...c.columns } } : {}),
      carriedFrom: { meetingId: from.meetingId, title: from.title, number: c.number, status: c.status },
    })),
    // An open action keeps its agenda item when the new agenda has it (issue 25), else it has none.
    actions: m.actions.filter((a) => a.status === 'open').map((a) => ({ ...a, ...(a.agendaItemId && !itemIds.has(a.agendaItemId) ? { agendaItemId: '' } : {}) })),
    deliverables: m.deliverables.map((d) => ({ ...d })),
    objectives: [],
    live: emptyLive(),
  };
}

/** The new meeting's meta: this one's chair, secretary, body, purpose, zone; its own title, dates, venue and numbers. */
function nextMeta(meta: Meta, next: NextMeeting): Meta {
  const { numberBlock: _old, revisionNumbering: _setting, ...kept } = meta;
  const numbering = next.revisionNumbering ?? meta.revisionNumbering;
  return {
    ...kept,
    title: next.title,
    startDate: next.startDate,
    endDate: next.endDate,
    venue: next.venue,
    details: '',
    ...(numbering ? { revisionNumbering: numbering } : {}),
    ...(next.numberBlock ? { numberBlock: next.numberBlock } : {}),
  };
}

/** Each row's number, and the numbers of the rows that revise it. */
function linkNumbers(rows: readonly Contribution[]): { numberOf: Map<string, string>; revisers: Map<string, Contribution[]> } {
  const numberOf = new Map(rows.map((c) => [c.id, c.number]));
  const revisers = new Map<string, Contribution[]>();
  for (const c of rows) if (c.revisionOf) revisers.set(c.revisionOf, [...(revisers.get(c.revisionOf) ?? []), c]);
  return { numberOf, revisers };
}

/**
 * A carried Tdoc's revision links: to another carried Tdoc, the link; to one left behind, its number
 * (`revisionOfNumber`, `revisedToNumbers`), so the new meeting still says what it revises.
 */
function carriedLinks(c: Contribution, links: ReturnType<typeof linkNumbers>, carriedIds: ReadonlySet<string>): Pick<Contribution, 'revisionOf' | 'revisionOfNumber' | 'revisedToNumbers'> {
  const linked = c.revisionOf && carriedIds.has(c.revisionOf) ? c.revisionOf : null;
  const number = !linked && c.revisionOf ? links.numberOf.get(c.revisionOf) : undefined;
  const revisedTo = [
    ...(c.revisedToNumbers ?? []),
    ...(links.revisers.get(c.id) ?? []).filter((r) => !carriedIds.has(r.id)).map((r) => r.number),
  ];
  return {
    revisionOf: linked,
    ...(number ?? c.revisionOfNumber ? { revisionOfNumber: number ?? c.revisionOfNumber } : {}),
    ...(revisedTo.length ? { revisedToNumbers: [...new Set(revisedTo)] } : {}),
  };
}

/** The agenda items the carried Tdocs sit under, with their ancestors, in agenda order. */
function itemsUnder(agenda: readonly AgendaItem[], carried: readonly Contribution[]): AgendaItem[] {
  const byId = new Map(agenda.map((a) => [a.id, a]));
  const keep = new Set<string>();
  for (const c of carried) {
    let id: string | null = c.agendaItemId || null;
    while (id && !keep.has(id) && byId.has(id)) {
      keep.add(id);
      id = byId.get(id)!.parentId;
    }
  }
  return agenda.filter((a) => keep.has(a.id));
}
