/**
 * Format registry: which module reads and writes which format, and detection of a file's format.
 * Each format is one module; add it to IMPORTERS / EXPORTERS below.
 */
import type { MeetingJson } from '../document/meetingSchema.js';
import { importJson, exportJson } from './jsonMeeting.js';
import { importXlsxTdocList } from './xlsxTdocList.js';
import { importCsvTdocList } from './csvTdocList.js';
import { importHtmlTdocsByAgenda } from './htmlTdocsByAgenda.js';
import { exportTdocListXlsx } from './tdocListXlsx.js';
import { exportTdocListCsv } from './tdocListCsv.js';
import { importMarkdownAgenda } from './mdIetfAgenda.js';
import { exportReportMarkdown } from './reportMarkdown.js';
import { importDocxAgenda } from './docxAgenda.js';
import { exportReportDocx } from './reportDocx.js';
import { exportScheduleIcs } from './scheduleIcs.js';
import { exportTdocsByAgendaHtm } from './tdocsByAgendaHtm.js';
import { importTextAgenda } from './textAgenda.js';
import { mapTdocHeader } from './tdocColumns.js';
import { OLE_MESSAGE, isOleFile } from './zipInput.js';
import {
  ImportError,
  IMPORT_FORMATS,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportContext,
  type ExportResult,
  type Exporter,
  type ImportContext,
  type ImportFormat,
  type ImportResult,
  type Importer,
} from './types.js';

export * from './types.js';

const IMPORTERS: Partial<Record<ImportFormat, Importer>> = {
  json: importJson,
  text: importTextAgenda,
  xlsx: importXlsxTdocList,
  csv: importCsvTdocList,
  html: importHtmlTdocsByAgenda,
  md: importMarkdownAgenda,
  docx: importDocxAgenda,
};

const EXPORTERS: Partial<Record<ExportFormat, Exporter>> = {
  json: exportJson,
  xlsx: exportTdocListXlsx,
  csv: exportTdocListCsv,
  md: exportReportMarkdown,
  docx: exportReportDocx,
  ics: (m) => exportScheduleIcs(m),
  htm: exportTdocsByAgendaHtm,
};

export function isImportFormat(f: string): f is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(f);
}
export function isExportFormat(f: string): f is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(f);
}

const BY_EXTENSION: Record<string, ImportFormat> = {
  txt: 'text',
  text: 'text',
  docx: 'docx',
  xlsx: 'xlsx',
  htm: 'html',
  html: 'html',
  md: 'md',
  markdown: 'md',
  csv: 'csv',
  json: 'json',
};

const BY_CONTENT_TYPE: Record<string, ImportFormat> = {
  'text/plain': 'text',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/markdown': 'md',
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/x-markdown': 'md',
  'application/xhtml+xml': 'html',
  'application/json': 'json',
};

/** The format a Content-Type names (parameters ignored), if any. */
export function formatFromContentType(contentType: string | undefined): ImportFormat | undefined {
  if (!contentType) return undefined;
  return BY_CONTENT_TYPE[contentType.split(';')[0].trim().toLowerCase()];
}

/** Detects a file's format from its content first (zip containers, JSON, HTML), then its extension. */
export function detectFormat(data: Uint8Array, fileName = ''): ImportFormat {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const head = new TextDecoder('latin1').decode(data.subarray(0, 512)).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (data[0] === 0x50 && data[1] === 0x4b) {
    // A zip container: .docx or .xlsx, told apart by the parts it names (or the extension).
    const names = new TextDecoder('latin1').decode(data.subarray(0, Math.min(data.length, 65536)));
    if (names.includes('word/')) return 'docx';
    if (names.includes('xl/')) return 'xlsx';
    if (ext === 'docx' || ext === 'xlsx') return ext;
    throw new ImportError('a zip file that is neither a Word (.docx) nor an Excel (.xlsx) file');
  }
  if (isOleFile(data)) throw new ImportError(OLE_MESSAGE);
  if (head.startsWith('{')) return 'json';
  if (/^<(!doctype html|html|\?xml[^>]*>\s*<html)/i.test(head)) return 'html';
  const byExt = BY_EXTENSION[ext];
  if (byExt) return byExt;
  // No telling extension (an upload without a name): a Tdoc header line is CSV, a '# ' heading Markdown.
  const firstLine = head.split(/\r?\n/)[0];
  if ([',', ';', '\t'].some((d) => mapTdocHeader(firstLine.split(d)))) return 'csv';
  if (/^#{1,3} \S/.test(head)) return 'md';
  return 'text';
}

/** Reads a file in the given format (or detected when 'auto'). Throws ImportError on bad input. */
export async function importMeeting(
  data: Uint8Array,
  opts: ImportContext & { format?: ImportFormat | 'auto' } = {},
): Promise<ImportResult> {
  const format = !opts.format || opts.format === 'auto' ? detectFormat(data, opts.fileName) : opts.format;
  const importer = IMPORTERS[format];
  if (!importer) throw new ImportError(`reading ${format} files is not supported yet`);
  return importer(data, opts);
}

/** Writes a meeting in a format. */
export async function exportMeeting(meeting: MeetingJson, format: ExportFormat, ctx?: ExportContext): Promise<ExportResult> {
  const exporter = EXPORTERS[format];
  if (!exporter) throw new ImportError(`writing ${format} files is not supported yet`);
  return exporter(meeting, ctx);
}

/** The formats that can be read and written now. */
export function supportedFormats(): { import: ImportFormat[]; export: ExportFormat[] } {
  return {
    import: IMPORT_FORMATS.filter((f) => IMPORTERS[f]),
    export: EXPORT_FORMATS.filter((f) => EXPORTERS[f]),
  };
}
