/**
 * The benchmark's light follower (a minimal RFC 6455 client over a raw TCP socket) against a real `ws`
 * server: handshake, its sync step 1, whole and fragmented frames of every length class, pings, close
 * codes and refused upgrades.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { connectLightFollower } from '../../bench/lightFollower.js';
import { makeMarker } from '../../bench/marker.js';
import { waitFor } from '../helpers/waitFor.js';

let server: Server;
let base: string;
const sockets: WebSocket[] = [];
const firstMessages: Buffer[] = [];

beforeAll(async () => {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server = createServer();
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.includes('refuse')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      ws.once('message', (data: Buffer) => firstMessages.push(data));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.terminate();
  await new Promise((r) => server.close(r));
});

/** A y-websocket sync message: [messageSync, kind, ...payload] with a marker string inside. */
function syncMessage(kind: number, filler: number, marker: string): Buffer {
  return Buffer.concat([Buffer.from([0, kind]), Buffer.alloc(filler, 0x41), Buffer.from(marker, 'latin1')]);
}

async function connected(path: string) {
  const before = sockets.length;
  const seen: number[] = [];
  const follower = connectLightFollower(`${base}/${path}?token=x`, (seq) => seen.push(seq));
  await waitFor(() => sockets.length > before, { what: 'the server side of the socket' });
  return { follower, seen, ws: sockets[sockets.length - 1]! };
}

describe('light follower', () => {
  it('sends an empty sync step 1, syncs on step 2 and finds markers in frames of every length class', async () => {
    const { follower, seen, ws } = await connected('room-a');
    await waitFor(() => firstMessages.length > 0, { what: 'the follower step 1' });
    expect([...firstMessages[0]!]).toEqual([0, 0, 1, 0]);

    ws.send(syncMessage(1, 300_000, makeMarker(1, 5n)));
    await follower.synced;
    ws.send(syncMessage(2, 10, makeMarker(2, 5n)));
    ws.send(syncMessage(2, 200, makeMarker(3, 5n)));
    ws.send(syncMessage(2, 70_000, makeMarker(4, 5n)));
    // One message in three fragments, the second cut inside the marker.
    const m = syncMessage(2, 50, makeMarker(5, 5n));
    ws.send(m.subarray(0, 20), { fin: false });
    ws.send(m.subarray(20, 60), { fin: false });
    ws.send(m.subarray(60), { fin: true });
    ws.send(Buffer.from([1, 1, 0])); // awareness: no marker scan
    await waitFor(() => seen.length === 5, { what: 'five markers' });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(follower.bytes()).toBeGreaterThan(370_000);
    follower.close();
  });

  it('answers pings with pongs carrying the same payload', async () => {
    const { follower, ws } = await connected('room-b');
    const pong = new Promise<Buffer>((r) => ws.once('pong', r));
    ws.ping(Buffer.from('are you there'));
    expect((await pong).toString()).toBe('are you there');
    follower.close();
  });

  it('rejects with the close code and reason when the server closes first', async () => {
    const { follower, ws } = await connected('room-c');
    ws.close(4401, 'link no longer valid');
    await expect(follower.synced).rejects.toThrow('closed 4401 link no longer valid');
  });

  it('rejects a refused upgrade with the status line', async () => {
    const follower = connectLightFollower(`${base}/refuse`, () => {});
    await expect(follower.synced).rejects.toThrow('upgrade refused: HTTP/1.1 401 Unauthorized');
  });
});
