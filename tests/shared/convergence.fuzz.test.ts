/**
 * Convergence fuzz (STYLE.md §3.5.2): 3-5 replicas apply seeded random mutations through the shared
 * accessors while their updates are delivered in random order with random disconnects. At the end every
 * replica must read the same meeting JSON and state vector, and the invariants must hold. The starting
 * meeting has two rooms, whose live pointers roomOp moves concurrently (issue 16).
 *
 * Quick by default; `npm run test:fuzz` (PLENARY_FUZZ=long) runs many more seeds. A failure names its
 * seed; replay one with `FUZZ_SEED=1234 npx vitest run --project unit tests/shared/convergence.fuzz.test.ts`.
 * Seeds that ever failed are pinned below as named tests.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom } from '../helpers/seededRandom.js';
import { ReplicaNetwork } from './replicaNetwork.js';
import { crosswiseMoves, pickOp } from './meetingFuzzOps.js';
import { meetingInvariantViolations } from './meetingInvariants.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { MeetingOpError } from '../../shared/document/entityOps.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { ENTITY_KINDS, emptyLive, emptyMeta, type MeetingJson } from '../../shared/document/meetingSchema.js';
import { entryText, table } from '../../shared/document/entityStore.js';
import { presetStatuses } from '../../shared/document/statuses.js';

/** The transaction origin of a replica's own edits (what its undo manager tracks). */
const LOCAL = Symbol('local');
const LONG = process.env.PLENARY_FUZZ === 'long';
const SEEDS = LONG ? 1000 : 30;
const STEPS = LONG ? 400 : 200;

/** A small starting meeting: a two-level agenda with a few rows, a session, an action. */
function startingMeeting(): MeetingJson {
  const item = (id: string, parentId: string | null, rank: string, label: string) => ({ id, parentId, rank, label, title: `Item ${label}`, notes: '' });
  const row = (id: string, agendaItemId: string, rank: string, number: string) => ({
    id,
    number,
    aliases: [],
    title: `Tdoc ${number}`,
    source: 'ETSI',
    agendaItemId,
    rank,
    status: 'available',
    notes: 'first line\nsecond line',
    revisionOf: null,
    history: [],
  });
  return {
    format: 'plenary-meeting',
    version: 1,
    meta: { ...emptyMeta(), title: 'SEC 23', startDate: '2016-05-16', endDate: '2016-05-20', purpose: 'decision' },
    statuses: presetStatuses('3gpp'),
    agenda: [item('A', null, 'G', '1'), item('A1', 'A', 'V', '1.1'), item('B', null, 'V', '2'), item('B1', 'B', 'G', '2.1'), item('B2', 'B', 'V', '2.2'), item('C', null, 'k', '3')],
    sessions: [
      { id: 'S1', date: '2016-05-16', start: '09:00', end: '10:30', room: 'Salle 1', code: 'S1', title: 'Opening', agendaNote: '1, 2', agendaItemIds: ['A', 'B'] },
      { id: 'S2', date: '2016-05-16', start: '09:00', end: '10:30', room: 'Salle 2', code: 'D1', title: 'Drafting', agendaNote: '3', agendaItemIds: ['C'] },
    ],
    contributions: [row('T1', 'B1', 'G', 'SEC-2016-0094R02'), row('T2', 'B1', 'V', 'SEC-2016-0095'), row('T3', 'B2', 'V', 'ARC-2016-0244')],
    actions: [{ id: 'X1', ref: 'A1', what: 'Review', who: 'All', status: 'open', notes: '' }],
    deliverables: [{ id: 'D1', name: 'TS-0003', version: '2.4.0', reference: '', note: '', rank: 'V' }],
    objectives: [{ id: 'O1', text: 'Agree the work plan', rank: 'V' }],
    live: emptyLive(),
    // Two rooms live at once (issue 16): roomOp moves both pointers concurrently.
    rooms: [
      { id: 'main', name: 'Salle 1', live: emptyLive() },
      { id: 'salle-2', name: 'Salle 2', live: { ...emptyLive(), agendaItemId: 'C' } },
    ],
  };
}

