/**
 * A raw sync socket for hostile-client tests: sends any frame and tells whether the server processed it
 * (a sync step 1 sent after it is answered with a step 2) or closed the connection, and with what.
 */
import WebSocket from 'ws';

export interface Closed {
  code: number;
  reason: string;
}

/** Sync step 1 with an empty state vector: always answered by a step 2 ([0, 1, ...]). */
const PROBE = Uint8Array.from([0, 0, 1, 0]);

export class RawSyncSocket {
  readonly closed: Promise<Closed>;
  private step2s = 0;
  private closeInfo: Closed | undefined;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
        this.wake();
      }),
    );
    ws.on('error', () => undefined);
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) {
        this.step2s++;
        this.wake();
      }
    });
  }

  /** Opens a socket to `url` (a full /sync/ID?token=T URL); rejects when the upgrade fails. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<RawSyncSocket> {
    const ws = new WebSocket(url, { headers });
    const s = new RawSyncSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
    return s;
  }

  get isClosed(): boolean {
    return this.closeInfo !== undefined;
  }

  /**
   * Sends `frame`, then a probe; resolves with the close if the server closed the socket, or undefined
   * once the server has answered the probe (so it processed the frame and kept the connection).
   */
  async sendAndSettle(frame: Uint8Array | string, timeoutMs = 20_000): Promise<Closed | undefined> {
    if (this.closeInfo) return this.closeInfo;
    const target = this.step2s + 1;
    this.ws.send(frame, { binary: typeof frame !== 'string' });
    this.ws.send(PROBE);
    const deadline = Date.now() + timeoutMs;
    while (!this.closeInfo && this.step2s < target) {
      if (Date.now() > deadline) throw new Error('the server neither answered nor closed');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 250);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.closeInfo;
  }

  close(): void {
    this.ws.terminate();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
