/**
 * The HTTP side of positions and e-mail approval rounds (issue 26; CONTRACT.md §3 `/positions` and
 * `/approvals`, extended compatibly; docs/POSITIONS.md). Writes go through the meeting's live room in one
 * transaction, recorded with the caller as actor (role, token id, name), stored before anyone receives
 * them, like ParticipationService's requests.
 *
 *   GET  /api/meetings/:id/identity            any token: who it names ({role, personId?, name?, organisation?})
 *   POST /api/meetings/:id/positions           a person's own link, chair or secretary: {tdoc, stance, comment?, organisation? (editors)}
 *   GET  /api/meetings/:id/positions           any token: [{tdoc, organisation, stance, comment, by, at, statedOn?}] (?tdoc=NUMBER)
 *   POST /api/meetings/:id/approvals           chair or secretary: {tdocs, deadline, autoApprove?} → 201 {id}
 *   GET  /api/meetings/:id/approvals           any token: the rounds with their states
 *   POST /api/meetings/:id/approvals/:roundId  chair or secretary: {action: approve|not-approve|to-call|withdraw|extend, deadline?}
 *
 * Who a token names comes from the PeopleDirectory: today the shared delegate link names nobody, so it may
 * not state a position; once people are registered (issue 24), a person's own link states its
 * organisation's position, whatever the request says.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as Y from 'yjs';
import type { Logger } from 'pino';
import { MeetingOpError } from '../../shared/document/entityOps.js';
import { STANCES } from '../../shared/document/meetingSchema.js';
import { readAllFields } from '../../shared/document/entityStore.js';
import { indexPositions, positionsFor, readPositions, statePosition } from '../../shared/positions/positionLedger.js';
import { decideRound, extendRound, openRound, roundWorldOf, readRounds, viewRound, type RoundView } from '../../shared/positions/approvalRounds.js';
import type { RoomRegistry } from '../sync/RoomRegistry.js';
import { ServerActor } from '../sync/RoomRecorder.js';
import { HttpError, sendJson } from '../http/httpUtil.js';
import { readJson } from '../meetings/ParticipationService.js';
import { meetingIdFrom } from '../access/apiAuth.js';
import { canWrite } from '../access/roles.js';
import { KeyedBudget, type BudgetOptions } from '../access/KeyedBudget.js';
import { identifyRequest, type Identity, type PeopleDirectory } from '../access/PeopleDirectory.js';

const PATH = /^\/api\/meetings\/([^/]+)\/(identity|positions|approvals)(?:\/([^/]+))?$/;
const ROUND_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ACTIONS: Record<string, string> = { approve: 'approved', 'not-approve': 'not-approved', 'to-call': 'to-call', withdraw: 'withdrawn' };
const ROLE_NAMES: Record<string, string> = { chair: 'Chair', secretary: 'Secretary', delegate: 'Delegate', screen: 'Screen' };

export interface PositionRouteOptions {
  /** Position requests per client address (people's phones). */
  perAddress: BudgetOptions;
  maxBodyBytes: number;
  now: () => number;
}

export const DEFAULT_POSITION_ROUTE_OPTIONS: PositionRouteOptions = {
  perAddress: { capacity: 300, perSecond: 5, maxKeys: 20_000 },
  maxBodyBytes: 8192,
  now: Date.now,
};

export class PositionRoutes {
  private readonly perAddress: KeyedBudget;

  constructor(
    private readonly rooms: RoomRegistry,
    private readonly people: PeopleDirectory,
    private readonly log: Logger,
    private readonly opts: PositionRouteOptions = DEFAULT_POSITION_ROUTE_OPTIONS,
  ) {
    this.perAddress = new KeyedBudget(opts.perAddress, opts.now);
  }

  /** True for the paths this module answers. */
  handles(path: string): boolean {
    return PATH.test(path.replace(/\/+$/, ''));
  }

