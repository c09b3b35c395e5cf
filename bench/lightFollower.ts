/**
 * A light follower: a raw TCP socket speaking just enough of WebSocket (RFC 6455) and the y-websocket
 * protocol to follow a room. It sends sync step 1 with an empty state vector, answers pings, and scans
 * incoming sync messages (step 2 and updates) for edit markers, so thousands fit in one load-generator
 * process.
 *
 * Why not `ws`: with 1,000 `ws` clients the load generator itself was the slowest stage of the fan-out
 * (every server, the bare relay included, showed the same ~17 µs per follower between an edit's first and
 * last arrival), so the benchmark measured its own client library. This client does the least a client
 * must: it checks the handshake (101 and Sec-WebSocket-Accept), reads every frame (lengths of 7, 16 and 64
 * bits, fragments, close, ping), masks what it sends, and treats anything else as a protocol error.
 */
import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { scanMarkers } from './marker.js';

const MESSAGE_SYNC = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP_CONTINUATION = 0x0;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/** Sync step 1 of a client that holds nothing: [messageSync, step1, stateVector = (0 clients)]. */
const EMPTY_STEP1 = Uint8Array.from([0, 0, 1, 0]);
const READ_BUFFER = Buffer.alloc(64 * 1024);

export interface LightFollower {
  socket: Socket;
  /** Resolves when the server's sync step 2 (the whole document) arrived; rejects on close or error first. */
  synced: Promise<void>;
  /** Message bytes received so far. */
  bytes(): number;
  close(): void;
}

