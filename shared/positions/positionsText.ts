/**
 * Positions and rounds as text, for the report and the Tdoc list (issue 26): read from meeting JSON,
 * carried positions marked where they were stated, rounds with their derived state.
 */
import type { MeetingJson } from '../document/meetingSchema.js';
import { indexPositions, positionsFor, type ShownPosition } from './positionLedger.js';
import { roundWorld, viewRound, type RoundView } from './approvalRounds.js';
import { STANCE_VERBS } from './quickEntry.js';

export const ROUND_STATE_TEXT: Record<string, string> = {
  open: 'open',
  objection: 'objection',
  revised: 'revised',
  approved: 'approved',
  'not-approved': 'not approved',
  'to-call': 'to a conference call',
  withdrawn: 'withdrawn',
};

/** The positions shown on each contribution (own and carried), by contribution id; only those with some. */
export function positionsByTdoc(m: MeetingJson): Map<string, ShownPosition[]> {
  const out = new Map<string, ShownPosition[]>();
  if (!m.positions?.length) return out;
  const index = indexPositions(m.positions);
  const revisionOf = new Map(m.contributions.map((c) => [c.id, c.revisionOf]));
  for (const c of m.contributions) {
    const shown = positionsFor(c.id, index, (id) => revisionOf.get(id));
    if (shown.length) out.set(c.id, shown);
  }
  return out;
}

/** Every round of the meeting as shown. */
export function roundViews(m: MeetingJson): RoundView[] {
  if (!m.approvals?.length) return [];
  const world = roundWorld(m.contributions, m.positions ?? []);
  return m.approvals.map((r) => viewRound(r, world));
}

/** 'Ericsson objects (needs study); Nokia supports (stated on S2-1)' for one Tdoc's cell. */
export function positionsCell(list: readonly ShownPosition[], numberOf: (id: string) => string): string {
  return list
    .map((p) => {
      const notes = [p.comment, p.statedOn ? `stated on ${numberOf(p.statedOn)}` : ''].filter(Boolean).join('; ');
      return `${p.organisation} ${STANCE_VERBS[p.stance]}${notes ? ` (${notes})` : ''}`;
    })
    .join('; ');
}

/** 'objection (Apple), deadline 2026-03-06 12:00 UTC' for one round, as a Tdoc's cell says it. */
export function roundCell(r: RoundView): string {
  const state = ROUND_STATE_TEXT[r.state] ?? r.state;
  const by = r.decision ? (r.decision.auto ? ' by the server at the deadline' : r.decision.by ? ` by ${r.decision.by}` : '') : '';
  const extra = [r.ready ? 'ready to approve' : '', r.objections.length ? `objections: ${r.objections.join(', ')}` : ''].filter(Boolean).join('; ');
  return `${state}${by}${extra ? ` (${extra})` : ''}, deadline ${r.deadline.slice(0, 16).replace('T', ' ')} UTC`;
}

/** The latest round each contribution is on (by the Tdocs it is on now, and those it was opened on). */
export function roundByTdoc(views: readonly RoundView[]): Map<string, RoundView> {
  const out = new Map<string, RoundView>();
  for (const r of views) for (const id of new Set([...r.tdocs, ...r.current])) out.set(id, r);
  return out;
}
