/**
 * The import base: for each entry an import wrote, a fingerprint of each field's value as that import
 * wrote it, kept with the meeting in the document (ROOT.importBase). A later import compares three
 * values per field: the file's, Plenary's now, and this base. Only equality is ever asked of the base,
 * so it holds fingerprints, not the values: a 2,000-Tdoc meeting carries ~7 bytes per field instead of
 * a second copy of every title and column (which every delegate's phone would download).
 */
import * as Y from 'yjs';
import { derivedId } from '../document/ids.js';
import { ROOT } from '../document/meetingSchema.js';

/** A field's value in the form the merge compares: a string, a list of strings, or a record of strings. */
export type FieldValue = string | string[] | Record<string, string>;

/** A base entry: field name → fingerprint of the value the last import wrote ('' for an empty value). */
export type BaseEntry = Record<string, string>;

/**
 * The fields a base entry holds, in their stored order (append only: an entry is one string, the
 * fingerprints in this order, comma-separated, `~` for a field the import did not give). One short
 * string per entry keeps the base at ~70 bytes a Tdoc in the document.
 */
export const BASE_FIELDS = {
  contribution: ['title', 'source', 'status', 'agendaItem', 'revisionOf', 'columns', 'aliases', 'type', 'for'],
  agendaItem: ['title', 'specs', 'rapporteur', 'duration'],
} as const;
export type BaseKind = keyof typeof BASE_FIELDS;

const NOT_GIVEN = '~';

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
  // 7 of derivedId's 14 characters (~36 bits): only ever compared with the same field of the same entry.
  return c === '' ? '' : derivedId('import-base', c).slice(0, 7);
}

/** True when two values are the same for the merge. */
export function sameValue(a: FieldValue | undefined | null, b: FieldValue | undefined | null): boolean {
  return canonical(a) === canonical(b);
}

/** The base entry stored under `key`, or undefined. */
export function readBase(doc: Y.Doc, kind: BaseKind, key: string): BaseEntry | undefined {
  const v = baseMap(doc).get(key);
  if (typeof v !== 'string') return undefined;
  const parts = v.split(',');
  const out: BaseEntry = {};
  BASE_FIELDS[kind].forEach((field, i) => {
    const fp = parts[i];
    if (fp !== undefined && fp !== NOT_GIVEN) out[field] = fp;
  });
  return out;
}

/** True when no import has recorded anything yet (a meeting made before imports kept a base). */
export function hasNoBase(doc: Y.Doc): boolean {
  return baseMap(doc).size === 0;
}

/** Records values as the last imported ones (merged into the entry's existing fingerprints). */
export function writeBase(doc: Y.Doc, kind: BaseKind, key: string, values: Record<string, FieldValue | undefined>): void {
  const next: BaseEntry = { ...readBase(doc, kind, key) };
  for (const [field, v] of Object.entries(values)) if (v !== undefined) next[field] = fingerprint(v);
  const encoded = BASE_FIELDS[kind].map((f) => next[f] ?? NOT_GIVEN).join(',');
  if (baseMap(doc).get(key) !== encoded) baseMap(doc).set(key, encoded);
}

/** True when `v` is what the base recorded for `field` (false when the base has nothing for it). */
export function isBaseValue(base: BaseEntry | undefined, field: string, v: FieldValue | undefined): boolean {
  return base !== undefined && field in base && base[field] === fingerprint(v);
}

/** Forgets an entry's base (its entry was deleted). */
export function dropBase(doc: Y.Doc, key: string): void {
  baseMap(doc).delete(key);
}
