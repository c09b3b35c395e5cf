/**
 * A CPU profile of one phase of another Node process, through its inspector (the server is started with
 * --inspect=127.0.0.1:0 when profiling): Profiler.start before the phase, Profiler.stop after, so the
 * profile shows the edits and not the start-up.
 */
import WebSocket from 'ws';

export interface PhaseProfile {
  /** Stops profiling and returns the V8 profile (.cpuprofile JSON). */
  stop(): Promise<unknown>;
}

/** Connects to the inspector at `url` (ws://127.0.0.1:PORT/UUID) and starts the CPU profiler. */
export async function startPhaseProfile(url: string): Promise<PhaseProfile> {
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
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((ok, fail) => {
      const id = nextId++;
      waiting.set(id, { ok, fail });
      ws.send(JSON.stringify({ id, method, params }));
      setTimeout(() => {
        if (waiting.delete(id)) fail(new Error(`inspector: ${method} timed out`));
      }, 30_000).unref();
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 200 });
  await call('Profiler.start');
  return {
    stop: async () => {
      const { profile } = (await call('Profiler.stop')) as { profile: unknown };
      ws.close();
      return profile;
    },
  };
}
