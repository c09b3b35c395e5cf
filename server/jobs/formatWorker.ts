/**
 * What runs in a format worker (WorkerPool.ts): reading an upload into a meeting's first document row;
 * writing a meeting's stored rows (now, or as it stood at a past moment) as an export; planning a merge of
 * a newer file into a meeting (and, for an import, the change it makes); and the meeting that
 * carries over what is open (POST /next). Nothing here touches the server's state; the answer is posted
 * back, with its bytes transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import * as Y from 'yjs';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { exportMeeting, importMeeting, ImportError, type ExportContext, type ExportFormat, type ImportFormat } from '../../shared/formats/index.js';
import { mergeImport, recordInitialImport, type MergeSummary } from '../../shared/merge/importMerge.js';
import { carryOver, type CarrySource, type NextMeeting } from '../../shared/merge/carryOver.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { parseRegistrationList, type RegistrationList } from '../../shared/formats/registrationList.js';

/** A meeting's state for a job: its rows in order; `deflated`: the first is a deflated checkpoint (the record's). */
export interface StateRows {
  updates: Uint8Array[];
  deflated?: boolean;
}

export type FormatJob =
  | ({ kind: 'export'; format: ExportFormat; ctx?: ExportContext } & StateRows)
  | { kind: 'import'; data: Uint8Array; format: ImportFormat | 'auto'; fileName?: string }
  /**
   * `against`: the state vector of the live room the change will be applied to. The change then carries
   * whatever the rows hold beyond that too (rows another process stored that this one has not applied
   * yet), so applying it leaves nothing pending in the room.
   */
  | ({ kind: 'merge'; meeting: MeetingJson; dryRun: boolean; by: string; against?: Uint8Array } & StateRows)
  | ({ kind: 'next'; source: CarrySource; input: NextMeeting; at: string } & StateRows)
  /** A registration list (issue 24): its people, duplicates and skipped rows (registrationList.ts). */
  | { kind: 'people'; data: Uint8Array; fileName?: string; contentType?: string };

export interface ExportAnswer {
  data: Uint8Array;
  contentType: string;
}

export interface ImportAnswer {
  /** The document's base row (with the import base of importMerge.ts written in). */
  base: Uint8Array;
  /** The meeting read from the file: for a merge into a live meeting, the record and the summary. */
  meeting: MeetingJson;
  meta: { title: string; startDate: string; endDate: string };
  warnings: { message: string; line?: number; row?: number }[];
}

export interface MergeAnswer {
  summary: MergeSummary;
  /** An import's change: the update the merge made on the meeting as it was given (none for a dry run). */
  change?: Uint8Array;
}

export interface NextAnswer {
  /** The new meeting's base row, its JSON (valid: parseMeeting passed) and what was carried. */
  base: Uint8Array;
  meeting: MeetingJson;
  carried: { tdocs: number; actions: number; title: string };
}

/** The document the rows make (applied in order in one transaction, as a load does). */
function docOf(s: StateRows): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    s.updates.forEach((u, i) => Y.applyUpdate(doc, i === 0 && s.deflated ? new Uint8Array(inflateRawSync(u)) : u));
  });
  return doc;
}

type Answer = ExportAnswer | ImportAnswer | MergeAnswer | NextAnswer | RegistrationList;

async function run(job: FormatJob): Promise<{ result: Answer; transfer: ArrayBuffer[] }> {
  switch (job.kind) {
    case 'export': {
      const doc = docOf(job);
      const out = await exportMeeting(readMeeting(doc), job.format, job.ctx);
      doc.destroy();
      const data = typeof out.data === 'string' ? new TextEncoder().encode(out.data) : out.data;
      return { result: { data, contentType: out.contentType }, transfer: transferable(data) };
    }
    case 'people':
      return { result: await parseRegistrationList(job.data, { fileName: job.fileName, contentType: job.contentType }), transfer: [] };
    case 'merge':
      return merge(job);
    case 'next':
      return next(job);
    case 'import': {
      const { meeting, warnings } = await importMeeting(job.data, { format: job.format, fileName: job.fileName });
      const base = baseOf(meeting);
      const { title, startDate, endDate } = meeting.meta;
      return { result: { base, meeting, meta: { title, startDate, endDate }, warnings }, transfer: transferable(base) };
    }
  }
}

function merge(job: Extract<FormatJob, { kind: 'merge' }>): { result: MergeAnswer; transfer: ArrayBuffer[] } {
  const doc = docOf(job);
  try {
    const before = job.against ?? Y.encodeStateVector(doc);
    const summary = mergeImport(doc, job.meeting, job.dryRun ? { dryRun: true } : { by: job.by });
    if (job.dryRun) return { result: { summary }, transfer: [] };
    const change = Y.encodeStateAsUpdate(doc, before);
    return { result: { summary, change }, transfer: transferable(change) };
  } finally {
    doc.destroy();
  }
}

function next(job: Extract<FormatJob, { kind: 'next' }>): { result: NextAnswer; transfer: ArrayBuffer[] } {
  const doc = docOf(job);
  const current = readMeeting(doc);
  doc.destroy();
  const json = carryOver(current, { ...job.source, title: job.source.title || current.meta.title }, job.input, job.at);
  // The same check an upload gets: what is created is a valid meeting.
  const parsed = parseMeeting(json);
  if (!parsed.ok) throw new Error(`the carried-over meeting is not valid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const base = baseOf(parsed.value);
  const carried = { tdocs: json.contributions.length, actions: json.actions.length, title: current.meta.title };
  return { result: { base, meeting: parsed.value, carried }, transfer: transferable(base) };
}

/** A new meeting's first row: its document with the import base written in. */
function baseOf(meeting: MeetingJson): Uint8Array {
  const doc = createMeetingDoc(meeting);
  recordInitialImport(doc, meeting);
  const base = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return base;
}

function transferable(bytes: Uint8Array): ArrayBuffer[] {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

parentPort!.on('message', (job: FormatJob) => {
  run(job).then(
    ({ result, transfer }) => parentPort!.postMessage({ ok: true, result }, transfer),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      const details = err instanceof ImportError ? { line: err.line, row: err.row } : {};
      parentPort!.postMessage({ ok: false, error: { name: err instanceof ImportError ? 'ImportError' : err.name, message: err.message, details } });
    },
  );
});
