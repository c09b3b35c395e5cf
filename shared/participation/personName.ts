/**
 * Names people give for the speaker queue, as the screen shows them: cleaned of what can disguise them,
 * and compared the way a reader would compare them.
 *
 * - `cleanPersonText`: no control characters (C0, C1), no format characters (bidirectional overrides and
 *   isolates U+202A–202E and U+2066–2069, marks U+200E/U+200F/U+061C, zero-width characters, soft hyphen,
 *   BOM), no line or paragraph separators, at most two combining marks in a row (no "Zalgo" text), runs
 *   of spaces as one, NFC. A name reversed by U+202E or padded with invisible characters reads as typed.
 * - `nameSkeleton`: what a name looks like: compatibility-decomposed, accents dropped, lower case, common
 *   look-alikes (Cyrillic and Greek letters, digits, symbols) mapped to the Latin letters they imitate,
 *   everything but letters and digits dropped. "Ch-a1r", "CHАIR" (Cyrillic А) and "c h a i r" all give
 *   "chair".
 * - `isReservedName`: a name that poses as the chair or the secretary: a word of it (or the whole name, or
 *   a run of single letters) is one of RESERVED_NAME_WORDS.
 * - `sameName`: two names that look alike (same skeleton).
 */

/** Words a name from the shared link may not contain: the meeting's officers. */
export const RESERVED_NAME_WORDS: ReadonlySet<string> = new Set([
  'chair',
  'chairs',
  'chairman',
  'chairmen',
  'chairwoman',
  'chairperson',
  'cochair',
  'vicechair',
  'secretary',
  'secretaries',
  'secretariat',
  'cosecretary',
  'secretaire',
]);

/** What may stand before an officer's word in a name that poses as one ("Mr Chair", "The secretary"). */
const TITLES = ['', 'the', 'mr', 'ms', 'mrs', 'madam', 'madame', 'dr', 'vice', 'co', 'deputy', 'acting'];

// Format (Cf: bidi controls, zero-width, soft hyphen, BOM...), controls (Cc), separators (Zl, Zp),
// private use (Co) and unassigned (Cn) code points.
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/gu;
const SPACES = /[\s\p{Zs}]+/gu;
const MARK_RUNS = /(\p{M}{2})\p{M}+/gu;

/** A person's name or organisation as typed, cleaned (see the module comment). */
export function cleanPersonText(v: string): string {
  return v.normalize('NFC').replace(INVISIBLE, '').replace(MARK_RUNS, '$1').replace(SPACES, ' ').trim();
}

/** Latin letters that other scripts' letters and some digits or symbols imitate. */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ї: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g', ӏ: 'l',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y',
  // Digits and symbols
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'l', '€': 'e',
};

/** The words of a name as it looks: see the module comment. */
function lookWords(name: string): string[] {
  const plain = cleanPersonText(name).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  let mapped = '';
  for (const ch of plain) mapped += LOOK_ALIKES[ch] ?? ch;
  return mapped.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** What a name looks like, as one string of letters and digits. */
export function nameSkeleton(name: string): string {
  return lookWords(name).join('');
}

/** True when two names look alike. */
export function sameName(a: string, b: string): boolean {
  const sa = nameSkeleton(a);
  return sa !== '' && sa === nameSkeleton(b);
}

/** True for a name that poses as the chair or the secretary (see RESERVED_NAME_WORDS). */
export function isReservedName(name: string): boolean {
  const words = lookWords(name);
  if (words.some((w) => RESERVED_NAME_WORDS.has(w))) return true;
  // Spelled out ("C h a i r", "ch air"): runs of short words joined, and the whole name.
  const joined: string[] = [];
  let run = '';
  for (const w of words) {
    if (w.length <= 3) run += w;
    else {
      if (run) joined.push(run);
      run = '';
      joined.push(w);
    }
  }
  if (run) joined.push(run);
  const whole = words.join('');
  if (joined.some((w) => RESERVED_NAME_WORDS.has(w))) return true;
  for (const r of RESERVED_NAME_WORDS) {
    if (whole.startsWith(`${r}of`) || TITLES.some((t) => whole === `${t}${r}`)) return true;
  }
  return false;
}
