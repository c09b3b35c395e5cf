/**
 * The clock of the meeting document (issue 16): time each agenda item was live, counted on the SERVER's
 * clock, and the chair's break countdown. Layout in meetingSchema.ts (ROOT.clock, ROOT.breaks).
 *
 * Accounting: `clock` holds, for every item live now, since when (server ms) its time is being counted.
 * When the set of live items changes, reconcileClock adds the elapsed time of each item that stopped being
 * live to its `spentSeconds` and starts the ones that became live; checkpointClock moves whole seconds into
 * `spentSeconds` without stopping anything (so a crash loses at most one checkpoint interval); settleClock
 * stops everything at a given time (unload, or recovery after a crash up to the last time the server was
 * known alive). An item live in several rooms at once is counted once (the set is of item ids).
 *
 * Only the server calls the writers (server/sync/RoomClock.ts); clients read `readRunning` and show
 * `spentAt(...)` with the server's time.
 */
import * as Y from 'yjs';
import { ROOT, BREAK_FIELDS, FIELDS, MAIN_ROOM, type FieldSpec } from '../document/meetingSchema.js';
import { livePointers } from '../document/rooms.js';
import { entryMap, entryText, readField, writeFields } from '../document/entityStore.js';
import { MeetingOpError } from '../document/entityOps.js';
import { ROOT_LIMITS, boundedEntries, boundedKeys } from '../document/collectionLimits.js';

const clockMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.clock);
const breaksMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.breaks);
const SPENT: FieldSpec = FIELDS.agenda.find((f) => f.name === 'spentSeconds')!;

/**
 * The agenda items live now, in any room (every room's pointer, `livePointers`): the ONE place the clock
 * learns what is live. An item live in two rooms at once counts once. Items that do not exist (deleted
 * meanwhile) are left out.
 */
export function liveItemIds(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  for (const { live } of livePointers(doc)) if (live.agendaItemId && entryMap(doc, 'agenda', live.agendaItemId)) ids.add(live.agendaItemId);
  return ids;
}

/** Items whose time is being counted now: item id -> since when (server ms). Malformed values are skipped. */
export function readRunning(doc: Y.Doc): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, v] of runningEntries(doc)) {
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) out.set(id, v);
  }
  return out;
}

/** The clock's entries, at most ROOT_LIMITS.clock of them (collectionLimits.ts: read after every change). */
const runningEntries = (doc: Y.Doc) => boundedEntries(clockMap(doc), ROOT_LIMITS[ROOT.clock]);

/** An item's time spent at server time `nowMs` (seconds, fractional): stored plus the running part. */
export function spentAt(stored: number | undefined, since: number | undefined, nowMs: number): number {
  return (stored ?? 0) + (since === undefined ? 0 : Math.max(0, nowMs - since) / 1000);
}

/** The stored `spentSeconds` of an item (0 when absent). */
export function storedSpent(doc: Y.Doc, id: string): number {
  const e = entryMap(doc, 'agenda', id);
  return e ? ((readField(e, SPENT) as number | undefined) ?? 0) : 0;
}

function addSpent(doc: Y.Doc, id: string, seconds: number): void {
  const e = entryMap(doc, 'agenda', id);
  if (!e || seconds <= 0) return;
  writeFields('agenda', e, { spentSeconds: ((readField(e, SPENT) as number | undefined) ?? 0) + seconds });
}

/** Time from `since` to `untilMs`; 0 for a start that is not a plausible server time (a broken peer's). */
const elapsedMs = (since: unknown, untilMs: number): number =>
  typeof since === 'number' && Number.isFinite(since) && since > 0 ? Math.max(0, untilMs - since) : 0;

/**
 * Brings the clock in line with what is live at server time `nowMs`: items no longer live get their time
 * added (rounded to the second) and stop; newly live items start. Writes nothing when nothing changed;
 * returns whether it wrote.
 */
export function reconcileClock(doc: Y.Doc, nowMs: number, origin: unknown = null): boolean {
  const live = liveItemIds(doc);
  const running = clockMap(doc);
  const stop: [string, unknown][] = [];
  for (const [id, since] of runningEntries(doc)) {
    if (!live.has(id) || typeof since !== 'number') stop.push([id, since]);
  }
  const start = [...live].filter((id) => typeof running.get(id) !== 'number');
  if (!stop.length && !start.length) return false;
  doc.transact(() => {
    for (const [id, since] of stop) {
      addSpent(doc, id, Math.round(elapsedMs(since, nowMs) / 1000));
      running.delete(id);
    }
    for (const id of start) {
      running.set(id, nowMs);
      // An item stored before conclusions existed gets its shared text now, before two people type into it.
      entryText(doc, 'agenda', id, 'conclusion');
    }
  }, origin);
  return true;
}

