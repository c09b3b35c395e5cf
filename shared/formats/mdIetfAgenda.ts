/**
 * Markdown agendas and reports: IETF working-group agendas (a level-2 heading per session with its date,
 * an italic line with time, session name and room, level-3 headings for topics, bullets 'N min - Title -
 * Presenter' with drafts linked) and Plenary's own Markdown report (numbered headings, pipe tables of
 * documents, schedule, actions, deliverables). The lines become blocks read by agendaBlocks.ts.
 */
import { blocksToMeeting } from './agendaBlocks.js';
import type { Block } from './blockTypes.js';
import type { GridCell } from './htmlTable.js';
import { MeetingBuilder } from './meetingBuilder.js';
import { decodeText } from './decodeText.js';
import { cleanText } from './normalize.js';
import { isReportLine } from './reportModel.js';
import { ImportError, type ImportContext, type ImportResult } from './types.js';

/** Backslash-escaped punctuation is parked on private-use code points while the inline patterns run. */
const PARK = 0xe000;
const park = (s: string) => s.replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, (_, c: string) => String.fromCharCode(PARK + c.charCodeAt(0)));
const unpark = (s: string) => s.replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - PARK));

/** Inline Markdown to plain text; link targets collected. Escaped characters stay literal. */
export function mdInline(s: string, links: string[] = []): string {
  // Text that already uses the parking code points is read without parking (escapes then apply last).
  const canPark = !/[\ue000-\ue07f]/.test(s);
  const done = canPark ? unpark : (t: string) => t.replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
  return done(
    (canPark ? park(s) : s)
      .replace(/!?\[([^[\]]*)\]\(([^()\s]*)(?:\s+"[^"]*")?\)/g, (_, text: string, url: string) => {
        links.push(done(url));
        return text;
      })
      .replace(/<(https?:\/\/[^>]+)>/g, (_, url: string) => {
        links.push(done(url));
        return url;
      })
      .replace(/(\*\*|__)([^*_]+)\1/g, '$2')
      .replace(/(^|[\s(])([*_])([^*_\s](?:[^*_]*[^*_\s])?)\2(?=$|[\s).,:;])/g, '$1$3')
      .replace(/`([^`]*)`/g, '$1'),
  );
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (s[i] === '|') {
      cells.push(cur);
      cur = '';
    } else cur += s[i];
  }
  cells.push(cur);
  return cells;
}

function mdCell(raw: string): GridCell {
  const lines = raw
    .split(/<br\s*\/?>/i)
    .map((l) => cleanText(mdInline(l)))
    .filter(Boolean);
  return { text: lines.join(' '), lines, spread: false };
}

const SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Markdown text to blocks, each with its 1-based line. */
export function markdownBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: { text: string[]; links: string[]; line: number } | null = null;
  const flush = () => {
    if (para) blocks.push({ kind: 'para', text: para.text.join('\n'), links: para.links, where: { line: para.line } });
    para = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const n = i + 1;
    if (/^\s*(```|~~~)/.test(line)) {
      flush();
      const fence = line.trim().slice(0, 3);
      const body: string[] = [];
      while (++i < lines.length && !lines[i].trim().startsWith(fence)) body.push(lines[i]);
      blocks.push({ kind: 'para', text: body.join('\n'), where: { line: n } });
      continue;
    }
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      flush();
      blocks.push({ kind: 'heading', level: h[1].length, text: cleanText(mdInline(h[2])), where: { line: n } });
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && SEPARATOR.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      flush();
      const rows: GridCell[][] = [splitRow(line).map(mdCell)];
      i++;
      while (i + 1 < lines.length && lines[i + 1].includes('|') && lines[i + 1].trim()) rows.push(splitRow(lines[++i]).map(mdCell));
      blocks.push({ kind: 'table', rows, where: { line: n } });
      continue;
    }
    const bullet = /^\s*(?:[*+-]|\d+[.)])\s+(.*)$/.exec(line);
    if (bullet && !/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      const links: string[] = [];
      blocks.push({ kind: 'bullet', text: cleanText(mdInline(bullet[1], links)), links, where: { line: n } });
      continue;
    }
    if (!line.trim() || /^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      continue;
    }
    const links: string[] = [];
    const t = cleanText(mdInline(line, links));
    if (para) {
      para.text.push(t);
      para.links.push(...links);
    } else para = { text: [t], links, line: n };
  }
  flush();
  return blocks;
}

export function importMarkdownAgenda(data: Uint8Array, ctx: ImportContext = {}): ImportResult {
  const text = decodeText(data);
  if (/\u0000/.test(text)) throw new ImportError('not a Markdown file (it holds binary data)');
  const blocks = markdownBlocks(text);
  if (!blocks.some((x) => x.kind === 'heading' || x.kind === 'table' || x.kind === 'bullet')) {
    throw new ImportError('no agenda in this Markdown file (no headings, lists or tables)');
  }
  const b = new MeetingBuilder('3gpp');
  blocksToMeeting(blocks, b);
  if (/\bIETF\b/.test(b.meta.title) && !b.meta.body) b.meta.body = 'IETF';
  if (!b.meta.startDate) {
    const dates = b.sessionDates();
    if (dates.length) {
      b.meta.startDate = dates[0];
      b.meta.endDate = dates[dates.length - 1];
    }
  }
  const isReport = blocks.some((x) => x.kind === 'para' && isReportLine(x.text));
  if (!isReport && b.itemCount === 0 && b.contributionCount === 0 && b.sessionCount === 0) {
    throw new ImportError(`no agenda items, documents or sessions found in ${ctx.fileName ?? 'the file'}`);
  }
  return { meeting: b.build(), warnings: b.warnings };
}
