/**
 * The delegates' narrow write path (issue 15): ask for the floor, withdraw, answer a poll. Delegates'
 * sockets stay read-only (G-ROLE-2); these HTTP requests carry the link's token and a random id the
 * browser keeps (its "participant" id), and the server applies exactly one kind of change on their behalf,
 * through the meeting's live room, so it is stored before anyone receives it, like any edit.
 *
 * Why HTTP and not a message type on the sync socket: a request gets an answer (your place, "the queue is
 * closed", 429 with Retry-After) that a page can show; the token check, the failed-check throttle and the
 * JSON errors are the API's own; and it is tested with plain fetch.
 *
 * Who is bounded, and how (issue 23): every request spends its address's and its browser's budget, a new
 * entry and a first ballot more (server/access/participationLimits.ts), all kept in the database so every
 * process spends the same budget. From the shared link (the delegates' token, whose QR code the room's
 * screen shows) a name that poses as the chair or the secretary, or that looks like the name of someone
 * already waiting, is refused; every name is cleaned of control and bidi characters (personName.ts).
 * Every write is recorded with the link's role and token id (an Actor), so spam can be traced to a link.
 *
 * One voice each (issue 24, server/people/voice.ts): a registered person's own link speaks for that person
 * (their registered name and organisation, one entry and one ballot whatever browser ids it sends, one
 * budget as if one browser); once people are registered the shared link only follows unless the chair
 * allows anonymous participation.
 *
 * What a request can touch: only the entry whose owner tag the server derives from the sender's secret
 * participant id (HMAC with a key of the data folder), and only that browser's ballot in an open poll,
 * stored under a tag derived per poll (so ballots cannot be linked to a queue entry or to each other).
 * The document never holds a participant id, so reading it lets no one act for anyone else.
 *
 * Routes (any token of the meeting but the screen's; `Authorization: Bearer T`):
 *   POST /api/meetings/:id/queue                   {participant, action: 'add', kind, name, company?}
 *                                                  {participant, action: 'withdraw'}
 *   POST /api/meetings/:id/polls/:pollId/answer    {participant, option}
 *   GET  /api/meetings/:id/clock                   the server's time (every token), for speaker timers
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { MeetingOpError } from '../../shared/document/entityOps.js';
import { MAIN_ROOM } from '../../shared/document/meetingSchema.js';
import { QUEUE_KINDS, addToQueue, ownEntry, readFloor, readQueue, readWaiting, withdrawOwn, type QueueEntry, type QueueKind } from '../../shared/participation/speakerQueue.js';
import { ballotOf, castBallot, readPollById } from '../../shared/participation/showOfHands.js';
import { readAnonymousParticipation } from '../../shared/participation/registration.js';
import { cleanPersonText, isReservedName, sameName } from '../../shared/participation/personName.js';
import type { MeetingCatalog, TokenPerson } from './MeetingCatalog.js';
import type { RoomRegistry } from '../sync/RoomRegistry.js';
import { ServerActor, type Actor } from '../sync/Actor.js';
import { HttpError, bearerToken, readBody, sendJson } from '../http/httpUtil.js';
import { meetingIdFrom, refuseUnavailable } from '../access/apiAuth.js';
import { tokenIdOf } from '../access/tokens.js';
import type { Role } from '../access/roles.js';
import { DEFAULT_PARTICIPATION_LIMITS, ParticipationGate, type ParticipationLimits, type Requester } from '../access/participationLimits.js';
import type { BudgetStore } from '../persistence/BudgetStore.js';
import type { PeopleService } from '../people/PeopleService.js';
import { actorOf, assertMayAnswer, assertMayTakePart, ballotKey, queueOwner, type Voice } from '../people/voice.js';
import { ballotSeal, type BallotSeal } from '../access/ballotSeal.js';

export { DEFAULT_PARTICIPATION_LIMITS, type ParticipationLimits } from '../access/participationLimits.js';

const QUEUE_PATH = /^\/api\/meetings\/([^/]+)\/queue$/;
const ANSWER_PATH = /^\/api\/meetings\/([^/]+)\/polls\/([^/]+)\/answer$/;
const CLOCK_PATH = /^\/api\/meetings\/([^/]+)\/clock$/;
const PARTICIPANT_ID = /^[A-Za-z0-9_-]{16,64}$/;
const POLL_ID = /^[a-z0-9]{1,32}$/;

/** The link a request came with: its role and its token's public id (what the record names). */
interface Link {
  role: Role;
  tokenId: string;
  /** The registered person a person's own link names (issue 24). */
  person?: TokenPerson;
}

