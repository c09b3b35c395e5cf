/**
 * A plenary week replayed from a final Tdoc list (issue 25): Monday's list, the room's decisions and
 * revisions in time order, and the portal's lists of the week in between, all derived from the final list
 * by the times it records for each Tdoc (`Reservation date`, `Uploaded`):
 * - the portal lists a Tdoc once its number is reserved, `reserved` until its file is uploaded, then
 *   `available` (the `Uploaded` cell only from then), and the room's decision only `lagMs` after the room
 *   took it (the portal catching up);
 * - the room revises a Tdoc (board's revise, with the revision's number from the final list) when the
 *   revision's number is reserved, once the Tdoc is on the board; it takes every other decision at a
 *   time of its own between the Tdoc's upload and the end of the meeting; a revision the portal listed
 *   before the room made it is there already, and the room only marks its original `revised`;
 * - a person in the room retitles a few revisions (`retitled`): the one kind of change the portal then
 *   contradicts, so the conflicts a merge should raise are exactly those.
 * Shared by the real suite (tests/real/weekReplay.test.ts, on a 3GPP list) and `npm test`
 * (tests/shared/weekReplay.test.ts, on a generated list).
 */
import type * as Y from 'yjs';
import type { Contribution, MeetingJson } from '../../shared/document/meetingSchema.js';
import { readAllFields } from '../../shared/document/entityStore.js';
import { reviseContribution, setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';
import { derivedId } from '../../shared/document/ids.js';

export interface WeekTimes {
  /** Monday's list (ms since the epoch). */
  monday: number;
  /** The newer lists merged during the week. */
  merges: number[];
  /** The end of the meeting: the room decides nothing later. */
  end: number;
  /** How long the portal takes to show a decision of the room. */
  lagMs: number;
}

export type RoomEvent =
  | { at: number; kind: 'revise'; of: string; number: string }
  | { at: number; kind: 'decide'; number: string; status: string }
  | { at: number; kind: 'retitle'; number: string; title: string };

export interface WeekPlan {
  monday: MeetingJson;
  /** The room's actions, in time order. */
  events: RoomEvent[];
  /** The portal's list at a moment. */
  listAt(t: number): MeetingJson;
  /** Revisions a person retitled in the room: each one conflict with the portal's title, once. */
  retitled: string[];
  /** Revisions the room made with the board's revise before any portal list had them. */
  revisedInRoom: number;
}

/** A portal time: ISO, or the portal's `12/11/2025 7:02:58 PM` (month first), read as UTC. */
export function portalTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ?(AM|PM)?$/i.exec(s.trim());
  if (us) {
    const h = (Number(us[4]) % 12) + (us[7]?.toUpperCase() === 'PM' ? 12 : 0);
    return Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2]), us[7] ? h : Number(us[4]), Number(us[5]), Number(us[6]));
  }
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}

/** A fraction in [0, 1) the same for every run, from a Tdoc number. */
const spread = (key: string) => parseInt(derivedId('week', key).slice(0, 6), 36) / 36 ** 6;