/** Runs one seed; throws an Error naming the seed, the step and the recent operations on any failure. */
function runSeed(seed: number, steps: number): void {
  const rng = seededRandom(seed);
  const origin = new Y.Doc();
  origin.clientID = 1000;
  const parsed = parseMeeting(startingMeeting());
  if (!parsed.ok) throw new Error(`starting meeting is invalid: ${JSON.stringify(parsed.errors)}`);
  createMeetingDoc(parsed.value, origin);
  const net = new ReplicaNetwork(rng.int(3, 5), Y.encodeStateAsUpdate(origin), rng);
  const trace: string[] = [];
  // As the board does it: local edits under one origin, and an undo manager that tracks only those.
  const undo = net.replicas.map((r) => new Y.UndoManager(r.doc, { trackedOrigins: new Set([LOCAL]), captureTimeout: 0 }));
  // Entries an undo or redo brought back or took away: their end state depends on what the peers did.
  const unchecked = new Set<string>();
  // Entries made and removed by the operations (as kind/id): at the end exactly the rest must exist.
  const created = new Set(entryIds(net.replicas[0].doc));
  const deleted = new Set<string>();
  const fail = (step: number | string, what: string): never => {
    throw new Error(`seed ${seed}, step ${step}: ${what}\n  last operations: ${trace.slice(-12).join(', ')}`);
  };

  for (let step = 0; step < steps; step++) {
    const r = rng.next();
    if (r < 0.4) {
      net.deliverOne();
    } else if (r < 0.43) {
      // Concurrent moves that form a 2- or 3-cycle once they meet.
      const docs = rng.shuffle(net.replicas).slice(0, rng.int(2, Math.min(3, net.replicas.length)));
      try {
        trace.push(crosswiseMoves(rng, docs.map((d) => d.doc)) + ` on #${docs.map((d) => d.index).join(',#')}`);
      } catch (e) {
        if (!(e instanceof MeetingOpError)) fail(step, `crosswise moves threw ${(e as Error).stack ?? e}`);
        trace.push(`crosswise refused: ${(e as Error).message}`);
      }
    } else if (r < 0.47) {
      const replica = rng.pick(net.replicas);
      if (replica.online) net.disconnect(replica.index);
      else net.reconnect(replica.index);
      trace.push(`${replica.online ? 'reconnect' : 'disconnect'}#${replica.index}`);
    } else if (r < 0.49) {
      const replica = rng.pick(net.replicas);
      const idsBefore = entryIds(replica.doc);
      const redo = rng.chance(0.3);
      trace.push(`${redo ? 'redo' : 'undo'}#${replica.index}`);
      if (redo) undo[replica.index].redo();
      else undo[replica.index].undo();
      const idsAfter = entryIds(replica.doc);
      for (const id of idsAfter) if (!idsBefore.has(id)) unchecked.add(id);
      for (const id of idsBefore) if (!idsAfter.has(id)) unchecked.add(id);
    } else {
      const replica = rng.pick(net.replicas);
      const op = pickOp(rng);
      trace.push(`${op.name}#${replica.index}`);
      const before = Y.encodeStateVector(replica.doc);
      const idsBefore = entryIds(replica.doc);
      try {
        const ctx = { rng, doc: replica.doc, idPrefix: `${replica.index}-${step}`, actor: { by: `user${replica.index}`, at: `2016-05-16T09:${String(step % 60).padStart(2, '0')}:00.000Z` } };
        replica.doc.transact(() => op(ctx), LOCAL);
      } catch (e) {
        if (!(e instanceof MeetingOpError)) fail(step, `${op.name} threw ${(e as Error).stack ?? e}`);
        // A refused operation leaves the document as it was: no half-done edit.
        if (!equalBytes(before, Y.encodeStateVector(replica.doc))) fail(step, `${op.name} was refused (${(e as Error).message}) but changed the document`);
      }
      const idsAfter = entryIds(replica.doc);
      for (const id of idsAfter) if (!idsBefore.has(id)) created.add(id);
      for (const id of idsBefore) if (!idsAfter.has(id)) deleted.add(id);
    }
    if (step % 20 === 0) {
      // Tolerant reading must hold at every moment, also with updates still in flight.
      const replica = rng.pick(net.replicas);
      let broken: string[] = [];
      try {
        broken = meetingInvariantViolations(readMeeting(replica.doc));
      } catch (e) {
        fail(step, `readMeeting threw on replica ${replica.index}: ${(e as Error).stack ?? e}`);
      }
      if (broken.length) fail(step, `replica ${replica.index} reads a broken meeting:\n  ${broken.join('\n  ')}`);
    }
  }

  net.settle();
  const reads = net.replicas.map((r) => readMeeting(r.doc));
  const first = JSON.stringify(reads[0]);
  reads.forEach((m, i) => {
    if (JSON.stringify(m) !== first) fail('end', `replica ${i} reads a different meeting than replica 0: ${firstDifference(reads[0], m)}`);
    if (!equalBytes(Y.encodeStateVector(net.replicas[i].doc), Y.encodeStateVector(net.replicas[0].doc))) {
      fail('end', `replica ${i} has a different state vector`);
    }
  });
  const expected = [...created].filter((id) => !deleted.has(id) && !unchecked.has(id)).sort();
  const present = [...entryIds(net.replicas[0].doc)].filter((id) => !unchecked.has(id)).sort();
  if (JSON.stringify(present) !== JSON.stringify(expected)) {
    fail('end', `entries lost or revived: missing ${expected.filter((x) => !present.includes(x))}, unexpected ${present.filter((x) => !expected.includes(x))}`);
  }
  const broken = meetingInvariantViolations(reads[0]);
  if (broken.length) fail('end', `converged meeting is broken:\n  ${broken.join('\n  ')}`);
  // An export imports back to the same meeting.
  const again = parseMeeting(JSON.parse(first));
  if (!again.ok || JSON.stringify(readMeeting(createMeetingDoc(again.value))) !== first) fail('end', 'export does not import back to the same meeting');
}

