import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect as tcpConnect } from 'node:net';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { startFloor, type ServerUnderTest } from '../../bench/serverProcess.js';
import { connectClient } from '../helpers/connectClient.js';
import { nextEvent, waitFor } from '../helpers/waitFor.js';

let server: ServerUnderTest;
beforeAll(async () => {
  server = await startFloor();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const base = () => `ws://127.0.0.1:${server.port}`;
const alive = () => {
  process.kill(server.pid, 0);
  return true;
};

/** A raw socket on a room and what it received, less the server's sync step 1 sent to every new socket. */
function rawSocket(room: string): { ws: WebSocket; received: Buffer[] } {
  const ws = new WebSocket(`${base()}/${room}`, { perMessageDeflate: false });
  ws.binaryType = 'nodebuffer';
  ws.on('error', () => {});
  const received: Buffer[] = [];
  ws.on('message', (d: Buffer) => {
    if (!(d[0] === 0 && d[1] === syncProtocol.messageYjsSyncStep1)) received.push(d);
  });
  return { ws, received };
}

/** [messageSync, update, bytes]: what a provider sends for a local change. */
function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

describe('floor server (bench/floorServer.ts)', () => {
  it('relays an edit between two WebsocketProviders, undisturbed by a garbage message and a broken frame on the room', async () => {
    const room = 'floor-providers';
    const a = connectClient(base(), room, undefined);
    const b = connectClient(base(), room, undefined);
    await Promise.all([a.synced(), b.synced()]);

    a.doc.getMap('m').set('first', 'from a');
    await waitFor(() => b.doc.getMap('m').get('first') === 'from a', { timeoutMs: 20_000, what: 'b to receive the first entry' });

    const { ws: garbage } = rawSocket(room);
    await nextEvent(garbage as never, 'open');
    const garbageClosed = nextEvent(garbage as never, 'close');
    garbage.send(Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, ...randomBytes(32)]));
    await garbageClosed;

    const tcp = tcpConnect(server.port, '127.0.0.1');
    tcp.on('error', () => {});
    await nextEvent(tcp as never, 'connect');
    const tcpClosed = nextEvent(tcp as never, 'close');
    const key = randomBytes(16).toString('base64');
    tcp.write(`GET /${room} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    await nextEvent(tcp as never, 'data');
    tcp.write(Buffer.from([0x8f, 0x80, 0, 0, 0, 0]));
    await tcpClosed;

    b.doc.getMap('m').set('second', 'from b');
    await waitFor(() => a.doc.getMap('m').get('second') === 'from b', { timeoutMs: 20_000, what: 'a to receive the second entry' });
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
    expect(alive()).toBe(true);
  });

  it('sends an update to every other socket of the room as it came, and none back to the sender or to other rooms', async () => {
    const clients = [rawSocket('floor-raw'), rawSocket('floor-raw'), rawSocket('floor-raw'), rawSocket('floor-other')];
    await Promise.all(clients.map((c) => nextEvent(c.ws as never, 'open')));
    const received = clients.map((c) => c.received);
    const [sender, r1] = clients.map((c) => c.ws) as [WebSocket, WebSocket];

    const doc = new Y.Doc();
    doc.getMap('m').set('k', 'v');
    const message = updateMessage(Y.encodeStateAsUpdate(doc));
    sender.send(message);
    await waitFor(() => received[1]!.length > 0 && received[2]!.length > 0, { timeoutMs: 20_000, what: 'the update at both followers' });
    expect(Buffer.from(received[1]![0]!)).toEqual(Buffer.from(message));
    expect(Buffer.from(received[2]![0]!)).toEqual(Buffer.from(message));

    // A second message after it: once it has arrived, anything the first could have caused has too.
    const awareness = Buffer.from([1, 3, 0xaa, 0xbb, 0xcc]);
    r1.send(awareness);
    await waitFor(() => received[0]!.length > 0 && received[2]!.length > 1, { timeoutMs: 20_000, what: 'the awareness message' });
    expect(received[0]).toEqual([awareness]);
    expect(received[2]![1]).toEqual(awareness);
    expect(received[1]).toHaveLength(1);
    expect(received[3]).toEqual([]);
    for (const c of clients) c.ws.terminate();
  });
});