/** The plan of a week whose final list is `final`. */
export function planWeek(final: MeetingJson, times: WeekTimes, retitle = 2): WeekPlan {
  const byId = new Map(final.contributions.map((c) => [c.id, c]));
  const reserved = (c: Contribution) => portalTime(c.columns?.['Reservation date']) ?? -Infinity;
  const uploaded = (c: Contribution) => portalTime(c.columns?.Uploaded) ?? Infinity;
  const firstList = (t: number) => (t <= times.monday ? times.monday : times.merges.find((m) => m >= t) ?? Infinity);
  const revisionOf = (c: Contribution) => (c.revisionOf ? byId.get(c.revisionOf) : undefined);
  const revisions = new Map<string, Contribution[]>();
  for (const c of final.contributions) if (c.revisionOf) revisions.set(c.revisionOf, [...(revisions.get(c.revisionOf) ?? []), c]);

  // When each Tdoc is on the board, and when the room revises into each revision (memoised: chains).
  const arrival = new Map<string, number>();
  const reviseAt = new Map<string, number>();
  const arrive = (c: Contribution): number => {
    const known = arrival.get(c.id);
    if (known !== undefined) return known;
    arrival.set(c.id, Infinity); // a cycle in the links would end here
    const o = revisionOf(c);
    let t = firstList(reserved(c));
    if (o && reserved(c) > times.monday) {
      const r = Math.max(reserved(c), arrive(o));
      if (r <= times.end) {
        reviseAt.set(c.id, r);
        t = Math.min(t, r);
      }
    }
    arrival.set(c.id, t);
    return t;
  };
  for (const c of final.contributions) arrive(c);

  const events: RoomEvent[] = [];
  const decidedAt = new Map<string, number>();
  /** Revisions the room makes before any list has them (the others the portal listed first). */
  const madeInRoom = new Set<string>();
  for (const c of final.contributions) {
    const o = revisionOf(c);
    const r = reviseAt.get(c.id);
    if (o && r !== undefined) {
      events.push({ at: r, kind: 'revise', of: o.number, number: c.number });
      decidedAt.set(o.id, r);
      if (r < firstList(reserved(c))) madeInRoom.add(c.number);
    }
  }
  for (const c of final.contributions) {
    if (decidedAt.has(c.id)) continue;
    const from = Math.max(arrive(c), times.monday, Number.isFinite(uploaded(c)) ? uploaded(c) : arrive(c));
    const revisedLater = c.status === 'revised' ? Math.max(from, ...(revisions.get(c.id) ?? []).map((x) => arrive(x))) : from;
    if (revisedLater > times.end) continue;
    const at = revisedLater + Math.floor(spread(c.number) * (times.end - revisedLater));
    events.push({ at, kind: 'decide', number: c.number, status: c.status });
    decidedAt.set(c.id, at);
  }
  // A person retitles a few revisions the room made, whose portal title then differs from the copy.
  const retitled: string[] = [];
  for (const e of events) {
    if (retitled.length >= retitle || e.kind !== 'revise' || !madeInRoom.has(e.number)) continue;
    const rev = final.contributions.find((c) => c.number === e.number)!;
    const o = revisionOf(rev)!;
    if (rev.title === o.title) continue;
    retitled.push(rev.number);
    events.push({ at: e.at + 60_000, kind: 'retitle', number: rev.number, title: `${o.title} (as agreed in the room)` });
  }
  // At one moment: revisions first, a chain's links in their order, then the rest.
  const depth = (n: string): number => {
    let d = 0;
    for (let c = final.contributions.find((x) => x.number === n); c && d < 100; c = revisionOf(c)) d++;
    return d;
  };
  const order = (e: RoomEvent) => (e.kind === 'revise' ? depth(e.number) : 1000);
  events.sort((a, b) => a.at - b.at || order(a) - order(b));

  const listAt = (t: number): MeetingJson => {
    const rows = final.contributions.filter((c) => reserved(c) <= t);
    const inList = new Set(rows.map((c) => c.id));
    const contributions = rows.map((c): Contribution => {
      const decided = (decidedAt.get(c.id) ?? Infinity) <= t - times.lagMs;
      const status = decided ? c.status : uploaded(c) <= t ? 'available' : 'reserved';
      const columns = { ...c.columns };
      if (uploaded(c) > t) delete columns.Uploaded;
      const o = revisionOf(c);
      const { revisionOf: _link, revisionOfNumber: _number, ...rest } = c;
      return {
        ...rest,
        status,
        columns,
        revisionOf: o && inList.has(o.id) ? o.id : null,
        ...(o && !inList.has(o.id) ? { revisionOfNumber: o.number } : c.revisionOfNumber ? { revisionOfNumber: c.revisionOfNumber } : {}),
      };
    });
    return { ...final, contributions };
  };
  return { monday: listAt(times.monday), events, listAt, retitled, revisedInRoom: madeInRoom.size };
}

/**
 * Applies one of the room's actions to an editor's document, through the board's operations: revise
 * (into a reserved row when the portal listed the number first; only the original's status when the
 * portal listed the revision itself first), a status, a title typed in the room.
 */
export function applyRoomEvent(doc: Y.Doc, e: RoomEvent, by: string): void {
  const rows = readAllFields(doc, 'contributions', ['number', 'status']);
  const find = (n: string) => rows.find((r) => r.number.trim() === n);
  const at = new Date(e.at).toISOString();
  if (e.kind === 'revise') {
    const original = find(e.of);
    if (!original) throw new Error(`the room revises ${e.of}, which is not on the board`);
    const existing = find(e.number);
    if (existing && existing.status !== 'reserved') setContributionStatus(doc, original.id, 'revised', { by, at });
    else reviseContribution(doc, original.id, { by, at, number: e.number });
    return;
  }
  const row = find(e.number);
  if (!row) throw new Error(`the room acts on ${e.number}, which is not on the board`);
  if (e.kind === 'decide') {
    if (row.status !== e.status) setContributionStatus(doc, row.id, e.status, { by, at });
  } else updateContribution(doc, row.id, { title: e.title });
}
