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
import { MeetingOpError } from '../../shared/document/entityOps.js';
import { MAIN_ROOM } from '../../shared/document/meetingSchema.js';
import { QUEUE_KINDS, addToQueue, ownEntry, readFloor, readQueue, withdrawOwn, type QueueKind } from '../../shared/participation/speakerQueue.js';
import { castBallot, readPollById } from '../../shared/participation/showOfHands.js';
import { readAnonymousParticipation } from '../../shared/participation/registration.js';
import { tokenIdOf } from '../access/tokens.js';
import type { PeopleService } from '../people/PeopleService.js';
import { actorOf, assertMayAnswer, assertMayTakePart, ballotKey, queueOwner, type Voice } from '../people/voice.js';
import type { MeetingCatalog } from './MeetingCatalog.js';
import type { RoomRegistry } from '../sync/RoomRegistry.js';
import { HttpError, bearerToken, readBody, sendJson } from '../http/httpUtil.js';
import { KeyedBudget, type BudgetOptions } from '../access/KeyedBudget.js';
import { meetingIdFrom } from '../access/apiAuth.js';
import { ballotSeal, type BallotSeal } from '../access/ballotSeal.js';

/** Origin of the server's writes on a delegate's behalf. */
export const PARTICIPATION_ORIGIN = Symbol('plenary-participation');

/** Limits; defaults in DEFAULT_PARTICIPATION_LIMITS. */
export interface ParticipationLimits {
  /** Requests per client address (a room behind one NAT shares it: generous). */
  perAddress: BudgetOptions;
  /** Requests per browser (participant id). */
  perParticipant: BudgetOptions;
  /** New queue entries per client address (one browser holds one; this bounds posing as many). */
  newEntriesPerAddress: BudgetOptions;
  /** Largest request body (bytes). */
  maxBodyBytes: number;
}

export const DEFAULT_PARTICIPATION_LIMITS: ParticipationLimits = {
  perAddress: { capacity: 300, perSecond: 5, maxKeys: 20_000 },
  perParticipant: { capacity: 20, perSecond: 1, maxKeys: 50_000 },
  newEntriesPerAddress: { capacity: 30, perSecond: 0.2, maxKeys: 20_000 },
  maxBodyBytes: 4096,
};

const QUEUE_PATH = /^\/api\/meetings\/([^/]+)\/queue$/;
const ANSWER_PATH = /^\/api\/meetings\/([^/]+)\/polls\/([^/]+)\/answer$/;
const CLOCK_PATH = /^\/api\/meetings\/([^/]+)\/clock$/;
const PARTICIPANT_ID = /^[A-Za-z0-9_-]{16,64}$/;
const POLL_ID = /^[a-z0-9]{1,32}$/;

export class ParticipationService {
  private readonly perAddress: KeyedBudget;
  private readonly perParticipant: KeyedBudget;
  private readonly newEntries: KeyedBudget;
  private readonly ballots: BallotSeal;

  constructor(
    private readonly catalog: MeetingCatalog,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
    /** Secret for owner and ballot tags: stable across restarts (derived from the data folder's key). */
    private readonly key: Uint8Array,
    private readonly limits: ParticipationLimits = DEFAULT_PARTICIPATION_LIMITS,
    private readonly now: () => number = Date.now,
    /** Registered people (issue 24): their own links speak for them (server/people/voice.ts). */
    private readonly people?: PeopleService,
  ) {
    this.perAddress = new KeyedBudget(limits.perAddress, now);
    this.perParticipant = new KeyedBudget(limits.perParticipant, now);
    this.newEntries = new KeyedBudget(limits.newEntriesPerAddress, now);
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
    const person = this.authorize(req, id, false);
    if (!this.perAddress.take(address)) throw tooMany(this.perAddress.retryAfterSeconds(address));
    const body = await readJson(req, this.limits.maxBodyBytes);
    const participant = body.participant;
    if (typeof participant !== 'string' || !PARTICIPANT_ID.test(participant)) {
      throw new HttpError(400, 'participant: expected the browser\'s id (16 to 64 letters, digits, "-" or "_")');
    }
    // A person's own link has one budget whatever browser ids it sends (issue 24).
    const budgetKey = person ? `person:${id}:${person.id}` : participant;
    if (!this.perParticipant.take(budgetKey)) throw tooMany(this.perParticipant.retryAfterSeconds(budgetKey));
    const voice: Voice = person ? { kind: 'person', person, tokenId: tokenIdOf(bearerToken(req)!) } : { kind: 'browser', participant };
    if (person) this.people?.seenFrom(id, person.id);
    if (queue) return sendJson(res, 200, await this.queueRequest(id, voice, body, address));
    const pollId = answer![2];
    if (!POLL_ID.test(pollId)) throw new HttpError(404, 'no such poll');
    return sendJson(res, 200, await this.answer(id, pollId, voice, body.option));
  }

  /** The owner tag of a browser in a meeting's queue (what the document shows instead of its id). */
  ownerTag(meetingId: string, participant: string): string {
    return this.tag('queue', meetingId, participant);
  }

  /** The tag of a browser's ballot in one poll. */
  ballotTag(meetingId: string, pollId: string, participant: string): string {
    return this.tag('poll', meetingId, pollId, participant);
  }

