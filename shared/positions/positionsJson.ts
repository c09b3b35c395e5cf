/**
 * Positions and e-mail approval rounds in meeting JSON (issue 26, a compatible extension of CONTRACT.md §6):
 * two optional parts, `positions` and `approvals`, present only when the meeting has some. `import` of the
 * JSON export gives them back exactly. References to Tdocs that are gone are dropped when reading (a
 * position on a deleted Tdoc; a round keeps the Tdocs that remain, and is left out when none does).
 */
import type * as Y from 'yjs';
import { DECISIONS_JSON, STANCES, type ApprovalJson, type MeetingJson, type PositionJson } from '../document/meetingSchema.js';
import { POSITION_LIMITS, cleanOrganisation, organisationKey, readPositions, restorePositions } from './positionLedger.js';
import { ROUND_LIMITS, readRounds, restoreRounds } from './approvalRounds.js';

export type PositionParts = Pick<MeetingJson, 'positions' | 'approvals'>;

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** An ISO time in UTC as the document stores deadlines ('2026-03-06T11:00:00.000Z'); as it is when not a time. */
const utc = (t: string): string => (Number.isFinite(Date.parse(t)) ? new Date(Date.parse(t)).toISOString() : t);
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The parts as the document has them, references to contributions that are gone dropped. */
export function readPositionsJson(doc: Y.Doc, known: { contributions: Set<string> }): PositionParts {
  const positions = readPositions(doc).filter((p) => known.contributions.has(p.contributionId));
  const approvals: ApprovalJson[] = [];
  for (const r of readRounds(doc)) {
    const tdocs = r.tdocs.filter((id) => known.contributions.has(id));
    if (!tdocs.length) continue;
    const closed = r.closed ? { ...r.closed, tdocs: r.closed.tdocs.filter((id) => known.contributions.has(id)) } : undefined;
    approvals.push({ ...r, tdocs, ...(closed ? { closed } : {}) });
  }
  return { ...(positions.length ? { positions } : {}), ...(approvals.length ? { approvals } : {}) };
}

/** Writes the parts of valid meeting JSON into a document (inside the caller's transaction). */
export function writePositionsJson(doc: Y.Doc, m: PositionParts): void {
  restorePositions(doc, m.positions ?? []);
  restoreRounds(doc, m.approvals ?? []);
}

type Err = (path: string, message: string) => void;

function list(data: Record<string, unknown>, key: string, max: number, err: Err): Record<string, unknown>[] | undefined {
  const v = data[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    err(key, 'expected an array');
    return undefined;
  }
  if (v.length > max) err(key, `at most ${max} entries, got ${v.length}`);
  return v.slice(0, max).filter((e, i): e is Record<string, unknown> => {
    if (!isObj(e)) err(`${key}[${i}]`, 'expected an object');
    return isObj(e);
  });
}

function text(o: Record<string, unknown>, key: string, path: string, max: number, err: Err, opts: { test?: RegExp; optional?: boolean; required?: boolean } = {}): string {
  const v = o[key];
  if (v === undefined && opts.optional) return '';
  if (typeof v !== 'string') {
    err(`${path}.${key}`, 'expected a string');
    return '';
  }
  if (v.length > max) err(`${path}.${key}`, `longer than ${max} characters`);
  else if (opts.test && !opts.test.test(v)) err(`${path}.${key}`, `not valid: "${v.slice(0, 40)}"`);
  else if (opts.required && !v.trim()) err(`${path}.${key}`, 'missing');
  return v;
}

function checkPositions(data: Record<string, unknown>, contributions: Set<string>, err: Err): PositionJson[] | undefined {
  const given = list(data, 'positions', POSITION_LIMITS.maxPositions, err);
  if (!given?.length) return undefined;
  const seen = new Set<string>();
  return given.map((x, i) => {
    const p = `positions[${i}]`;
    const contributionId = text(x, 'contributionId', p, 64, err);
    if (contributionId && !contributions.has(contributionId)) err(`${p}.contributionId`, `no contribution "${contributionId}"`);
    const organisation = cleanOrganisation(text(x, 'organisation', p, POSITION_LIMITS.maxOrganisation, err, { required: true }));
    const key = `${contributionId}\u0000${organisationKey(organisation)}`;
    if (seen.has(key)) err(`${p}.organisation`, `"${organisation}" has two positions on one Tdoc`);
    seen.add(key);
    const stance = x.stance;
    if (!(STANCES as readonly unknown[]).includes(stance)) err(`${p}.stance`, `expected one of ${STANCES.join(', ')}`);
    if (typeof x.onBehalf !== 'boolean') err(`${p}.onBehalf`, 'expected true or false');
    const personId = text(x, 'personId', p, POSITION_LIMITS.maxPersonId, err, { optional: true });
    return {
      contributionId,
      organisation,
      stance: stance as PositionJson['stance'],
      comment: text(x, 'comment', p, POSITION_LIMITS.maxComment, err),
      by: text(x, 'by', p, POSITION_LIMITS.maxBy, err),
      at: text(x, 'at', p, 40, err, { test: ISO }),
      onBehalf: x.onBehalf === true,
      ...(personId ? { personId } : {}),
    };
  });
}

