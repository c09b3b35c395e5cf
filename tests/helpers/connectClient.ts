/**
 * A real client: a Y.Doc and y-websocket's WebsocketProvider with `ws` as the WebSocket and
 * `disableBc: true` (else providers in one process sync through BroadcastChannel, bypassing the server).
 * resyncInterval stays off: in Node 20 it throws (FACTS.md). Teardown is registered at creation.
 */
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { nextEvent, waitFor } from './waitFor.js';

// In Node every WebsocketProvider adds a process 'exit' listener (removed by destroy); tests holding a
// dozen providers at once are not leaking, so they should not print Node's leak warning.
const PROVIDERS_AT_ONCE = 200;
if (process.getMaxListeners() < PROVIDERS_AT_ONCE) process.setMaxListeners(PROVIDERS_AT_ONCE);

export interface CloseInfo {
  code: number;
  reason: string;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Every close the provider saw, oldest first. */
  closes: CloseInfo[];
  /** Resolves once the provider has synced with the server. */
  synced(): Promise<void>;
  /** Resolves with the next close not yet returned (code and reason from the server); never misses one. */
  nextClose(timeoutMs?: number): Promise<CloseInfo>;
  destroy(): void;
}

/** Connects a client to a meeting with a token (or none). */
export function connectClient(
  syncUrl: string,
  meetingId: string,
  token: string | undefined,
  opts: { register?: (f: () => void) => void; connect?: boolean; webSocket?: typeof WebSocket } = {},
): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, meetingId, doc, {
    WebSocketPolyfill: (opts.webSocket ?? WebSocket) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token === undefined ? {} : { token },
    connect: opts.connect ?? true,
    maxBackoffTime: 500,
  });
  const closes: CloseInfo[] = [];
  provider.on('connection-close', (event: { code: number; reason: string } | null) => {
    if (event) closes.push({ code: event.code, reason: String(event.reason ?? '') });
  });
  let consumed = 0;
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    provider.destroy();
    doc.destroy();
  };
  (opts.register ?? ((f) => onTestFinished(f)))(destroy);
  return {
    doc,
    provider,
    closes,
    synced: async () => {
      if (provider.synced) return;
      await nextEvent(provider as never, 'sync');
      if (!provider.synced) await nextEvent(provider as never, 'sync');
    },
    nextClose: async (timeoutMs = 20_000) => {
      const index = consumed++;
      await waitFor(() => closes.length > index, { timeoutMs, what: 'the connection to close' });
      return closes[index];
    },
    destroy,
  };
}
