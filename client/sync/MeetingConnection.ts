/**
 * One meeting's live document: a Y.Doc synced with the server through y-websocket and kept in IndexedDB
 * (y-indexeddb) for offline work, with the connection state a person needs to see.
 *
 * Limits and choices:
 * - `disableBc: true`: without it, a delegate's tab and an editor's tab of one browser merge through
 *   BroadcastChannel and the editor's tab uploads what the read-only tab holds.
 * - The local copy is loaded with a timeout. A corrupt or hanging IndexedDB copy must not hang the page:
 *   after LOCAL_LOAD_TIMEOUT_MS it is dropped (the database deleted) and the server's copy is used.
 * - "Changes not sent" counts local transactions made while the socket was not synced. Once the provider
 *   has synced again, the sync exchange has sent them all (y-websocket has no per-update acks).
 * - The browser's offline event closes the socket at once instead of waiting for y-websocket's 30 s watchdog.
 * - The socket opens only once the page holds what it can get cheaply (initialState.ts): the local copy when
 *   there is one, else the state over HTTP (compressed); its sync step 1 then asks only for the rest.
 * - The local copy is this link's own: keyed by meeting, the role the server gave the link, and the link
 *   (forgetMeeting.ts). It is opened only once that role is known (remembered from an earlier answer, or
 *   `keepLocalCopy(role)` when the server answers), so no copy written under another role is ever loaded
 *   and uploaded. When the server refuses the link (4401, 4404, or an HTTP 401/404 the page reports with
 *   `refuse`), the copy and everything else kept for the link is deleted.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { isEmptyMeetingDoc } from '../../shared/document/meetingDoc.js';
import { closeMessage, isTerminalClose } from './closeMessage.js';
import { HTTP_STATE_ORIGIN, applyHttpState, fetchStateOverHttp, hasLocalCopy, markLocalCopy } from './initialState.js';
import { heavyWorkGate } from './paintFirst.js';
import { dropLegacyCopy, forgetMeeting, localCopyName } from './forgetMeeting.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import type { Role } from '../route.js';

/** How long the local copy may take to load before it is dropped (ms). */
export const LOCAL_LOAD_TIMEOUT_MS = 4000;

/** Marks transactions made by this person in this tab: undo tracks only these. */
export const LOCAL_ORIGIN = Symbol('plenary-local');

export type ConnectionState = 'connecting' | 'connected' | 'offline' | 'closed';

export interface ConnectionSnapshot {
  state: ConnectionState;
  /** Local changes made while not synced, not yet confirmed sent. */
  unsent: number;
  /** True once the document holds a meeting (from the server or the local copy). */
  ready: boolean;
  /** Set when the server refused the link for good. */
  closedMessage: string | null;
  closedCode: number | null;
  /** True when the local copy was dropped (corrupt or too slow). */
  localDropped: boolean;
}

export interface MeetingConnectionOptions {
  meetingId: string;
  token: string;
  /** ws(s)://host; default: from location. */
  wsBase?: string;
  /** http(s)://host for the state request; default: wsBase with http(s). */
  httpBase?: string;
  /** Fetch the state over HTTP before the socket when there is no local copy (default true). */
  stateOverHttp?: boolean;
  /**
   * The role the server gave this link (remembered from an earlier answer): the local copy is opened at
   * once under it. Without it, no copy is kept until `keepLocalCopy(role)`.
   */
  role?: Role;
  /** Keep a local copy in IndexedDB once the role is known (default true when indexedDB exists). */
  persist?: boolean;
  localLoadTimeoutMs?: number;
  /** Opens the local copy (default: y-indexeddb); tests pass a stand-in that hangs. */
  openLocalCopy?: (name: string, doc: Y.Doc) => LocalCopy;
}

/** What the connection needs of a local copy: y-indexeddb's IndexeddbPersistence has it. */
export interface LocalCopy {
  whenSynced: Promise<unknown>;
  destroy(): Promise<void> | void;
  clearData(): Promise<void>;
}

type Listener = () => void;