  /** Answers one request (HttpError for anything the client got wrong). */
  async handle(req: IncomingMessage, res: ServerResponse, path: string, address: string): Promise<void> {
    const m = PATH.exec(path)!;
    const id = meetingIdFrom(m[1]);
    const [what, sub] = [m[2], m[3]];
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const who = this.identify(req, id);
    if (what === 'identity' && !sub) {
      if (method !== 'GET') throw notAllowed('GET');
      return sendJson(res, 200, { role: who.role, personId: who.personId, name: who.name, organisation: who.organisation });
    }
    if (what === 'positions' && !sub) {
      if (method === 'GET') return sendJson(res, 200, await this.listPositions(id, new URL(req.url ?? '/', 'http://x').searchParams.get('tdoc')));
      if (method !== 'POST') throw notAllowed('GET, POST');
      if (!this.perAddress.take(address)) throw new HttpError(429, 'too many requests from this address; try again shortly', { 'retry-after': String(this.perAddress.retryAfterSeconds(address)) });
      return sendJson(res, 200, await this.statePosition(id, who, await this.readJson(req)));
    }
    if (what === 'approvals' && !sub) {
      if (method === 'GET') return sendJson(res, 200, await this.rooms.withDoc(id, (doc) => roundsAnswer(doc)));
      if (method !== 'POST') throw notAllowed('GET, POST');
      this.requireEditor(who);
      return sendJson(res, 201, await this.openRound(id, who, await this.readJson(req)));
    }
    if (what === 'approvals' && sub) {
      if (method !== 'POST') throw notAllowed('POST');
      this.requireEditor(who);
      if (!ROUND_ID.test(sub)) throw new HttpError(404, 'no such round');
      return sendJson(res, 200, await this.actOnRound(id, sub, who, await this.readJson(req)));
    }
    throw new HttpError(404, `no such API: ${req.method} ${path}`);
  }

  private identify(req: IncomingMessage, id: string): Identity {
    return identifyRequest(this.people, req, id);
  }

  private requireEditor(who: Identity): void {
    if (!canWrite(who.role)) throw new HttpError(403, `a ${who.role}'s link cannot run e-mail approval (the chair's or the secretary's can)`);
  }

  private readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    return readJson(req, this.opts.maxBodyBytes);
  }

  /** Applies `f` to the live document in one transaction recorded as `who`, and answers once it is stored. */
  private write<T>(id: string, who: Identity, f: (doc: Y.Doc) => T): Promise<T> {
    // A person's own link is recorded as the person (their registered name, not a claimed one), as their queue entries and ballots are.
    const actor = who.personId ? new ServerActor('person', who.tokenId, who.name ?? '') : new ServerActor(who.role, who.tokenId, who.name ?? ROLE_NAMES[who.role] ?? who.role);
    return this.rooms.withRoom(id, async (room) => {
      let out!: T;
      try {
        room.doc.transact(() => {
          out = f(room.doc);
        }, actor);
      } catch (e) {
        if (e instanceof MeetingOpError) throw new HttpError(/already|decided/.test(e.message) ? 409 : 400, e.message);
        throw e;
      }
      await room.flush();
      return out;
    });
  }

  private async statePosition(id: string, who: Identity, body: Record<string, unknown>): Promise<{ id: string }> {
    if (who.role === 'screen') throw new HttpError(403, "the screen's link cannot state positions");
    let organisation: string;
    let by: string;
    const editor = canWrite(who.role);
    if (who.personId) {
      // A person's own link: their registered organisation, whatever the request says.
      if (!who.organisation?.trim()) throw new HttpError(403, 'no organisation is registered for you: ask the secretary to add it');
      organisation = who.organisation;
      by = who.name ?? '';
    } else if (editor) {
      if (typeof body.organisation !== 'string' || !body.organisation.trim()) throw new HttpError(400, 'organisation: name the organisation whose position this is');
      organisation = body.organisation;
      by = who.name ?? ROLE_NAMES[who.role];
    } else {
      throw new HttpError(403, "the shared delegate link cannot state positions: a position is an organisation's, stated from a registered person's own link or by the secretary");
    }
    if (typeof body.stance !== 'string' || !(STANCES as readonly string[]).includes(body.stance)) throw new HttpError(400, `stance: expected one of ${STANCES.join(', ')}`);
    if (body.comment !== undefined && typeof body.comment !== 'string') throw new HttpError(400, 'comment: expected text');
    const number = tdocNumber(body.tdoc, 'tdoc');
    const at = new Date(this.opts.now()).toISOString();
    const key = await this.write(id, who, (doc) => {
      const c = findTdoc(doc, number);
      if (c.status === 'withdrawn') throw new HttpError(409, `${c.number} is withdrawn`);
      return statePosition(doc, { contributionId: c.id, organisation, stance: body.stance as string, comment: body.comment as string | undefined, by, at, onBehalf: !who.personId, personId: who.personId });
    });
    this.log.debug({ meeting: id, role: who.role }, 'position stated');
    return { id: key };
  }

  private listPositions(id: string, tdoc: string | null) {
    return this.rooms.withDoc(id, (doc) => {
      const rows = readAllFields(doc, 'contributions', ['number', 'revisionOf']);
      const byId = new Map(rows.map((c) => [c.id, c]));
      const index = indexPositions(readPositions(doc));
      const ids = tdoc ? [findTdoc(doc, tdocNumber(tdoc, 'tdoc')).id] : [...new Set(readPositions(doc).map((p) => p.contributionId))];
      return ids.flatMap((cid) =>
        positionsFor(cid, index, (x) => byId.get(x)?.revisionOf).map((p) => ({
          tdoc: byId.get(cid)?.number ?? '',
          organisation: p.organisation,
          stance: p.stance,
          comment: p.comment,
          by: p.by,
          at: p.at,
          ...(p.statedOn ? { statedOn: byId.get(p.statedOn)?.number ?? '' } : {}),
        })),
      );
    });
  }

  private async openRound(id: string, who: Identity, body: Record<string, unknown>): Promise<{ id: string }> {
    if (!Array.isArray(body.tdocs) || !body.tdocs.length) throw new HttpError(400, 'tdocs: expected a list of Tdoc numbers');
    if (body.tdocs.length > 200) throw new HttpError(400, 'tdocs: at most 200 Tdocs in one round');
    const numbers = body.tdocs.map((t) => tdocNumber(t, 'tdocs'));
    if (typeof body.deadline !== 'string') throw new HttpError(400, 'deadline: expected an ISO time such as 2026-03-06T12:00:00Z');
    if (body.autoApprove !== undefined && typeof body.autoApprove !== 'boolean') throw new HttpError(400, 'autoApprove: expected true or false');
    const roundId = await this.write(id, who, (doc) => {
      const tdocs = numbers.map((n) => findTdoc(doc, n).id);
      return openRound(doc, { tdocs, deadline: body.deadline as string, autoApprove: body.autoApprove === true, by: who.name ?? ROLE_NAMES[who.role], nowMs: this.opts.now() });
    });
    return { id: roundId };
  }

  private async actOnRound(id: string, roundId: string, who: Identity, body: Record<string, unknown>): Promise<object> {
    const action = body.action;
    const at = new Date(this.opts.now()).toISOString();
    const by = who.name ?? ROLE_NAMES[who.role];
    if (action === 'extend') {
      if (typeof body.deadline !== 'string') throw new HttpError(400, 'deadline: expected an ISO time');
      await this.write(id, who, (doc) => extendRound(doc, roundId, body.deadline as string, this.opts.now()));
    } else if (typeof action === 'string' && ACTIONS[action]) {
      await this.write(id, who, (doc) => decideRound(doc, roundId, ACTIONS[action], { by, at }));
    } else {
      throw new HttpError(400, `action: expected one of ${[...Object.keys(ACTIONS), 'extend'].join(', ')}`);
    }
    return (await this.rooms.withDoc(id, (doc) => roundsAnswer(doc))).find((r) => r.id === roundId) ?? { id: roundId };
  }
}