/**
 * Moves the whole seconds counted so far into `spentSeconds` of every running item, keeping the
 * remainder running (nothing is rounded away). Returns whether it wrote.
 */
export function checkpointClock(doc: Y.Doc, nowMs: number, origin: unknown = null): boolean {
  const due: [string, number, number][] = [];
  for (const [id, since] of readRunning(doc)) {
    const whole = Math.floor(elapsedMs(since, nowMs) / 1000);
    if (whole >= 1) due.push([id, since, whole]);
  }
  if (!due.length) return false;
  doc.transact(() => {
    for (const [id, since, whole] of due) {
      addSpent(doc, id, whole);
      clockMap(doc).set(id, since + whole * 1000);
    }
  }, origin);
  return true;
}

/**
 * Stops every running item at `untilMs` (its time up to then added, rounded to the second) and empties
 * the clock: on unload (until now), or when a meeting loads with a clock a crash left running (until the
 * last time the server was known alive, so the time it was down is not counted). Returns whether it wrote.
 */
export function settleClock(doc: Y.Doc, untilMs: number, origin: unknown = null): boolean {
  const running = clockMap(doc);
  const entries = runningEntries(doc);
  if (entries.length === 0) return false;
  doc.transact(() => {
    for (const [id, since] of entries) addSpent(doc, id, Math.round(elapsedMs(since, untilMs) / 1000));
    for (const [id] of entries) running.delete(id);
  }, origin);
  return true;
}

// ----------------------------------------------------------------------------------------------- breaks

export interface BreakCountdown {
  label: string;
  /** Server time (ms) the break ends. */
  until: number;
}

export const MAX_BREAK_LABEL = 120;

/** The break countdown of a room, or null: none, malformed, or (with `nowMs`) already over. */
export function readBreak(doc: Y.Doc, room: string = MAIN_ROOM, nowMs?: number): BreakCountdown | null {
  const v = breaksMap(doc).get(room) as Record<string, unknown> | undefined;
  if (!v || typeof v !== 'object') return null;
  const label = v[BREAK_FIELDS.label];
  const until = v[BREAK_FIELDS.until];
  if (typeof label !== 'string' || typeof until !== 'number' || !Number.isFinite(until)) return null;
  if (nowMs !== undefined && until <= nowMs) return null;
  return { label, until };
}

/** Starts (or replaces) a room's break countdown: "Coffee" until a server time (ms). */
export function startBreak(doc: Y.Doc, label: string, untilMs: number, room: string = MAIN_ROOM): void {
  if (!Number.isFinite(untilMs) || untilMs <= 0) throw new MeetingOpError('break: expected an end time');
  const text = label.trim().slice(0, MAX_BREAK_LABEL) || 'Break';
  breaksMap(doc).set(room, { [BREAK_FIELDS.label]: text, [BREAK_FIELDS.until]: untilMs });
}

/** Ends a room's break countdown now. */
export function clearBreak(doc: Y.Doc, room: string = MAIN_ROOM): void {
  if (breaksMap(doc).has(room)) breaksMap(doc).delete(room);
}

/** Deletes the breaks that are over (or malformed) at `nowMs`; returns whether it wrote. */
export function clearPastBreaks(doc: Y.Doc, nowMs: number, origin: unknown = null): boolean {
  const m = breaksMap(doc);
  const past = boundedKeys(m, ROOT_LIMITS[ROOT.breaks]).filter((room) => readBreak(doc, room, nowMs) === null);
  if (!past.length) return false;
  doc.transact(() => past.forEach((room) => m.delete(room)), origin);
  return true;
}

/** The earliest end of a break still to come (ms), or undefined. */
export function nextBreakEnd(doc: Y.Doc): number | undefined {
  let next: number | undefined;
  for (const room of boundedKeys(breaksMap(doc), ROOT_LIMITS[ROOT.breaks])) {
    const b = readBreak(doc, room);
    if (b && (next === undefined || b.until < next)) next = b.until;
  }
  return next;
}

/** Calls `changed` whenever the clock or the breaks change; returns the function that stops it. */
export function observeClock(doc: Y.Doc, changed: () => void): () => void {
  const parts = [clockMap(doc), breaksMap(doc)];
  for (const p of parts) p.observe(changed);
  return () => parts.forEach((p) => p.unobserve(changed));
}
