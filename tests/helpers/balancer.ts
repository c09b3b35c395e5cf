/**
 * A load balancer for tests, as nginx's upstream block with `proxy_next_upstream error` does it over TCP:
 * each new connection goes to the next process in turn, and to the one after when that one refuses (it was
 * killed). When a process dies its connections close, and the clients reconnect through the balancer to a
 * live one. Closed at the end of the test that started it.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';

export class Balancer {
  private next = 0;
  private readonly sockets = new Set<Socket>();
  /** Connections handed to each upstream index, for the test's own check that clients were spread. */
  readonly served: number[];

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly upstreams: () => number[],
  ) {
    this.served = upstreams().map(() => 0);
  }

  /** Listens on a free loopback port; `upstreams` is read on every connection (restarts may change ports). */
  static async start(upstreams: () => number[]): Promise<Balancer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const b = new Balancer(server, (server.address() as { port: number }).port, upstreams);
    server.on('connection', (client) => b.route(client));
    onTestFinished(() => b.close());
    return b;
  }

  get syncUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`;
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.once('close', () => this.sockets.delete(s));
    s.on('error', () => s.destroy());
  }

  private route(client: Socket): void {
    this.track(client);
    client.pause();
    const ports = this.upstreams();
    const first = this.next++ % ports.length;
    const attempt = (k: number) => {
      if (k >= ports.length || client.destroyed) {
        client.destroy();
        return;
      }
      const index = (first + k) % ports.length;
      const up = connect(ports[index]!, '127.0.0.1');
      this.track(up);
      let connected = false;
      up.once('error', () => {
        if (!connected) attempt(k + 1);
      });
      up.once('connect', () => {
        connected = true;
        this.served[index] = (this.served[index] ?? 0) + 1;
        client.pipe(up);
        up.pipe(client);
        client.resume();
        up.once('close', () => client.destroy());
        client.once('close', () => up.destroy());
      });
    };
    attempt(0);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
