import { createServer } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startCountingProxy } from '../../bench/countingProxy.js';

describe('the counting relay of the phone scenario', () => {
  it('relays requests and counts every byte the server sent, headers included, until reset', async () => {
    const body = 'x'.repeat(10_000);
    const server = createServer((_req, res) => res.end(body));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    onTestFinished(() => new Promise<void>((r) => server.close(() => r())));
    const proxy = await startCountingProxy((server.address() as { port: number }).port);
    onTestFinished(() => proxy.close());
    const got = await (await fetch(`http://127.0.0.1:${proxy.port}/`)).text();
    expect(got).toBe(body);
    expect(proxy.downstream()).toBeGreaterThan(body.length);
    expect(proxy.downstream()).toBeLessThan(body.length + 1000);
    proxy.reset();
    expect(proxy.downstream()).toBe(0);
    await (await fetch(`http://127.0.0.1:${proxy.port}/`)).text();
    expect(proxy.downstream()).toBeGreaterThan(body.length);
  });
});