/** Every entry of every kind, as `kind/id`. */
function entryIds(doc: Y.Doc): Set<string> {
  const out = new Set<string>();
  for (const kind of ENTITY_KINDS) for (const id of table(doc, kind).keys()) out.add(`${kind}/${id}`);
  return out;
}

/** The first path where two JSON values differ, with both values. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

describe('convergence fuzz', () => {
  const only = process.env.FUZZ_SEED;
  if (only) {
    it(`seed ${only} (from FUZZ_SEED)`, () => runSeed(Number(only), STEPS));
    return;
  }

  // Seeds that once failed, with what was wrong. (The operation mix has grown since, so a seed now drives
  // other steps than when it failed; each bug also has a deterministic regression test in the unit tests.)
  it('seed 4 (was: an entry read with rank "" while a rank overwrite was half applied)', () => runSeed(4, 200));
  it('seed 5 (was: a contribution read with rank "" during out-of-order delivery)', () => runSeed(5, 200));
  it('seed 2 (was: revising a row whose agenda item a peer deleted left it revised, with no new row)', () => runSeed(2, 200));
  it('seed 7 (was: moving an item of a resolved cycle made the lifted item jump under another)', () => runSeed(7, 200));
  it('seed 22 (was: unknown statuses listed in map order, so converged replicas disagreed)', () => runSeed(22, 400));
  it('seed 37 (was: unknown statuses listed in map order, so converged replicas disagreed)', () => runSeed(37, 400));

  it(`${SEEDS} seeds × ${STEPS} steps converge with the invariants holding`, () => {
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

describe('conclusions typed at once', () => {
  it('keeps both the chair\'s and the secretary\'s words in one conclusion, on every replica', () => {
    const parsed = parseMeeting(startingMeeting());
    if (!parsed.ok) throw new Error('starting meeting is invalid');
    const chair = createMeetingDoc(parsed.value);
    const secretary = new Y.Doc();
    Y.applyUpdate(secretary, Y.encodeStateAsUpdate(chair));
    // Neither has written a conclusion yet: both type into the text the item was created with.
    entryText(chair, 'agenda', 'B2', 'conclusion')!.insert(0, 'CR 0094R02 agreed');
    const sec = entryText(secretary, 'agenda', 'B2', 'conclusion')!;
    sec.insert(0, '0098R02 noted');
    Y.applyUpdate(secretary, Y.encodeStateAsUpdate(chair, Y.encodeStateVector(secretary)));
    Y.applyUpdate(chair, Y.encodeStateAsUpdate(secretary, Y.encodeStateVector(chair)));
    const read = (d: Y.Doc) => readMeeting(d).agenda.find((a) => a.id === 'B2')!.conclusion ?? '';
    expect(read(chair)).toBe(read(secretary));
    expect(read(chair)).toContain('CR 0094R02 agreed');
    expect(read(chair)).toContain('0098R02 noted');
    // An item with no conclusion leaves the field out of the JSON.
    expect('conclusion' in readMeeting(chair).agenda.find((a) => a.id === 'C')!).toBe(false);
  });
});
