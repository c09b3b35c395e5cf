/**
 * A meeting's revision links as the exports write them (the Tdoc list's "Is revision of" and "Revised
 * to", the reports' "Revision of" and "Revised to"): the number of the Tdoc a link names in the meeting,
 * else the number the list gave for a Tdoc outside it (`revisionOfNumber`, `revisedToNumbers`), so that
 * importing an export gives the same links back (contributionLinks.ts).
 */
import type { Contribution, MeetingJson } from '../document/meetingSchema.js';

export interface RevisionCells {
  /** The "Is revision of" cell of a contribution ('' for none). */
  revisionOf(c: Contribution): string;
  /** The "Revised to" numbers of a contribution: its revisions in the meeting, then the others it names. */
  revisedTo(c: Contribution): string[];
}

export function revisionCells(m: Pick<MeetingJson, 'contributions'>): RevisionCells {
  const numberOf = new Map(m.contributions.map((c) => [c.id, c.number]));
  const revisers = new Map<string, string[]>();
  for (const c of m.contributions) {
    if (c.revisionOf && numberOf.has(c.revisionOf)) revisers.set(c.revisionOf, [...(revisers.get(c.revisionOf) ?? []), c.number]);
  }
  return {
    revisionOf: (c) => (c.revisionOf ? numberOf.get(c.revisionOf) : undefined) ?? c.revisionOfNumber ?? '',
    revisedTo: (c) => [...new Set([...(revisers.get(c.id) ?? []), ...(c.revisedToNumbers ?? [])])],
  };
}
