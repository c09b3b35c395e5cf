/**
 * 3GPP 'Tdocs by agenda' pages (.htm): Word-exported HTML in windows-1252 holding one table with the columns
 * AI, TD#, Type, Doc For, Subject, Source, Rel, Work Item, Comments, Result. A row with '-' for TD# opens an
 * agenda item (its Subject is the item's title, 'Docs:=N' its announced count); the others are documents,
 * with Result as their status (working markers such as OPEN or 'Block Approve?' kept as statuses). Columns
 * no field takes (Rel, Work Item, or any other) are kept per document in `columns`, '-' placeholders left out.
 *
 * Any HTML table whose header row names a document number column is read the same way, so exports of other
 * tools work too: the portal's Tdoc export and agenda with allocation (Agenda, Topic, TDoc, Title, Source, Type,
 * For, Avail, Treated, Decision, Wdrn, Replaced-by, Replaces; the Agenda/Topic cells filled on an item's first
 * row only), and pages whose agenda items are rows of their own without an AI column (one level, or two
 * told apart by colour: tdocPageItems.ts). Tables are read by a linear tag scan (htmlTableScan.ts), which
 * copes with the portal's `<TD>...</TH>` cells and with the Word pages' table after `</html>`, row by row
 * (tdocPageReader.ts). A page stating "Total documents: N" must hold N Tdoc rows, or it is refused. The
 * meeting the page names above its table gives venue and dates (tdocsPageHeading.ts).
 */
import { MeetingBuilder } from './meetingBuilder.js';
import { cleanText } from './normalize.js';
import { isGenericPageTitle, meetingNameFromTdocs, nameFromNumbers } from './meetingName.js';
import { ImportError, type ImportContext, type ImportResult } from './types.js';
import { decodeText, decodeWindows1252 } from './decodeText.js';
import { decodeEntities } from './htmlTable.js';
import { scanTables } from './htmlTableScan.js';
import { htmlBlocks } from './htmlBlocks.js';
import { wordAgenda } from './wordAgenda.js';
import { readPageHeading } from './tdocsPageHeading.js';
import { checkCounts, readTdocTables } from './tdocPageReader.js';

/** A page's text: UTF-8 when it is valid UTF-8 (or says so), else windows-1252 as Word writes it. */
export function decodeHtml(data: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(data.subarray(0, 4096));
  const declared = /charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared && /^(windows-1252|cp1252|iso-8859-1|latin1|us-ascii|ascii)$/.test(declared)) {
    // The portal writes some pages in UTF-8 under a windows-1252 label: bytes that are valid UTF-8 are read so
    // (windows-1252 text with accents is almost never valid UTF-8).
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      return decodeWindows1252(data);
    }
  }
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return new TextDecoder(declared).decode(data);
    } catch {
      /* unknown label: fall through */
    }
  }
  return decodeText(data);
}

export function importHtmlTdocsByAgenda(data: Uint8Array, ctx: ImportContext = {}): ImportResult {
  const text = decodeHtml(data);
  if (/\u0000/.test(text.slice(0, 4096))) throw new ImportError('not an HTML page (it holds binary data)');
  if (!/<\s*(table|tr|td|html|body)\b/i.test(text)) throw new ImportError('not an HTML page with a table');
  const heading = readPageHeading(text);
  const b = new MeetingBuilder(/onem2m/i.test(heading.body ?? '') ? 'onem2m' : '3gpp');
  b.meta.body = heading.body || '3GPP';
  b.meta.title = titleOf(text, ctx.fileName);
  // The meeting the page names above its table: venue, dates, time zone, chair, secretary.
  for (const k of ['venue', 'startDate', 'endDate', 'timezone', 'chair', 'secretary'] as const) if (heading[k]) b.meta[k] = heading[k];

  const page = readTdocTables(scanTables(text), b);
  if (page.tables === 0) {
    // Not a Tdoc list: perhaps an agenda saved from Word as a web page.
    try {
      return wordAgenda(htmlBlocks(fixCellClosers(text.replace(/<\/\s*(body|html)\s*>/gi, ''))), text, 'the page');
    } catch (e) {
      if (e instanceof ImportError) {
        throw new ImportError('neither a Tdoc list (no header row with a TD# or TDoc column) nor an agenda (no numbered headings or agenda table) in the page');
      }
      throw e;
    }
  }
  checkCounts(text, page);
  b.zoneFromVenue();
  const meeting = b.build();
  // The Word export's <title> names no meeting: the agenda Tdoc does (meetingName.ts).
  if (isGenericPageTitle(meeting.meta.title)) {
    meeting.meta.title = meetingNameFromTdocs(meeting.contributions) ?? (nameFromNumbers(meeting.contributions) || 'Tdocs by agenda item');
  }
  return { meeting, warnings: b.warnings };
}

/**
 * The portal's `<TD>...</TH>`: each cell closer made to match its opener, so a DOM parser (htmlBlocks) does not
 * nest the cells into each other. One pass over the cell tags.
 */
export function fixCellClosers(html: string): string {
  let open = 'td';
  return html.replace(/<(\/?)\s*(td|th)\b/gi, (all, slash: string, tag: string) => {
    if (!slash) {
      open = tag.toLowerCase();
      return all;
    }
    return `</${open}`;
  });
}

function titleOf(text: string, fileName = ''): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const m = /TdocsByAgenda[_ -]+(.+?)\.html?$/i.exec(base);
  if (m) return m[1];
  const title = cleanText(decodeEntities(/<title[^>]*>([^<]*)<\/title/i.exec(text.slice(0, 20000))?.[1] ?? ''));
  // The portal titles every export 'TDoc list': the file name says which meeting.
  if (/^tdoc list$/i.test(title) && base) return base.replace(/\.html?$/i, '');
  if (isGenericPageTitle(title)) return '';
  return title || base.replace(/\.html?$/i, '');
}
