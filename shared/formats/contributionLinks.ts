/**
 * The contributions a builder collected, made final: links written as document numbers resolved to ids
 * ('Is revision of', 'Revised to', 'Merged to'); revision links to documents outside the file kept as
 * numbers (`revisionOfNumber`, `revisedToNumbers`: an earlier meeting's Tdoc, issue 25), a merge into one
 * outside the file as a line in the notes; duplicates warned about (both kept), and ranks given per agenda
 * item in sort-order or input order.
 */
import type { AgendaItem, Contribution } from '../document/meetingSchema.js';
import { ranksBetween } from '../document/ranks.js';
import type { ContributionInput, Where } from './builderInputs.js';
import { cleanText } from './normalize.js';

/** A contribution as collected: what the file said, the entry so far, and its input position. */
export interface PendingContribution {
  input: ContributionInput;
  c: Contribution;
  seq: number;
}

export function resolveContributions(
  records: PendingContribution[],
  agenda: AgendaItem[],
  warn: (message: string, where?: Where) => void,
): Contribution[] {
  const order = new Map(agenda.map((a, i) => [a.id, i]));
  const byNumber = new Map<string, PendingContribution>();
  for (const rec of records) {
    if (!rec.c.number) continue;
    const key = rec.c.number.toUpperCase();
    if (byNumber.has(key)) warn(`document ${rec.c.number} appears more than once; both rows kept`, rec.input.where);
    else byNumber.set(key, rec);
  }
  const find = (num: string | undefined) => (num ? byNumber.get(cleanText(num).toUpperCase()) : undefined);
  const addNote = (rec: PendingContribution, text: string, num: string) => {
    if (!rec.c.notes.includes(num)) rec.c.notes = rec.c.notes ? `${rec.c.notes}\n${text}` : text;
  };
  for (const rec of records) {
    const { input, c } = rec;
    if (input.revisionOf) {
      const t = find(input.revisionOf);
      if (t && t !== rec) c.revisionOf = t.c.id;
      else if (!t && cleanText(input.revisionOf)) c.revisionOfNumber = cleanText(input.revisionOf);
    }
    if (input.mergedInto) {
      const t = find(input.mergedInto);
      if (t && t !== rec) c.mergedInto = t.c.id;
      else if (!t) addNote(rec, `Merged into ${cleanText(input.mergedInto)}`, cleanText(input.mergedInto));
    }
  }
  for (const rec of records) resolveRevisedTo(rec, find);
  const groups = new Map<string, PendingContribution[]>();
  for (const rec of records) {
    const list = groups.get(rec.c.agendaItemId) ?? [];
    list.push(rec);
    groups.set(rec.c.agendaItemId, list);
  }
  const out: Contribution[] = [];
  const keys = [...groups.keys()].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
  for (const k of keys) {
    const list = groups.get(k)!.sort((a, b) => (a.input.sortKey ?? Infinity) - (b.input.sortKey ?? Infinity) || a.seq - b.seq);
    const ranks = ranksBetween(null, null, list.length);
    list.forEach((r, i) => out.push({ ...r.c, rank: ranks[i] }));
  }
  return out;
}

/**
 * A row's 'Revised to': a Tdoc of the file with no predecessor of its own becomes the revision of this row;
 * the others (outside the file, or the revision of another row by their own 'Is revision of') stay as
 * numbers on this row, so exporting and importing again gives the same cell.
 */
function resolveRevisedTo(rec: PendingContribution, find: (num: string | undefined) => PendingContribution | undefined): void {
  const kept: string[] = [];
  for (const raw of rec.input.revisedTo ?? []) {
    const num = cleanText(raw);
    if (!num) continue;
    const t = find(num);
    if (t === rec) continue;
    if (t && t.c.revisionOf === null && !t.c.revisionOfNumber) t.c.revisionOf = rec.c.id;
    else if (t?.c.revisionOf !== rec.c.id && !kept.includes(num)) kept.push(num);
  }
  if (kept.length) rec.c.revisedToNumbers = kept;
}
