/**
 * A TCP relay on loopback that counts the bytes the server sends to the browser: every HTTP response and
 * WebSocket frame, whichever part of the browser fetched it (page, service worker or the network stack's own
 * revalidations). The phone scenario reports it beside the figure from the page's DevTools events, which do
 * not see a service worker's fetches. It adds no delay of its own beyond a loopback hop.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface CountingProxy {
  port: number;
  /** Bytes sent from the server towards the browser since the last reset. */
  downstream(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(targetPort: number, host = '127.0.0.1'): Promise<CountingProxy> {
  let down = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, host);
    sockets.add(client);
    sockets.add(upstream);
    upstream.on('data', (d: Buffer) => {
      down += d.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    downstream: () => down,
    reset: () => {
      down = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
