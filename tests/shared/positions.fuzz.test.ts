/**
 * Convergence fuzz of positions and e-mail approval rounds (issue 26), a sibling of convergence.fuzz:
 * two editors' replicas and the server's replica (which applies HTTP requests — a person's position, a
 * round opened, a decision — and the deadline clock's evaluation) write positions, rounds, decisions,
 * revisions and withdrawals concurrently while their updates are delivered in seeded random order with
 * disconnects. At the end every replica reads the same meeting, positions and round views, with at most
 * one position per organisation per Tdoc, a decided round never decided twice in its Tdocs' histories by
 * the server, and the strict parser accepting the JSON.
 *
 * Replay a seed: `FUZZ_SEED=12 npx vitest run --project unit tests/shared/positions.fuzz.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom, type SeededRandom } from '../helpers/seededRandom.js';
import { ReplicaNetwork } from './replicaNetwork.js';
import { meetingInvariantViolations } from './meetingInvariants.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { MeetingOpError } from '../../shared/document/entityOps.js';
import { readAll } from '../../shared/document/entityStore.js';
import { reviseContribution, setContributionStatus } from '../../shared/document/contributionOps.js';
import { sampleMeeting } from '../helpers/startTestServer.js';
import { organisationKey, readPositions, removePosition, statePosition } from '../../shared/positions/positionLedger.js';
import { closeAtDeadline, decideRound, extendRound, openRound, readRounds, viewRounds } from '../../shared/positions/approvalRounds.js';
import { STANCES } from '../../shared/document/meetingSchema.js';

const LONG = process.env.PLENARY_FUZZ === 'long';
const SEEDS = LONG ? 500 : 25;
const STEPS = LONG ? 400 : 200;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const ORGS = ['Ericsson', 'ERICSSON', 'Nokia', 'Huawei', 'Apple', 'Qualcomm'];
const DECISIONS = ['approved', 'not-approved', 'to-call', 'withdrawn'];

type Op = (doc: Y.Doc, rng: SeededRandom, nowMs: number, who: string) => void;

const tdocIds = (doc: Y.Doc) => readAll(doc, 'contributions').map((c) => c.id);
const pick = <T,>(rng: SeededRandom, list: readonly T[]): T => {
  if (!list.length) throw new MeetingOpError('nothing to pick');
  return rng.pick([...list]);
};

/** What an editor's board or the server's routes do, as named operations. */
const OPS: Record<string, Op> = {
  state: (doc, rng, now, who) =>
    void statePosition(doc, { contributionId: pick(rng, tdocIds(doc)), organisation: pick(rng, ORGS), stance: pick(rng, STANCES), comment: rng.chance(0.5) ? 'needs study' : '', by: who, at: new Date(now).toISOString(), onBehalf: who !== 'person' }),
  remove: (doc, rng) => {
    const p = pick(rng, readPositions(doc));
    removePosition(doc, p.contributionId, p.organisation);
  },
  open: (doc, rng, now, who) => {
    const ids = tdocIds(doc);
    const set = rng.shuffle(ids).slice(0, rng.int(1, Math.min(3, ids.length)));
    openRound(doc, { tdocs: set, deadline: new Date(now + rng.int(1, 60) * 60_000).toISOString(), by: who, nowMs: now, autoApprove: rng.chance(0.5) });
  },
  decide: (doc, rng, now, who) => decideRound(doc, pick(rng, readRounds(doc)).id, pick(rng, DECISIONS), { by: who, at: new Date(now).toISOString() }),
  extend: (doc, rng, now) => extendRound(doc, pick(rng, readRounds(doc)).id, new Date(now + rng.int(1, 90) * 60_000).toISOString(), now),
  close: (doc, rng, now) => void closeAtDeadline(doc, pick(rng, readRounds(doc)).id, now + rng.int(0, 120) * 60_000),
  revise: (doc, rng, now, who) => void reviseContribution(doc, pick(rng, tdocIds(doc)), { by: who, at: new Date(now).toISOString() }),
  withdraw: (doc, rng, now, who) => setContributionStatus(doc, pick(rng, tdocIds(doc)), 'withdrawn', { by: who, at: new Date(now).toISOString() }),
};
const WEIGHTS: [string, number][] = [['state', 10], ['remove', 2], ['open', 4], ['decide', 2], ['extend', 1], ['close', 3], ['revise', 2], ['withdraw', 1]];

function pickOp(rng: SeededRandom): string {
  let r = rng.next() * WEIGHTS.reduce((s, [, w]) => s + w, 0);
  for (const [name, w] of WEIGHTS) if ((r -= w) < 0) return name;
  return 'state';
}

function runSeed(seed: number, steps: number): void {
  const rng = seededRandom(seed);
  const origin = createMeetingDoc(sampleMeeting(5));
  // Replica 0 and 1: the chair's and the secretary's boards; replica 2: the server (HTTP requests, the clock).
  const net = new ReplicaNetwork(3, Y.encodeStateAsUpdate(origin), rng);
  const who = ['Chair', 'Secretary', 'person'];
  const trace: string[] = [];
  const fail = (step: number | string, what: string): never => {
    throw new Error(`seed ${seed}, step ${step}: ${what}\n  last operations: ${trace.slice(-12).join(', ')}`);
  };
  for (let step = 0; step < steps; step++) {
    const r = rng.next();
    const now = T0 + step * 30_000;
    if (r < 0.45) net.deliverOne();
    else if (r < 0.5) {
      const replica = rng.pick(net.replicas);
      if (replica.online) net.disconnect(replica.index);
      else net.reconnect(replica.index);
    } else {
      const replica = rng.pick(net.replicas);
      const name = pickOp(rng);
      trace.push(`${name}#${replica.index}`);
      const before = Y.encodeStateVector(replica.doc);
      try {
        replica.doc.transact(() => OPS[name](replica.doc, rng, now, who[replica.index]));
      } catch (e) {
        if (!(e instanceof MeetingOpError)) fail(step, `${name} threw ${(e as Error).stack ?? e}`);
        if (Buffer.compare(Buffer.from(before), Buffer.from(Y.encodeStateVector(replica.doc))) !== 0) fail(step, `${name} was refused (${(e as Error).message}) but changed the document`);
      }
    }
  }
  net.settle();
  const reads = net.replicas.map((x) => JSON.stringify({ m: readMeeting(x.doc), views: viewRounds(x.doc) }));
  reads.forEach((x, i) => x !== reads[0] && fail('end', `replica ${i} reads other positions or rounds than replica 0`));
  const m = readMeeting(net.replicas[0].doc);
  const broken = meetingInvariantViolations(m);
  if (broken.length) fail('end', `converged meeting is broken:\n  ${broken.join('\n  ')}`);
  const keys = (m.positions ?? []).map((p) => `${p.contributionId}/${organisationKey(p.organisation)}`);
  if (new Set(keys).size !== keys.length) fail('end', 'an organisation has two positions on one Tdoc');
}

describe('convergence fuzz of positions and e-mail approval rounds', () => {
  const only = process.env.FUZZ_SEED;
  if (only) {
    it(`seed ${only} (from FUZZ_SEED)`, () => runSeed(Number(only), STEPS));
    return;
  }
  it(`G-POS-6: ${SEEDS} seeds × ${STEPS} steps of two editors and the server converge, one position per organisation per Tdoc`, () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      try {
        runSeed(seed, STEPS);
      } catch (e) {
        failures.push((e as Error).message);
        if (failures.length >= 3) break;
      }
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, LONG ? 1_800_000 : 120_000);
});
