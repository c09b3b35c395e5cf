/**
 * Seeded hostile sync frames: random bytes, truncations and bit flips of real frames, varints claiming
 * huge lengths, wrongly typed messages, oversized frames, awareness junk, and updates that reference
 * structures the server never saw. Built from a scratch document, never from the meeting itself, so
 * none of them can be a complete edit of the meeting.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { SeededRandom } from '../helpers/seededRandom.js';

export interface HostileFrame {
  kind: string;
  data: Uint8Array | string;
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

function sync(sub: number, payload: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
  });
}

function awareness(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, update);
  });
}

/** Updates whose structures all depend on an earlier update that is never sent (so they stay pending). */
function danglingUpdates(rng: SeededRandom, count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    doc.clientID = rng.int(1, 2 ** 30);
    doc.getMap('contributions').set(rng.word(4, 8), rng.word());
    doc.getArray('statuses').insert(0, [{ id: rng.word() }]);
    const mid = Y.encodeStateVector(doc);
    doc.getText('hostile').insert(0, rng.word(10, 40));
    doc.getMap('contributions').delete([...doc.getMap('contributions').keys()][0]);
    doc.getArray('statuses').delete(0, 1);
    out.push(Y.encodeStateAsUpdate(doc, mid));
    doc.destroy();
  }
  return out;
}

/** Bytes of a varint claiming `n`. */
function varint(n: number): number[] {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, n);
  return [...encoding.toUint8Array(e)];
}

function randomBytes(rng: SeededRandom, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

/** A generator of hostile frames for one seed; `maxPayload` is the server's frame limit. */
export function hostileFrames(rng: SeededRandom, maxPayload: number): () => HostileFrame {
  const dangling = danglingUpdates(rng, 24);
  const validAwareness = (clientId: number, state: string) =>
    frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, clientId);
      encoding.writeVarUint(e, rng.int(0, 1000));
      encoding.writeVarString(e, state);
    });
  const bases = (): Uint8Array => {
    const r = rng.int(0, 3);
    if (r === 0) return sync(2, rng.pick(dangling));
    if (r === 1) return sync(1, rng.pick(dangling));
    if (r === 2) return awareness(validAwareness(rng.int(1, 2 ** 30), JSON.stringify({ user: { name: rng.word() } })));
    return sync(0, Y.encodeStateVector(new Y.Doc()));
  };
  const makers: [string, () => Uint8Array | string][] = [
    ['random bytes', () => randomBytes(rng, rng.int(0, 64))],
    ['empty', () => new Uint8Array()],
    [
      'truncated',
      () => {
        const b = bases();
        return b.slice(0, rng.int(0, b.length - 1));
      },
    ],
    [
      'bit flips',
      () => {
        const b = bases().slice();
        for (let i = rng.int(1, 4); i > 0; i--) b[rng.int(0, b.length - 1)] ^= 1 << rng.int(0, 7);
        return b;
      },
    ],
    [
      'trailing bytes',
      () => {
        const b = bases();
        return Uint8Array.from([...b, ...randomBytes(rng, rng.int(1, 8))]);
      },
    ],
    ['huge length varint (sync)', () => Uint8Array.from([0, rng.int(0, 2), ...varint(rng.pick([2 ** 31, 2 ** 53 - 1, 2 ** 40, 0xfffffff])), 1, 2, 3])],
    ['huge length varint (awareness)', () => Uint8Array.from([1, ...varint(rng.pick([2 ** 31, 2 ** 40, 0xfffffff])), 1])],
    ['huge client count (awareness)', () => awareness(Uint8Array.from([...varint(2 ** 31), ...varint(5), 0, 2, 123, 125]))],
    ['awareness state not JSON', () => awareness(validAwareness(rng.int(1, 2 ** 30), '{not json'))],
    ['unknown sync type', () => sync(rng.int(3, 200), randomBytes(rng, rng.int(0, 16)))],
    ['state vector that is not one', () => sync(0, randomBytes(rng, rng.int(1, 24)))],
    ['update that is not one', () => sync(rng.pick([1, 2]), randomBytes(rng, rng.int(1, 48)))],
    ['update referencing missing structures', () => sync(rng.pick([1, 2]), rng.pick(dangling))],
    ['text frame', () => rng.word(0, 30)],
    ['oversized', () => sync(2, new Uint8Array(maxPayload + rng.int(1, 4096)))],
    ['awareness over its bound', () => awareness(validAwareness(rng.int(1, 2 ** 30), JSON.stringify({ blob: 'x'.repeat(70 * 1024) })))],
    ['unknown message type', () => Uint8Array.from([...varint(rng.int(4, 100_000)), ...randomBytes(rng, rng.int(0, 8))])],
    ['auth message', () => Uint8Array.from([2, ...randomBytes(rng, rng.int(0, 8))])],
  ];
  const weights = makers.map(([kind]) => (kind === 'oversized' || kind === 'awareness over its bound' ? 1 : 10));
  const total = weights.reduce((a, b) => a + b, 0);
  return () => {
    let r = rng.int(0, total - 1);
    let i = 0;
    while (r >= weights[i]) r -= weights[i++];
    const [kind, make] = makers[i];
    return { kind, data: make() };
  };
}
