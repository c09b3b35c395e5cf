/**
 * An in-memory network of Y.Doc replicas for convergence tests, in the style of yjs tests/testHelper.js:
 * every local update is queued per peer and delivered one message at a time in seeded random order; a
 * replica can go offline (its in-flight messages are dropped, like a closed socket, and it keeps editing);
 * on reconnect it exchanges state vectors and diffs with every online peer (y-protocols sync steps 1 and 2).
 */
import * as Y from 'yjs';
import type { SeededRandom } from '../helpers/seededRandom.js';

/** One replica: a document and whether it is connected. */
export interface Replica {
  readonly index: number;
  readonly doc: Y.Doc;
  online: boolean;
}

/** Full mesh of replicas with per-pair message queues. */
export class ReplicaNetwork {
  readonly replicas: Replica[];
  /** queues[from][to]: messages sent by `from` not yet received by `to`. */
  private readonly queues: Uint8Array[][][];
  /** Messages delivered so far (for the failure report). */
  delivered = 0;

  /**
   * Creates `count` replicas that all start from `initialState` (an update), with client ids 1..count so
   * that a seed replays exactly.
   */
  constructor(
    count: number,
    initialState: Uint8Array,
    private readonly rng: SeededRandom,
  ) {
    this.replicas = [];
    this.queues = [];
    for (let i = 0; i < count; i++) {
      const doc = new Y.Doc();
      doc.clientID = i + 1;
      Y.applyUpdate(doc, initialState, this);
      const replica: Replica = { index: i, doc, online: true };
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === this || !replica.online) return;
        for (const peer of this.replicas) {
          if (peer !== replica && peer.online) this.queues[i][peer.index].push(update);
        }
      });
      this.replicas.push(replica);
      this.queues.push(Array.from({ length: count }, () => []));
    }
  }

  /** Number of messages in flight. */
  pending(): number {
    let n = 0;
    for (const row of this.queues) for (const q of row) n += q.length;
    return n;
  }

  /**
   * Delivers one queued message, chosen at random: a random pair, then mostly its oldest message (a socket
   * is ordered) and sometimes any (a relay may reorder). Returns false when nothing is in flight.
   */
  deliverOne(): boolean {
    const pairs: [number, number][] = [];
    this.queues.forEach((row, from) => row.forEach((q, to) => q.length && pairs.push([from, to])));
    if (pairs.length === 0) return false;
    const [from, to] = this.rng.pick(pairs);
    const q = this.queues[from][to];
    const at = this.rng.chance(0.8) ? 0 : this.rng.int(0, q.length - 1);
    const [msg] = q.splice(at, 1);
    Y.applyUpdate(this.replicas[to].doc, msg, this);
    this.delivered++;
    return true;
  }

  /** Takes a replica offline: what it had in flight, either way, is lost. */
  disconnect(index: number): void {
    const r = this.replicas[index];
    if (!r.online) return;
    r.online = false;
    for (let i = 0; i < this.replicas.length; i++) {
      this.queues[index][i] = [];
      this.queues[i][index] = [];
    }
  }

  /** Brings a replica back: it and every online peer send each other sync step 1/2 (queued, not instant). */
  reconnect(index: number): void {
    const r = this.replicas[index];
    if (r.online) return;
    r.online = true;
    for (const peer of this.replicas) {
      if (peer === r || !peer.online) continue;
      this.queues[peer.index][index].push(Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(r.doc)));
      this.queues[index][peer.index].push(Y.encodeStateAsUpdate(r.doc, Y.encodeStateVector(peer.doc)));
    }
  }

  /** Reconnects everyone and delivers every message, in random order, until nothing is in flight. */
  settle(): void {
    for (const r of this.replicas) this.reconnect(r.index);
    let guard = 0;
    while (this.deliverOne()) {
      if (++guard > 1_000_000) throw new Error('network does not settle');
    }
  }
}
