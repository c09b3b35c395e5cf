/**
 * A broadcast's WebSocket frame, built once and written as the same bytes to every follower's socket.
 *
 * `ws.send` frames each message anew for every socket (a header buffer, cork, two writes, uncork). For a
 * room of a thousand followers the message is the same, so its frame can be too: `wireFrame` builds the
 * RFC 6455 frame (FIN, binary, unmasked as a server must send) once per message and keeps it as long as
 * the message itself is alive (a WeakMap keyed by the message), and `writeWireFrame` hands it to the
 * socket in one write.
 *
 * Writing past `ws` keeps the frame order only while `ws` writes its own frames synchronously too, which
 * holds when permessage-deflate is off and no Blob is ever sent (both true of this server: see
 * httpServer.ts); with either, `ws` queues frames and these bytes could overtake them.
 */
import type { Duplex } from 'node:stream';

const BINARY_FINAL = 0x82;
const frames = new WeakMap<Uint8Array, Buffer>();

/** The frame carrying `message` as one binary WebSocket message (cached per message). */
export function wireFrame(message: Uint8Array): Buffer {
  let frame = frames.get(message);
  if (!frame) {
    frame = buildFrame(message);
    frames.set(message, frame);
  }
  return frame;
}

function buildFrame(message: Uint8Array): Buffer {
  const n = message.length;
  const headerLength = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + n);
  frame[0] = BINARY_FINAL;
  if (n < 126) {
    frame[1] = n;
  } else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  frame.set(message, headerLength);
  return frame;
}

/** Writes `message`'s frame to a WebSocket's underlying socket; the caller checks the WebSocket is open. */
export function writeWireFrame(socket: Duplex, message: Uint8Array): void {
  socket.write(wireFrame(message));
}
