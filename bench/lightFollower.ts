/**
 * A light follower: a raw `ws` socket speaking just enough of the y-websocket protocol to follow a room.
 * It sends sync step 1 with an empty state vector, answers nothing, and scans incoming sync messages
 * (step 2 and updates) for edit markers, so thousands fit in one load-generator process.
 */
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { scanMarkers } from './marker.js';

const MESSAGE_SYNC = 0;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** Sync step 1 of a client that holds nothing: [messageSync, step1, stateVector = (0 clients)]. */
const EMPTY_STEP1: Uint8Array = (() => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_STEP1);
  encoding.writeVarUint8Array(e, new Uint8Array([0]));
  return encoding.toUint8Array(e);
})();

export interface LightFollower {
  socket: WebSocket;
  /** Resolves when the server's sync step 2 (the whole document) arrived; rejects on close or error first. */
  synced: Promise<void>;
  /** Bytes received so far. */
  bytes(): number;
  close(): void;
}

/** Opens one light follower; `onMarker` gets each marker seen in a sync message with its arrival time. */
export function connectLightFollower(url: string, onMarker: (seq: number, sendNs: bigint, arrivalNs: bigint) => void): LightFollower {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  let received = 0;
  let resolveSynced!: () => void;
  let rejectSynced!: (e: Error) => void;
  const synced = new Promise<void>((res, rej) => {
    resolveSynced = res;
    rejectSynced = rej;
  });
  synced.catch(() => {});
  socket.binaryType = 'nodebuffer';
  socket.on('open', () => socket.send(EMPTY_STEP1));
  socket.on('message', (data: Buffer) => {
    const now = process.hrtime.bigint();
    received += data.length;
    if (data[0] !== MESSAGE_SYNC) return;
    const kind = data[1];
    if (kind === SYNC_STEP2) resolveSynced();
    if (kind === SYNC_STEP2 || kind === SYNC_UPDATE) scanMarkers(data, (seq, sendNs) => onMarker(seq, sendNs, now));
  });
  socket.on('close', (code, reason) => rejectSynced(new Error(`closed ${code} ${reason.toString()}`)));
  socket.on('error', (e) => rejectSynced(e));
  return {
    socket,
    synced,
    bytes: () => received,
    close: () => socket.terminate(),
  };
}
