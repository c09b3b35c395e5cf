/**
 * The feed of decisions as they are taken, from the contributions' status histories: newest first, only
 * final statuses (a decision, not "available" again).
 */
import type { Contribution, Status } from '../../shared/document/meetingSchema.js';

export interface Decision {
  contributionId: string;
  number: string;
  title: string;
  status: string;
  at: string;
  by: string;
}

/** The latest `limit` decisions across the meeting. */
export function decisionsOf(contributions: Iterable<Contribution>, statuses: readonly Status[], limit = 100): Decision[] {
  const final = new Set(statuses.filter((s) => s.final).map((s) => s.id));
  const out: Decision[] = [];
  for (const c of contributions) {
    for (const h of c.history) {
      if (!final.has(h.status)) continue;
      out.push({ contributionId: c.id, number: c.number, title: c.title, status: h.status, at: h.at, by: h.by });
    }
  }
  out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.number.localeCompare(b.number)));
  return out.slice(0, limit);
}
