/** The fuzz's in-memory network must really delay, reorder and drop, or the fuzz proves nothing. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ReplicaNetwork } from './replicaNetwork.js';
import { seededRandom } from '../helpers/seededRandom.js';

const text = (net: ReplicaNetwork, i: number) => net.replicas[i].doc.getText('t').toString();

function network(seed = 1) {
  const origin = new Y.Doc();
  origin.getText('t').insert(0, '');
  return new ReplicaNetwork(3, Y.encodeStateAsUpdate(origin), seededRandom(seed));
}

describe('ReplicaNetwork', () => {
  it('queues each local update for every online peer and delivers one message at a time', () => {
    const net = network();
    net.replicas[0].doc.getText('t').insert(0, 'a');
    expect(net.pending()).toBe(2);
    expect(text(net, 1) + text(net, 2)).toBe('');
    expect(net.deliverOne()).toBe(true);
    expect([text(net, 1), text(net, 2)].sort()).toEqual(['', 'a']);
    net.settle();
    expect([text(net, 0), text(net, 1), text(net, 2)]).toEqual(['a', 'a', 'a']);
    expect(net.deliverOne()).toBe(false);
  });

  it('reorders: updates can arrive before the ones they depend on, and still converge', () => {
    let sawPending = false;
    for (let seed = 1; seed <= 20 && !sawPending; seed++) {
      const net = network(seed);
      const t = net.replicas[0].doc.getText('t');
      for (let i = 0; i < 6; i++) t.insert(t.length, String(i));
      while (net.deliverOne()) {
        const doc = net.replicas[1].doc;
        if (doc.store.pendingStructs !== null) sawPending = true;
      }
      expect(text(net, 1)).toBe('012345');
    }
    expect(sawPending).toBe(true);
  });

  it('a disconnected replica loses its in-flight messages, keeps editing, and syncs on reconnect', () => {
    const net = network();
    net.replicas[0].doc.getText('t').insert(0, 'x');
    net.disconnect(1);
    net.replicas[1].doc.getText('t').insert(0, 'y');
    while (net.deliverOne());
    expect(text(net, 1)).toBe('y');
    expect(text(net, 2)).toBe('x');
    net.reconnect(1);
    while (net.deliverOne());
    expect(text(net, 1)).toBe(text(net, 0));
    expect(text(net, 2)).toBe(text(net, 0));
    expect(text(net, 0).split('').sort().join('')).toBe('xy');
  });
});
