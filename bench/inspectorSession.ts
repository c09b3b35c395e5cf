/**
 * Talks to another Node process through its inspector (servers under test start with
 * --inspect=127.0.0.1:0): a CPU profile of one phase (Profiler.start/stop, so the profile shows the
 * edits and not the start-up), and the memory a process keeps after a full garbage collection.
 */
import WebSocket from 'ws';

interface Session {
  call(method: string, params?: object): Promise<unknown>;
  close(): void;
}

async function openSession(url: string): Promise<Session> {
  const ws = new WebSocket(url);
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  let nextId = 1;
  const waiting = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  ws.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
    const w = m.id !== undefined ? waiting.get(m.id) : undefined;
    if (!w) return;
    waiting.delete(m.id!);
    if (m.error) w.fail(new Error(m.error.message));
    else w.ok(m.result);
  });
  return {
    call: (method, params = {}) =>
      new Promise<unknown>((ok, fail) => {
        const id = nextId++;
        waiting.set(id, { ok, fail });
        ws.send(JSON.stringify({ id, method, params }));
        setTimeout(() => {
          if (waiting.delete(id)) fail(new Error(`inspector: ${method} timed out`));
        }, 30_000).unref();
      }),
    close: () => ws.close(),
  };
}

export interface PhaseProfile {
  /** Stops profiling and returns the V8 profile (.cpuprofile JSON). */
  stop(): Promise<unknown>;
}

/** Starts the CPU profiler (200 µs sampling) in the process whose inspector is at `url`. */
export async function startPhaseProfile(url: string): Promise<PhaseProfile> {
  const s = await openSession(url);
  await s.call('Profiler.enable');
  await s.call('Profiler.setSamplingInterval', { interval: 200 });
  await s.call('Profiler.start');
  return {
    stop: async () => {
      const { profile } = (await s.call('Profiler.stop')) as { profile: unknown };
      s.close();
      return profile;
    },
  };
}

/**
 * JS heap in use plus memory held outside it (Buffers, ArrayBuffers), in KiB, after two full garbage
 * collections: what the process really keeps, unlike RSS, which also holds freed pages V8 has not returned.
 */
export async function retainedKb(url: string): Promise<number> {
  const s = await openSession(url);
  try {
    await s.call('HeapProfiler.collectGarbage');
    await s.call('HeapProfiler.collectGarbage');
    const r = (await s.call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as {
      result: { value: string };
    };
    const m = JSON.parse(r.result.value) as { heapUsed: number; external: number };
    return (m.heapUsed + m.external) / 1024;
  } finally {
    s.close();
  }
}
