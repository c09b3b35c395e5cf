/**
 * The smallest single edit that turns one string into another, and how a cursor moves through a remote
 * edit. A textarea bound to a Y.Text applies only this edit, so two people typing in one note both keep
 * their words (replacing the whole text would make the last writer win).
 */

export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

/**
 * The edit from `before` to `after`. `cursor` (the caret after the edit) resolves ambiguous cases: typing
 * "a" into "aa" at the start is an insert at 0, not at 2.
 */
export function textDiff(before: string, after: string, cursor?: number): TextEdit {
  let maxPrefix = Math.min(before.length, after.length);
  if (cursor !== undefined && cursor >= 0) {
    const grown = Math.max(0, after.length - before.length);
    maxPrefix = Math.min(maxPrefix, Math.max(0, cursor - grown));
  }
  let p = 0;
  while (p < maxPrefix && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // Never split a surrogate pair.
  if (p > 0 && isHighSurrogate(before.charCodeAt(p - 1))) p--;
  let s = 0;
  const maxSuffix = Math.min(before.length, after.length) - p;
  while (s < maxSuffix && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  if (s > 0 && isLowSurrogate(before.charCodeAt(before.length - s))) s--;
  return { index: p, remove: before.length - p - s, insert: after.slice(p, after.length - s) };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A Y.Text delta op (as in YTextEvent.delta). */
export interface DeltaOp {
  retain?: number;
  insert?: string | object;
  delete?: number;
}

/** Where a caret at `pos` ends up after a remote edit described by `delta`. */
export function transformCursor(delta: readonly DeltaOp[], pos: number): number {
  let index = 0;
  let out = pos;
  for (const op of delta) {
    if (op.retain !== undefined) index += op.retain;
    else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (index < out) out += len;
      index += len;
    } else if (op.delete !== undefined) {
      if (index < out) out -= Math.min(op.delete, out - index);
    }
  }
  return out;
}