function notAllowed(allow: string): HttpError {
  return new HttpError(405, `method not allowed (allowed: ${allow})`, { allow });
}

function tdocNumber(v: unknown, field: string): string {
  if (typeof v !== 'string' || !v.trim() || v.length > 200) throw new HttpError(400, `${field}: expected a Tdoc number`);
  return v.trim();
}

/** The contribution a number (or an alias) names, case-insensitively; 400 when none. */
function findTdoc(doc: Y.Doc, number: string): { id: string; number: string; status: string } {
  const want = number.toUpperCase();
  const rows = readAllFields(doc, 'contributions', ['number', 'aliases', 'status']);
  const c = rows.find((x) => x.number.trim().toUpperCase() === want) ?? rows.find((x) => x.aliases.some((a) => a.trim().toUpperCase() === want));
  if (!c) throw new HttpError(400, `no Tdoc ${number} in this meeting`);
  return c;
}

/** GET /approvals: CONTRACT.md §3's fields (tdocs as numbers, deadline in UTC, state, objections), then ours. */
export function roundsAnswer(doc: Y.Doc) {
  const world = roundWorldOf(doc);
  const num = (id: string) => world.tdoc(id)?.number ?? '';
  return readRounds(doc).map((r) => {
    const v: RoundView = viewRound(r, world);
    return {
      id: v.id,
      tdocs: v.current.map(num),
      deadline: v.deadline,
      state: v.state,
      objections: v.objections,
      ready: v.ready,
      autoApprove: v.autoApprove,
      openedAt: v.openedAt,
      openedBy: v.openedBy,
      openedOn: v.tdocs.map(num),
      ...(v.closed ? { closedAt: v.closed.at } : {}),
      ...(v.decision ? { decidedAt: v.decision.at, decidedBy: v.decision.by, auto: v.decision.auto } : {}),
    };
  });
}
