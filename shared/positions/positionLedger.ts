/**
 * The public ledger of positions (issue 26): per Tdoc, per organisation, the latest stance (support,
 * object, concern, abstain) with a short comment, who stated it and when. One entry per (Tdoc,
 * organisation): its key is derived from both (positionKey), so a restatement replaces the position and
 * two editors recording one organisation at the same moment converge to one entry.
 *
 * A revision shows its predecessors' positions, marked as stated on the earlier Tdoc, until the
 * organisation restates on the revision: derived from the revision links when reading (positionsFor),
 * never copied, so a position stated later on the earlier Tdoc shows there too and nothing is written
 * when a Tdoc is revised.
 *
 * Reads are tolerant and bounded: entries that are malformed or filed under a key that is not their own
 * are skipped, and at most POSITION_LIMITS.maxPositions entries are read (the first in key order, so every
 * replica reads the same). Times are passed in (the server's clock), never read here.
 */
import * as Y from 'yjs';
import { POSITION_FIELDS, ROOT, STANCES, type PositionJson, type Stance } from '../document/meetingSchema.js';
import { derivedId } from '../document/ids.js';
import { MeetingOpError, getEntity } from '../document/entityOps.js';

/** Bounds: a 3GPP week (2,000 Tdocs, tens of companies on the busy ones) fits well within them. */
export const POSITION_LIMITS = { maxPositions: 50_000, maxOrganisation: 80, maxComment: 500, maxBy: 120, maxPersonId: 64, maxChain: 50 } as const;

/** A position as read, the meeting JSON's shape. */
export type Position = PositionJson;

/** A position as shown on a Tdoc: its own, or carried from an earlier Tdoc it revises (`statedOn`). */
export interface ShownPosition extends Position {
  /** The id of the earlier Tdoc it was stated on, when it is carried to this revision; undefined when its own. */
  statedOn?: string;
}

const F = POSITION_FIELDS;
const positionMap = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.positions);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** True for one of the four stances. */
export function isStance(v: unknown): v is Stance {
  return typeof v === 'string' && (STANCES as readonly string[]).includes(v);
}

/** An organisation's name, one line, trimmed: what is shown. */
export function cleanOrganisation(name: unknown): string {
  return typeof name === 'string' ? name.normalize('NFKC').replace(/\s+/g, ' ').trim() : '';
}

/** The organisation as compared: 'Ericsson', ' ERICSSON ' and 'ericsson' are one organisation. */
export function organisationKey(name: string): string {
  return cleanOrganisation(name).toLowerCase();
}

/** The ledger key of an organisation's position on a contribution. */
export function positionKey(contributionId: string, organisation: string): string {
  return derivedId('position', contributionId, organisationKey(organisation));
}

/** Calls `changed` whenever a position is stated, restated or removed; returns the stop function. */
export function observePositions(doc: Y.Doc, changed: () => void): () => void {
  const map = positionMap(doc);
  const f = () => changed();
  map.observe(f);
  return () => map.unobserve(f);
}

/** One stored value as a position, or null when it is not a well-formed one filed under its own key. */
function readPosition(key: string, v: unknown): Position | null {
  if (!v || typeof v !== 'object' || Array.isArray(v) || v instanceof Y.AbstractType) return null;
  const o = v as Record<string, unknown>;
  const contributionId = o[F.contributionId];
  const organisation = cleanOrganisation(o[F.organisation]);
  const stance = o[F.stance];
  const at = o[F.at];
  if (typeof contributionId !== 'string' || !contributionId || contributionId.length > 64) return null;
  if (!organisation || organisation.length > POSITION_LIMITS.maxOrganisation || !isStance(stance)) return null;
  if (typeof at !== 'string' || !ISO.test(at) || positionKey(contributionId, organisation) !== key) return null;
  const text = (x: unknown, max: number) => (typeof x === 'string' ? x.replace(/\s+/g, ' ').trim().slice(0, max) : '');
  const personId = text(o[F.personId], POSITION_LIMITS.maxPersonId);
  return {
    contributionId,
    organisation,
    stance,
    comment: text(o[F.comment], POSITION_LIMITS.maxComment),
    by: text(o[F.by], POSITION_LIMITS.maxBy),
    at,
    onBehalf: o[F.onBehalf] === true,
    ...(personId ? { personId } : {}),
  };
}

/**
 * Every position of the meeting, by contribution id then organisation. At most maxPositions entries are
 * looked at: the first in key order when there are more (a hostile peer's flood is cut the same way on
 * every replica).
 */
export function readPositions(doc: Y.Doc): Position[] {
  const map = positionMap(doc);
  let keys = [...map.keys()];
  if (keys.length > POSITION_LIMITS.maxPositions) keys = keys.sort().slice(0, POSITION_LIMITS.maxPositions);
  const out: Position[] = [];
  for (const key of keys) {
    const p = readPosition(key, map.get(key));
    if (p) out.push(p);
  }
  return out.sort(comparePositions);
}

