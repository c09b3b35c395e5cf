/**
 * A fault-injecting TCP proxy in front of the server, for one client's connections: it delays each
 * chunk (order within a connection kept, as TCP does), drops connections, partitions the client (new
 * connections are cut at once), and reorders across reconnects: when a connection is dropped, what the
 * client had sent on it still reaches the server, late, after what it sends on its next connection.
 * Seeded, so a run replays from its seed. Closed at the end of the test that made it.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';
import type { SeededRandom } from './seededRandom.js';

export interface FaultOptions {
  /** Largest delay per chunk, client to server and back (ms). */
  maxDelayMs: number;
  /** How long the client's last chunks on a dropped connection may still take to arrive (ms). */
  maxLateMs: number;
}

interface Pipe {
  client: Socket;
  upstream: Socket;
  /** When the last chunk each way is due (keeps chunks in order). */
  upDue: number;
  downDue: number;
}

export class FaultProxy {
  readonly port: number;
  /** Connections dropped so far, and chunks delivered late after a drop. */
  readonly stats = { connections: 0, dropped: 0, lateChunks: 0 };
  private partitioned = false;
  private readonly pipes = new Set<Pipe>();

  private constructor(
    private readonly server: Server,
    private readonly rng: SeededRandom,
    private readonly opts: FaultOptions,
  ) {
    this.port = (server.address() as { port: number }).port;
  }

  /** Starts a proxy to 127.0.0.1:`targetPort` on a free port. */
  static async start(targetPort: number, rng: SeededRandom, opts: FaultOptions = { maxDelayMs: 20, maxLateMs: 60 }): Promise<FaultProxy> {
    let proxy!: FaultProxy;
    const server = createServer((client) => proxy.accept(client, targetPort));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new FaultProxy(server, rng, opts);
    onTestFinished(() => proxy.close());
    return proxy;
  }

  /** ws://127.0.0.1:PORT/sync through this proxy. */
  get syncUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`;
  }

  /** Cuts the client off: open connections dropped, new ones cut at once, until heal(). */
  partition(): void {
    this.partitioned = true;
    for (const p of [...this.pipes]) this.drop(p);
  }

  heal(): void {
    this.partitioned = false;
  }

  get isPartitioned(): boolean {
    return this.partitioned;
  }

  /** Drops the client's open connections (the client sees them close and reconnects). */
  dropConnections(): void {
    for (const p of [...this.pipes]) this.drop(p);
  }

  /** Stops listening and cuts every connection (idempotent). */
  async close(): Promise<void> {
    if (!this.server.listening) return;
    for (const p of [...this.pipes]) {
      p.client.destroy();
      p.upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, targetPort: number): void {
    client.on('error', () => undefined);
    if (this.partitioned) {
      client.destroy();
      return;
    }
    this.stats.connections++;
    const upstream = connect(targetPort, '127.0.0.1');
    upstream.on('error', () => client.destroy());
    const pipe: Pipe = { client, upstream, upDue: 0, downDue: 0 };
    this.pipes.add(pipe);
    client.on('data', (chunk) => {
      pipe.upDue = Math.max(Date.now(), pipe.upDue) + this.rng.int(0, this.opts.maxDelayMs);
      setTimeout(() => {
        if (!this.pipes.has(pipe)) this.stats.lateChunks++;
        if (!upstream.destroyed) upstream.write(chunk);
      }, pipe.upDue - Date.now());
    });
    upstream.on('data', (chunk) => {
      pipe.downDue = Math.max(Date.now(), pipe.downDue) + this.rng.int(0, this.opts.maxDelayMs);
      setTimeout(() => {
        if (this.pipes.has(pipe) && !client.destroyed) client.write(chunk);
      }, pipe.downDue - Date.now());
    });
    client.on('close', () => this.drop(pipe));
    upstream.on('close', () => {
      this.pipes.delete(pipe);
      client.destroy();
    });
  }

  /**
   * The client's side goes at once; the server's side stays until the chunks the client already sent
   * have arrived, a little later (the reordering across reconnects), then ends.
   */
  private drop(pipe: Pipe): void {
    if (!this.pipes.delete(pipe)) return;
    this.stats.dropped++;
    pipe.client.destroy();
    pipe.upDue = Math.max(Date.now(), pipe.upDue) + this.rng.int(0, this.opts.maxLateMs);
    setTimeout(() => pipe.upstream.end(), pipe.upDue - Date.now() + 1);
  }
}