/** One meeting's document, kept in sync and on disk; see the file comment for the choices. */
export class MeetingConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private local: LocalCopy | null = null;
  private readonly openLocalCopy: (name: string, doc: Y.Doc) => LocalCopy;
  private snapshot: ConnectionSnapshot = {
    state: 'connecting',
    unsent: 0,
    ready: false,
    closedMessage: null,
    closedCode: null,
    localDropped: false,
  };
  private listeners = new Set<Listener>();
  private cleanups: (() => void)[] = [];
  private localTimer: ReturnType<typeof setTimeout> | null = null;
  private dbName: string | null = null;
  private readonly customLocalCopy: boolean;
  private localKept = false;
  private readonly meetingId: string;
  private readonly token: string;
  private readonly persist: boolean;
  private forgotten: Promise<void> | null = null;
  /** Resolves once the local copy has loaded, was dropped, or there is none. */
  private localSettled: Promise<void> = Promise.resolve();
  private settleLocal: () => void = () => undefined;

  constructor(opts: MeetingConnectionOptions) {
    const wsBase = opts.wsBase ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
    this.meetingId = opts.meetingId;
    this.token = opts.token;
    this.customLocalCopy = opts.openLocalCopy !== undefined;
    this.openLocalCopy = opts.openLocalCopy ?? ((name, doc) => new IndexeddbPersistence(name, doc));
    this.provider = new WebsocketProvider(`${wsBase}/sync`, opts.meetingId, this.doc, {
      params: { token: opts.token },
      disableBc: true,
      connect: false,
    });
    this.listen();
    this.persist = opts.persist ?? (opts.openLocalCopy !== undefined || typeof indexedDB !== 'undefined');
    const persist = this.persist && opts.role !== undefined;
    if (persist) {
      this.dbName = localCopyName(opts.meetingId, opts.role!, opts.token);
      this.localSettled = new Promise((resolve) => (this.settleLocal = resolve));
    }
    // The copy earlier versions kept per meeting (any role could have written it) is never read.
    if (!this.customLocalCopy) void dropLegacyCopy(opts.meetingId);
    const httpBase = opts.httpBase ?? wsBase.replace(/^ws/, 'http');
    void this.start(persist, opts.localLoadTimeoutMs ?? LOCAL_LOAD_TIMEOUT_MS, opts.stateOverHttp ?? true, httpBase, opts.token);
  }

  /**
   * Loads what is cheap first (the local copy, else the state over HTTP, requested at once), then opens the
   * socket for the rest. The CPU-heavy part (applying either) waits for a quick first paint (paintFirst.ts).
   */
  private async start(persist: boolean, localTimeoutMs: number, stateOverHttp: boolean, httpBase: string, token: string): Promise<void> {
    const hadLocal = persist && this.dbName !== null && hasLocalCopy(this.dbName);
    const wantHttp = () => stateOverHttp && !this.doc.isDestroyed && isEmptyMeetingDoc(this.doc) && this.isOnline();
    const early = !hadLocal && wantHttp() ? fetchStateOverHttp(httpBase, this.meetingId, token) : null;
    await heavyWorkGate();
    if (this.doc.isDestroyed) return;
    if (persist) this.openLocal(localTimeoutMs);
    if (hadLocal) await this.localSettled;
    if (wantHttp()) {
      const update = (await early) ?? (early ? null : await fetchStateOverHttp(httpBase, this.meetingId, token));
      if (update === 'refused') return this.refuse(401);
      if (update && applyHttpState(this.doc, update) && !isEmptyMeetingDoc(this.doc)) {
        if (typeof performance !== 'undefined') performance.mark('plenary:http-state');
        if (this.snapshot.state !== 'closed') this.set({ ready: true });
      }
    }
    if (this.doc.isDestroyed || this.snapshot.state === 'closed' || this.snapshot.state === 'offline' || !this.isOnline()) return;
    this.provider.connect();
  }

  /**
   * Starts keeping the local copy under `role` (the server's answer for this link) now: a connection opened
   * before the page knew its role. Does nothing when one is kept already, the link was refused, the
   * connection keeps no copy (`persist: false`) or there is no IndexedDB.
   */
  keepLocalCopy(role: Role, timeoutMs = LOCAL_LOAD_TIMEOUT_MS): void {
    if (this.local || this.localKept || this.doc.isDestroyed || this.forgotten || !this.persist) return;
    if (!this.customLocalCopy && typeof indexedDB === 'undefined') return;
    this.dbName = localCopyName(this.meetingId, role, this.token);
    this.openLocal(timeoutMs);
  }

  /**
   * The server refused this link over HTTP (401: revoked, 404: no such meeting): the page stops, says why,
   * and forgets what it kept for the link (as a 4401/4404 close does).
   */
  refuse(status: 401 | 404): void {
    if (this.snapshot.state !== 'closed') {
      this.provider.disconnect();
      const code = status === 404 ? CloseCode.UnknownMeeting : CloseCode.Unauthorized;
      this.set({ state: 'closed', closedCode: code, closedMessage: closeMessage(code, status === 404 ? CloseReason.UnknownMeeting : CloseReason.Revoked) });
    }
    void this.forget();
  }

  /** Deletes the local copy and everything else kept for this link (forgetMeeting.ts); resolves when done. */
  forget(): Promise<void> {
    if (this.forgotten) return this.forgotten;
    const local = this.local;
    this.local = null;
    this.localKept = true;
    if (this.localTimer) clearTimeout(this.localTimer);
    this.settleLocal();
    this.forgotten = (async () => {
      await Promise.resolve(local?.clearData()).catch(() => undefined);
      await forgetMeeting(this.meetingId, this.token);
    })();
    return this.forgotten;
  }

  get awareness(): Awareness {
    return this.provider.awareness;
  }

  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  destroy(): void {
    for (const c of this.cleanups) c();
    this.cleanups = [];
    if (this.localTimer) clearTimeout(this.localTimer);
    this.provider.destroy();
    void Promise.resolve(this.local?.destroy()).catch(() => undefined);
    this.doc.destroy();
  }

  private set(patch: Partial<ConnectionSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    if ((Object.keys(patch) as (keyof ConnectionSnapshot)[]).every((k) => next[k] === this.snapshot[k])) return;
    this.snapshot = next;
    for (const l of [...this.listeners]) l();
  }

  private listen(): void {
    const p = this.provider;
    const onStatus = ({ status }: { status: string }) => {
      if (this.snapshot.state === 'closed') return;
      if (status === 'connected') {
        if (typeof performance !== 'undefined' && !performance.getEntriesByName('plenary:socket-open').length) performance.mark('plenary:socket-open');
        this.set({ state: 'connecting' });
      }
      // A dropped socket on a working network is a server restart or a blip: y-websocket retries.
      else this.set({ state: this.isOnline() && p.shouldConnect ? 'connecting' : 'offline' });
    };
    const onSync = (synced: boolean) => {
      if (!synced || this.snapshot.state === 'closed') return;
      if (typeof performance !== 'undefined' && !performance.getEntriesByName('plenary:synced').length) performance.mark('plenary:synced');
      this.set({ state: 'connected', unsent: 0, ready: true });
      // The local copy now holds the meeting (y-indexeddb stored what arrived): the next visit starts from it.
      if (this.local && this.dbName) markLocalCopy(this.dbName, true);
    };
    const onClosed = ({ code, reason }: { code: number; reason: string }) => {
      if (!isTerminalClose(code)) return;
      p.disconnect();
      this.set({ state: 'closed', closedCode: code, closedMessage: closeMessage(code, reason) });
      // Revoked or deleted: nothing of the meeting stays in this browser for this link.
      if (code === CloseCode.Unauthorized || code === CloseCode.UnknownMeeting) void this.forget();
    };
    const onUpdate = (_u: Uint8Array, origin: unknown) => {
      if (origin === p || origin === this.local || origin === HTTP_STATE_ORIGIN) return;
      if (!p.synced || !p.wsconnected) this.set({ unsent: this.snapshot.unsent + 1 });
    };
    p.on('status', onStatus);
    p.on('sync', onSync);
    p.on('closed', onClosed);
    this.doc.on('update', onUpdate);
    this.cleanups.push(() => {
      p.off('status', onStatus);
      p.off('sync', onSync);
      p.off('closed', onClosed);
      this.doc.off('update', onUpdate);
    });
    if (typeof window !== 'undefined') {
      const offline = () => {
        if (this.snapshot.state === 'closed') return;
        p.disconnect();
        this.set({ state: 'offline' });
      };
      const online = () => {
        if (this.snapshot.state === 'closed') return;
        this.set({ state: 'connecting' });
        p.connect();
      };
      window.addEventListener('offline', offline);
      window.addEventListener('online', online);
      this.cleanups.push(() => {
        window.removeEventListener('offline', offline);
        window.removeEventListener('online', online);
      });
      if (!this.isOnline()) offline();
    }
  }

  private isOnline(): boolean {
    return typeof navigator === 'undefined' || navigator.onLine !== false;
  }

  private openLocal(timeoutMs: number): void {
    this.localKept = true;
    if (!this.dbName || this.forgotten) return this.settleLocal();
    let local: LocalCopy;
    try {
      local = this.openLocalCopy(this.dbName, this.doc);
    } catch {
      this.set({ localDropped: true });
      this.settleLocal();
      return;
    }
    this.local = local;
    this.localTimer = setTimeout(() => this.dropLocal(local), timeoutMs);
    void local.whenSynced.then(() => {
      if (this.local !== local) return;
      if (this.localTimer) clearTimeout(this.localTimer);
      this.localTimer = null;
      if (!isEmptyMeetingDoc(this.doc)) {
        if (typeof performance !== 'undefined') performance.mark('plenary:local-loaded');
        this.set({ ready: true });
      }
      this.settleLocal();
    });
  }

  /** Drops a local copy that did not load in time and starts a fresh one from what the doc holds now. */
  private dropLocal(stuck: LocalCopy): void {
    if (this.local !== stuck) return;
    this.local = null;
    this.localTimer = null;
    this.set({ localDropped: true });
    const name = this.dbName!;
    markLocalCopy(name, false);
    this.settleLocal();
    void stuck
      .clearData()
      .catch(() => undefined)
      .then(() => {
        if (this.doc.isDestroyed || this.forgotten) return;
        try {
          this.local = this.openLocalCopy(name, this.doc);
        } catch {
          this.local = null;
        }
      });
  }
}
