/**
 * The Yjs layer: how entries of the meeting document are stored, read (tolerantly) and written.
 * Field layout comes from FIELDS in meetingSchema.ts; no key string is spelled here.
 */
import * as Y from 'yjs';
import {
  ROOT,
  FIELDS,
  COLUMNS_LIMITS,
  UNUSABLE_COLUMN_NAMES,
  type EntityKind,
  type EntityOf,
  type FieldSpec,
  type HistoryEntry,
} from './meetingSchema.js';
import { repairRank } from './ranks.js';
import { NESTED_ARRAY_LIMIT, boundedEntries } from './collectionLimits.js';

export type YEntry = Y.Map<unknown>;
export type YTable = Y.Map<YEntry>;

/** The `Y.Map id -> Y.Map` of one entity kind. */
export function table(doc: Y.Doc, kind: EntityKind): YTable {
  return doc.getMap<YEntry>(ROOT[kind]);
}

/** The Y.Map of one entry, or undefined when there is none (or it is not a map: a broken peer). */
export function entryMap(doc: Y.Doc, kind: EntityKind, id: string): YEntry | undefined {
  const v = table(doc, kind).get(id);
  return v instanceof Y.Map ? v : undefined;
}

function readString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Y.Text) return v.toString();
  return '';
}

function readStringArray(v: unknown): string[] {
  const arr = v instanceof Y.Array ? v.slice(0, NESTED_ARRAY_LIMIT) : Array.isArray(v) ? v : [];
  return arr.filter((x): x is string => typeof x === 'string');
}

function readHistory(v: unknown): HistoryEntry[] {
  const arr = v instanceof Y.Array ? v.slice(0, NESTED_ARRAY_LIMIT) : Array.isArray(v) ? v : [];
  const out: HistoryEntry[] = [];
  for (const h of arr) {
    if (h && typeof h === 'object' && typeof (h as HistoryEntry).status === 'string') {
      const e = h as Partial<HistoryEntry>;
      out.push({ status: e.status!, at: readString(e.at), by: readString(e.by) });
    }
  }
  return out;
}

/** A number field's value: a finite number >= 0, or undefined for anything else. */
function readNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * A stringRecord value read tolerantly: a plain object (or a Y.Map a broken peer wrote) with its string
 * values kept; other values, empty keys, UNUSABLE_COLUMN_NAMES and whatever exceeds COLUMNS_LIMITS are
 * dropped, so what it reads
 * always passes the validator. Anything else, or nothing left, reads as absent (undefined).
 */
export function readStringRecord(v: unknown): Record<string, string> | undefined {
  let src: unknown = v;
  // A Y.Map (a broken or hostile peer's) is read only as far as the limit can use.
  if (v instanceof Y.Map) src = Object.fromEntries(boundedEntries(v, COLUMNS_LIMITS.maxKeys + UNUSABLE_COLUMN_NAMES.length));
  else if (!v || typeof v !== 'object' || Array.isArray(v) || v instanceof Y.AbstractType || ArrayBuffer.isView(v)) return undefined;
  const out: [string, string][] = [];
  for (const [k, x] of Object.entries(src as Record<string, unknown>)) {
    if (typeof x !== 'string' || k === '' || UNUSABLE_COLUMN_NAMES.includes(k) || k.length > COLUMNS_LIMITS.maxKeyLength || x.length > COLUMNS_LIMITS.maxValueLength) continue;
    if (out.length >= COLUMNS_LIMITS.maxKeys) break;
    out.push([k, x]);
  }
  return out.length ? Object.fromEntries(out) : undefined;
}

const sameRecord = (a: unknown, b: Record<string, string>): boolean => {
  if (!a || typeof a !== 'object' || Array.isArray(a) || a instanceof Y.AbstractType) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && kb.every((k, i) => ka[i] === k && (a as Record<string, unknown>)[k] === b[k]);
};