export class ParticipationService {
  private readonly gate: ParticipationGate;
  private readonly ballots: BallotSeal;

  constructor(
    private readonly catalog: MeetingCatalog,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
    /** Secret for owner and ballot tags: stable across restarts (derived from the data folder's key). */
    private readonly key: Uint8Array,
    limits: ParticipationLimits = DEFAULT_PARTICIPATION_LIMITS,
    private readonly now: () => number = Date.now,
    /** Where the budgets are kept (the meetings' database, shared by every process). */
    budgets: BudgetStore,
    /** Registered people (issue 24): their own links speak for them (server/people/voice.ts). */
    private readonly people?: PeopleService,
  ) {
    this.gate = new ParticipationGate(budgets, createHmac('sha256', key).update('plenary participation budgets v1').digest(), limits, now);
    this.ballots = ballotSeal(key);
  }

  /** True for the paths this module answers. */
  handles(path: string): boolean {
    const p = path.replace(/\/+$/, '');
    return QUEUE_PATH.test(p) || ANSWER_PATH.test(p) || CLOCK_PATH.test(p);
  }

  /** Answers one request (HttpError for anything the client got wrong). */
  async handle(req: IncomingMessage, res: ServerResponse, path: string, address: string): Promise<void> {
    const clock = CLOCK_PATH.exec(path);
    if (clock) {
      if (req.method !== 'GET') throw new HttpError(405, 'method not allowed (allowed: GET)', { allow: 'GET' });
      this.authorize(req, meetingIdFrom(clock[1]), true);
      return sendJson(res, 200, { now: new Date(this.now()).toISOString() });
    }
    if (req.method !== 'POST') throw new HttpError(405, 'method not allowed (allowed: POST)', { allow: 'POST' });
    const queue = QUEUE_PATH.exec(path);
    const answer = ANSWER_PATH.exec(path);
    const id = meetingIdFrom((queue ?? answer)![1]);
    const link = this.authorize(req, id, false);
    const body = await readJson(req, this.gate.limits.maxBodyBytes);
    const participant = body.participant;
    if (typeof participant !== 'string' || !PARTICIPANT_ID.test(participant)) {
      throw new HttpError(400, 'participant: expected the browser\'s id (16 to 64 letters, digits, "-" or "_")');
    }
    // A person's own link spends one budget whatever browser ids it sends (issue 24).
    const person = link.person;
    const who: Requester = { address, browser: person ? `person:${id}:${person.id}` : participant };
    // Taking oneself out of the queue has a budget of its own (participationLimits.ts).
    if (queue && body.action === 'withdraw') await this.gate.admitWithdrawal(who);
    else await this.gate.admitRequest(who);
    const voice: Voice = person ? { kind: 'person', person, tokenId: link.tokenId } : { kind: 'browser', participant };
    if (person) this.people?.seenFrom(id, person.id);
    if (queue) return sendJson(res, 200, await this.queueRequest(id, link, voice, who, body));
    const pollId = answer![2];
    if (!POLL_ID.test(pollId)) throw new HttpError(404, 'no such poll');
    return sendJson(res, 200, await this.answer(id, link, voice, who, pollId, body.option));
  }

  /** The owner tag of a browser in a meeting's queue (what the document shows instead of its id). */
  ownerTag(meetingId: string, participant: string): string {
    return this.tag('queue', meetingId, participant);
  }

  /** The tag of a browser's ballot in one poll. */
  ballotTag(meetingId: string, pollId: string, participant: string): string {
    return this.tag('poll', meetingId, pollId, participant);
  }

