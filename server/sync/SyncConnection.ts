/**
 * One client's sync connection: rate limit, the bounded queue of frames that arrive while the meeting
 * loads, the read-only filter for delegates and screens, decoding, and sends with backpressure. What a
 * message does to the meeting is the Room's business.
 */
import type { Logger } from 'pino';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import type { Metrics } from './metrics.js';
import { canWrite, type Role } from '../access/roles.js';
import type { SocketLike } from './SocketLike.js';
import { MalformedMessage, carriesItems, decodeFrame, isDocumentWrite, type SyncMessage } from './syncMessages.js';

/** Per-connection limits; defaults in DEFAULT_CONNECTION_LIMITS. */
export interface ConnectionLimits {
  /** Sustained messages per second a client may send. */
  messagesPerSecond: number;
  /** Messages a client may send in a burst above the sustained rate. */
  messageBurst: number;
  /** Frames held while the meeting loads. */
  maxQueuedFrames: number;
  /** Bytes held while the meeting loads. */
  maxQueuedBytes: number;
  /** Bytes waiting in the socket's send buffer before the client counts as too slow. */
  maxBufferedBytes: number;
  /** Bytes waiting in the send buffer above which presence frames are skipped for this client. */
  maxPresenceBufferedBytes: number;
}

/**
 * Generous enough for a page that writes a 10,000-Tdoc import as one transaction per row, tight enough
 * that a runaway client is cut off within seconds.
 */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  messagesPerSecond: 500,
  messageBurst: 20_000,
  maxQueuedFrames: 1_000,
  maxQueuedBytes: 64 * 1024 * 1024,
  maxBufferedBytes: 64 * 1024 * 1024,
  maxPresenceBufferedBytes: 1024 * 1024,
};

/** What a connection needs from its room. */
export interface RoomSide {
  handle(conn: SyncConnection, msg: SyncMessage): void;
  leave(conn: SyncConnection): void;
}

let nextConnectionId = 1;

/** Length of a sync step 2 carrying an empty update: [0, 1, 2, 0, 0]. */
const EMPTY_STEP2_LENGTH = 5;

export class SyncConnection {
  readonly id = nextConnectionId++;
  readonly canWrite: boolean;
  /** Awareness client ids this connection introduced (the only ones it may set). */
  readonly awarenessIds = new Set<number>();
  /** The public id of the token this connection came with (tokens.ts tokenIdOf), for the record. */
  tokenId = '';
  /**
   * The registered person whose own link this connection came with (issue 24), else undefined: presence
   * shows their registered name, a rotation of their link closes this connection alone.
   */
  person: { id: string; name: string; organisation: string } | undefined;
  /** Last time anything was sent (ms), for the keepalive. */
  lastSentAt = Date.now();
  private room: RoomSide | undefined;
  private queue: Uint8Array[] | undefined = [];
  private queuedBytes = 0;
  private tokens: number;
  private lastRefill = Date.now();
  private closed = false;
  private readonly warned = new Set<string>();

