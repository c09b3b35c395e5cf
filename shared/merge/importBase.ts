/**
 * The import base (what the last import wrote, as fingerprints) lives with the schema in
 * shared/document/importBase.ts, because the revise operation writes it too (a revision's copied values
 * are Plenary's own, issue 25). The merge's modules and the page import it from here.
 */
export {
  BASE_FIELDS,
  canonical,
  dropBase,
  fingerprint,
  hasNoBase,
  isBaseValue,
  isOwnBase,
  readBase,
  sameValue,
  wasImported,
  writeBase,
  type BaseEntry,
  type BaseKind,
  type FieldValue,
} from '../document/importBase.js';