function ids(x: Record<string, unknown>, key: string, p: string, contributions: Set<string>, err: Err, required: boolean): string[] {
  const v = x[key];
  if (!Array.isArray(v) || v.length > ROUND_LIMITS.maxTdocs || (required && !v.length)) {
    err(`${p}.${key}`, `expected 1 to ${ROUND_LIMITS.maxTdocs} contribution ids`);
    return [];
  }
  for (const id of v) if (typeof id !== 'string' || !contributions.has(id)) err(`${p}.${key}`, `no contribution ${JSON.stringify(id)}`);
  if (new Set(v).size !== v.length) err(`${p}.${key}`, 'a contribution appears twice');
  return v as string[];
}

function checkRound(x: Record<string, unknown>, p: string, contributions: Set<string>, err: Err): ApprovalJson {
  const out: ApprovalJson = {
    id: text(x, 'id', p, 64, err, { test: ID }),
    tdocs: ids(x, 'tdocs', p, contributions, err, true),
    deadline: utc(text(x, 'deadline', p, 40, err, { test: ISO })),
    openedAt: text(x, 'openedAt', p, 40, err, { test: ISO }),
    openedBy: text(x, 'openedBy', p, ROUND_LIMITS.maxBy, err),
    autoApprove: x.autoApprove === true,
  };
  if (typeof x.autoApprove !== 'boolean') err(`${p}.autoApprove`, 'expected true or false');
  if (x.closed !== undefined) {
    const c = x.closed;
    if (!isObj(c)) err(`${p}.closed`, 'expected an object');
    else {
      const objections = Array.isArray(c.objections) && c.objections.every((o) => typeof o === 'string' && cleanOrganisation(o)) ? (c.objections as string[]) : [];
      if (!Array.isArray(c.objections) || objections.length !== c.objections.length) err(`${p}.closed.objections`, 'expected organisations');
      if (typeof c.ready !== 'boolean') err(`${p}.closed.ready`, 'expected true or false');
      out.closed = { at: text(c, 'at', `${p}.closed`, 40, err, { test: ISO }), ready: c.ready === true, objections, tdocs: ids(c, 'tdocs', `${p}.closed`, contributions, err, false) };
    }
  }
  if (x.decision !== undefined) {
    const d = x.decision;
    if (!isObj(d)) err(`${p}.decision`, 'expected an object');
    else {
      if (!(DECISIONS_JSON as readonly unknown[]).includes(d.state)) err(`${p}.decision.state`, `expected one of ${DECISIONS_JSON.join(', ')}`);
      if (typeof d.auto !== 'boolean') err(`${p}.decision.auto`, 'expected true or false');
      out.decision = {
        state: d.state as NonNullable<ApprovalJson['decision']>['state'],
        at: text(d, 'at', `${p}.decision`, 40, err, { test: ISO }),
        by: text(d, 'by', `${p}.decision`, ROUND_LIMITS.maxBy, err),
        auto: d.auto === true,
      };
    }
  }
  return out;
}

/**
 * Checks the parts strictly (for parseMeeting): reports each problem with its path through `err` and
 * returns the parts as they go into the meeting.
 */
export function checkPositionsJson(data: Record<string, unknown>, known: { contributions: Set<string> }, err: Err): PositionParts {
  const out: PositionParts = {};
  const positions = checkPositions(data, known.contributions, err);
  if (positions) out.positions = positions;
  const rounds = list(data, 'approvals', ROUND_LIMITS.maxRounds, err);
  if (rounds?.length) {
    const seen = new Set<string>();
    out.approvals = rounds.map((x, i) => {
      const r = checkRound(x, `approvals[${i}]`, known.contributions, err);
      if (seen.has(r.id)) err(`approvals[${i}].id`, `"${r.id}" appears twice`);
      seen.add(r.id);
      return r;
    });
  }
  return out;
}
