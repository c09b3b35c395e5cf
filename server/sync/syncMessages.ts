/**
 * The y-websocket wire format: decoding an incoming frame into a typed message, and encoding the frames
 * the server sends. Decoding never applies anything; a frame that does not decode throws
 * MalformedMessage.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Top-level message types of y-websocket. */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;
/** Sync sub-types of y-protocols. */
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

export type SyncMessage =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array; step2: boolean }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'unknown'; type: number };

export class MalformedMessage extends Error {}

/**
 * True for a frame that would change the document (sync step 2 or update), decided from its first two
 * bytes before anything is decoded (message types 0–2 are one-byte varUints).
 */
export function isDocumentWrite(frame: Uint8Array): boolean {
  return frame.length >= 2 && frame[0] === MessageType.Sync && (frame[1] === SyncType.Step2 || frame[1] === SyncType.Update);
}

/**
 * True when a document-write frame (see isDocumentWrite) carries at least one new item, read from the
 * update's first varUint (its number of client struct groups) without decoding the rest. A provider's
 * answer to the server's step 1 always repeats its whole delete set, so a read-only client's step 2 is
 * rarely empty even when it holds nothing the server lacks; this tells that ordinary answer from a real
 * attempt to write. A frame too short or malformed to tell counts as carrying items.
 */
export function carriesItems(frame: Uint8Array): boolean {
  try {
    const d = decoding.createDecoder(frame);
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    decoding.readVarUint(d); // the update's byte length
    return decoding.readVarUint(d) > 0;
  } catch {
    return true;
  }
}

/** Decodes a frame; throws MalformedMessage when it is not a y-websocket message. */
export function decodeFrame(frame: Uint8Array): SyncMessage {
  try {
    if (frame.length === 0) throw new MalformedMessage('empty frame');
    const d = decoding.createDecoder(frame);
    const type = decoding.readVarUint(d);
    let msg: SyncMessage;
    switch (type) {
      case MessageType.Sync: {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (sub === SyncType.Step1) msg = { kind: 'step1', stateVector: payload };
        else if (sub === SyncType.Step2 || sub === SyncType.Update) msg = { kind: 'update', update: payload, step2: sub === SyncType.Step2 };
        else throw new MalformedMessage(`unknown sync message type ${sub}`);
        if (sub === SyncType.Step1) Y.decodeStateVector(payload);
        break;
      }
      case MessageType.Awareness:
        msg = { kind: 'awareness', update: decoding.readVarUint8Array(d) };
        break;
      case MessageType.QueryAwareness:
        msg = { kind: 'query-awareness' };
        break;
      default:
        return { kind: 'unknown', type };
    }
    if (decoding.hasContent(d)) throw new MalformedMessage('trailing bytes after the message');
    return msg;
  } catch (e) {
    if (e instanceof MalformedMessage) throw e;
    throw new MalformedMessage((e as Error)?.message ?? String(e));
  }
}

/**
 * Checks that an update decodes completely and that its delete set has no empty ranges (Yjs throws
 * half-way through applying one whose structures are pending), so applying it cannot stop half-way.
 */
export function assertWellFormedUpdate(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (e) {
    throw new MalformedMessage(`not a Yjs update (${(e as Error)?.message ?? e})`);
  }
  for (const ranges of decoded.ds.clients.values()) {
    for (const r of ranges) {
      if (!(r.len > 0) || !(r.clock >= 0)) throw new MalformedMessage('not a Yjs update (an empty delete range)');
    }
  }
  return decoded;
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** `[0,0,sv]`: the server's state vector, so the client sends what the server lacks. */
export function encodeStep1(doc: Y.Doc): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

/** `[0,1,update]`: what a client with state vector `sv` lacks. */
export function encodeStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });
}

/** `[0,2,update]`: one update, broadcast as the same bytes to every recipient. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Update);
    encoding.writeVarUint8Array(e, update);
  });
}

/** `[1,awarenessUpdate]`. */
export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });
}

/** An awareness update with no entries: the keepalive that resets the client's 30 s watchdog. */
export const KEEPALIVE_FRAME: Uint8Array = Uint8Array.from([MessageType.Awareness, 1, 0]);

/** One entry of an awareness update, read without parsing its state. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state's JSON as UTF-8 bytes (a view into the update, not a copy). */
  state: Uint8Array;
  /** True when the state is JSON `null` (the client left). */
  isNull: boolean;
}

const NULL_JSON = [0x6e, 0x75, 0x6c, 0x6c];

/**
 * The entries of an awareness update: client ids, clocks and the state bytes, without parsing any JSON
 * (so echoes and forgeries can be dropped for the price of a few varints); throws MalformedMessage when
 * the update does not decode.
 */
export function scanAwareness(update: Uint8Array): AwarenessEntry[] {
  try {
    const d = decoding.createDecoder(update);
    const n = decoding.readVarUint(d);
    const out: AwarenessEntry[] = [];
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const state = decoding.readVarUint8Array(d);
      const isNull = state.length === 4 && NULL_JSON.every((b, j) => state[j] === b);
      out.push({ clientId, clock, state, isNull });
    }
    if (decoding.hasContent(d)) throw new Error('trailing bytes');
    return out;
  } catch (e) {
    throw new MalformedMessage(`not an awareness update (${(e as Error)?.message ?? e})`);
  }
}
