/**
 * Presence in a room: y-protocols Awareness with the bounds a server needs when the delegates' link is
 * public (the room's screen shows it as a QR code).
 *
 * - Ownership: a connection may only set the entries of client ids it introduced. Every y-websocket
 *   client re-sends each presence change it receives (removals included), so most incoming entries are
 *   echoes of someone else's: they are dropped after reading two varints, before any JSON is parsed. A
 *   removal (null state) never makes anyone the owner; an id whose connection left is given back only to
 *   a new connection of the same role that has no id yet (the same page reconnecting after a blip).
 * - Size: a state is at most `maxReadOnlyStateBytes` for delegates and screens (a name, a colour, a row)
 *   and `maxEditorStateBytes` for editors; what everyone's presence adds up to is bounded per role (one
 *   token per role) and per room, so a joiner's snapshot stays small whatever the delegates send.
 * - Rate: updates per connection (per role), presence bytes per role per room, and query-awareness per
 *   connection; excess is dropped (presence is refreshed every 15 s anyway).
 * - Truth: the server writes each connection's real role into `user.role` of what the others see.
 *
 * Changes are broadcast once, the same bytes to every connection; the joiners' snapshot is cached until
 * the next change.
 */
import type * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { equalityDeep } from 'lib0/function';
import { canWrite, type Role } from '../access/roles.js';
import type { SyncConnection } from './SyncConnection.js';
import { MalformedMessage, encodeAwareness, scanAwareness, type AwarenessEntry } from './syncMessages.js';

/** Awareness bounds; defaults are in Room's DEFAULT_ROOM_OPTIONS. */
export interface AwarenessLimits {
  /** Largest awareness update a client may send (bytes); larger ones are dropped whole. */
  maxAwarenessBytes: number;
  /** Awareness client ids one connection may introduce. */
  maxAwarenessIdsPerConnection: number;
  /** Sustained awareness updates per second per editor connection (bursts of twice as many). */
  awarenessPerSecond: number;
  /** Sustained awareness updates per second per delegate or screen connection (bursts of twice). */
  readOnlyAwarenessPerSecond: number;
  /** Largest presence state (JSON bytes) of a chair or secretary. */
  maxEditorStateBytes: number;
  /** Largest presence state (JSON bytes) of a delegate or screen. */
  maxReadOnlyStateBytes: number;
  /** What every presence state in a room may add up to (encoded bytes): a joiner's snapshot is no larger. */
  maxRoomPresenceBytes: number;
  /** What the states of one role (one token) may add up to in a room. */
  maxRolePresenceBytes: Record<Role, number>;
  /** Presence bytes per second one role may have accepted in a room (bursts of four times as many). */
  rolePresenceBytesPerSecond: Record<Role, number>;
  /** Query-awareness messages answered per second per connection (bursts of four); more are ignored. */
  queryAwarenessPerSecond: number;
}

/** clientId, clock and the length prefix around a state in an encoded update (at most). */
const ENTRY_OVERHEAD = 16;
/** How long an id whose connection left is kept for its owner's return (ms), and how many such ids. */
const DEPARTED_TTL_MS = 10 * 60_000;
const MAX_DEPARTED = 4096;

interface Bucket {
  tokens: number;
  at: number;
}

interface Candidate {
  entry: AwarenessEntry;
  clock: number;
}

