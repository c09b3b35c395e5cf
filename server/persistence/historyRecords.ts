/**
 * The record kept with every stored update (issue 17): who sent it and when, in the server's words, never
 * the client's. Types shared by the DocStore implementations and the history API.
 */
import type { ChangeNote } from '../../shared/document/changeDescriber.js';

/** What the server attests about one stored update. */
export interface UpdateRecord {
  /** Server time the update was received (ms since the epoch; non-decreasing within a meeting). */
  at: number;
  /** Role of the token that sent it ('chair', 'secretary'), or 'admin' / 'server' for changes the server made. */
  role: string;
  /** Public id of that token (tokens.ts tokenIdOf); '' when no token sent it. */
  tokenId: string;
  /** The name the connection gave in its presence at that moment (claimed, not verified), or ''. */
  name: string;
  /** The change in words (ChangeDescriber). */
  changes: ChangeNote[];
  /** When set, the full state after this update, kept as a checkpoint for rebuilding past states. */
  checkpoint?: Uint8Array;
}

/** A stored record as the history lists it (without the update bytes). */
export interface HistoryRecord {
  /** Position in the meeting's record, from 1. */
  seq: number;
  at: number;
  role: string;
  tokenId: string;
  name: string;
  changes: ChangeNote[];
}

/** A page of the history: newest first, `before` a seq (exclusive), at most `limit` records. */
export interface HistoryQuery {
  before?: number;
  limit: number;
  /** Only records at or after / at or before these times (ms). */
  since?: number;
  until?: number;
  /** Only records whose name (case-insensitive), role or token id is this. */
  by?: string;
  /** Only records touching this Tdoc number / agenda item label. */
  tdoc?: string;
  item?: string;
}

/** What rebuilding a past state needs: the checkpoint's state first, then the updates after it. */
export interface PastUpdates {
  /** Seq of the last record included. */
  seq: number;
  /** Time of that record (ms). */
  at: number;
  updates: Uint8Array[];
  /** True when `updates[0]` is the checkpoint as stored, deflated (raw DEFLATE): asked with `deflated`. */
  deflated?: boolean;
}

/** Summary of a meeting's record, read when a meeting loads. */
export interface RecordInfo {
  /** Records stored (0 for a meeting stored before records were kept). */
  records: number;
  /** Time of the first and the last record (ms); 0 when none. */
  firstAt: number;
  lastAt: number;
  /** Time of the last checkpoint and the records after it. */
  lastCheckpointAt: number;
  recordsSinceCheckpoint: number;
  checkpoints: number;
}

/** The subject keys of a record, one string searched by `tdoc` / `item` filters: '|t:S2-1|i:5.2|'. */
export function subjectsOf(changes: readonly ChangeNote[]): string {
  const keys = new Set<string>();
  for (const c of changes) {
    if (c.tdoc) keys.add(`t:${c.tdoc.toUpperCase()}`);
    if (c.item) keys.add(`i:${c.item.toUpperCase()}`);
  }
  return keys.size ? `|${[...keys].join('|')}|` : '';
}

/** The needle for a subject filter. */
export function subjectNeedle(kind: 't' | 'i', value: string): string {
  return `|${kind}:${value.trim().toUpperCase()}|`;
}

/** The words of a record as stored (JSON text); entries without text, or text that is not JSON, are dropped. */
export function parseChanges(text: string): ChangeNote[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((c): c is ChangeNote => !!c && typeof (c as ChangeNote).text === 'string') : [];
  } catch {
    return [];
  }
}

/** Counts of the live rows and of the archived segments, as one record's (nulls: none there). */
export interface RecordCounts {
  records: number;
  firstAt: number | null;
  lastAt: number | null;
  lastSeq: number | null;
}

/** The counts of live rows and archived segments together. */
export function combineInfo(live: RecordCounts, archived: RecordCounts): RecordCounts {
  const pick = (f: (a: number, b: number) => number, a: number | null, b: number | null) => (a === null ? b : b === null ? a : f(a, b));
  return {
    records: live.records + archived.records,
    firstAt: pick(Math.min, live.firstAt, archived.firstAt),
    lastAt: pick(Math.max, live.lastAt, archived.lastAt),
    lastSeq: pick(Math.max, live.lastSeq, archived.lastSeq),
  };
}
