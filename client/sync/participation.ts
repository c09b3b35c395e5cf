/**
 * Taking part from a page (issue 15): this browser's identity (a random id, name and company kept in
 * localStorage), the delegates' requests to the server (ParticipationService), the server's clock for
 * speaker timers, and a render snapshot of the queue, floor, speeches and polls.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { MAIN_ROOM } from '../../shared/document/meetingSchema.js';
import { observeParticipation, readFloor, readQueue, readSpeeches, type FloorState, type QueueEntry, type QueueKind, type Speech } from '../../shared/participation/speakerQueue.js';
import { readPolls, type Poll } from '../../shared/participation/showOfHands.js';
import { observeRegistration, readRegistration, type Registration } from '../../shared/participation/registration.js';
import { useMeetingContext } from './MeetingContext.js';
import { docSnapshots, useDocSnapshot } from './useDocSnapshot.js';

export interface Identity {
  /** Secret: only this browser and the server (which derives tags from it) know it. */
  id: string;
  name: string;
  company: string;
}

const IDENTITY_KEY = 'plenary:participant';
const ownerKey = (meetingId: string) => `plenary:owner:${meetingId}`;
const answersKey = (meetingId: string) => `plenary:answers:${meetingId}`;

function load<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}
function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage disabled: remembered for this page only.
  }
}

function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** This browser's identity (created on first use; name and company '' until given). */
export function identity(): Identity {
  const v = load<Partial<Identity>>(IDENTITY_KEY, {});
  const id = typeof v.id === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(v.id) ? v.id : randomId();
  const out = { id, name: typeof v.name === 'string' ? v.name : '', company: typeof v.company === 'string' ? v.company : '' };
  if (out.id !== v.id) save(IDENTITY_KEY, out);
  return out;
}

/** Remembers the name and company on this phone. */
export function saveIdentity(name: string, company: string): Identity {
  const next = { ...identity(), name: name.trim(), company: company.trim() };
  save(IDENTITY_KEY, next);
  return next;
}

/** The owner tag the server gave this browser in a meeting ('' until it answered once). */
export function storedOwner(meetingId: string): string {
  return load<string>(ownerKey(meetingId), '');
}

/** This browser's answers in a meeting's polls. */
export function storedAnswers(meetingId: string): Record<string, string> {
  return load<Record<string, string>>(answersKey(meetingId), {});
}

export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call(meetingId: string, token: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data: Record<string, unknown> = {};
  try {
    data = (await res.json()) as Record<string, unknown>;
  } catch {
    // Not JSON: described by the status below.
  }
  if (!res.ok) throw new RequestError(res.status, typeof data.error === 'string' ? data.error : `the server answered ${res.status}`);
  return data;
}

/** Asks for the floor; remembers the owner tag the server answers with. */
export async function requestFloor(meetingId: string, token: string, kind: QueueKind): Promise<void> {
  const me = identity();
  const data = await call(meetingId, token, '/queue', { participant: me.id, action: 'add', kind, name: me.name, company: me.company });
  if (typeof data.owner === 'string') save(ownerKey(meetingId), data.owner);
}

/** Withdraws this browser's request. */
export async function withdrawFloor(meetingId: string, token: string): Promise<void> {
  const data = await call(meetingId, token, '/queue', { participant: identity().id, action: 'withdraw' });
  if (typeof data.owner === 'string') save(ownerKey(meetingId), data.owner);
}

/** Answers a poll (or changes the answer while it is open). */
export async function answerPoll(meetingId: string, token: string, pollId: string, option: string): Promise<void> {
  await call(meetingId, token, `/polls/${encodeURIComponent(pollId)}/answer`, { participant: identity().id, option });
  save(answersKey(meetingId), { ...storedAnswers(meetingId), [pollId]: option });
}

/**
 * The server's time minus this browser's (ms), measured once per page (and again every 10 minutes) from
 * GET /clock, halving the round trip: speaker timers and poll deadlines run on the server's clock, so a
 * projector or phone whose clock is off still shows the right time.
 */
let offsetMs = 0;
let measured: Promise<void> | null = null;
export function serverNow(): number {
  return Date.now() + offsetMs;
}
function measureOffset(meetingId: string, token: string): Promise<void> {
  measured ??= (async () => {
    const t0 = Date.now();
    const data = await call(meetingId, token, '/clock');
    const t1 = Date.now();
    const server = Date.parse(String(data.now));
    if (Number.isFinite(server)) offsetMs = server - (t0 + t1) / 2;
  })().catch(() => {
    measured = null;
  });
  return measured;
}

/** The server's time now (ms), refreshed every `everyMs`. */
export function useServerNow(everyMs = 500): number {
  const { meetingId, token } = useMeetingContext();
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    void measureOffset(meetingId, token).then(() => setNow(serverNow()));
    const t = setInterval(() => setNow(serverNow()), everyMs);
    const again = setInterval(() => {
      measured = null;
      void measureOffset(meetingId, token);
    }, 600_000);
    return () => {
      clearInterval(t);
      clearInterval(again);
    };
  }, [meetingId, token, everyMs]);
  return now;
}

/** The server's time as ISO, for writes the chair makes (speech start, poll times). */
export function serverIso(): string {
  return new Date(serverNow()).toISOString();
}

export interface ParticipationSnapshot {
  queue: QueueEntry[];
  floor: FloorState;
  speeches: Speech[];
  polls: Poll[];
}

const participation = docSnapshots<ParticipationSnapshot>(observeParticipation, (doc) => ({
  queue: readQueue(doc, MAIN_ROOM),
  floor: readFloor(doc, MAIN_ROOM),
  speeches: readSpeeches(doc),
  polls: readPolls(doc),
}));

/** The queue, floor, speeches and polls; re-renders when any of them changes. */
export function useParticipation(): ParticipationSnapshot {
  return useDocSnapshot(participation);
}

const registration = docSnapshots<Registration>(observeRegistration, readRegistration);

/** How many people are registered (issue 24): once there are some, the shared link only follows unless allowed. */
export function useRegistration(): Registration {
  return useDocSnapshot(registration);
}

/** A value from localStorage-backed state that other components can update (owner, answers). */
export function useStored<T>(read: () => T): [T, () => void] {
  const [v, setV] = useState(read);
  const readRef = useRef(read);
  readRef.current = read;
  return [v, useCallback(() => setV(readRef.current()), [])];
}
