/**
 * E-mail approval rounds (issue 26): the chair puts one Tdoc or a set on approval by e-mail with a
 * deadline (ISO, UTC). What is stored is only what someone decided: the round as opened, what the server
 * found at the deadline (`closed`, written once) and the chair's decision (`decision`). The state shown is
 * derived from those and the rest of the document when reading (viewRound), so every replica agrees:
 *
 *   decision set                                   → its state (approved, not-approved, to-call, withdrawn)
 *   every Tdoc of the round withdrawn              → withdrawn
 *   an organisation objects (a position `object`
 *   stated on a Tdoc of the round while it is open)→ objection
 *   a Tdoc of the round was revised                → revised (the round continues on the revision)
 *   otherwise                                      → open
 *
 * `ready` (a compatible extension: CONTRACT.md's list of states is closed) is true once the server found no
 * objection at the deadline and nobody decided yet: the chair approves with one action. After the deadline
 * the round is frozen at what the server found: later positions and revisions no longer change it.
 */
import * as Y from 'yjs';
import { DECISIONS_JSON, ROOT, ROUND_FIELDS, type ApprovalClosedJson, type ApprovalDecisionJson, type ApprovalJson, type Contribution } from '../document/meetingSchema.js';
import { readAllFields } from '../document/entityStore.js';
import { MeetingOpError, getEntity } from '../document/entityOps.js';
import { newId } from '../document/ids.js';
import { readStatuses } from '../document/meetingParts.js';
import { setContributionStatus } from '../document/contributionOps.js';
import { cleanOrganisation, organisationKey, readPositions, type Position } from './positionLedger.js';

export const ROUND_STATES = ['open', 'objection', 'revised', 'approved', 'not-approved', 'to-call', 'withdrawn'] as const;
export type RoundState = (typeof ROUND_STATES)[number];
export const DECISIONS = DECISIONS_JSON;
export type Decision = (typeof DECISIONS)[number];

/** Bounds: rounds a meeting holds, Tdocs in one round, a name. */
export const ROUND_LIMITS = { maxRounds: 2_000, maxTdocs: 200, maxBy: 120 } as const;

/** A round as stored (the meeting JSON's shape). */
export type Round = ApprovalJson;

/** A round as shown: its derived state, readiness, objections and the Tdocs it is on now. */
export interface RoundView extends Round {
  state: RoundState;
  ready: boolean;
  /** Organisations objecting (by the deadline, once closed), as written, sorted. */
  objections: string[];
  /** The round's Tdocs now: each opened Tdoc followed to its latest revision (frozen at the deadline). */
  current: string[];
}

/** The facts about Tdocs and positions that a round's state depends on. */
export interface RoundWorld {
  tdoc(id: string): Pick<Contribution, 'id' | 'number' | 'status' | 'revisionOf'> & { for?: string } | undefined;
  /** The ids of Tdocs that revise `id`. */
  revisionsOf(id: string): readonly string[];
  /** The positions stated on `id` itself (not carried). */
  positionsOn(id: string): readonly Position[];
}

type Facts = Pick<Contribution, 'id' | 'number' | 'status' | 'revisionOf'> & { for?: string };

/** A RoundWorld over lists (meeting JSON, the page's cache). */
export function roundWorld(contributions: readonly Facts[], positions: readonly Position[]): RoundWorld {
  const byId = new Map(contributions.map((c) => [c.id, c]));
  const revisions = new Map<string, string[]>();
  for (const c of contributions) if (c.revisionOf && byId.has(c.revisionOf)) revisions.set(c.revisionOf, [...(revisions.get(c.revisionOf) ?? []), c.id]);
  const on = new Map<string, Position[]>();
  for (const p of positions) on.set(p.contributionId, [...(on.get(p.contributionId) ?? []), p]);
  return { tdoc: (id) => byId.get(id), revisionsOf: (id) => revisions.get(id) ?? [], positionsOn: (id) => on.get(id) ?? [] };
}

/** A RoundWorld read from a document (the server's deadline evaluation, the routes). */
export function roundWorldOf(doc: Y.Doc): RoundWorld {
  const list = readAllFields(doc, 'contributions', ['number', 'status', 'revisionOf', 'for']) as unknown as Facts[];
  return roundWorld(list, readPositions(doc));
}

const R = ROUND_FIELDS;
const roundMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.approvals);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Y.AbstractType);
const strings = (v: unknown, max: number): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && ID.test(x)).slice(0, max) : []);