/** Reads one field of an entry tolerantly: wrong types become defaults, never an exception. */
export function readField(entry: YEntry, spec: FieldSpec): unknown {
  const v = entry.get(spec.name);
  if (spec.optional && v === undefined) return undefined;
  switch (spec.kind) {
    case 'string': {
      const s = readString(v);
      if (spec.name === 'rank') return repairRank(s);
      if (spec.oneOf && !spec.oneOf.includes(s)) return spec.oneOf[0];
      return s;
    }
    case 'nullableString':
      return typeof v === 'string' && v !== '' ? v : null;
    case 'text': {
      const t = readString(v);
      return spec.optional && t === '' ? undefined : t;
    }
    case 'number':
      return readNumber(v) ?? (spec.optional ? undefined : 0);
    case 'stringArray':
      return readStringArray(v);
    case 'history':
      return readHistory(v);
    case 'stringRecord':
      return readStringRecord(v) ?? (spec.optional ? undefined : {});
  }
}

/**
 * Reads an entry as its JSON object. The id is the key it is stored under. Returns null for something that
 * is not an entry at all (a broken or newer peer wrote a non-map): it is skipped, not fatal.
 */
export function readEntry<K extends EntityKind>(kind: K, id: string, entry: unknown): EntityOf[K] | null {
  if (!(entry instanceof Y.Map)) return null;
  const out: Record<string, unknown> = {};
  for (const spec of FIELDS[kind]) {
    const v = spec.name === 'id' ? id : readField(entry, spec);
    if (v !== undefined) out[spec.name] = v;
  }
  return out as unknown as EntityOf[K];
}

/** Reads every entry of a kind (unordered). */
export function readAll<K extends EntityKind>(doc: Y.Doc, kind: K): EntityOf[K][] {
  const out: EntityOf[K][] = [];
  table(doc, kind).forEach((entry, id) => {
    if (id === '') return; // not addressable, and the meeting JSON forbids it
    const e = readEntry(kind, id, entry);
    if (e) out.push(e);
  });
  return out;
}

/**
 * Reads only some fields of every entry of a kind (unordered), each as readField reads it: for finding
 * siblings among thousands of rows without turning every notes text into a string.
 */
export function readAllFields<K extends EntityKind, F extends keyof EntityOf[K] & string>(
  doc: Y.Doc,
  kind: K,
  names: readonly F[],
): (Pick<EntityOf[K], F> & { id: string })[] {
  const specs = names.map((n) => specOf(kind, n)).filter((x): x is FieldSpec => x !== undefined && x.name !== 'id');
  const out: (Pick<EntityOf[K], F> & { id: string })[] = [];
  table(doc, kind).forEach((entry, id) => {
    if (id === '' || !(entry instanceof Y.Map)) return;
    const e: Record<string, unknown> = { id };
    for (const spec of specs) e[spec.name] = readField(entry, spec);
    out.push(e as Pick<EntityOf[K], F> & { id: string });
  });
  return out;
}

function specOf(kind: EntityKind, name: string): FieldSpec | undefined {
  return FIELDS[kind].find((f) => f.name === name);
}

/** Writes the given fields into an entry, each in the storage its spec says. Must run inside a transaction. */
export function writeFields(kind: EntityKind, entry: YEntry, values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) {
    const spec = specOf(kind, name);
    if (!spec || name === 'id' || value === undefined) continue;
    switch (spec.kind) {
      case 'string':
        if (entry.get(name) !== value) entry.set(name, String(value ?? ''));
        break;
      case 'nullableString': {
        const v = typeof value === 'string' && value !== '' ? value : null;
        if (entry.get(name) !== v) entry.set(name, v);
        break;
      }
      case 'text': {
        const text = String(value ?? '');
        const cur = entry.get(name);
        if (cur instanceof Y.Text) {
          replaceText(cur, text);
        } else {
          entry.set(name, new Y.Text(text));
        }
        break;
      }
      case 'stringArray': {
        const next = Array.isArray(value) ? value.filter((x) => typeof x === 'string') : [];
        const cur = entry.get(name);
        if (!Array.isArray(cur) || cur.length !== next.length || cur.some((x, i) => x !== next[i])) entry.set(name, next);
        break;
      }
      case 'history': {
        const arr = new Y.Array<HistoryEntry>();
        if (Array.isArray(value)) arr.push(value.map((h: HistoryEntry) => ({ status: h.status, at: h.at, by: h.by })));
        entry.set(name, arr);
        break;
      }
      case 'number': {
        const n = readNumber(value);
        if (n === undefined) {
          if (entry.has(name)) entry.delete(name);
        } else if (entry.get(name) !== n) entry.set(name, n);
        break;
      }
      case 'stringRecord': {
        // One plain value, replaced as a whole; a fresh copy, so later changes to `value` do not leak in.
        const next = readStringRecord(value);
        if (!next) {
          if (entry.has(name)) entry.delete(name);
        } else if (!sameRecord(entry.get(name), next)) entry.set(name, next);
        break;
      }
    }
  }
}

