/**
 * The record of who spoke and of the shows of hands in meeting JSON (issue 15): two optional parts,
 * `speeches` and `polls`, present only when the meeting has some. The waiting queue and the floor are the
 * room's state of the moment and are not part of the JSON; ballots are never exported, only counts.
 */
import type * as Y from 'yjs';
import { MAIN_ROOM, type MeetingJson, type PollJson, type SpeechJson } from '../document/meetingSchema.js';
import { QUEUE_KINDS, QUEUE_LIMITS, readSpeeches, restoreSpeech } from './speakerQueue.js';
import { POLL_LIMITS, readPolls, restorePoll } from './showOfHands.js';

export type ParticipationParts = Pick<MeetingJson, 'speeches' | 'polls'>;

/** The parts as the document has them; references to items or contributions that are gone become ''. */
export function readParticipationJson(doc: Y.Doc, known: { agenda: Set<string>; contributions: Set<string> }): ParticipationParts {
  // Whatever a faulty peer wrote, the result passes checkParticipationJson (parseMeeting(readMeeting(doc)) holds).
  const ref = (id: string, set: Set<string>) => (set.has(id) ? id : '');
  const time = (t: string) => (ISO.test(t) ? t : '');
  const cap = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).map(([k, n]) => [k, Math.min(n, POLL_LIMITS.maxRoomCount)]));
  const speeches: SpeechJson[] = readSpeeches(doc)
    .filter((s) => ID.test(s.id) && ID.test(s.room) && ISO.test(s.startedAt) && s.name.trim())
    .map((s) => ({
      ...s,
      agendaItemId: ref(s.agendaItemId, known.agenda),
      contributionId: ref(s.contributionId, known.contributions),
      endedAt: time(s.endedAt),
    }));
  const polls: PollJson[] = readPolls(doc)
    .filter((p) => ID.test(p.id) && ID.test(p.room) && ISO.test(p.openedAt) && p.question.trim())
    // Sealed ballots are never exported (nor counted in `remote` until the server opens them at the close).
    .map(({ sealedCount: _sealed, ...p }) => ({
      ...p,
      closesAt: time(p.closesAt),
      closedAt: time(p.closedAt),
      agendaItemId: ref(p.agendaItemId, known.agenda),
      contributionId: ref(p.contributionId, known.contributions),
      remote: cap(p.remote),
      roomCounts: cap(p.roomCounts),
    }));
  return { ...(speeches.length ? { speeches } : {}), ...(polls.length ? { polls } : {}) };
}