  private async queueRequest(id: string, voice: Voice, body: Record<string, unknown>, address: string): Promise<object> {
    const owner = queueOwner((...p) => this.tag(...p), id, voice);
    const at = new Date(this.now()).toISOString();
    const action = body.action;
    const registered = this.people?.registry.count(id) ?? 0;
    if (action === 'withdraw') {
      const withdrawn = await this.write(id, (doc) => withdrawOwn(doc, owner, MAIN_ROOM), voice);
      return { withdrawn, owner, now: at };
    }
    if (action !== 'add') throw new HttpError(400, 'action: expected "add" or "withdraw"');
    const kind = body.kind;
    if (typeof kind !== 'string' || !(QUEUE_KINDS as readonly string[]).includes(kind)) {
      throw new HttpError(400, `kind: expected one of ${QUEUE_KINDS.join(', ')}`);
    }
    return this.write(
      id,
      (doc) => {
        assertMayTakePart(voice, registered, readAnonymousParticipation(doc));
        const waiting = readQueue(doc, MAIN_ROOM);
        const mine = ownEntry(waiting, owner);
        if (mine) return { entry: { id: mine.id, place: waiting.indexOf(mine) + 1 }, already: true, owner, now: at };
        if (!readFloor(doc, MAIN_ROOM).open) throw new HttpError(409, 'the queue is closed');
        if (!this.newEntries.take(address)) throw tooMany(this.newEntries.retryAfterSeconds(address));
        // A person's entry carries their registered name and organisation, whatever the request says.
        const who = voice.kind === 'person' ? { name: voice.person.name, company: voice.person.organisation } : { name: body.name as string, company: body.company as string };
        const entryId = addToQueue(doc, { kind: kind as QueueKind, ...who, owner, at, by: 'self', room: MAIN_ROOM });
        const place = readQueue(doc, MAIN_ROOM).findIndex((e) => e.id === entryId) + 1;
        return { entry: { id: entryId, place }, owner, now: at };
      },
      voice,
    );
  }

  private answer(id: string, pollId: string, voice: Voice, option: unknown): Promise<object> {
    const registered = this.people?.registry.count(id) ?? 0;
    return this.write(
      id,
      (doc) => {
        assertMayTakePart(voice, registered, readAnonymousParticipation(doc));
        const perOrganisation = readPollById(doc, pollId)?.perOrganisation === true;
        assertMayAnswer(voice, perOrganisation);
        const key = ballotKey((...p) => this.tag(...p), id, pollId, voice, perOrganisation);
        const at = new Date(this.now()).toISOString();
        const voter = voice.kind === 'person' ? { name: voice.person.name, organisation: voice.person.organisation, at } : undefined;
        // A poll whose counts are shown at close takes its ballots sealed (ballotSeal.ts), under the same key
        // as any ballot (a browser's, a person's, an organisation's), which the server opens them by at the close.
        const sealer = { seal: (i: number) => this.ballots.seal(pollId, key, i), open: (s: string) => this.ballots.open(pollId, key, s) };
        const changed = castBallot(doc, pollId, key, option, this.now(), voter, sealer);
        return { option, changed, now: at };
      },
      voice,
    );
  }

  /**
   * Applies `f` to the live document in one transaction and answers once it is stored (and broadcast).
   * A MeetingOpError is the client's mistake: 409 when the state refuses it, else 400.
   */
  private write<T>(id: string, f: (doc: import('yjs').Doc) => T, voice?: Voice): Promise<T> {
    return this.rooms.withRoom(id, async (room) => {
      let out!: T;
      try {
        room.doc.transact(() => {
          out = f(room.doc);
        }, (voice && actorOf(voice)) ?? PARTICIPATION_ORIGIN);
      } catch (e) {
        if (e instanceof MeetingOpError) throw new HttpError(/closed|full|all the answers/.test(e.message) ? 409 : e.message === 'no such poll' ? 404 : 400, e.message);
        throw e;
      }
      await room.flush();
      this.log.debug({ meeting: id }, 'applied a delegate request');
      return out;
    });
  }

  /** The token's check; answers the person a person's own link names (issue 24). */
  private authorize(req: IncomingMessage, id: string, screenToo: boolean): { id: string; name: string; organisation: string } | undefined {
    const check = this.catalog.check(id, bearerToken(req));
    if (!check.ok) {
      if (check.why === 'unknown-meeting') throw new HttpError(404, `no meeting "${id}"`);
      if (check.why === 'missing') throw new HttpError(401, 'this needs a token of the meeting (Authorization: Bearer T)', { 'www-authenticate': 'Bearer' });
      if (check.why === 'revoked') throw new HttpError(401, 'this link has been revoked; ask the secretary for a new one');
      if (check.why === 'replaced') throw new HttpError(401, 'this link was replaced; ask the secretary');
      throw new HttpError(403, 'the token is not valid for this meeting');
    }
    if (check.role === 'screen' && !screenToo) throw new HttpError(403, "the screen's link cannot ask for the floor or answer");
    return check.person;
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

function tooMany(retryAfter: number): HttpError {
  return new HttpError(429, 'too many requests from this page; try again shortly', { 'retry-after': String(retryAfter) });
}

/** The tag key of a data folder, derived from its sealing key (so it survives restarts and is not the key). */
export function participationKey(sealingKey: Uint8Array): Buffer {
  return createHmac('sha256', sealingKey).update('plenary participation tags v1').digest();
}
