/**
 * Word agendas and reports (.docx), read with mammoth (docx → HTML) and then by structure: headings,
 * paragraphs, lists and tables become blocks (agendaBlocks.ts). Covers the oneM2M/ETSI layout (cover table
 * of meta data, numbered headings, header-less contribution tables, the day/room/time schedule table), the
 * 3GPP layout (agenda table AI / Topic / Specs / Rapporteur, weekly time plan) and Plenary's own Word report.
 *
 * Word's automatic heading numbers are not in the text mammoth gives; when no agenda heading carries a
 * number, the numbers are rebuilt from the heading levels.
 */
import { loadMammoth } from './lazyLibraries.js';
import { htmlBlocks } from './htmlBlocks.js';
import type { ImportContext, ImportResult } from './types.js';
import { wordAgenda } from './wordAgenda.js';
import { assertZip, libraryError } from './zipInput.js';

export async function importDocxAgenda(data: Uint8Array, ctx: ImportContext = {}): Promise<ImportResult> {
  await assertZip(data, 'Word (.docx)');
  let html: string;
  try {
    // mammoth's Node build reads a Buffer, its browser build an ArrayBuffer.
    const input =
      typeof Buffer !== 'undefined'
        ? { buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) }
        : { arrayBuffer: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer };
    const mammoth = await loadMammoth();
    const res = await mammoth.convertToHtml(input as { buffer: Buffer });
    html = res.value;
  } catch (e) {
    throw libraryError('Word (.docx)', e);
  }
  return wordAgenda(htmlBlocks(html), html, ctx.fileName ?? 'this Word file');
}
