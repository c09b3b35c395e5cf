/**
 * How much each part of a meeting may hold (issue 23), and reading parts without reading past that.
 *
 * Editors write the document directly (their link may write anything a Yjs update can say), so the
 * limits hold in two places:
 * - the server refuses an editor's update that would put a part over its limit, before applying it
 *   (server/sync/CollectionGuard.ts: one update of 100,000 rooms is refused whole, nothing of it stored);
 * - every reader of a part an editor writes and the page reads often (rooms, the queue, the floor, polls
 *   and their ballots, speeches, the clock, break countdowns, the status vocabulary, handed-out numbers)
 *   stops at the limit instead of reading everything and then cutting (`boundedEntries`), so a document
 *   written before the guard, or by a process without it, still costs no more than the limit to read.
 * The board's own operations refuse to go past the limits too (addRoom, addToQueue, castBallot...).
 *
 * The limits are far above what a real meeting holds (a 3GPP plenary: 2,000 Tdocs, 75 items, a few
 * rooms, a few hundred speeches) and far below what makes reading a part slow.
 */
import type * as Y from 'yjs';
import { ROOT } from './meetingSchema.js';

/** Entries a top-level map may hold (keys), or values a top-level array may hold. */
export const ROOT_LIMITS: Readonly<Record<string, number>> = {
  [ROOT.meta]: 100,
  [ROOT.live]: 20,
  [ROOT.statuses]: 200,
  [ROOT.agenda]: 20_000,
  [ROOT.contributions]: 100_000,
  [ROOT.sessions]: 5_000,
  [ROOT.actions]: 20_000,
  [ROOT.deliverables]: 5_000,
  [ROOT.objectives]: 5_000,
  [ROOT.importBase]: 250_000,
  [ROOT.allocatedNumbers]: 100_000,
  [ROOT.queue]: 2_000,
  [ROOT.floor]: 64,
  [ROOT.speeches]: 20_000,
  [ROOT.polls]: 2_000,
  // The main room's entry and ROOMS_MAX - 1 others (rooms.ts); a few more for entries being replaced.
  [ROOT.rooms]: 64,
  [ROOT.clock]: 256,
  [ROOT.breaks]: 64,
};

/** A top-level name the schema does not know (a newer client's part): it may hold this much. */
export const UNKNOWN_ROOT_LIMIT = 10_000;

/** Keys of an entry's map (a Tdoc's, an item's, a room's...): its fields, with room for newer ones. */
export const ENTRY_KEYS_LIMIT = 256;

/** Ballots (keys) in one poll's `answers` (POLL_LIMITS.maxAnswers in showOfHands.ts). */
export const BALLOTS_LIMIT = 5_000;

/** Values of an array inside an entry (a Tdoc's status history). */
export const NESTED_ARRAY_LIMIT = 5_000;

/** Characters of a text (notes, a conclusion): about 60 printed pages. */
export const TEXT_LIMIT = 200_000;

/** The limit of a map or array at `path` (its root's name, then the keys down to it), for the guard. */
export function limitAt(path: readonly string[], kind: 'map' | 'array' | 'text'): number {
  if (kind === 'text') return TEXT_LIMIT;
  if (path.length === 1) return ROOT_LIMITS[path[0]] ?? UNKNOWN_ROOT_LIMIT;
  if (kind === 'array') return NESTED_ARRAY_LIMIT;
  if (path.length === 3 && path[0] === ROOT.polls && path[2] === 'answers') return BALLOTS_LIMIT;
  return ENTRY_KEYS_LIMIT;
}

/**
 * At most `limit` entries of a map (in its iteration order), read lazily: a map holding 100,000 entries
 * costs `limit` steps, not 100,000. Deleted entries are skipped without counting (their number is bounded
 * by the budgets that bound how fast entries come and go).
 */
export function boundedEntries<T>(map: Y.Map<T>, limit: number): [string, T][] {
  const out: [string, T][] = [];
  if (limit <= 0) return out;
  for (const e of map.entries()) {
    out.push(e);
    if (out.length >= limit) break;
  }
  return out;
}

/** Up to `limit` keys of a map, lazily (see boundedEntries). */
export function boundedKeys<T>(map: Y.Map<T>, limit: number): string[] {
  const out: string[] = [];
  if (limit <= 0) return out;
  for (const k of map.keys()) {
    out.push(k);
    if (out.length >= limit) break;
  }
  return out;
}

/** True when a map has at least one entry, without counting them all (`Y.Map.size` walks every key). */
export function hasEntries<T>(map: Y.Map<T>): boolean {
  for (const _ of map.keys()) return true;
  return false;
}

/** The live size of a map, counted up to `limit` (so a huge map costs `limit` steps). */
export function sizeUpTo<T>(map: Y.Map<T>, limit: number): number {
  let n = 0;
  for (const _ of map.keys()) if (++n >= limit) break;
  return n;
}
