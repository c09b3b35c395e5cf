/**
 * The import base: for each entry an import wrote, a fingerprint of each field's value as that import
 * wrote it, kept with the meeting in the document (ROOT.importBase). A later import compares three
 * values per field: the file's, Plenary's now, and this base. Only equality is ever asked of the base,
 * so it holds fingerprints, not the values: a 2,000-Tdoc meeting carries ~20 bytes per field instead of
 * a second copy of every title and column (which every delegate's phone would download).
 */
import * as Y from 'yjs';
import { derivedId } from './ids.js';
import { ROOT } from './meetingSchema.js';

/** A field's value in the form the merge compares: a string, a list of strings, or a record of strings. */
export type FieldValue = string | string[] | Record<string, string>;

/** A base entry: field name → fingerprint of the value the last import wrote. */
export type BaseEntry = Record<string, string>;

const baseMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.importBase);

/** One spelling per value: records by sorted key, lists in order, undefined as ''. */
export function canonical(v: FieldValue | undefined | null): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.length ? JSON.stringify(v) : '';
  const keys = Object.keys(v).sort();
  return keys.length ? JSON.stringify(keys.map((k) => [k, v[k]])) : '';
}

/** The fingerprint kept in the base ('' for an empty value). */
export function fingerprint(v: FieldValue | undefined | null): string {
  const c = canonical(v);
  return c === '' ? '' : derivedId('import-base', c);
}

/** True when two values are the same for the merge. */
export function sameValue(a: FieldValue | undefined | null, b: FieldValue | undefined | null): boolean {
  return canonical(a) === canonical(b);
}

/** The base entry stored under `key`, or undefined. */
export function readBase(doc: Y.Doc, key: string): BaseEntry | undefined {
  const v = baseMap(doc).get(key);
  if (!v || typeof v !== 'object' || Array.isArray(v) || v instanceof Y.AbstractType) return undefined;
  const out: BaseEntry = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** True when no import has recorded anything yet (a meeting made before imports kept a base). */
export function hasNoBase(doc: Y.Doc): boolean {
  return baseMap(doc).size === 0;
}

/** Records values as the last imported ones (merged into the entry's existing fingerprints). */
export function writeBase(doc: Y.Doc, key: string, values: Record<string, FieldValue | undefined>): void {
  const next: BaseEntry = { ...readBase(doc, key) };
  let changed = false;
  for (const [field, v] of Object.entries(values)) {
    const f = fingerprint(v);
    if (next[field] !== f) {
      next[field] = f;
      changed = true;
    }
  }
  if (changed || !baseMap(doc).has(key)) baseMap(doc).set(key, next);
}

/** True when `v` is what the base recorded for `field` (false when the base has nothing for it). */
export function isBaseValue(base: BaseEntry | undefined, field: string, v: FieldValue | undefined): boolean {
  return base !== undefined && field in base && base[field] === fingerprint(v);
}

/** Forgets an entry's base (its entry was deleted). */
export function dropBase(doc: Y.Doc, key: string): void {
  baseMap(doc).delete(key);
}
