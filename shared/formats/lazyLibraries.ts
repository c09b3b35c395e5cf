/**
 * The heavy format libraries, loaded on first use rather than when shared/formats is imported.
 *
 * exceljs alone takes ~0.6 s of CPU to load (docx and mammoth ~0.2 s each), and everything that imports
 * the format registry paid it: every `plenary` command (even `--help` or a text import), every server
 * start, every format worker. Loaded here once, when a format that needs it runs; the promise is kept so
 * later calls cost nothing.
 */
import type ExcelJSType from 'exceljs';
import type * as DocxType from 'docx';
import type MammothType from 'mammoth';

let excel: Promise<typeof ExcelJSType> | undefined;
let docx: Promise<typeof DocxType> | undefined;
let mammoth: Promise<typeof MammothType> | undefined;

/** exceljs (its default export: Workbook, ...). */
export function loadExcel(): Promise<typeof ExcelJSType> {
  excel ??= import('exceljs').then((m) => (m as unknown as { default: typeof ExcelJSType }).default ?? (m as unknown as typeof ExcelJSType));
  return excel;
}

/** docx (Document, Packer, Paragraph, ...). */
export function loadDocx(): Promise<typeof DocxType> {
  docx ??= import('docx');
  return docx;
}

/** mammoth (its default export: convertToHtml, ...). */
export function loadMammoth(): Promise<typeof MammothType> {
  mammoth ??= import('mammoth').then((m) => (m as unknown as { default: typeof MammothType }).default ?? (m as unknown as typeof MammothType));
  return mammoth;
}