/** Calls `changed` whenever a round is opened, closed, decided or extended; returns the stop function. */
export function observeRounds(doc: Y.Doc, changed: () => void): () => void {
  const map = roundMap(doc);
  const f = () => changed();
  map.observeDeep(f);
  return () => map.unobserveDeep(f);
}

/** True when the document has any round (cheap: no read). */
export function hasRounds(doc: Y.Doc): boolean {
  return roundMap(doc).size > 0;
}

function readClosed(v: unknown): ApprovalClosedJson | undefined {
  if (!isObj(v) || typeof v.at !== 'string' || !ISO.test(v.at)) return undefined;
  const objections = Array.isArray(v.objections) ? v.objections.map(cleanOrganisation).filter(Boolean).slice(0, 500) : [];
  return { at: v.at, ready: v.ready === true, objections, tdocs: strings(v.tdocs, ROUND_LIMITS.maxTdocs) };
}

function readDecision(v: unknown): ApprovalDecisionJson | undefined {
  if (!isObj(v) || !(DECISIONS as readonly unknown[]).includes(v.state) || typeof v.at !== 'string' || !ISO.test(v.at)) return undefined;
  return { state: v.state as Decision, at: v.at, by: typeof v.by === 'string' ? v.by.slice(0, ROUND_LIMITS.maxBy) : '', auto: v.auto === true };
}

function readRound(id: string, m: unknown): Round | null {
  if (!(m instanceof Y.Map) || !ID.test(id)) return null;
  const tdocs = [...new Set(strings(m.get(R.tdocs), ROUND_LIMITS.maxTdocs))];
  const deadline = m.get(R.deadline);
  const openedAt = m.get(R.openedAt);
  if (!tdocs.length || typeof deadline !== 'string' || !ISO.test(deadline) || typeof openedAt !== 'string' || !ISO.test(openedAt)) return null;
  const closed = readClosed(m.get(R.closed));
  const decision = readDecision(m.get(R.decision));
  const by = m.get(R.openedBy);
  return {
    id,
    tdocs,
    deadline: new Date(Date.parse(deadline)).toISOString(),
    openedAt,
    openedBy: typeof by === 'string' ? by.slice(0, ROUND_LIMITS.maxBy) : '',
    autoApprove: m.get(R.autoApprove) === true,
    ...(closed ? { closed } : {}),
    ...(decision ? { decision } : {}),
  };
}

