/**
 * The shape every importer produces and every exporter takes. Each format is one module:
 * an importer `(data, ctx) => ImportResult` or an exporter `(meeting) => ExportResult`.
 */
import type { MeetingJson } from '../document/meetingSchema.js';
import type { AttendanceReport } from '../participation/attendance.js';

export const IMPORT_FORMATS = ['text', 'docx', 'xlsx', 'html', 'md', 'csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** `htm`: the 3GPP "Tdocs by agenda" page (issue 25), read back by the `html` importer. */
export const EXPORT_FORMATS = ['json', 'md', 'docx', 'xlsx', 'csv', 'ics', 'htm'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Something odd in the input that did not stop the import (a number that looks mistyped ...). */
export interface ImportWarning {
  message: string;
  /** 1-based line of a text file. */
  line?: number;
  /** 1-based row of a sheet or table. */
  row?: number;
}

export interface ImportResult {
  meeting: MeetingJson;
  warnings: ImportWarning[];
}

export interface ImportContext {
  /** The file name, for messages and format detection. */
  fileName?: string;
}

/** An importer: bytes of a file in its format to the meeting it holds. Throws ImportError on bad input. */
export type Importer = (data: Uint8Array, ctx: ImportContext) => Promise<ImportResult> | ImportResult;

export interface ExportResult {
  data: Uint8Array | string;
  /** MIME type for HTTP answers. */
  contentType: string;
}

/**
 * What the server adds to an export beyond the meeting JSON (issue 24): the attendance for the reports,
 * without e-mail addresses (every link of the meeting may read an export).
 */
export interface ExportContext {
  attendance?: AttendanceReport;
}

export type Exporter = (meeting: MeetingJson, ctx?: ExportContext) => Promise<ExportResult> | ExportResult;

/** Bad input: a message a person can act on, with the line or row where that helps. */
export class ImportError extends Error {
  readonly line?: number;
  readonly row?: number;
  constructor(message: string, where: { line?: number; row?: number } = {}) {
    super(message);
    this.name = 'ImportError';
    this.line = where.line;
    this.row = where.row;
  }
  /** `line 12: what is wrong` or just the message. */
  describe(): string {
    if (this.line !== undefined) return `line ${this.line}: ${this.message}`;
    if (this.row !== undefined) return `row ${this.row}: ${this.message}`;
    return this.message;
  }
}
