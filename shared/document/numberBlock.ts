/**
 * Revisions as each body numbers them. 3GPP gives a revision a new Tdoc number (RP-252972 → RP-253795),
 * taken from a block of numbers the secretary reserved for the meeting; oneM2M and ETSI add a suffix
 * (SEC-2016-0094 → SEC-2016-0094R01). The body decides by default; the meeting's meta can override it
 * (`revisionNumbering`). The server hands out numbers of the block (`numberBlock`) one at a time and
 * records each in the document (ROOT.allocatedNumbers), so two editors revising at once get two numbers.
 */
import * as Y from 'yjs';
import { ROOT, REVISION_NUMBERINGS, type Meta, type RevisionNumbering } from './meetingSchema.js';
import { readAllFields } from './entityStore.js';
import { ROOT_LIMITS, boundedKeys } from './collectionLimits.js';

/** A parsed block: `prefix` + a `width`-digit number from `from` to `to`, inclusive. */
export interface NumberBlock {
  prefix: string;
  from: number;
  to: number;
  width: number;
}

/** Most numbers one block may hold (a meeting's revisions are in the hundreds). */
export const MAX_BLOCK_SIZE = 100_000;

/**
 * Reads a block as a secretary writes it: `S2-2403100-S2-2403199`, `S2-2403100 – S2-2403199`,
 * `S2-2403100-2403199` (the second prefix left out), or `{from, to}`. Null when it is not one: the two
 * ends differ in prefix or width, the first is after the last, or it holds more than MAX_BLOCK_SIZE.
 */
export function parseNumberBlock(input: string | { from: string; to: string } | null | undefined): NumberBlock | null {
  if (!input) return null;
  if (typeof input === 'object') {
    if (typeof input.from !== 'string' || typeof input.to !== 'string') return null;
    return fromEnds(input.from.trim(), input.to.trim());
  }
  if (typeof input !== 'string' || input.length > 200) return null;
  // The split is ambiguous ("S2-1-S2-9" has three hyphens): take the first where both ends read alike.
  const separator = /\s*(?:[-–—]|\.\.|\bto\b)\s*/g;
  for (let m = separator.exec(input); m; m = separator.exec(input)) {
    const block = fromEnds(input.slice(0, m.index).trim(), input.slice(m.index + m[0].length).trim());
    if (block) return block;
    if (m[0].length === 0) separator.lastIndex++;
  }
  return null;
}

function fromEnds(from: string, to: string): NumberBlock | null {
  const a = /^(.*?)(\d+)$/.exec(from);
  if (!a) return null;
  const prefix = a[1];
  const digits = a[2];
  const toDigits = to.startsWith(prefix) && /^\d+$/.test(to.slice(prefix.length)) ? to.slice(prefix.length) : /^\d+$/.test(to) ? to : null;
  if (toDigits === null || toDigits.length !== digits.length) return null;
  const lo = Number(digits);
  const hi = Number(toDigits);
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo > hi || hi - lo + 1 > MAX_BLOCK_SIZE) return null;
  return { prefix, from: lo, to: hi, width: digits.length };
}

/** The block written the one way the document keeps it: `S2-2403100-S2-2403199`. */
export function formatNumberBlock(b: NumberBlock): string {
  return `${numberAt(b, b.from)}-${numberAt(b, b.to)}`;
}

/** The block's number for `n`. */
export function numberAt(b: NumberBlock, n: number): string {
  return `${b.prefix}${String(n).padStart(b.width, '0')}`;
}

/** How the meeting numbers revisions: its own setting, else its body's way (3GPP: new numbers). */
export function revisionNumberingOf(meta: Pick<Meta, 'body' | 'revisionNumbering'>): RevisionNumbering {
  if (meta.revisionNumbering && REVISION_NUMBERINGS.includes(meta.revisionNumbering)) return meta.revisionNumbering;
  return defaultRevisionNumbering(meta.body);
}

/** A body's way: 3GPP allocates new numbers; oneM2M, ETSI and the others add a suffix. */
export function defaultRevisionNumbering(body: string | undefined): RevisionNumbering {
  return /3gpp/i.test(body ?? '') ? 'new-number' : 'suffix';
}

export interface Allocation {
  /** ISO time it was handed out. */
  at: string;
  by: string;
  /**
   * Who holds it while the revise dialog that asked for it is open: the public id of the editor's link
   * (or 'admin'). Only the holder may give it back; older allocations have none (anyone may).
   */
  holder?: string;
  /** Until when (ms, server clock) the hold lasts unless renewed; after it, an unused number is free again. */
  heldUntil?: number;
}

/**
 * How long a number handed out to a revise dialog stays held without a renewal: 15 minutes. The dialog
 * renews it every 5 minutes while it is open and gives it back when it closes (or the page is left).
 */
