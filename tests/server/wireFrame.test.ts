/**
 * Frames built once by server/sync/wireFrame.ts, written to a real upgraded socket and read by a real `ws`
 * client: every length class of RFC 6455 (7-bit, 16-bit, 64-bit), in order with ws's own frames.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { wireFrame, writeWireFrame } from '../../server/sync/wireFrame.js';
import { waitFor } from '../helpers/waitFor.js';

let server: Server;
let serverSide: Promise<{ ws: WebSocket; socket: Duplex }>;
let client: WebSocket;
const received: Buffer[] = [];

beforeAll(async () => {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server = createServer();
  serverSide = new Promise((resolve) => {
    server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => resolve({ ws, socket })));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`, { perMessageDeflate: false });
  client.on('message', (data: Buffer, isBinary: boolean) => {
    expect(isBinary).toBe(true);
    received.push(data);
  });
  await new Promise((r) => client.once('open', r));
});

afterAll(async () => {
  client.terminate();
  await new Promise((r) => server.close(r));
  server.closeAllConnections();
});

function bytes(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

describe('wireFrame', () => {
  it('delivers messages of every length class intact and in order with ws.send', async () => {
    const { ws, socket } = await serverSide;
    const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 300_000];
    const messages = sizes.map((n, i) => bytes(n, i));
    received.length = 0;
    messages.forEach((m, i) => {
      if (i % 3 === 2) ws.send(m, { binary: true });
      else writeWireFrame(socket, m);
    });
    await waitFor(() => received.length === messages.length, { what: 'every message' });
    received.forEach((r, i) => expect(Buffer.compare(r, Buffer.from(messages[i]!))).toBe(0));
  });

  it('builds one frame per message and reuses it', () => {
    const m = bytes(40, 7);
    expect(wireFrame(m)).toBe(wireFrame(m));
    expect(wireFrame(Uint8Array.from(m))).not.toBe(wireFrame(m));
  });
});
