/**
 * The fan-out floor: a measuring instrument, not a server. It does the least a y-websocket server can do
 * for the fan-out benchmark, so that its latency shows what this machine and this load generator allow
 * any server to reach. Any path is a room (`/room`, query ignored) with one in-memory Y.Doc; it answers a
 * client's sync step 1 with step 2, sends its own step 1, applies step 2 and updates with the connection
 * as origin, and relays every document update to the room's other connections as one WebSocket frame
 * built once and written, as the same Buffer, straight to each connection's socket. Awareness messages
 * are relayed as received, nothing of them is kept. No authentication, no storage, no keepalive, no
 * limits, rooms never freed; an unreadable message closes the socket that sent it.
 *
 * Run as its own process (`node --import tsx bench/floorServer.ts`) with HOST (default 127.0.0.1) and
 * PORT (default 0: one the system picks); prints `listening on http://HOST:PORT` once it accepts.
 */
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import * as wsModule from 'ws';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}
/** ws's own framing (exported by ws at run time, absent from @types/ws). */
const { Sender } = wsModule as unknown as { Sender: { frame(data: Uint8Array, options: FrameOptions): Uint8Array[] } };

/** One unmasked binary WebSocket frame holding `payload`, as a single Buffer to write to many sockets. */
function binaryFrame(payload: Uint8Array): Buffer {
  return Buffer.concat(Sender.frame(payload, { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false }));
}

interface Room {
  doc: Y.Doc;
  /** Each connection with the raw socket it was upgraded from. */
  conns: Map<WebSocket, Duplex>;
}

const rooms = new Map<string, Room>();

function relay(room: Room, frame: Buffer, except: unknown): void {
  for (const [conn, socket] of room.conns) {
    if (conn !== except && conn.readyState === WebSocket.OPEN) socket.write(frame);
  }
}

function roomOf(name: string): Room {
  let room = rooms.get(name);
  if (!room) {
    const created: Room = { doc: new Y.Doc(), conns: new Map() };
    created.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeUpdate(e, update);
      relay(created, binaryFrame(encoding.toUint8Array(e)), origin);
    });
    rooms.set(name, created);
    room = created;
  }
  return room;
}

/** Handles one message; throws on anything it cannot read. */
function onMessage(room: Room, conn: WebSocket, data: Buffer): void {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_AWARENESS) {
    relay(room, binaryFrame(data), conn);
    return;
  }
  if (type !== MESSAGE_SYNC) throw new Error(`message type ${type}`);
  const step = decoding.readVarUint(decoder);
  if (step === syncProtocol.messageYjsSyncStep1) {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(e, room.doc, decoding.readVarUint8Array(decoder));
    conn.send(encoding.toUint8Array(e));
  } else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
    Y.applyUpdate(room.doc, decoding.readVarUint8Array(decoder), conn);
  } else {
    throw new Error(`sync message type ${step}`);
  }
}

function accept(conn: WebSocket, socket: Duplex, url: string): void {
  const room = roomOf(url.slice(1).split('?')[0]!);
  room.conns.set(conn, socket);
  conn.on('message', (data: RawData, isBinary: boolean) => {
    try {
      if (!isBinary || !Buffer.isBuffer(data)) throw new Error('not a binary message');
      onMessage(room, conn, data);
    } catch {
      conn.terminate();
    }
  });
  conn.on('error', () => conn.terminate());
  conn.on('close', () => room.conns.delete(conn));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(e, room.doc);
  conn.send(encoding.toUint8Array(e));
}

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
const server = createServer((_req, res) => {
  res.writeHead(426, { 'Content-Type': 'text/plain' });
  res.end('WebSocket only\n');
});
server.on('clientError', (_err, socket) => socket.destroy());
server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => socket.destroy());
  wss.handleUpgrade(req, socket, head, (conn) => accept(conn, socket, req.url ?? '/'));
});
server.listen(port, host, () => {
  const { port: actual } = server.address() as { port: number };
  process.stdout.write(`floor (bare relay): listening on http://${host}:${actual}\n`);
});