  private async queueRequest(id: string, link: Link, voice: Voice, who: Requester, body: Record<string, unknown>): Promise<object> {
    const owner = queueOwner((...p) => this.tag(...p), id, voice);
    const at = new Date(this.now()).toISOString();
    const action = body.action;
    if (action === 'withdraw') {
      const withdrawn = await this.write(id, this.actor(link, voice, ''), (doc) => withdrawOwn(doc, owner, MAIN_ROOM));
      return { withdrawn, owner, now: at };
    }
    if (action !== 'add') throw new HttpError(400, 'action: expected "add" or "withdraw"');
    const kind = body.kind;
    if (typeof kind !== 'string' || !(QUEUE_KINDS as readonly string[]).includes(kind)) {
      throw new HttpError(400, `kind: expected one of ${QUEUE_KINDS.join(', ')}`);
    }
    // A person's entry carries their registered name and organisation, whatever the request says.
    const name = voice.kind === 'person' ? voice.person.name : typeof body.name === 'string' ? cleanPersonText(body.name) : body.name;
    const company = voice.kind === 'person' ? voice.person.organisation : body.company;
    const registered = this.people?.registry.count(id) ?? 0;
    const already = (waiting: QueueEntry[]) => {
      const mine = ownEntry(waiting, owner);
      return mine && { entry: { id: mine.id, place: waiting.indexOf(mine) + 1 }, already: true, owner, now: at };
    };
    // What the queue says before the budgets are asked: a browser already waiting spends nothing more.
    const before = await this.rooms.withRoom(id, (room) => {
      assertMayTakePart(voice, registered, readAnonymousParticipation(room.doc));
      const waiting = readQueue(room.doc, MAIN_ROOM);
      return already(waiting) ?? this.admissible(room.doc, voice, name, waiting);
    });
    if ('already' in before) return before;
    const pointOfOrder = kind === 'point-of-order';
    await this.gate.admitEntry(id, who, pointOfOrder, before.waiting, before.pointsOfOrder);
    const added = await this.write(id, this.actor(link, voice, typeof name === 'string' ? name : ''), (doc) => {
      assertMayTakePart(voice, registered, readAnonymousParticipation(doc));
      const waiting = readQueue(doc, MAIN_ROOM);
      const mine = already(waiting);
      if (mine) return mine;
      this.admissible(doc, voice, name, waiting);
      const entryId = addToQueue(doc, { kind: kind as QueueKind, name: name as string, company: company as string, owner, at, by: 'self', room: MAIN_ROOM });
      const place = readQueue(doc, MAIN_ROOM).findIndex((e) => e.id === entryId) + 1;
      return { entry: { id: entryId, place }, owner, now: at };
    });
    if (!('already' in added)) await this.gate.entryAdded(id, who, added.entry.id, pointOfOrder);
    return added;
  }

  /**
   * Whether a new entry may join (throws the refusal): the queue is open and, from the shared link, the
   * name neither poses as an officer nor looks like the name of someone waiting. Answers the ids waiting
   * (every room) and those that are points of order, which the budgets count against.
   */
  private admissible(doc: Y.Doc, voice: Voice, name: unknown, waitingHere: QueueEntry[]): { waiting: Set<string>; pointsOfOrder: Set<string> } {
    if (!readFloor(doc, MAIN_ROOM).open) throw new HttpError(409, 'the queue is closed');
    // Every request here comes from a delegate's link (the editors' pages write directly): a person's
    // registered name is theirs; a name typed on the shared link is checked.
    if (voice.kind === 'browser' && typeof name === 'string' && name) {
      if (isReservedName(name)) throw new HttpError(400, 'name: the chair\'s and the secretary\'s titles are not names; give your own name');
      const twin = waitingHere.find((e) => sameName(e.name, name));
      if (twin) throw new HttpError(409, `someone named ${twin.name} is waiting already; give your name as the chair knows it (e.g. with your initials)`);
    }
    const all = readWaiting(doc);
    return { waiting: new Set(all.map((e) => e.id)), pointsOfOrder: new Set(all.filter((e) => e.kind === 'point-of-order').map((e) => e.id)) };
  }

