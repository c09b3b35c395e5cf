/**
 * What runs in a format worker (WorkerPool.ts): reading an upload into a meeting's first document row,
 * and writing a meeting's stored rows as an export. Nothing here touches the server's state; the answer
 * is posted back, with its bytes transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { exportMeeting, importMeeting, ImportError, type ExportContext, type ExportFormat, type ImportFormat } from '../../shared/formats/index.js';
import { recordInitialImport } from '../../shared/merge/importMerge.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { parseRegistrationList } from '../../shared/formats/registrationList.js';

export type FormatJob =
  | { kind: 'export'; updates: Uint8Array[]; format: ExportFormat; ctx?: ExportContext }
  | { kind: 'import'; data: Uint8Array; format: ImportFormat | 'auto'; fileName?: string }
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

async function run(job: FormatJob): Promise<{ result: unknown; transfer: ArrayBuffer[] }> {
  if (job.kind === 'people') return { result: await parseRegistrationList(job.data, { fileName: job.fileName, contentType: job.contentType }), transfer: [] };
  if (job.kind === 'export') {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const u of job.updates) Y.applyUpdate(doc, u);
    });
    const out = await exportMeeting(readMeeting(doc), job.format, job.ctx);
    doc.destroy();
    const data = typeof out.data === 'string' ? new TextEncoder().encode(out.data) : out.data;
    return { result: { data, contentType: out.contentType }, transfer: transferable(data) };
  }
  const { meeting, warnings } = await importMeeting(job.data, { format: job.format, fileName: job.fileName });
  const doc = createMeetingDoc(meeting);
  recordInitialImport(doc, meeting);
  const base = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  const { title, startDate, endDate } = meeting.meta;
  return { result: { base, meeting, meta: { title, startDate, endDate }, warnings }, transfer: transferable(base) };
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