/** Writes the parts of valid meeting JSON into a document (inside the caller's transaction). */
export function writeParticipationJson(doc: Y.Doc, m: ParticipationParts): void {
  for (const s of m.speeches ?? []) restoreSpeech(doc, s);
  for (const p of m.polls ?? []) restorePoll(doc, p);
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Checks the parts strictly (for parseMeeting): reports each problem with its path through `err` and
 * returns the parts as they go into the meeting.
 */
export function checkParticipationJson(
  data: Record<string, unknown>,
  ids: { agenda: Set<string>; contributions: Set<string> },
  err: (path: string, message: string) => void,
): ParticipationParts {
  const out: ParticipationParts = {};
  const str = (o: Record<string, unknown>, key: string, path: string, max: number, test?: RegExp, optional = false): string => {
    const v = o[key];
    if (v === undefined && optional) return '';
    if (typeof v !== 'string') {
      err(`${path}.${key}`, 'expected a string');
      return '';
    }
    if (v.length > max) err(`${path}.${key}`, `longer than ${max} characters`);
    else if (test && v !== '' && !test.test(v)) err(`${path}.${key}`, `not valid: "${v.slice(0, 40)}"`);
    return v;
  };
  const ref = (o: Record<string, unknown>, key: 'agendaItemId' | 'contributionId', path: string) => {
    const v = str(o, key, path, 64, undefined, true);
    if (v && !(key === 'agendaItemId' ? ids.agenda : ids.contributions).has(v)) err(`${path}.${key}`, `no ${key === 'agendaItemId' ? 'agenda item' : 'contribution'} "${v}"`);
    return v;
  };
  const list = (key: 'speeches' | 'polls'): Record<string, unknown>[] | undefined => {
    const v = data[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) {
      err(key, 'expected an array');
      return undefined;
    }
    const seen = new Set<string>();
    return v.filter((e, i): e is Record<string, unknown> => {
      if (!isObj(e)) {
        err(`${key}[${i}]`, 'expected an object');
        return false;
      }
      if (typeof e.id === 'string' && seen.has(e.id)) err(`${key}[${i}].id`, `"${e.id}" appears twice`);
      if (typeof e.id === 'string') seen.add(e.id);
      return true;
    });
  };

  const speeches = list('speeches');
  if (speeches?.length) {
    out.speeches = speeches.map((s, i) => {
      const p = `speeches[${i}]`;
      const kind = str(s, 'kind', p, 40);
      if (kind && !(QUEUE_KINDS as readonly string[]).includes(kind)) err(`${p}.kind`, `expected one of ${QUEUE_KINDS.join(', ')}`);
      const name = str(s, 'name', p, QUEUE_LIMITS.maxName);
      if (!name) err(`${p}.name`, 'missing');
      return {
        id: str(s, 'id', p, 64, ID),
        room: str(s, 'room', p, 64, ID, true) || MAIN_ROOM,
        name,
        company: str(s, 'company', p, QUEUE_LIMITS.maxCompany, undefined, true),
        kind,
        agendaItemId: ref(s, 'agendaItemId', p),
        contributionId: ref(s, 'contributionId', p),
        startedAt: str(s, 'startedAt', p, 40, ISO),
        endedAt: str(s, 'endedAt', p, 40, ISO, true),
      };
    });
  }
  const polls = list('polls');
  if (polls?.length) {
    out.polls = polls.map((x, i) => {
      const p = `polls[${i}]`;
      const options = Array.isArray(x.options) ? x.options : [];
      if (!Array.isArray(x.options) || !options.length || options.length > POLL_LIMITS.maxOptions) err(`${p}.options`, `expected 1 to ${POLL_LIMITS.maxOptions} options`);
      if (options.some((o) => typeof o !== 'string' || !o || o.length > POLL_LIMITS.maxOption) || new Set(options).size !== options.length) {
        err(`${p}.options`, 'expected distinct non-empty strings');
      }
      const counts = (key: 'remote' | 'roomCounts'): Record<string, number> => {
        const c = x[key];
        const outCounts: Record<string, number> = {};
        if (!isObj(c)) {
          err(`${p}.${key}`, 'expected an object of counts');
          return outCounts;
        }
        for (const o of options as string[]) {
          const n = c[o] ?? 0;
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > POLL_LIMITS.maxRoomCount) err(`${p}.${key}`, `"${o}": expected a whole number`);
          else outCounts[o] = n;
        }
        return outCounts;
      };
      const question = str(x, 'question', p, POLL_LIMITS.maxQuestion);
      if (!question) err(`${p}.question`, 'missing');
      return {
        id: str(x, 'id', p, 64, ID),
        room: str(x, 'room', p, 64, ID, true) || MAIN_ROOM,
        question,
        options: options as string[],
        openedAt: str(x, 'openedAt', p, 40, ISO),
        closesAt: str(x, 'closesAt', p, 40, ISO, true),
        closedAt: str(x, 'closedAt', p, 40, ISO, true),
        agendaItemId: ref(x, 'agendaItemId', p),
        contributionId: ref(x, 'contributionId', p),
        remote: counts('remote'),
        roomCounts: counts('roomCounts'),
        ...(x.perOrganisation === true ? { perOrganisation: true } : {}),
        ...showCountsOf(x, p, err),
      };
    });
  }
  return out;
}

/** A poll's optional `showCounts` (issue 25): 'at-close' or absent ('live' reads as absent). */
function showCountsOf(x: Record<string, unknown>, p: string, err: (path: string, message: string) => void): Pick<PollJson, 'showCounts'> {
  const v = x.showCounts;
  if (v === undefined || v === 'live') return {};
  if (v !== 'at-close') {
    err(`${p}.showCounts`, 'expected "at-close" or "live"');
    return {};
  }
  return { showCounts: 'at-close' };
}