  private async answer(id: string, link: Link, voice: Voice, who: Requester, pollId: string, option: unknown): Promise<object> {
    const registered = this.people?.registry.count(id) ?? 0;
    // The ballot's key: the browser's, the person's, or in a "one per company" poll the organisation's.
    const { tag, current } = await this.rooms.withRoom(id, (room) => {
      assertMayTakePart(voice, registered, readAnonymousParticipation(room.doc));
      const perOrganisation = readPollById(room.doc, pollId)?.perOrganisation === true;
      assertMayAnswer(voice, perOrganisation);
      const key = ballotKey((...p) => this.tag(...p), id, pollId, voice, perOrganisation);
      return { tag: key, current: ballotOf(room.doc, pollId, key) };
    });
    // A ballot that changes something spends budgets (a first one its address's share of the poll, a
    // changed one the browser's changes); answering the same again stores nothing and spends nothing more.
    const first = current === undefined;
    if (current !== option) await this.gate.admitBallot(id, pollId, who, first);
    const out = await this.write(id, this.actor(link, voice, ''), (doc) => {
      const at = new Date(this.now()).toISOString();
      const voter = voice.kind === 'person' ? { name: voice.person.name, organisation: voice.person.organisation, at } : undefined;
      // A poll whose counts are shown at close takes its ballots sealed (ballotSeal.ts), under the same key
      // as any ballot (a browser's, a person's, an organisation's), which the server opens them by at the close.
      const sealer = { seal: (i: number) => this.ballots.seal(pollId, tag, i), open: (x: string) => this.ballots.open(pollId, tag, x) };
      const changed = castBallot(doc, pollId, tag, option, this.now(), voter, sealer);
      return { option, changed, now: at };
    });
    if (first && out.changed) await this.gate.ballotCast(id, pollId, who, tag);
    return out;
  }

  /**
   * Applies `f` to the live document in one transaction, recorded as `actor`'s, and answers once it is
   * stored (and broadcast). A MeetingOpError is the client's mistake: 409 when the state refuses it, else 400.
   */
  private write<T>(id: string, actor: Actor, f: (doc: Y.Doc) => T): Promise<T> {
    return this.rooms.withRoom(id, async (room) => {
      let out!: T;
      try {
        room.doc.transact(() => {
          out = f(room.doc);
        }, ServerActor.of(actor));
      } catch (e) {
        if (e instanceof MeetingOpError) throw new HttpError(/closed|full|all the answers/.test(e.message) ? 409 : e.message === 'no such poll' ? 404 : 400, e.message);
        throw e;
      }
      await room.flush();
      this.log.debug({ meeting: id, role: actor.role, tokenId: actor.tokenId }, 'applied a delegate request');
      return out;
    });
  }

  /** The link's role and token id; refusals as the API's (401, 403, 404). */
  private authorize(req: IncomingMessage, id: string, screenToo: boolean): Link {
    const token = bearerToken(req);
    const check = this.catalog.check(id, token);
    if (!check.ok) {
      refuseUnavailable(check);
      if (check.why === 'unknown-meeting') throw new HttpError(404, `no meeting "${id}"`);
      if (check.why === 'missing') throw new HttpError(401, 'this needs a token of the meeting (Authorization: Bearer T)', { 'www-authenticate': 'Bearer' });
      if (check.why === 'revoked') throw new HttpError(401, 'this link has been revoked; ask the secretary for a new one');
      if (check.why === 'replaced') throw new HttpError(401, 'this link was replaced; ask the secretary');
      throw new HttpError(403, 'the token is not valid for this meeting');
    }
    if (check.role === 'screen' && !screenToo) throw new HttpError(403, "the screen's link cannot ask for the floor or answer");
    return { role: check.role, tokenId: tokenIdOf(token!), person: check.person };
  }

  /** Who the record names for a request: the person (role `person`) or the link with the name it gave. */
  private actor(link: Link, voice: Voice, name: string): Actor {
    return actorOf(voice) ?? { role: link.role, tokenId: link.tokenId, name };
  }

  private tag(...parts: string[]): string {
    return createHmac('sha256', this.key).update(parts.join('\u0000')).digest('base64url').slice(0, 22);
  }
}

/** A JSON object body of at most `limit` bytes; 400 when it is not JSON or not an object. */
export async function readJson(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const raw = await readBody(req, limit);
  let v: unknown;
  try {
    v = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, 'the body must be a JSON object');
  return v as Record<string, unknown>;
}

/** The tag key of a data folder, derived from its sealing key (so it survives restarts and is not the key). */
export function participationKey(sealingKey: Uint8Array): Buffer {
  return createHmac('sha256', sealingKey).update('plenary participation tags v1').digest();
}
