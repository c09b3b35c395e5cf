/**
 * The document-wide parts of a meeting: its meta fields, its status vocabulary and what the room is on now
 * (the main room's `live`; other rooms' pointers are in rooms.ts). Read tolerantly, written checked.
 */
import * as Y from 'yjs';
import {
  ROOT,
  META_FIELDS,
  LIVE_FIELDS,
  PURPOSES,
  SCHEMA_VERSION,
  emptyMeta,
  emptyLive,
  REVISION_NUMBERINGS,
  QUEUE_ORDERS,
  type QueueOrder,
  type RevisionNumbering,
  type Meta,
  type Live,
  type Status,
  type Purpose,
} from './meetingSchema.js';
import { presetStatuses, statusId } from './statuses.js';
import { normalizeDate } from '../time/dateTime.js';
import { MeetingOpError } from './entityOps.js';
import { formatNumberBlock, parseNumberBlock } from './numberBlock.js';
import { isTimeZone } from '../time/meetingPlaces.js';
import { ROOT_LIMITS } from './collectionLimits.js';

const metaMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.meta);
const liveMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.live);
const statusArray = (doc: Y.Doc) => doc.getArray<Status>(ROOT.statuses);

/**
 * Calls `changed` with 'meta', 'live' or 'statuses' whenever that part of the document changes (locally
 * or from a peer), so a cache re-reads it only then; returns the function that stops it.
 */
export function observeMeetingParts(doc: Y.Doc, changed: (part: 'meta' | 'live' | 'statuses') => void): () => void {
  const parts = [
    [metaMap(doc), () => changed('meta')],
    [liveMap(doc), () => changed('live')],
    [statusArray(doc), () => changed('statuses')],
  ] as const;
  for (const [type, f] of parts) type.observe(f);
  return () => {
    for (const [type, f] of parts) type.unobserve(f);
  };
}

// ---------------------------------------------------------------------------------------------- meta

/** Reads the meta map tolerantly. */
export function readMeta(doc: Y.Doc): Meta {
  const m = metaMap(doc);
  const meta = emptyMeta() as unknown as Record<string, unknown>;
  for (const key of META_FIELDS) {
    const v = m.get(key);
    if (key === 'schemaVersion') meta[key] = typeof v === 'number' ? v : SCHEMA_VERSION;
    else if (key === 'anonymousParticipation') continue;
    else if (typeof v === 'string') meta[key] = v;
  }
  if (!PURPOSES.includes(meta.purpose as Purpose)) meta.purpose = 'other';
  // A boolean, unlike the rest: present only when on (issue 24).
  if (m.get('anonymousParticipation') === true) meta.anonymousParticipation = true;
  for (const key of ['startDate', 'endDate'] as const) meta[key] = normalizeDate(meta[key] as string) ?? '';
  // Optional extensions read as absent when empty or not valid (a peer's typo must not stop revisions).
  if (!REVISION_NUMBERINGS.includes(meta.revisionNumbering as RevisionNumbering)) delete meta.revisionNumbering;
  if (!QUEUE_ORDERS.includes(meta.queueOrder as QueueOrder)) delete meta.queueOrder;
  const block = typeof meta.numberBlock === 'string' ? parseNumberBlock(meta.numberBlock) : null;
  if (block) meta.numberBlock = formatNumberBlock(block);
  else delete meta.numberBlock;
  // A zone written by an older or broken peer ('Baltimore') reads as UTC: clocks and times stay computable.
  if (!isTimeZone(meta.timezone)) meta.timezone = 'UTC';
  return meta as unknown as Meta;
}

/**
 * Sets some meta fields. Dates are normalised ('2016-5-6' -> '2016-05-06'); a date that is not one, an
 * unknown purpose or a time zone that is not an IANA zone (or UTC) is refused with MeetingOpError before
 * anything is written.
 */
