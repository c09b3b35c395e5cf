/**
 * Word agendas and reports (.docx), read with mammoth (docx → HTML) and then by structure: headings,
 * paragraphs, lists and tables become blocks (agendaBlocks.ts). Covers the oneM2M/ETSI layout (cover table
 * of meta data, numbered headings, header-less contribution tables, the day/room/time schedule table), the
 * 3GPP layout (agenda table AI / Topic / Specs / Rapporteur, weekly time plan) and Plenary's own Word report.
 *
 * Word's automatic heading numbers are not in the text mammoth gives; when no agenda heading carries a
 * number, the numbers are rebuilt from the heading levels.
 */
import mammoth from 'mammoth';
import { parse, type HTMLElement } from 'node-html-parser';
import { blocksToMeeting, splitLabel, type Block } from './agendaBlocks.js';
import { decodeEntities, tableGrid } from './htmlTable.js';
import { MeetingBuilder } from './meetingBuilder.js';
import { cleanText } from './normalize.js';
import { ATTENDANCE_PLACEHOLDER } from './reportModel.js';
import { ImportError, type ImportContext, type ImportResult } from './types.js';
import { assertZip, libraryError } from './zipInput.js';

function textOf(el: HTMLElement): string {
  return cleanText(decodeEntities(el.innerHTML.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '')));
}

/** mammoth's HTML to blocks, in document order. */
export function htmlBlocks(html: string): Block[] {
  const root = parse(html, { comment: false });
  const blocks: Block[] = [];
  const isList = (n: HTMLElement) => /^(ul|ol)$/i.test(n.tagName ?? '');
  const walkList = (list: HTMLElement, depth: number) => {
    const ordered = list.tagName.toLowerCase() === 'ol';
    for (const li of list.childNodes as HTMLElement[]) {
      if (li.nodeType !== 1 || li.tagName?.toLowerCase() !== 'li') continue;
      const own = li.childNodes.filter((c) => !isList(c as HTMLElement));
      const text = cleanText(decodeEntities(own.map((c) => c.toString()).join('').replace(/<[^>]*>/g, ' ')));
      const links = li.querySelectorAll('a').map((a) => a.getAttribute('href') ?? '').filter(Boolean);
      if (text) blocks.push({ kind: 'bullet', text, links, depth, ordered });
      for (const sub of li.childNodes as HTMLElement[]) if (sub.nodeType === 1 && isList(sub)) walkList(sub, depth + 1);
    }
  };
  const walk = (nodes: HTMLElement[]) => {
    for (const el of nodes) {
      if (el.nodeType !== 1) continue;
      const tag = (el.tagName ?? '').toLowerCase();
      if (/^h[1-6]$/.test(tag)) blocks.push({ kind: 'heading', level: Number(tag[1]), text: textOf(el) });
      else if (tag === 'p') {
        const links = el.querySelectorAll('a').map((a) => a.getAttribute('href') ?? '').filter(Boolean);
        blocks.push({ kind: 'para', text: textOf(el), links });
      } else if (tag === 'ul' || tag === 'ol') {
        walkList(el, 0);
      } else if (tag === 'table') blocks.push({ kind: 'table', rows: tableGrid(el) });
      else walk(el.childNodes as HTMLElement[]);
    }
  };
  walk(root.childNodes as HTMLElement[]);
  return blocks;
}

export async function importDocxAgenda(data: Uint8Array, ctx: ImportContext = {}): Promise<ImportResult> {
  assertZip(data, 'Word (.docx)');
  let html: string;
  try {
    // mammoth's Node build reads a Buffer, its browser build an ArrayBuffer.
    const input =
      typeof Buffer !== 'undefined'
        ? { buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) }
        : { arrayBuffer: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer };
    const res = await mammoth.convertToHtml(input as { buffer: Buffer });
    html = res.value;
  } catch (e) {
    throw libraryError('Word (.docx)', e);
  }
  let blocks = htmlBlocks(html);
  if (blocks.length === 0) throw new ImportError('a Word file with no text');
  // An agenda written as a numbered list (no headings, no agenda table): its items are the agenda.
  if (!blocks.some((x) => x.kind === 'heading') && blocks.some((x) => x.kind === 'bullet' && x.ordered)) {
    blocks = blocks.map((x) => (x.kind === 'bullet' && x.ordered ? { kind: 'heading', level: (x.depth ?? 0) + 1, text: x.text } : x));
  }
  const isReport = blocks.some((x) => x.kind === 'para' && x.text === ATTENDANCE_PLACEHOLDER);
  const headings = blocks.filter((x): x is Extract<Block, { kind: 'heading' }> => x.kind === 'heading');
  const autoNumber = !isReport && headings.length > 1 && headings.every((h) => !splitLabel(h.text)[0]);
  const b = new MeetingBuilder(/oneM2M/i.test(html.slice(0, 20000)) ? 'onem2m' : '3gpp');
  if (/oneM2M/i.test(html.slice(0, 20000))) b.meta.body = 'oneM2M';
  else if (/\b3GPP\b|\bTSG\b|\bSA WG\d|\bRAN\b/.test(html.slice(0, 20000))) b.meta.body = '3GPP';
  blocksToMeeting(blocks, b, { autoNumber, keepProse: false });
  if (!isReport) b.zoneFromVenue();
  if (!isReport && b.itemCount === 0 && b.contributionCount === 0 && b.sessionCount === 0) {
    throw new ImportError(`no agenda in ${ctx.fileName ?? 'this Word file'} (no numbered headings, agenda table or document table)`);
  }
  return { meeting: b.build(), warnings: b.warnings };
}
