/**
 * The import base: for each entry an import wrote, a fingerprint of each field's value as that import
 * wrote it, kept with the meeting in the document (ROOT.importBase). A later import (shared/merge/)
 * compares three values per field: the file's, Plenary's now, and this base. Only equality is ever asked
 * of the base, so it holds fingerprints, not the values: a 2,000-Tdoc meeting carries ~7 bytes per field
 * instead of a second copy of every title and column (which every delegate's phone would download).
 *
 * A field's base may also be what Plenary wrote itself rather than what a file said (issue 25): the copy a
 * revision made in Plenary starts with, the values a carried-over Tdoc came with. Such a base is marked
 * (`*` before the fingerprint): the merge then replaces the value with the portal's without asking, and
 * says so. It lives here, beside the schema, because the revise operation (contributionOps.ts) writes it.
 */
import * as Y from 'yjs';
import { derivedId } from './ids.js';
import { findEntity } from './entityOps.js';
import { IMPORT_BASE_KEY, ROOT, type Contribution } from './meetingSchema.js';

/** A field's value in the form the merge compares: a string, a list of strings, or a record of strings. */
export type FieldValue = string | string[] | Record<string, string>;

/**
 * A base entry: field name → fingerprint of the value the last import wrote ('' for an empty value),
 * with OWN_MARK before it when Plenary wrote that value itself.
 */
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
export type ContributionBaseField = (typeof BASE_FIELDS.contribution)[number];

const NOT_GIVEN = '~';
/** Before a fingerprint: the value was written by Plenary itself (a revision's copy), not by an import. */
const OWN_MARK = '*';

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
  return decodeBase(kind, baseMap(doc).get(key));
}

function decodeBase(kind: BaseKind, v: unknown): BaseEntry | undefined {
  if (typeof v !== 'string') return undefined;
  const parts = v.split(',');
  const out: BaseEntry = {};
  BASE_FIELDS[kind].forEach((field, i) => {
    const fp = parts[i];
    if (fp !== undefined && fp !== NOT_GIVEN) out[field] = fp;
  });
  return out;
}

/**
 * True when no import has recorded anything yet (a meeting made before imports kept a base): entries
 * Plenary wrote for its own revisions do not count.
 */
export function hasNoBase(doc: Y.Doc): boolean {
  for (const [key, v] of baseMap(doc)) {
    const entry = decodeBase(key.startsWith('a:') ? 'agendaItem' : 'contribution', v);
    if (entry && wasImported(entry)) return false;
  }
  return true;
}

/** True when an import (not Plenary alone) wrote at least one field of the entry. */
export function wasImported(base: BaseEntry | undefined): boolean {
  return !!base && Object.values(base).some((fp) => !fp.startsWith(OWN_MARK));
}

/**
 * Records values as the last imported ones (merged into the entry's existing fingerprints); with
 * `own`, as values Plenary wrote itself.
 */
export function writeBase(doc: Y.Doc, kind: BaseKind, key: string, values: Record<string, FieldValue | undefined>, own = false): void {
  const next: BaseEntry = { ...readBase(doc, kind, key) };
  for (const [field, v] of Object.entries(values)) if (v !== undefined) next[field] = (own ? OWN_MARK : '') + fingerprint(v);
  const encoded = BASE_FIELDS[kind].map((f) => next[f] ?? NOT_GIVEN).join(',');
  if (baseMap(doc).get(key) !== encoded) baseMap(doc).set(key, encoded);
}

/** True when `v` is what the base recorded for `field` (false when the base has nothing for it). */
export function isBaseValue(base: BaseEntry | undefined, field: string, v: FieldValue | undefined): boolean {
  if (base === undefined || !(field in base)) return false;
  const fp = base[field];
  return (fp.startsWith(OWN_MARK) ? fp.slice(OWN_MARK.length) : fp) === fingerprint(v);
}

/** True when the base of `field` is a value Plenary wrote itself (a revision's copy), not an import's. */
export function isOwnBase(base: BaseEntry | undefined, field: string): boolean {
  return base !== undefined && field in base && base[field].startsWith(OWN_MARK);
}

/** Forgets an entry's base (its entry was deleted). */
export function dropBase(doc: Y.Doc, key: string): void {
  baseMap(doc).delete(key);
}

/**
 * A row's tracked values in the one form the merge compares them: an agenda item by its number, a
 * revision link by the number of the Tdoc it names (in the meeting, or as the list wrote it when that
 * Tdoc is not in the meeting).
 */
export function contributionBaseValues(
  row: Contribution,
  itemLabel: (id: string) => string | undefined,
  numberOf: (id: string) => string | undefined,
): Record<ContributionBaseField, FieldValue> {
  return {
    title: row.title,
    source: row.source,
    status: row.status,
    agendaItem: (row.agendaItemId && itemLabel(row.agendaItemId)?.trim()) || '',
    revisionOf: (row.revisionOf && numberOf(row.revisionOf)?.trim()) || row.revisionOfNumber?.trim() || '',
    columns: row.columns ?? {},
    aliases: row.aliases,
    type: row.type ?? '',
    for: row.for ?? '',
  };
}

/**
 * Records `fields` of contribution `id` as Plenary wrote them (a revision made in the room, a Tdoc carried
 * over): the next portal list replaces those values without asking, unless a person changes them first.
 * Every field when `fields` is not given. Inside the caller's transaction.
 */
export function recordOwnValues(doc: Y.Doc, row: Contribution, fields?: readonly ContributionBaseField[]): void {
  const values = contributionBaseValues(
    row,
    (id) => findEntity(doc, 'agenda', id)?.label,
    (id) => findEntity(doc, 'contributions', id)?.number,
  );
  const picked = fields ? Object.fromEntries(fields.map((f) => [f, values[f]])) : values;
  writeBase(doc, 'contribution', IMPORT_BASE_KEY.contribution(row.id), picked, true);
}
