/**
 * First stage of the `text` importer: bytes of a Word agenda saved as text, to a flat list of blocks.
 *
 * Word writes a table as one line per cell, each starting with a TAB; a cell's further lines have no TAB,
 * and a blank line ends the row. Numbered headings read `5.2<TAB>Title`. Everything else is a plain line.
 * Every step is one pass over the input (no backtracking regular expressions), so huge or odd files cost
 * linear time.
 */
import { ImportError } from './types.js';
import { decodeText } from './decodeText.js';

/** One table cell: its lines joined with '\n' (trailing spaces and Word bookmarks removed). */
export interface TextCell {
  text: string;
  /** 1-based line where the cell starts. */
  line: number;
}

export type TextBlock =
  | { kind: 'heading'; label: string; title: string; line: number }
  | { kind: 'row'; cells: TextCell[]; line: number }
  | { kind: 'text'; text: string; line: number };

/**
 * `5.2<TAB>Title`, `1.<TAB>Title`, ` 4<TAB>Title` (a stray leading space). The title must hold a letter.
 * Numbers are bounded (two digits at the top) so a date or a year never reads as a heading.
 */
const HEADING = /^ {0,3}(\d{1,2}(?:\.\d{1,3}){0,5})\.? *\t[\t ]*(\S.*)$/;
/** For text whose headings lost their TAB (`5.2 Enhancements`): the title must start with a capital. */
const SPACED_HEADING = /^ {0,3}(\d{1,2}(?:\.\d{1,3}){0,5})\.? {1,8}(\p{Lu}.*)$/u;
const BOOKMARK = /\[bookmark: [^\]\n]{0,200}\]/g;
const HAS_LETTER = /\p{L}/u;

/**
 * Decodes the file: UTF-8 (BOM or not), UTF-16 (Word's "Unicode text"), else Windows-1252.
 * Throws ImportError for binary data, naming the line of the first control character.
 */
export function decodeAgendaText(data: Uint8Array): string {
  if (data.length === 0) throw new ImportError('the file is empty');
  return checkText(decodeText(data));
}

/** Refuses binary data; maps Word's stray control characters (hyphens, vertical tab) to text. */
function checkText(text: string): string {
  let controls = 0;
  let firstAt = -1;
  let nulAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const bad = c < 32 ? c !== 9 && c !== 10 && c !== 13 && c !== 11 && c !== 12 && c !== 0x1e && c !== 0x1f : c === 0xfffd;
    if (!bad) continue;
    controls++;
    if (firstAt < 0) firstAt = i;
    if (c === 0) {
      nulAt = i;
      break;
    }
  }
  if (nulAt >= 0 || controls > text.length / 200) {
    throw new ImportError('binary data, not an agenda saved as text', { line: lineOf(text, nulAt >= 0 ? nulAt : firstAt) });
  }
  // Word: 0x1E non-breaking hyphen, 0x1F optional hyphen, 0x0B manual line break, 0x0C page break.
  return text.replace(/\x1e/g, '-').replace(/[\x00-\x08\x0e-\x1d\x1f]/g, '').replace(/[\x0b\x0c]/g, '\n');
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Removes Word's `[bookmark: _GoBack]` markers and trailing spaces of a line. */
export function cleanLine(line: string): string {
  return (line.includes('[bookmark:') ? line.replace(BOOKMARK, '') : line).trimEnd();
}

/**
 * Splits the text into headings, table rows and plain lines, in source order. `spacedHeadings` also takes
 * `5.2 Title` (a space instead of the TAB) as a heading: a fallback for text with no TAB headings at all.
 */
export function readTextBlocks(text: string, spacedHeadings = false): TextBlock[] {
  const headingRe = spacedHeadings ? SPACED_HEADING : HEADING;
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: TextBlock[] = [];
  let row: { cells: { lines: string[]; line: number }[]; line: number } | null = null;
  const closeRow = () => {
    if (row) {
      blocks.push({
        kind: 'row',
        line: row.line,
        cells: row.cells.map((c) => ({ text: joinCell(c.lines), line: c.line })),
      });
    }
    row = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const lineNo = i + 1;
    if (raw.charCodeAt(0) === 9) {
      if (!row) row = { cells: [], line: lineNo };
      row.cells.push({ lines: [raw.slice(1)], line: lineNo });
      continue;
    }
    if (raw.trim() === '') {
      closeRow();
      continue;
    }
    const heading = raw.length < 2000 ? headingRe.exec(raw) : null;
    if (heading && HAS_LETTER.test(heading[2])) {
      closeRow();
      blocks.push({ kind: 'heading', label: heading[1], title: cleanLine(heading[2]).trim(), line: lineNo });
      continue;
    }
    const current: { cells: { lines: string[]; line: number }[] } | null = row;
    if (current && current.cells.length) current.cells[current.cells.length - 1].lines.push(raw);
    else blocks.push({ kind: 'text', text: cleanLine(raw), line: lineNo });
  }
  closeRow();
  return blocks;
}

function joinCell(lines: string[]): string {
  const out = lines.map(cleanLine);
  while (out.length && out[out.length - 1].trim() === '') out.pop();
  return out.join('\n');
}