export const NUMBER_HOLD_MS = 15 * 60_000;

const allocatedMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.allocatedNumbers);

/** Numbers of the block handed out so far. */
export function allocatedNumbers(doc: Y.Doc): Set<string> {
  return new Set(boundedKeys(allocatedMap(doc), ROOT_LIMITS[ROOT.allocatedNumbers]));
}

/** A stored allocation, read tolerantly. */
function allocationOf(v: unknown): Allocation | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  return {
    at: typeof o.at === 'string' ? o.at : '',
    by: typeof o.by === 'string' ? o.by : '',
    ...(typeof o.holder === 'string' ? { holder: o.holder } : {}),
    ...(typeof o.heldUntil === 'number' && Number.isFinite(o.heldUntil) ? { heldUntil: o.heldUntil } : {}),
  };
}

/** True for a hold that ran out at `nowMs` (allocations without an end never run out). */
const expired = (a: Allocation | undefined, nowMs: number | undefined) => nowMs !== undefined && a?.heldUntil !== undefined && a.heldUntil <= nowMs;

/** Numbers and aliases contributions use. */
function numbersInUse(doc: Y.Doc): Set<string> {
  const used = new Set<string>();
  for (const c of readAllFields(doc, 'contributions', ['number', 'aliases'])) {
    used.add(c.number.trim());
    for (const a of c.aliases) used.add(a.trim());
  }
  return used;
}

/**
 * The next number of the block no contribution uses (number or alias) and none holds; null when none is
 * left. With `nowMs`, a number whose hold ran out by then is free again.
 */
export function nextFreeNumber(doc: Y.Doc, block: NumberBlock, nowMs?: number): string | null {
  const used = numbersInUse(doc);
  const map = allocatedMap(doc);
  for (let n = block.from; n <= block.to; n++) {
    const number = numberAt(block, n);
    if (used.has(number)) continue;
    if (!map.has(number) || expired(allocationOf(map.get(number)), nowMs)) return number;
  }
  return null;
}

/**
 * Hands out the next free number of the meeting's block and records it, held by `who.holder` until
 * `who.heldUntil` (one transaction), or says why it cannot: 'unset' (no valid block in the meta) or
 * 'exhausted'. Run where only one allocation runs at a time (the server's room) so two callers never get
 * the same number.
 */
export function allocateNumber(doc: Y.Doc, block: NumberBlock | null, who: Allocation, nowMs?: number): { number: string } | { error: 'unset' | 'exhausted' } {
  if (!block) return { error: 'unset' };
  const number = nextFreeNumber(doc, block, nowMs);
  if (!number) return { error: 'exhausted' };
  doc.transact(() => allocatedMap(doc).set(number, { ...who }));
  return { number };
}

/** Why a handed-out number cannot be given back or renewed by this holder, or null when it can. */
function holdRefusal(doc: Y.Doc, n: string, holder: string | undefined, nowMs: number | undefined): 'in-use' | 'unknown' | 'held' | null {
  if (!allocatedMap(doc).has(n)) return 'unknown';
  if (numbersInUse(doc).has(n)) return 'in-use';
  const a = allocationOf(allocatedMap(doc).get(n));
  if (holder !== undefined && a?.holder !== undefined && a.holder !== holder && !expired(a, nowMs)) return 'held';
  return null;
}

/**
 * Gives back a number handed out by allocateNumber that no contribution took (a revise dialog that was
 * cancelled, or where another number was typed), so the block does not lose it. 'in-use' when a
 * contribution uses it (number or alias), 'unknown' when it was not handed out (or is already back),
 * 'held' when another holder's dialog holds it (its hold not run out at `nowMs`): nobody can give away
 * a number an open dialog offers.
 */
export function releaseNumber(doc: Y.Doc, number: string, holder?: string, nowMs?: number): 'released' | 'in-use' | 'unknown' | 'held' {
  const n = number.trim();
  const refused = holdRefusal(doc, n, holder, nowMs);
  if (refused) return refused;
  doc.transact(() => allocatedMap(doc).delete(n));
  return 'released';
}

/** Keeps a held number held until `heldUntil` (the dialog is still open); refusals as releaseNumber. */
export function renewNumber(doc: Y.Doc, number: string, holder: string, heldUntil: number, nowMs: number): 'renewed' | 'in-use' | 'unknown' | 'held' {
  const n = number.trim();
  const refused = holdRefusal(doc, n, holder, nowMs);
  if (refused) return refused;
  const a = allocationOf(allocatedMap(doc).get(n))!;
  doc.transact(() => allocatedMap(doc).set(n, { ...a, holder, heldUntil }));
  return 'renewed';
}
