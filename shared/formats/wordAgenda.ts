/**
 * A Word-made agenda or report (from a .docx through mammoth, or a page Word saved as .htm) from its blocks:
 * numbered-list agendas become headings, Word's automatic heading numbers are rebuilt when no heading carries
 * one, the body (oneM2M, 3GPP) picks the status vocabulary, and the venue gives the time zone.
 */
import { blocksToMeeting, splitLabel } from './agendaBlocks.js';
import type { Block } from './blockTypes.js';
import { MeetingBuilder } from './meetingBuilder.js';
import { isReportLine } from './reportModel.js';
import { ImportError, type ImportResult } from './types.js';

/** `sample` is text of the document (its start names the body); `what` names it in the error. */
export function wordAgenda(input: Block[], sample: string, what: string): ImportResult {
  let blocks = input;
  if (blocks.length === 0) throw new ImportError(`no text in ${what}`);
  // An agenda written as a numbered list (no headings, no agenda table): its items are the agenda.
  if (!blocks.some((x) => x.kind === 'heading') && blocks.some((x) => x.kind === 'bullet' && x.ordered)) {
    blocks = blocks.map((x) => (x.kind === 'bullet' && x.ordered ? { kind: 'heading', level: (x.depth ?? 0) + 1, text: x.text } : x));
  }
  const isReport = blocks.some((x) => x.kind === 'para' && isReportLine(x.text));
  const headings = blocks.filter((x): x is Extract<Block, { kind: 'heading' }> => x.kind === 'heading');
  const autoNumber = !isReport && headings.length > 1 && headings.every((h) => !splitLabel(h.text)[0]);
  const head = sample.slice(0, 20000);
  const b = new MeetingBuilder(/oneM2M/i.test(head) ? 'onem2m' : '3gpp');
  if (/oneM2M/i.test(head)) b.meta.body = 'oneM2M';
  else if (/\b3GPP\b|\bTSG\b|\bSA WG\d|\bRAN\b/.test(head)) b.meta.body = '3GPP';
  blocksToMeeting(blocks, b, { autoNumber, keepProse: false });
  if (!isReport) b.zoneFromVenue();
  if (!isReport && b.itemCount === 0 && b.contributionCount === 0 && b.sessionCount === 0) {
    throw new ImportError(`no agenda in ${what} (no numbered headings, agenda table or document table)`);
  }
  return { meeting: b.build(), warnings: b.warnings };
}
