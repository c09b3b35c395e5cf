/**
 * Full clients: a real `WebsocketProvider` (y-websocket 3, as the board uses it) over `ws`, with
 * BroadcastChannel off so every byte goes through the server, and a count of the bytes it received.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { SyncTarget } from './syncTarget.js';

/** `ws` with compression off (as a browser on loopback would effectively be) and a received-bytes count. */
class CountingWebSocket extends WebSocket {
  received = 0;
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { perMessageDeflate: false });
    this.addEventListener('message', (e) => {
      const d = e.data as ArrayBuffer | Buffer;
      this.received += d.byteLength;
    });
  }
}

export interface FullClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves on the provider's first `sync` (the server's state applied). Rejects on a close with a 44xx code. */
  synced: Promise<void>;
  bytes(): number;
  destroy(): void;
}

/** Connects a WebsocketProvider to the target with the given parameters. */
export function connectFullClient(target: SyncTarget, params: Record<string, string>, doc = new Y.Doc()): FullClient {
  const provider = new WebsocketProvider(target.serverUrl, target.room, doc, {
    params,
    disableBc: true,
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
  });
  const synced = new Promise<void>((resolve, reject) => {
    provider.on('sync', (isSynced: boolean) => {
      if (isSynced) resolve();
    });
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && event.code >= 4400 && event.code < 4500) reject(new Error(`closed ${event.code} ${event.reason}`));
    });
  });
  synced.catch(() => {});
  return {
    doc,
    provider,
    synced,
    bytes: () => (provider.ws as unknown as CountingWebSocket | null)?.received ?? 0,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}