export class RoomAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owner = new Map<number, SyncConnection>();
  /** Ids whose connection left: the role that owned them, and when. */
  private readonly departed = new Map<number, { role: Role; at: number }>();
  /** Each state in the room: its role, its encoded size and its JSON as the others receive it. */
  private readonly sizes = new Map<number, { role: Role; bytes: number; json: Buffer }>();
  private readonly roleBytes = new Map<Role, number>();
  /** Ids whose clock the server moved past their owner's (after a return); see admissible. */
  private readonly ahead = new Set<number>();
  private roomBytes = 0;
  private readonly updateBudget = new WeakMap<SyncConnection, Bucket>();
  private readonly queryBudget = new WeakMap<SyncConnection, Bucket>();
  private readonly roleRate = new Map<Role, Bucket>();
  private cachedSnapshot: Uint8Array | null | undefined;

  constructor(
    doc: Y.Doc,
    private readonly limits: AwarenessLimits,
    /** Sends a presence frame to every connection of the room. */
    private readonly broadcast: (frame: Uint8Array) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** Everyone's presence as one frame (cached until the next change), or undefined when nobody has any. */
  snapshot(): Uint8Array | undefined {
    if (this.cachedSnapshot === undefined) {
      const ids = [...this.awareness.getStates().keys()];
      this.cachedSnapshot = ids.length ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null;
    }
    return this.cachedSnapshot ?? undefined;
  }

  /** Bytes of presence held in the room (what a snapshot carries, less its framing). */
  get presenceBytes(): number {
    return this.roomBytes;
  }

  /** True when a connection may have its query-awareness answered now (rate-limited per connection). */
  takeQuery(conn: SyncConnection): boolean {
    const rate = this.limits.queryAwarenessPerSecond;
    return take(this.queryBudget, conn, rate, rate * 4, 1);
  }

  /** Applies a client's awareness update within the bounds; throws MalformedMessage when it does not decode. */
  apply(conn: SyncConnection, update: Uint8Array): void {
    if (update.length > this.limits.maxAwarenessBytes) {
      conn.warnOnce('awareness-size', 'dropped an oversized awareness update', { bytes: update.length });
      return;
    }
    const candidates = this.admissible(conn, scanAwareness(update));
    if (!candidates.length) return;
    const perSecond = canWrite(conn.role) ? this.limits.awarenessPerSecond : this.limits.readOnlyAwarenessPerSecond;
    if (!take(this.updateBudget, conn, perSecond, perSecond * 2, 1)) {
      conn.warnOnce('awareness-rate', 'dropped awareness updates over the rate limit');
      return;
    }
    const accepted: { id: number; clock: number; state: unknown; json: Buffer }[] = [];
    let roomBytes = this.roomBytes;
    let roleBytes = this.roleBytes.get(conn.role) ?? 0;
    let incoming = 0;
    for (const { entry, clock } of candidates) {
      const parsed = entry.isNull ? null : parseState(entry.state);
      if (parsed === null && !entry.isNull) continue;
      const state = stampRole(parsed, conn.role, conn.person);
      const json = Buffer.from(JSON.stringify(state));
      const bytes = state === null ? 0 : json.length + ENTRY_OVERHEAD;
      const before = this.sizes.get(entry.clientId)?.bytes ?? 0;
      if (
        bytes > before &&
        (roomBytes - before + bytes > this.limits.maxRoomPresenceBytes ||
          roleBytes - before + bytes > this.limits.maxRolePresenceBytes[conn.role])
      ) {
        conn.warnOnce('awareness-budget', "dropped presence over the room's or the role's presence budget", { clientId: entry.clientId });
        continue;
      }
      roomBytes += bytes - before;
      roleBytes += bytes - before;
      incoming += bytes;
      accepted.push({ id: entry.clientId, clock, state, json });
    }
    if (!accepted.length) return;
    const roleRate = this.limits.rolePresenceBytesPerSecond[conn.role];
    if (!take(this.roleRate, conn.role, roleRate, roleRate * 4, incoming)) {
      conn.warnOnce('awareness-role-rate', 'dropped presence over the rate allowed to this role in the room');
      return;
    }
    this.commit(conn, accepted);
  }

  /** Removes a departed connection's entries (and tells everyone); its ids wait for its return. */
  remove(conn: SyncConnection): void {
    const ids = [...conn.awarenessIds].filter((id) => this.owner.get(id) === conn);
    const now = Date.now();
    for (const id of ids) {
      this.owner.delete(id);
      this.departed.delete(id);
      this.departed.set(id, { role: conn.role, at: now });
    }
    this.pruneDeparted(now);
    if (ids.length) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  /**
   * The entries of an update that may change anything, decided from ids and clocks alone: someone else's
   * ids (echoes, forgeries), stale clocks (retransmissions) and removals of ids nobody owns are dropped.
   */
  private admissible(conn: SyncConnection, entries: AwarenessEntry[]): Candidate[] {
    const out: Candidate[] = [];
    let introduced = 0;
    for (const entry of entries) {
      const id = entry.clientId;
      const owner = this.owner.get(id);
      const current = this.awareness.meta.get(id)?.clock ?? 0;
      const hasState = this.awareness.states.has(id);
      if (owner && owner !== conn) {
        if (entry.clock > current) conn.warnOnce('awareness-owner', "dropped an awareness update for another connection's client id", { clientId: id });
        continue;
      }
      if (!owner) {
        // A removal is what every client echoes when someone leaves: it never makes its sender the owner.
        if (entry.isNull) continue;
        const gone = this.departed.get(id);
        if (gone && (gone.role !== conn.role || conn.awarenessIds.size > 0)) {
          conn.warnOnce('awareness-departed', "dropped an awareness update for a departed connection's client id", { clientId: id });
          continue;
        }
        if (conn.awarenessIds.size + introduced >= this.limits.maxAwarenessIdsPerConnection) {
          conn.warnOnce('awareness-ids', 'dropped an awareness update introducing too many client ids');
          continue;
        }
        introduced++;
      }
      const max = canWrite(conn.role) ? this.limits.maxEditorStateBytes : this.limits.maxReadOnlyStateBytes;
      if (entry.state.length > max) {
        conn.warnOnce('awareness-size', 'dropped a presence state over the size allowed to this role', { bytes: entry.state.length });
        continue;
      }
      if (entry.isNull) {
        if (hasState && (entry.clock >= current || this.ahead.has(id))) out.push({ entry, clock: Math.max(entry.clock, current) });
      } else if (!this.awareness.meta.has(id) || entry.clock > current) {
        out.push({ entry, clock: entry.clock });
        this.ahead.delete(id);
      } else if (!hasState || (this.ahead.has(id) && !this.sizes.get(id)?.json.equals(entry.state))) {
        // Its owner back after a blip, with the clock it had: the others saw the removal at that clock, so
        // the server counts on from there until the client has caught up (it takes the clock it is sent,
        // and echoes it back: an echo of what the server holds is not a change).
        out.push({ entry, clock: current + 1 });
        this.ahead.add(id);
      }
    }
    return out;
  }

  /** Applies accepted entries as y-protocols' applyAwarenessUpdate would, and emits its events. */
  private commit(conn: SyncConnection, accepted: { id: number; clock: number; state: unknown; json: Buffer }[]): void {
    const aw = this.awareness;
    const now = Date.now();
    const added: number[] = [];
    const updated: number[] = [];
    const filteredUpdated: number[] = [];
    const removed: number[] = [];
    for (const { id, clock, state, json } of accepted) {
      const hadMeta = aw.meta.has(id);
      const prev = aw.states.get(id);
      this.owner.set(id, conn);
      this.departed.delete(id);
      conn.awarenessIds.add(id);
      if (state === null) aw.states.delete(id);
      else aw.states.set(id, state as Record<string, unknown>);
      aw.meta.set(id, { clock, lastUpdated: now });
      this.setSize(id, conn.role, state === null ? undefined : json);
      if (!hadMeta && state !== null) added.push(id);
      else if (hadMeta && state === null) removed.push(id);
      else if (state !== null) {
        if (!equalityDeep(state, prev)) filteredUpdated.push(id);
        updated.push(id);
      }
    }
    if (added.length || filteredUpdated.length || removed.length) {
      aw.emit('change', [{ added, updated: filteredUpdated, removed }, conn]);
    }
    if (added.length || updated.length || removed.length) aw.emit('update', [{ added, updated, removed }, conn]);
  }

  private setSize(id: number, role: Role, json: Buffer | undefined): void {
    const old = this.sizes.get(id);
    if (old) {
      this.roomBytes -= old.bytes;
      this.roleBytes.set(old.role, (this.roleBytes.get(old.role) ?? 0) - old.bytes);
    }
    if (json) {
      const bytes = json.length + ENTRY_OVERHEAD;
      this.sizes.set(id, { role, bytes, json });
      this.roomBytes += bytes;
      this.roleBytes.set(role, (this.roleBytes.get(role) ?? 0) + bytes);
    } else {
      this.sizes.delete(id);
    }
  }

  private pruneDeparted(now: number): void {
    if (this.departed.size <= MAX_DEPARTED / 16) return;
    for (const [id, d] of this.departed) {
      if (now - d.at < DEPARTED_TTL_MS && this.departed.size <= MAX_DEPARTED) break;
      this.departed.delete(id);
    }
  }

  private readonly onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
    this.cachedSnapshot = undefined;
    // Removals by y-protocols' own timeout (30 s without a renewal) free their budget here.
    for (const id of removed) {
      if (this.awareness.states.has(id)) continue;
      this.setSize(id, 'delegate', undefined);
      this.ahead.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    if (changed.length) this.broadcast(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
  };
}

/** A token bucket keyed by anything: `cost` tokens from a budget of `rate` a second, holding at most `burst`. */
function take<K extends object | string>(
  buckets: { get(k: K): Bucket | undefined; set(k: K, b: Bucket): unknown },
  key: K,
  rate: number,
  burst: number,
  cost: number,
): boolean {
  const now = Date.now();
  const b = buckets.get(key) ?? { tokens: burst, at: now };
  b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate);
  b.at = now;
  buckets.set(key, b);
  if (b.tokens < cost) return false;
  b.tokens -= cost;
  return true;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseState(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch (e) {
    throw new MalformedMessage(`not an awareness update (${(e as Error).message})`);
  }
}

/**
 * What the others see of a connection carries the role its token gives, not the one it claims: `user.role`
 * is overwritten (a state without a `user` object gets one holding only the role). A person's own link
 * (issue 24) is shown with the registered name and organisation, whatever the page says
 * (`user.name`, `user.company`, `user.registered: true`).
 */
function stampRole(state: unknown, role: Role, person?: { name: string; organisation: string }): unknown {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state;
  const s = state as Record<string, unknown>;
  const user = s.user !== null && typeof s.user === 'object' && !Array.isArray(s.user) ? (s.user as Record<string, unknown>) : {};
  if (person) return { ...s, user: { ...user, role, name: person.name, company: person.organisation, registered: true } };
  const { registered: _forged, ...claimed } = user;
  return { ...s, user: { ...claimed, role } };
}
