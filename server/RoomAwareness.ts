/**
 * Presence in a room: y-protocols Awareness with the bounds a server needs. A connection may only set
 * the entries of client ids it introduced (anyone could otherwise impersonate anyone), at most a few of
 * them, in updates of bounded size and rate; excess is dropped (presence is refreshed every 15 s anyway).
 * Changes are broadcast once, the same bytes to every connection.
 */
import type * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { SyncConnection } from './SyncConnection.js';
import { MalformedMessage, awarenessClients, encodeAwareness } from './syncMessages.js';

/** Awareness bounds; defaults are in Room's DEFAULT_ROOM_OPTIONS. */
export interface AwarenessLimits {
  /** Largest awareness update a client may send (bytes). */
  maxAwarenessBytes: number;
  /** Awareness client ids one connection may introduce. */
  maxAwarenessIdsPerConnection: number;
  /** Sustained awareness updates per second per connection; more are dropped. */
  awarenessPerSecond: number;
}

export class RoomAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owner = new Map<number, SyncConnection>();
  private readonly budget = new WeakMap<SyncConnection, { tokens: number; at: number }>();

  constructor(
    doc: Y.Doc,
    private readonly limits: AwarenessLimits,
    /** Sends a frame to every connection of the room. */
    private readonly broadcast: (frame: Uint8Array) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** Everyone's presence as one frame, or undefined when nobody has any. */
  snapshot(): Uint8Array | undefined {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : undefined;
  }

  /** Applies a client's awareness update within the bounds; throws MalformedMessage when it does not decode. */
  apply(conn: SyncConnection, update: Uint8Array): void {
    if (update.length > this.limits.maxAwarenessBytes) {
      conn.warnOnce('awareness-size', 'dropped an oversized awareness update', { bytes: update.length });
      return;
    }
    const entries = awarenessClients(update);
    for (const { clientId } of entries) {
      const owner = this.owner.get(clientId);
      if (owner && owner !== conn) {
        conn.warnOnce('awareness-owner', "dropped an awareness update for another connection's client id", { clientId });
        return;
      }
      if (!owner && conn.awarenessIds.size >= this.limits.maxAwarenessIdsPerConnection) {
        conn.warnOnce('awareness-ids', 'dropped an awareness update introducing too many client ids');
        return;
      }
    }
    if (!this.takeToken(conn)) {
      conn.warnOnce('awareness-rate', 'dropped awareness updates over the rate limit');
      return;
    }
    for (const { clientId } of entries) {
      this.owner.set(clientId, conn);
      conn.awarenessIds.add(clientId);
    }
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
    } catch (e) {
      throw new MalformedMessage(`awareness update could not be applied (${(e as Error).message})`);
    }
  }

  /** Removes a departed connection's entries (and tells everyone). */
  remove(conn: SyncConnection): void {
    const ids = [...conn.awarenessIds].filter((id) => this.owner.get(id) === conn);
    for (const id of ids) this.owner.delete(id);
    if (ids.length) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  private takeToken(conn: SyncConnection): boolean {
    const now = Date.now();
    const rate = this.limits.awarenessPerSecond;
    const b = this.budget.get(conn) ?? { tokens: rate * 2, at: now };
    b.tokens = Math.min(rate * 2, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.budget.set(conn, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private readonly onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length) this.broadcast(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
  };
}
