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
}

const allocatedMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.allocatedNumbers);

/** Numbers of the block handed out so far. */
export function allocatedNumbers(doc: Y.Doc): Set<string> {
  return new Set(allocatedMap(doc).keys());
}

/** The next number of the block no contribution uses (number or alias) and none was handed out; null when none is left. */
export function nextFreeNumber(doc: Y.Doc, block: NumberBlock): string | null {
  const used = allocatedNumbers(doc);
  for (const c of readAllFields(doc, 'contributions', ['number', 'aliases'])) {
    used.add(c.number.trim());
    for (const a of c.aliases) used.add(a.trim());
  }
  for (let n = block.from; n <= block.to; n++) {
    const number = numberAt(block, n);
    if (!used.has(number)) return number;
  }
  return null;
}

/**
 * Hands out the next free number of the meeting's block and records it (one transaction), or says why
 * it cannot: 'unset' (no valid block in the meta) or 'exhausted'. Run where only one allocation runs at
 * a time (the server's room) so two callers never get the same number.
 */
export function allocateNumber(doc: Y.Doc, block: NumberBlock | null, who: Allocation): { number: string } | { error: 'unset' | 'exhausted' } {
  if (!block) return { error: 'unset' };
  const number = nextFreeNumber(doc, block);
  if (!number) return { error: 'exhausted' };
  doc.transact(() => allocatedMap(doc).set(number, { at: who.at, by: who.by }));
  return { number };
}

/**
 * Gives back a number handed out by allocateNumber that no contribution took (a revise dialog that was
 * cancelled, or where another number was typed), so the block does not lose it. 'in-use' when a
 * contribution uses it (number or alias), 'unknown' when it was not handed out (or is already back).
 */
export function releaseNumber(doc: Y.Doc, number: string): 'released' | 'in-use' | 'unknown' {
  const n = number.trim();
  if (!allocatedMap(doc).has(n)) return 'unknown';
  for (const c of readAllFields(doc, 'contributions', ['number', 'aliases'])) {
    if (c.number.trim() === n || c.aliases.some((a) => a.trim() === n)) return 'in-use';
  }
  doc.transact(() => allocatedMap(doc).delete(n));
  return 'released';
}