/** Contribution id, then organisation (case-folded), then the organisation as written. */
export function comparePositions(a: Position, b: Position): number {
  return cmp(a.contributionId, b.contributionId) || cmp(organisationKey(a.organisation), organisationKey(b.organisation)) || cmp(a.organisation, b.organisation);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The positions grouped by contribution id. */
export function indexPositions(list: readonly Position[]): Map<string, Position[]> {
  const out = new Map<string, Position[]>();
  for (const p of list) {
    const l = out.get(p.contributionId);
    if (l) l.push(p);
    else out.set(p.contributionId, [p]);
  }
  return out;
}

/**
 * The positions shown on a contribution: its own, then for every other organisation the one it stated on
 * the nearest earlier Tdoc this one revises (following `revisionOf`), marked `statedOn` that Tdoc. Sorted
 * by organisation.
 */
export function positionsFor(id: string, index: ReadonlyMap<string, readonly Position[]>, revisionOf: (id: string) => string | null | undefined): ShownPosition[] {
  const seen = new Set<string>();
  const out: ShownPosition[] = [];
  let at: string | null | undefined = id;
  const visited = new Set<string>();
  for (let depth = 0; at && !visited.has(at) && depth < POSITION_LIMITS.maxChain; depth++) {
    visited.add(at);
    for (const p of index.get(at) ?? []) {
      const k = organisationKey(p.organisation);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(at === id ? { ...p } : { ...p, statedOn: at });
    }
    at = revisionOf(at);
  }
  return out.sort((a, b) => cmp(organisationKey(a.organisation), organisationKey(b.organisation)));
}

/** Counts per stance. */
export function tally(list: readonly Pick<Position, 'stance'>[]): Record<Stance, number> {
  const out = { support: 0, object: 0, concern: 0, abstain: 0 } as Record<Stance, number>;
  for (const p of list) out[p.stance]++;
  return out;
}

/** '3 support · 1 object' (stances with none left out); '' when there is no position. */
export function tallyText(list: readonly Pick<Position, 'stance'>[]): string {
  const t = tally(list);
  return STANCES.filter((s) => t[s] > 0)
    .map((s) => `${t[s]} ${s}`)
    .join(' · ');
}

/** What a statement needs: the Tdoc, the organisation, the stance and who states it, when. */
export interface Statement {
  contributionId: string;
  organisation: string;
  stance: string;
  comment?: string;
  by: string;
  /** ISO time (the server's clock, or a page's clock corrected to it). */
  at: string;
  onBehalf: boolean;
  personId?: string;
}

/**
 * States (or restates) an organisation's position on a contribution; returns its key. MeetingOpError for
 * an unknown contribution, an empty or too long organisation or comment, or a word that is not a stance.
 */
export function statePosition(doc: Y.Doc, s: Statement): string {
  getEntity(doc, 'contributions', s.contributionId);
  const organisation = cleanOrganisation(s.organisation);
  if (!organisation) throw new MeetingOpError('the organisation is missing');
  if (organisation.length > POSITION_LIMITS.maxOrganisation) throw new MeetingOpError(`the organisation is longer than ${POSITION_LIMITS.maxOrganisation} characters`);
  if (!isStance(s.stance)) throw new MeetingOpError(`stance: expected one of ${STANCES.join(', ')}`);
  const comment = (s.comment ?? '').replace(/\s+/g, ' ').trim();
  if (comment.length > POSITION_LIMITS.maxComment) throw new MeetingOpError(`the comment is longer than ${POSITION_LIMITS.maxComment} characters`);
  if (!ISO.test(s.at)) throw new MeetingOpError('the time of the position is not an ISO time');
  const key = positionKey(s.contributionId, organisation);
  const value: Record<string, unknown> = {
    [F.contributionId]: s.contributionId,
    [F.organisation]: organisation,
    [F.stance]: s.stance,
    [F.comment]: comment,
    [F.by]: s.by.replace(/\s+/g, ' ').trim().slice(0, POSITION_LIMITS.maxBy),
    [F.at]: s.at,
    [F.onBehalf]: s.onBehalf,
  };
  if (s.personId) value[F.personId] = s.personId.slice(0, POSITION_LIMITS.maxPersonId);
  positionMap(doc).set(key, value);
  return key;
}

/** Removes an organisation's own position on a contribution (an editor's correction); false when there was none. */
export function removePosition(doc: Y.Doc, contributionId: string, organisation: string): boolean {
  const key = positionKey(contributionId, organisation);
  const map = positionMap(doc);
  if (!map.has(key)) return false;
  map.delete(key);
  return true;
}

/** Writes positions of valid meeting JSON into a document (inside the caller's transaction). */
export function restorePositions(doc: Y.Doc, list: readonly Position[]): void {
  for (const p of list) {
    const value: Record<string, unknown> = { ...p };
    positionMap(doc).set(positionKey(p.contributionId, p.organisation), value);
  }
}
