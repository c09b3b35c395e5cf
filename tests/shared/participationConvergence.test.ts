/**
 * The queue, the floor, the speeches and the polls converge like the rest of the meeting: three replicas
 * (the server applying delegates' requests, the chair, the secretary) make random queue and poll changes,
 * messages arrive in random order, replicas drop off and come back; at the end every replica reads the
 * same queue, floor, speeches and counts, and the meeting JSON still parses. (Entry ids come from
 * crypto, so a seed replays the same operations but not byte-identical ids.)
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom, type SeededRandom } from '../helpers/seededRandom.js';
import { ReplicaNetwork } from './replicaNetwork.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { MeetingOpError } from '../../shared/document/entityOps.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { sampleMeeting } from '../helpers/startTestServer.js';
import {
  QUEUE_KINDS,
  addToQueue,
  callNext,
  endSpeech,
  moveInQueue,
  readFloor,
  readQueue,
  readSpeeches,
  removeFromQueue,
  setQueueOpen,
  setSpeakingLimit,
  withdrawOwn,
} from '../../shared/participation/speakerQueue.js';
import { castBallot, closePoll, openPoll, readPolls, setRoomCounts } from '../../shared/participation/showOfHands.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');

function randomOp(rng: SeededRandom, doc: Y.Doc, step: number): void {
  const at = new Date(T0 + step * 1000).toISOString();
  const queue = readQueue(doc);
  const polls = readPolls(doc);
  switch (rng.int(0, 11)) {
    case 0:
    case 1:
      addToQueue(doc, { kind: rng.pick(QUEUE_KINDS), name: `P${rng.int(1, 9)}`, owner: `o${rng.int(1, 6)}`, at, by: 'self' });
      return;
    case 2:
      withdrawOwn(doc, `o${rng.int(1, 6)}`);
      return;
    case 3:
      if (queue.length) moveInQueue(doc, rng.pick(queue).id, rng.int(0, queue.length));
      return;
    case 4:
      if (queue.length) removeFromQueue(doc, rng.pick(queue).id);
      return;
    case 5:
      callNext(doc, { at, agendaItemId: rng.chance(0.5) ? 'gone' : '' });
      return;
    case 6:
      endSpeech(doc, at);
      return;
    case 7:
      if (rng.chance(0.5)) setQueueOpen(doc, rng.chance(0.5));
      else setSpeakingLimit(doc, rng.pick([0, 60, 120]));
      return;
    case 8:
      openPoll(doc, { question: `Q${step}`, options: rng.pick([['Yes', 'No', 'Abstain'], ['A', 'B']]), at, durationSeconds: rng.pick([0, 30]) });
      return;
    case 9:
      if (polls.length) closePoll(doc, rng.pick(polls).id, at);
      return;
    case 10:
      if (polls.length) {
        const p = rng.pick(polls);
        castBallot(doc, p.id, `t${rng.int(1, 8)}`, rng.pick(p.options), T0 + step * 1000);
      }
      return;
    default:
      if (polls.length) {
        const p = rng.pick(polls);
        setRoomCounts(doc, p.id, { [rng.pick(p.options)]: rng.int(0, 50) });
      }
  }
}

const view = (doc: Y.Doc) => ({ queue: readQueue(doc), floor: readFloor(doc), speeches: readSpeeches(doc), polls: readPolls(doc) });

describe('participation converges', () => {
  for (let seed = 1; seed <= 20; seed++) {
    it(`seed ${seed}: 3 replicas × 150 steps read the same queue, floor, speeches and counts`, () => {
      const rng = seededRandom(seed);
      const base = createMeetingDoc(sampleMeeting(2));
      const net = new ReplicaNetwork(3, Y.encodeStateAsUpdate(base), rng);
      for (let step = 0; step < 150; step++) {
        const r = rng.next();
        if (r < 0.45) net.deliverOne();
        else if (r < 0.5) net.disconnect(rng.int(0, 2));
        else if (r < 0.55) net.reconnect(rng.int(0, 2));
        else {
          try {
            randomOp(rng, rng.pick(net.replicas).doc, step);
          } catch (e) {
            // A closed poll, a full queue, an option gone: refused before anything is written.
            if (!(e instanceof MeetingOpError)) throw e;
          }
        }
      }
      net.settle();
      const [a, b, c] = net.replicas.map((x) => x.doc);
      expect(view(b)).toEqual(view(a));
      expect(view(c)).toEqual(view(a));
      const json = readMeeting(a);
      expect(parseMeeting(json).ok).toBe(true);
      expect(new Set(view(a).queue.map((e) => e.id)).size).toBe(view(a).queue.length);
      // The run did something worth converging.
      expect(view(a).speeches.length).toBeGreaterThan(0);
      expect(view(a).polls.length).toBeGreaterThan(0);
    });
  }
});
