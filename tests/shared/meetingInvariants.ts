/**
 * The invariants every meeting JSON read from a document must satisfy, whatever edits made it:
 * references resolve, the agenda is one tree in pre-order, siblings are totally ordered by (rank, id),
 * ids are unique, and the strict parser accepts it. Returns the broken ones as sentences (empty = fine).
 */
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { parseMeeting, formatIssues } from '../../shared/document/validateMeeting.js';
import { isValidRank } from '../../shared/document/ranks.js';

/** Lists every broken invariant of `m`. */
export function meetingInvariantViolations(m: MeetingJson): string[] {
  const out: string[] = [];
  const ids = (list: { id: string }[], kind: string) => {
    const set = new Set<string>();
    for (const e of list) {
      if (!e.id) out.push(`${kind}: empty id`);
      if (set.has(e.id)) out.push(`${kind}: duplicate id ${e.id}`);
      set.add(e.id);
    }
    return set;
  };
  const agendaIds = ids(m.agenda, 'agenda');
  const contributionIds = ids(m.contributions, 'contributions');
  const sessionIds = ids(m.sessions, 'sessions');
  ids(m.actions, 'actions');
  ids(m.deliverables, 'deliverables');
  ids(m.objectives, 'objectives');

  // The agenda: parents resolve, come before their children, no cycle, siblings strictly by (rank, id).
  const position = new Map(m.agenda.map((a, i) => [a.id, i]));
  const lastChild = new Map<string | null, { rank: string; id: string }>();
  m.agenda.forEach((a, i) => {
    if (!isValidRank(a.rank)) out.push(`agenda ${a.id}: invalid rank ${JSON.stringify(a.rank)}`);
    if (a.parentId !== null) {
      if (!agendaIds.has(a.parentId)) out.push(`agenda ${a.id}: parent ${a.parentId} does not exist`);
      else if ((position.get(a.parentId) ?? Infinity) >= i) out.push(`agenda ${a.id}: listed before its parent`);
    }
    const seen = new Set<string>();
    for (let cur: string | null = a.id; cur !== null; cur = m.agenda[position.get(cur) ?? -1]?.parentId ?? null) {
      if (seen.has(cur)) {
        out.push(`agenda ${a.id}: cycle through ${cur}`);
        break;
      }
      seen.add(cur);
    }
    const prev = lastChild.get(a.parentId);
    if (prev && !(prev.rank < a.rank || (prev.rank === a.rank && prev.id < a.id))) {
      out.push(`agenda ${a.id}: not after its previous sibling ${prev.id} by (rank, id)`);
    }
    lastChild.set(a.parentId, a);
  });
  // Pre-order: a subtree is contiguous, so once an item's subtree is left it never comes back.
  const depth = (id: string | null): number => {
    let d = 0;
    for (let cur = id; cur !== null && d <= m.agenda.length; cur = m.agenda[position.get(cur)!]?.parentId ?? null) d++;
    return d;
  };
  m.agenda.forEach((a, i) => {
    if (i > 0 && a.parentId !== null) {
      const before = m.agenda[i - 1];
      if (before.id !== a.parentId && depth(before.id) < depth(a.id)) out.push(`agenda ${a.id}: not in pre-order`);
    }
  });

  const agendaIndex = (id: string) => (id === '' ? Infinity : position.get(id) ?? -1);
  m.contributions.forEach((c, i) => {
    if (c.agendaItemId !== '' && !agendaIds.has(c.agendaItemId)) out.push(`contribution ${c.id}: agenda item ${c.agendaItemId} missing`);
    if (c.revisionOf !== null && !contributionIds.has(c.revisionOf)) out.push(`contribution ${c.id}: revisionOf ${c.revisionOf} missing`);
    if (c.mergedInto != null && !contributionIds.has(c.mergedInto)) out.push(`contribution ${c.id}: mergedInto ${c.mergedInto} missing`);
    if (!isValidRank(c.rank)) out.push(`contribution ${c.id}: invalid rank ${JSON.stringify(c.rank)}`);
    const prev = m.contributions[i - 1];
    if (prev) {
      const a = agendaIndex(prev.agendaItemId);
      const b = agendaIndex(c.agendaItemId);
      if (a > b || (a === b && !(prev.rank < c.rank || (prev.rank === c.rank && prev.id < c.id)))) {
        out.push(`contribution ${c.id}: not in agenda order then (rank, id) after ${prev.id}`);
      }
    }
  });
  for (const s of m.sessions) {
    for (const a of s.agendaItemIds) if (!agendaIds.has(a)) out.push(`session ${s.id}: agenda item ${a} missing`);
  }
  for (const list of [m.deliverables, m.objectives]) {
    for (let i = 1; i < list.length; i++) {
      const [p, c] = [list[i - 1], list[i]];
      if (!(p.rank < c.rank || (p.rank === c.rank && p.id < c.id))) out.push(`${c.id}: not after ${p.id} by (rank, id)`);
    }
  }
  if (m.live.agendaItemId !== null && !agendaIds.has(m.live.agendaItemId)) out.push('live.agendaItemId dangles');
  if (m.live.contributionId !== null && !contributionIds.has(m.live.contributionId)) out.push('live.contributionId dangles');
  if (m.live.sessionId !== null && !sessionIds.has(m.live.sessionId)) out.push('live.sessionId dangles');

  const parsed = parseMeeting(JSON.parse(JSON.stringify(m)));
  if (!parsed.ok) out.push(`parseMeeting refuses it: ${formatIssues(parsed.errors)}`);
  return out;
}