/** Every round, by deadline then id; at most maxRounds (the first by id when there are more). */
export function readRounds(doc: Y.Doc): Round[] {
  const map = roundMap(doc);
  let keys = [...map.keys()];
  if (keys.length > ROUND_LIMITS.maxRounds) keys = keys.sort().slice(0, ROUND_LIMITS.maxRounds);
  const out: Round[] = [];
  for (const k of keys) {
    const r = readRound(k, map.get(k));
    if (r) out.push(r);
  }
  return out.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One Tdoc followed to its latest revision (the one not withdrawn, else the last by number). */
export function latestRevision(id: string, world: RoundWorld): string {
  let at = id;
  const seen = new Set<string>([id]);
  for (;;) {
    const next = world
      .revisionsOf(at)
      .filter((x) => !seen.has(x))
      .map((x) => world.tdoc(x)!)
      .filter(Boolean)
      .sort((a, b) => Number(a.status === 'withdrawn') - Number(b.status === 'withdrawn') || (a.number < b.number ? 1 : a.number > b.number ? -1 : 0))[0];
    if (!next) return at;
    seen.add(next.id);
    at = next.id;
  }
}

/** Organisations objecting to the round's Tdocs `on` while it was open (stated on those Tdocs themselves). */
function objectionsOn(on: readonly string[], r: Round, world: RoundWorld): string[] {
  const from = Date.parse(r.openedAt);
  const until = Date.parse(r.deadline);
  const found = new Map<string, string>();
  for (const id of on) {
    for (const p of world.positionsOn(id)) {
      const t = Date.parse(p.at);
      if (p.stance === 'object' && t >= from && t <= until) found.set(organisationKey(p.organisation), p.organisation);
    }
  }
  return [...found.values()].sort((a, b) => organisationKey(a).localeCompare(organisationKey(b)));
}

/** The round as shown: state, readiness, objections and the Tdocs it is on now. */
export function viewRound(r: Round, world: RoundWorld): RoundView {
  const current = r.closed ? r.closed.tdocs : [...new Set(r.tdocs.map((id) => latestRevision(id, world)))];
  const live = current.filter((id) => world.tdoc(id) && world.tdoc(id)!.status !== 'withdrawn');
  const objections = r.closed ? r.closed.objections : objectionsOn(live, r, world);
  let state: RoundState;
  if (r.decision) state = r.decision.state;
  else if (!live.length) state = 'withdrawn';
  else if (objections.length) state = 'objection';
  else if (current.some((id, i) => id !== r.tdocs[i]) || current.length !== r.tdocs.length) state = 'revised';
  else state = 'open';
  const ready = !r.decision && state !== 'withdrawn' && r.closed?.ready === true;
  return { ...r, current, state, ready, objections };
}

/** True while a round takes positions towards its outcome: not decided, not closed, not withdrawn. */
export function isRoundRunning(v: RoundView): boolean {
  return !v.decision && !v.closed && v.state !== 'withdrawn';
}

/** Every round as shown. */
export function viewRounds(doc: Y.Doc): RoundView[] {
  const world = roundWorldOf(doc);
  return readRounds(doc).map((r) => viewRound(r, world));
}

export interface OpenRound {
  /** Contribution ids. */
  tdocs: readonly string[];
  /** ISO time, any offset (stored in UTC). */
  deadline: string;
  autoApprove?: boolean;
  by: string;
  /** The server's time now (ms): the deadline must be after it. */
  nowMs: number;
  /** Id for the round (tests; default random). */
  id?: string;
}

/**
 * Opens a round; returns its id. Everything is checked before anything is written: MeetingOpError for no
 * Tdoc, too many, an unknown or withdrawn Tdoc, one already on an undecided round, or a deadline that is
 * not a time or not in the future.
 */
export function openRound(doc: Y.Doc, o: OpenRound): string {
  const tdocs = [...new Set(o.tdocs)];
  if (!tdocs.length) throw new MeetingOpError('name at least one Tdoc');
  if (tdocs.length > ROUND_LIMITS.maxTdocs) throw new MeetingOpError(`at most ${ROUND_LIMITS.maxTdocs} Tdocs in one round`);
  const at = Date.parse(o.deadline);
  if (!ISO.test(o.deadline) || !Number.isFinite(at)) throw new MeetingOpError('deadline: expected an ISO time such as 2026-03-06T12:00:00Z');
  if (at <= o.nowMs) throw new MeetingOpError(`the deadline ${new Date(at).toISOString()} is in the past`);
  const world = roundWorldOf(doc);
  const busy = new Map<string, RoundView>();
  for (const v of readRounds(doc).map((r) => viewRound(r, world))) if (isRoundRunning(v) || v.ready) for (const id of v.current) busy.set(id, v);
  for (const id of tdocs) {
    const c = getEntity(doc, 'contributions', id);
    if (c.status === 'withdrawn') throw new MeetingOpError(`${c.number} is withdrawn: it cannot go on e-mail approval`);
    if (busy.has(id)) throw new MeetingOpError(`${c.number} is already on e-mail approval (deadline ${busy.get(id)!.deadline})`);
  }
  const id = o.id ?? newId();
  if (roundMap(doc).has(id)) throw new MeetingOpError(`round "${id}" exists already`);
  const m = new Y.Map<unknown>();
  doc.transact(() => {
    roundMap(doc).set(id, m);
    m.set(R.id, id);
    m.set(R.tdocs, tdocs);
    m.set(R.deadline, new Date(at).toISOString());
    m.set(R.openedAt, new Date(o.nowMs).toISOString());
    m.set(R.openedBy, o.by.slice(0, ROUND_LIMITS.maxBy));
    m.set(R.autoApprove, o.autoApprove === true);
  });
  return id;
}

function roundEntry(doc: Y.Doc, id: string): Y.Map<unknown> {
  const m = roundMap(doc).get(id);
  if (!(m instanceof Y.Map) || !readRound(id, m)) throw new MeetingOpError('no such round');
  return m;
}

/** The status an approved Tdoc gets: `agreed` for a Tdoc "for agreement" (when the vocabulary has it), else `approved`. */
export function approvalStatusOf(doc: Y.Doc, tdoc: { for?: string }): string {
  const ids = new Set(readStatuses(doc).map((s) => s.id));
  if (/agree/i.test(tdoc.for ?? '') && ids.has('agreed')) return 'agreed';
  if (ids.has('approved')) return 'approved';
  throw new MeetingOpError('the status vocabulary has no "approved"');
}

/**
 * The chair's decision on a round (or the server's, `auto`, at the deadline). `approved` also sets the
 * status of every Tdoc the round is on now (agreed or approved), through the board's own path (status and
 * its history), with the same `by` and `at`. MeetingOpError when the round is gone or decided already.
 */
export function decideRound(doc: Y.Doc, id: string, state: string, actor: { by: string; at: string; auto?: boolean }): void {
  if (!(DECISIONS as readonly string[]).includes(state)) throw new MeetingOpError(`expected one of ${DECISIONS.join(', ')}`);
  const m = roundEntry(doc, id);
  const view = viewRound(readRound(id, m)!, roundWorldOf(doc));
  if (view.decision) throw new MeetingOpError(`the round was decided already (${view.decision.state})`);
  doc.transact(() => {
    if (state === 'approved') {
      for (const tdoc of view.current) {
        const c = getEntity(doc, 'contributions', tdoc);
        if (c.status === 'withdrawn') continue;
        setContributionStatus(doc, tdoc, approvalStatusOf(doc, c), { by: actor.by, at: actor.at });
      }
    }
    m.set(R.decision, { state, at: actor.at, by: actor.by.slice(0, ROUND_LIMITS.maxBy), auto: actor.auto === true });
  });
}

/** Moves an undecided round's deadline (a new one in the future): it runs again until then. */
export function extendRound(doc: Y.Doc, id: string, deadline: string, nowMs: number): void {
  const m = roundEntry(doc, id);
  const r = readRound(id, m)!;
  if (r.decision) throw new MeetingOpError(`the round was decided already (${r.decision.state})`);
  const at = Date.parse(deadline);
  if (!ISO.test(deadline) || !Number.isFinite(at)) throw new MeetingOpError('deadline: expected an ISO time such as 2026-03-06T12:00:00Z');
  if (at <= nowMs) throw new MeetingOpError(`the deadline ${new Date(at).toISOString()} is in the past`);
  doc.transact(() => {
    m.set(R.deadline, new Date(at).toISOString());
    if (m.has(R.closed)) m.delete(R.closed);
  });
}

/** Deletes a round (an editor's correction of a round opened by mistake). */
export function deleteRound(doc: Y.Doc, id: string): void {
  roundEntry(doc, id);
  roundMap(doc).delete(id);
}

export type CloseOutcome = 'ready' | 'objection' | 'withdrawn' | 'approved' | 'not-due' | 'done-already' | 'gone';

/**
 * What the server does at a round's deadline (server/positions/ApprovalClock.ts; one process decides):
 * freezes what it finds (`closed`: objections, the Tdocs it is on) and, with no objection, marks it ready;
 * a round opted in to automatic approval is then approved by the server (decideRound, `auto`), the Tdocs'
 * history saying so at the deadline. Does nothing to a round that is gone, decided, closed already or not
 * yet due.
 */
export function closeAtDeadline(doc: Y.Doc, id: string, nowMs: number, by = 'Server: e-mail approval deadline'): CloseOutcome {
  const m = roundMap(doc).get(id);
  const r = m instanceof Y.Map ? readRound(id, m) : null;
  if (!r || !(m instanceof Y.Map)) return 'gone';
  if (r.decision || r.closed) return 'done-already';
  if (Date.parse(r.deadline) > nowMs) return 'not-due';
  const v = viewRound(r, roundWorldOf(doc));
  const withdrawn = v.state === 'withdrawn';
  const ready = !withdrawn && v.objections.length === 0;
  let outcome: CloseOutcome = withdrawn ? 'withdrawn' : ready ? 'ready' : 'objection';
  doc.transact(() => {
    m.set(R.closed, { at: new Date(nowMs).toISOString(), ready, objections: v.objections, tdocs: v.current });
    if (ready && r.autoApprove) {
      decideRound(doc, id, 'approved', { by, at: r.deadline, auto: true });
      outcome = 'approved';
    }
  });
  return outcome;
}

/** Writes rounds of valid meeting JSON into a document (inside the caller's transaction). */
export function restoreRounds(doc: Y.Doc, list: readonly Round[]): void {
  for (const r of list) {
    const m = new Y.Map<unknown>();
    roundMap(doc).set(r.id, m);
    m.set(R.id, r.id);
    m.set(R.tdocs, [...r.tdocs]);
    m.set(R.deadline, r.deadline);
    m.set(R.openedAt, r.openedAt);
    m.set(R.openedBy, r.openedBy);
    m.set(R.autoApprove, r.autoApprove);
    if (r.closed) m.set(R.closed, { ...r.closed, objections: [...r.closed.objections], tdocs: [...r.closed.tdocs] });
    if (r.decision) m.set(R.decision, { ...r.decision });
  }
}