/**
 * Makes a Y.Text read `text` by replacing only the part that differs (common prefix and suffix kept), so
 * that a peer typing elsewhere in the same notes at the same time keeps its place and its characters.
 */
export function replaceText(t: Y.Text, text: string): void {
  const cur = t.toString();
  if (cur === text) return;
  let start = 0;
  const max = Math.min(cur.length, text.length);
  while (start < max && cur.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && cur.charCodeAt(cur.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
  // Do not split a surrogate pair: Y.Text counts UTF-16 units like JavaScript strings.
  while (start > 0 && isLowSurrogate(cur.charCodeAt(start))) start--;
  while (end > 0 && isLowSurrogate(cur.charCodeAt(cur.length - end))) end--;
  const removed = cur.length - start - end;
  if (removed > 0) t.delete(start, removed);
  const inserted = text.slice(start, text.length - end);
  if (inserted) t.insert(start, inserted);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Creates a new entry with all required fields (defaults for the ones not given). Inside a transaction. */
export function insertEntry(doc: Y.Doc, kind: EntityKind, id: string, values: Record<string, unknown>): YEntry {
  const entry = new Y.Map<unknown>();
  const full: Record<string, unknown> = {};
  for (const spec of FIELDS[kind]) {
    if (spec.name === 'id') continue;
    if (values[spec.name] !== undefined) full[spec.name] = values[spec.name];
    else if (!spec.optional || spec.kind === 'text') full[spec.name] = defaultFor(spec);
  }
  // Prelim Y types must be integrated before text/array content is filled: set the map first.
  table(doc, kind).set(id, entry);
  entry.set('id', id);
  writeFields(kind, entry, full);
  return entry;
}

function defaultFor(spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'string':
      return spec.oneOf ? spec.oneOf[0] : '';
    case 'nullableString':
      return null;
    case 'text':
      return '';
    case 'stringArray':
    case 'history':
      return [];
    case 'stringRecord':
      return {};
    case 'number':
      return 0;
  }
}

/** The Y.Text of an entry's text field (notes), created if a broken peer left a plain string. */
export function entryText(doc: Y.Doc, kind: EntityKind, id: string, field: string): Y.Text | undefined {
  const entry = entryMap(doc, kind, id);
  if (!entry) return undefined;
  const cur = entry.get(field);
  if (cur instanceof Y.Text) return cur;
  const t = new Y.Text(readString(cur));
  doc.transact(() => entry.set(field, t));
  return t;
}

/** Appends to an entry's history array (creating it if missing). Inside a transaction. */
export function appendHistory(entry: YEntry, field: string, h: HistoryEntry): void {
  let arr = entry.get(field);
  if (!(arr instanceof Y.Array)) {
    const fresh = new Y.Array<HistoryEntry>();
    entry.set(field, fresh);
    if (Array.isArray(arr)) fresh.push(readHistory(arr));
    arr = fresh;
  }
  (arr as Y.Array<HistoryEntry>).push([{ status: h.status, at: h.at, by: h.by }]);
}