/** A client frame: FIN, `opcode`, masked with a fresh key as RFC 6455 requires of clients. */
function clientFrame(opcode: number, payload: Uint8Array): Buffer {
  const n = payload.length;
  const lengthBytes = n < 126 ? 0 : n < 65536 ? 2 : 8;
  const frame = Buffer.allocUnsafe(2 + lengthBytes + 4 + n);
  frame[0] = 0x80 | opcode;
  if (n < 126) frame[1] = 0x80 | n;
  else if (n < 65536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  const maskAt = 2 + lengthBytes;
  randomBytes(4).copy(frame, maskAt);
  for (let i = 0; i < n; i++) frame[maskAt + 4 + i] = payload[i]! ^ frame[maskAt + (i & 3)]!;
  return frame;
}

/** Opens one light follower; `onMarker` gets each marker seen in a sync message with its arrival time. */
export function connectLightFollower(url: string, onMarker: (seq: number, sendNs: bigint, arrivalNs: bigint) => void): LightFollower {
  const target = new URL(url);
  if (target.protocol !== 'ws:') throw new Error(`light followers speak plain ws:// only, not ${target.protocol}`);
  // Reads go straight into one buffer shared by every follower (safe: each read is handled before the
  // next one starts), without a Readable stream, a 'data' event and a fresh Buffer per read.
  const socket = connect({
    port: Number(target.port || 80),
    host: target.hostname,
    onread: { buffer: READ_BUFFER, callback: (n: number, buf: Uint8Array) => {
        onData(buf as Buffer, n);
        return true;
      },
    },
  });
  socket.setNoDelay(true);
  let received = 0;
  let resolveSynced!: () => void;
  let rejectSynced!: (e: Error) => void;
  const synced = new Promise<void>((res, rej) => {
    resolveSynced = res;
    rejectSynced = rej;
  });
  synced.catch(() => {});
  const fail = (why: string) => {
    rejectSynced(new Error(why));
    socket.destroy();
  };

  const key = randomBytes(16).toString('base64');
  const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
  socket.on('connect', () =>
    socket.write(
      `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    ),
  );

  let upgraded = false;
  // Bytes not yet parsed, kept as received; joined once there is enough for the frame they start.
  let chunks: Buffer[] = [];
  let have = 0;
  let need = 0;
  let fragments: Buffer[] = [];

  const onMessage = (data: Buffer, now: bigint) => {
    received += data.length;
    if (data[0] !== MESSAGE_SYNC) return;
    const kind = data[1];
    if (kind === SYNC_STEP2) resolveSynced();
    if (kind === SYNC_STEP2 || kind === SYNC_UPDATE) scanMarkers(data, (seq, sendNs) => onMarker(seq, sendNs, now));
  };

  /** Reads the handshake response; returns what follows it, or null while it is incomplete. */
  const readHandshake = (buf: Buffer): Buffer | null => {
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) {
      if (buf.length > 16 * 1024) fail('handshake response too long');
      return null;
    }
    const head = buf.toString('latin1', 0, end);
    const status = head.slice(0, head.indexOf('\r\n'));
    if (!/^HTTP\/1\.1 101 /.test(status)) {
      fail(`upgrade refused: ${status}`);
      return null;
    }
    const got = /\r\nsec-websocket-accept:\s*(\S+)/i.exec(head)?.[1];
    if (got !== accept) {
      fail('bad Sec-WebSocket-Accept');
      return null;
    }
    upgraded = true;
    socket.write(clientFrame(OP_BINARY, EMPTY_STEP1));
    return buf.subarray(end + 4);
  };

  /** Handles every whole frame in `buf`; returns the incomplete rest (or null). */
  const readFrames = (buf: Buffer, now: bigint): Buffer | null => {
    let at = 0;
    while (buf.length - at >= 2) {
      const b0 = buf[at]!;
      const b1 = buf[at + 1]!;
      if (b1 & 0x80) {
        fail('the server sent a masked frame');
        return null;
      }
      let length = b1 & 0x7f;
      let offset = at + 2;
      if (length === 126) {
        if (buf.length - at < 4) break;
        length = buf.readUInt16BE(at + 2);
        offset = at + 4;
      } else if (length === 127) {
        if (buf.length - at < 10) break;
        length = Number(buf.readBigUInt64BE(at + 2));
        offset = at + 10;
      }
      if (buf.length - offset < length) {
        need = offset - at + length;
        break;
      }
      const payload = buf.subarray(offset, offset + length);
      at = offset + length;
      const fin = (b0 & 0x80) !== 0;
      const opcode = b0 & 0x0f;
      if (opcode === OP_BINARY || opcode === OP_CONTINUATION) {
        if (fin && fragments.length === 0) onMessage(payload, now);
        else {
          fragments.push(Buffer.from(payload));
          if (fin) {
            const whole = Buffer.concat(fragments);
            fragments = [];
            onMessage(whole, now);
          }
        }
      } else if (opcode === OP_PING) {
        socket.write(clientFrame(OP_PONG, payload));
      } else if (opcode === OP_CLOSE) {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        fail(`closed ${code} ${payload.toString('utf8', 2)}`);
        return null;
      } else if (opcode !== OP_PONG) {
        fail(`unexpected frame opcode ${opcode}`);
        return null;
      }
    }
    return at < buf.length ? buf.subarray(at) : null;
  };

  function onData(readBuffer: Buffer, n: number): void {
    const now = process.hrtime.bigint();
    // The read buffer is reused by the next read: whatever is kept must be copied out of it.
    if (chunks.length === 0 && need === 0) {
      handle(readBuffer.subarray(0, n), now);
      return;
    }
    chunks.push(Buffer.from(readBuffer.subarray(0, n)));
    have += n;
    if (have < need) return;
    const buf = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, have);
    chunks = [];
    have = 0;
    need = 0;
    handle(buf, now);
  }

  function handle(received: Buffer, now: bigint): void {
    let buf = received;
    if (!upgraded) {
      const rest = readHandshake(buf);
      if (!rest) {
        if (!upgraded && !socket.destroyed) keep(buf);
        return;
      }
      buf = rest;
    }
    const rest = readFrames(buf, now);
    if (rest) keep(rest);
  }

  function keep(rest: Buffer): void {
    chunks = [Buffer.from(rest)];
    have = rest.length;
  }

  socket.on('close', () => rejectSynced(new Error('closed')));
  socket.on('error', (e) => rejectSynced(e));
  return {
    socket,
    synced,
    bytes: () => received,
    close: () => socket.destroy(),
  };
}