export function setMeta(doc: Y.Doc, patch: Partial<Meta>): void {
  const values: Record<string, unknown> = { ...patch };
  for (const key of ['startDate', 'endDate'] as const) {
    const v = patch[key];
    if (typeof v !== 'string') continue;
    const d = normalizeDate(v);
    if (d === null) throw new MeetingOpError(`${key}: expected YYYY-MM-DD, got "${v}"`);
    values[key] = d;
  }
  if (patch.purpose !== undefined && !PURPOSES.includes(patch.purpose)) {
    throw new MeetingOpError(`purpose: expected one of ${PURPOSES.join(', ')}, got "${patch.purpose}"`);
  }
  const numbering = patch.revisionNumbering as string | undefined;
  if (numbering !== undefined && numbering !== '' && !REVISION_NUMBERINGS.includes(numbering as RevisionNumbering)) {
    throw new MeetingOpError(`revisionNumbering: expected one of ${REVISION_NUMBERINGS.join(', ')}, got "${numbering}"`);
  }
  const order = patch.queueOrder as string | undefined;
  if (order !== undefined && order !== '' && !QUEUE_ORDERS.includes(order as QueueOrder)) {
    throw new MeetingOpError(`queueOrder: expected one of ${QUEUE_ORDERS.join(', ')}, got "${order}"`);
  }
  if (typeof patch.numberBlock === 'string' && patch.numberBlock.trim() !== '') {
    const block = parseNumberBlock(patch.numberBlock);
    if (!block) throw new MeetingOpError(`numberBlock: expected a block of numbers like S2-2403100-S2-2403199, got "${patch.numberBlock}"`);
    values.numberBlock = formatNumberBlock(block);
  } else if (typeof patch.numberBlock === 'string') values.numberBlock = '';
  if (patch.anonymousParticipation !== undefined && typeof patch.anonymousParticipation !== 'boolean') {
    throw new MeetingOpError('anonymousParticipation: expected true or false');
  }
  if (patch.timezone !== undefined && !isTimeZone(patch.timezone)) {
    throw new MeetingOpError(`timezone: expected an IANA time zone such as Europe/Paris, or UTC, got "${patch.timezone}"`);
  }
  const m = metaMap(doc);
  doc.transact(() => {
    for (const key of META_FIELDS) {
      const v = values[key];
      if (v === undefined) continue;
      if (m.get(key) !== v) m.set(key, v);
    }
  });
}

// ------------------------------------------------------------------------------------------ statuses

/** The meeting's status vocabulary, in display order (the 3GPP preset when the document has none). */
export function readStatuses(doc: Y.Doc): Status[] {
  const seen = new Set<string>();
  const out: Status[] = [];
  // At most ROOT_LIMITS.statuses values are read (collectionLimits.ts).
  for (const x of statusArray(doc).slice(0, ROOT_LIMITS[ROOT.statuses])) {
    if (!x || typeof x !== 'object' || typeof x.id !== 'string') continue;
    const id = statusId(x.id);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    out.push({ id, label: typeof x.label === 'string' ? x.label : id, final: x.final === true });
  }
  return out.length ? out : presetStatuses('3gpp');
}

/** Replaces the status vocabulary. */
export function setStatuses(doc: Y.Doc, statuses: readonly Status[]): void {
  const st = statusArray(doc);
  doc.transact(() => {
    st.delete(0, st.length);
    st.push(statuses.map((x) => ({ id: x.id, label: x.label, final: x.final })));
  });
}

/** Adds a status word to the vocabulary (if its id is new) and returns its id. */
export function addStatus(doc: Y.Doc, label: string, final = true): string {
  const id = statusId(label);
  if (!id) throw new MeetingOpError(`status "${label}" has no letters or digits`);
  const st = statusArray(doc);
  if (!st.toArray().some((x) => x && x.id === id)) st.push([{ id, label: label.trim(), final }]);
  return id;
}

// ---------------------------------------------------------------------------------------------- live

/** What the room is on now. */
export function readLive(doc: Y.Doc): Live {
  const m = liveMap(doc);
  const live = emptyLive();
  for (const key of LIVE_FIELDS) {
    const v = m.get(key);
    if (key === 'banner') live.banner = typeof v === 'string' ? v : '';
    else (live as unknown as Record<string, unknown>)[key] = typeof v === 'string' && v !== '' ? v : null;
  }
  return live;
}

/** Sets what the room is on now (any subset of item, contribution, session, banner). */
export function setLive(doc: Y.Doc, patch: Partial<Live>): void {
  const m = liveMap(doc);
  doc.transact(() => {
    for (const key of LIVE_FIELDS) {
      const v = patch[key];
      if (v === undefined) continue;
      const val = key === 'banner' ? String(v ?? '') : v || null;
      if (m.get(key) !== val) m.set(key, val);
    }
  });
}
