/**
 * The Tdocs a reflector message's subject names (issue 26). Subjects follow conventions: bracket tags
 * `[SA3#102bis-e][2.10][S3-241234]`, a company tag then the number `[Ericsson] ... S2-2401234`, replies
 * `Re: [...]`, draft revisions `S2-2401234r1`, and bare numbers anywhere. Candidates are every token
 * shaped like a Tdoc number (prefix, hyphen, digits: `S2-2401234`, `SEC-2016-0094R02`, odd hyphens
 * folded as normalize.ts does); a meeting keeps only those that are its own (TdocMatcher), so a meeting
 * tag such as `SA3#102bis-e` or an agenda item `2.10` names nothing.
 */
import { normalizeNumber } from './normalize.js';

/** A token shaped like a Tdoc number: letters/digits, a hyphen, then a part with a digit. */
const CANDIDATE = /(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{0,7}-[A-Za-z0-9]*\d[A-Za-z0-9]*(?:-[A-Za-z0-9]*\d[A-Za-z0-9]*)*)(?![A-Za-z0-9])/g;
/** Digits alone (6 to 8), for subjects that leave the prefix out. */
const DIGITS = /(?<![A-Za-z0-9-])(\d{6,8})(?![A-Za-z0-9])/g;

/** Every candidate Tdoc number in a subject, upper case, in order, once each. */
export function tdocCandidates(subject: string): string[] {
  const text = normalizeNumber(subject).number;
  const out = new Set<string>();
  for (const m of text.matchAll(CANDIDATE)) out.add(m[1].toUpperCase());
  for (const m of text.matchAll(DIGITS)) out.add(m[1]);
  return [...out];
}

/** Matches candidates against one meeting's numbers and aliases. */
export class TdocMatcher {
  private readonly exact = new Map<string, string>();
  private readonly digits = new Map<string, string | null>();

  /** `tdocs`: the meeting's contributions, number first, then its aliases. */
  constructor(tdocs: readonly { number: string; aliases?: readonly string[] }[]) {
    for (const t of tdocs) {
      for (const n of [t.number, ...(t.aliases ?? [])]) {
        const key = normalizeNumber(n).number.toUpperCase();
        if (!key || this.exact.has(key)) continue;
        this.exact.set(key, t.number);
        const d = /-(\d{6,8})$/.exec(key)?.[1];
        // Digits alone name a Tdoc only when one number of the meeting ends with them.
        if (d) this.digits.set(d, this.digits.has(d) && this.digits.get(d) !== t.number ? null : t.number);
      }
    }
  }

  /** The meeting's numbers a subject names, in the order it names them. */
  match(subject: string): string[] {
    const out: string[] = [];
    const add = (n: string | null | undefined) => {
      if (n && !out.includes(n)) out.push(n);
    };
    for (const c of tdocCandidates(subject)) {
      if (/^\d+$/.test(c)) add(this.digits.get(c));
      else add(this.exact.get(c) ?? this.exact.get(c.replace(/R\d{1,2}$/, '')));
    }
    return out;
  }
}