  constructor(
    private readonly socket: SocketLike,
    readonly meetingId: string,
    readonly role: Role,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS,
  ) {
    this.canWrite = canWrite(role);
    this.tokens = limits.messageBurst;
    metrics.connections.inc({ role });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** A frame from the client. */
  receive(frame: Uint8Array): void {
    if (this.closed) return;
    this.metrics.bytesIn.inc(frame.length);
    if (!this.takeToken()) return this.close(CloseCode.RateLimited, CloseReason.RateLimited);
    if (this.queue) {
      this.queuedBytes += frame.length;
      if (this.queue.length >= this.limits.maxQueuedFrames || this.queuedBytes > this.limits.maxQueuedBytes) {
        return this.close(CloseCode.TooLarge, CloseReason.TooLarge);
      }
      this.queue.push(frame);
      return;
    }
    this.process(frame);
  }

  /** Called once the meeting is loaded and the room has greeted this connection: drains the queue. */
  attach(room: RoomSide): void {
    if (this.closed) return;
    this.room = room;
    const queued = this.queue ?? [];
    this.queue = undefined;
    this.queuedBytes = 0;
    for (const frame of queued) {
      if (this.closed) return;
      this.process(frame);
    }
  }

  /**
   * Sends a frame; closes a client whose send buffer overflows. `now` (ms) is when it was sent, for the
   * keepalive: a broadcast reads the clock once for all its followers.
   */
  send(frame: Uint8Array, now = Date.now()): void {
    if (this.closed || !this.socket.isOpen()) return;
    if (this.socket.bufferedAmount() > this.limits.maxBufferedBytes) {
      return this.close(CloseCode.TooSlow, CloseReason.TooSlow);
    }
    try {
      this.socket.send(frame);
      this.lastSentAt = now;
    } catch (e) {
      this.log.warn({ conn: this.id, meeting: this.meetingId, err: (e as Error).message }, 'send failed');
      this.close(CloseCode.GoingAway, CloseReason.GoingAway);
    }
  }

  /**
   * Sends a presence frame unless the client is behind (its send buffer holds more than
   * maxPresenceBufferedBytes): presence is refreshed every 15 s, so a reader that does not keep up (or
   * never reads) skips it instead of making the server hold it. Returns whether it was sent.
   */
  sendPresence(frame: Uint8Array): boolean {
    if (this.closed || !this.socket.isOpen()) return false;
    if (this.socket.bufferedAmount() > this.limits.maxPresenceBufferedBytes) {
      return false;
    }
    this.send(frame);
    return true;
  }

  /** Closes the socket (once) and leaves the room. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    if (code !== CloseCode.GoingAway) {
      this.metrics.closed.inc({ code: String(code) });
      this.log.info({ conn: this.id, meeting: this.meetingId, role: this.role, code, reason }, 'closing connection');
    }
    try {
      this.socket.close(code, reason);
    } catch {
      // Already gone: nothing to tell the client.
    }
    this.onSocketClosed();
  }

  /** The transport saw the socket close (or we closed it). */
  onSocketClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = undefined;
    this.metrics.connections.dec({ role: this.role });
    this.room?.leave(this);
  }

  /** Logs a kind of event once per connection (so a misbehaving client cannot flood the log). */
  warnOnce(kind: string, msg: string, extra: Record<string, unknown> = {}): void {
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    this.log.warn({ conn: this.id, meeting: this.meetingId, role: this.role, ...extra }, msg);
  }

  private process(frame: Uint8Array): void {
    if (!this.canWrite && isDocumentWrite(frame)) {
      this.metrics.messagesIn.inc({ type: 'dropped-write' });
      // Every provider answers the greeting with a step 2 that repeats its delete set: only one that
      // carries new items is an attempt to write worth a line.
      if (frame.length > EMPTY_STEP2_LENGTH && carriesItems(frame)) this.warnOnce('read-only', 'dropped document changes from a read-only connection');
      return;
    }
    let msg: SyncMessage;
    try {
      msg = decodeFrame(frame);
    } catch (e) {
      this.log.warn({ conn: this.id, meeting: this.meetingId, err: (e as Error).message }, 'malformed frame');
      return this.close(CloseCode.MalformedMessage, CloseReason.MalformedMessage);
    }
    this.metrics.messagesIn.inc({ type: msg.kind });
    try {
      this.room!.handle(this, msg);
    } catch (e) {
      if (e instanceof MalformedMessage) {
        this.log.warn({ conn: this.id, meeting: this.meetingId, err: e.message }, 'malformed message');
        return this.close(CloseCode.MalformedMessage, CloseReason.MalformedMessage);
      }
      this.log.error({ conn: this.id, meeting: this.meetingId, err: e }, 'message handling failed');
      this.close(CloseCode.ServerError, CloseReason.ServerError);
    }
  }

  private takeToken(): boolean {
    const now = Date.now();
    const refill = ((now - this.lastRefill) / 1000) * this.limits.messagesPerSecond;
    if (refill >= 1) {
      this.tokens = Math.min(this.limits.messageBurst, this.tokens + refill);
      this.lastRefill = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
