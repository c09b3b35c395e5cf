/**
 * The servers under test, each started as its own process on loopback and stopped (SIGTERM, then SIGKILL)
 * at the end of a run: Plenary (`node bin/plenary.js serve`), the reference, y-websocket 2.1.0's own
 * `bin/server.cjs` (devDependency alias `y-websocket-ref`), and the floor (bench/floorServer.ts), a bare
 * relay that shows the least latency any server can reach here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { MeetingJson } from '../shared/document/meetingSchema.js';
import type { SyncTarget } from './syncTarget.js';

const HOST = '127.0.0.1';
/** The inspector on a free loopback port: for profiles and for memory after a full GC (bench/inspectorSession.ts). */
const INSPECT = '--inspect=127.0.0.1:0';
const DEBUGGER = /Debugger listening on (ws:\/\/\S+)/;
const inspectorUrlOf = (output: string) => DEBUGGER.exec(output)?.[1];

export interface ServerUnderTest {
  label: string;
  pid: number;
  port: number;
  /** The inspector's WebSocket URL when started with `inspect`. */
  inspectorUrl?: string;
  /** Prometheus metrics (Plenary only). */
  metricsUrl?: string;
  /** Every process of the server when it is several (a cluster): CPU and memory are summed over them. Unset: [pid]. */
  pids?: number[];
  /** The sync URL (WebsocketProvider's serverUrl) of each process when it is several; the editor uses the first. */
  syncUrls?: string[];
  /** Puts a meeting on the server and says how to reach it. */
  openMeeting(meeting: MeetingJson): Promise<SyncTarget>;
  stop(): Promise<void>;
}

/** A free loopback port (the reference server cannot be told to pick one itself). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Spawns a server (env values of undefined are removed) and resolves with the first stdout/stderr match of `ready`; rejects if it exits first. */
function spawnUntil(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs: number, alsoNeeds?: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray; output: string }> {
  return new Promise((resolve, reject) => {
    const fullEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete fullEnv[k];
    const child = spawn(cmd, args, { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')}: not ready within ${timeoutMs} ms; output: ${out.slice(-500)}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m && (!alsoNeeds || alsoNeeds.test(out))) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        // Keep draining so a chatty server never blocks on a full pipe.
        child.stdout!.resume();
        child.stderr!.resume();
        resolve({ child, match: m, output: out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited (${code ?? signal}) before it was ready: ${out.slice(-800)}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}

/** y-websocket 2.1.0's bin/server.cjs: in-memory rooms, no authentication, no persistence (no YPERSISTENCE). */
export async function startReference(opts: { inspect?: boolean } = {}): Promise<ServerUnderTest> {
  const port = await freePort();
  const { child, output } = await spawnUntil(
    process.execPath,
    [...(opts.inspect ? [INSPECT] : []), 'node_modules/y-websocket-ref/bin/server.cjs'],
    { HOST, PORT: String(port), YPERSISTENCE: undefined },
    /running at/,
    20_000,
    opts.inspect ? DEBUGGER : undefined,
  );
  return editorSeededServer('reference', child, port, inspectorUrlOf(output));
}

/**
 * bench/floorServer.ts through tsx: a bare relay with one frame per update written to every other socket,
 * for the fan-out floor. In-memory rooms seeded by the editor like the reference's; not a server to compare
 * features with, only latency and cost.
 */
export async function startFloor(opts: { inspect?: boolean } = {}): Promise<ServerUnderTest> {
  const { child, match, output } = await spawnUntil(
    process.execPath,
    [...(opts.inspect ? [INSPECT] : []), '--import', 'tsx', fileURLToPath(new URL('./floorServer.ts', import.meta.url))],
    { HOST, PORT: '0' },
    /listening on http:\/\/([^\s:]+):(\d+)/,
    30_000,
    opts.inspect ? DEBUGGER : undefined,
  );
  return editorSeededServer('floor', child, Number(match[2]), inspectorUrlOf(output));
}

/** A server with in-memory rooms and no tokens: each meeting is a fresh room the editor seeds itself. */
function editorSeededServer(label: string, child: ChildProcess, port: number, inspectorUrl: string | undefined): ServerUnderTest {
  let rooms = 0;
  return {
    label,
    pid: child.pid!,
    port,
    inspectorUrl,
    openMeeting: async () => ({
      label,
      serverUrl: `ws://${HOST}:${port}`,
      room: `bench-${++rooms}`,
      editorParams: {},
      followerParams: {},
      seedFromEditor: true,
    }),
    stop: () => stopChild(child),
  };
}

export interface PlenaryOptions {
  /** Extra environment. */
  env?: Record<string, string>;
  label?: string;
  /** Node arguments that replace `bin/plenary.js serve` (e.g. bench/plenaryBenchServer.ts through tsx). */
  entry?: string[];
  /** Open the server's inspector on a free loopback port (profiles, memory after GC: bench/inspectorSession.ts). */
  inspect?: boolean;
  /** Use this data folder (kept at stop) instead of a fresh one removed at stop: processes of one cluster share its secret.key. */
  dataDir?: string;
  /** The admin token (processes of one cluster share it); default a random one. */
  adminToken?: string;
}

/**
 * `node bin/plenary.js serve` on a fresh data folder, with authentication (tokens) on and its defaults
 * (SQLite store, PLENARY_SYNCHRONOUS=FULL); logging at warn so log lines are not part of the figures.
 */
export async function startPlenary(opts: PlenaryOptions = {}): Promise<ServerUnderTest> {
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'plenary-bench-'));
  const admin = opts.adminToken ?? randomBytes(16).toString('hex');
  let child: ChildProcess;
  let match: RegExpExecArray;
  let output: string;
  try {
    ({ child, match, output } = await spawnUntil(
      process.execPath,
      [...(opts.inspect ? [INSPECT] : []), ...(opts.entry ?? ['bin/plenary.js', 'serve'])],
      { HOST, PORT: '0', DATA_DIR: dataDir, PLENARY_ADMIN_TOKEN: admin, PLENARY_LOG_LEVEL: 'warn', PLENARY_BUILD_CLIENT: '0', ...opts.env },
      /listening on http:\/\/([^\s:]+):(\d+)/,
      60_000,
      opts.inspect ? DEBUGGER : undefined,
    ));
  } catch (e) {
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const port = Number(match[2]);
  const label = opts.label ?? 'plenary';
  return {
    label,
    pid: child.pid!,
    port,
    metricsUrl: `http://${HOST}:${port}/metrics`,
    inspectorUrl: inspectorUrlOf(output),
    openMeeting: async (meeting) => {
      const res = await fetch(`http://${HOST}:${port}/api/meetings`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(meeting),
      });
      const body = (await res.json()) as { id?: string; tokens?: Record<string, string>; error?: string };
      if (res.status !== 201 || !body.id || !body.tokens) throw new Error(`POST /api/meetings: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return {
        label,
        serverUrl: `ws://${HOST}:${port}/sync`,
        room: body.id,
        editorParams: { token: body.tokens.chair! },
        followerParams: { token: body.tokens.delegate! },
        seedFromEditor: false,
      };
    },
    stop: async () => {
      await stopChild(child);
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Several Plenary processes on one PostgreSQL database (DATABASE_URL), sharing a data folder (secret.key)
 * and admin token, as server/README.md's "PostgreSQL and several processes" deploys them. The meeting is
 * created through the first; openMeeting waits until every other process knows it (its catalog heard the
 * notification). Stopping stops every process.
 */
export async function startPlenaryCluster(opts: { processes: number; databaseUrl: string; env?: Record<string, string>; label: string }): Promise<ServerUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-bench-cluster-'));
  const adminToken = randomBytes(16).toString('hex');
  const procs: ServerUnderTest[] = [];
  try {
    // The first alone (it creates the schema), then the others.
    for (let i = 0; i < opts.processes; i++) {
      procs.push(await startPlenary({ dataDir, adminToken, label: opts.label, env: { DATABASE_URL: opts.databaseUrl, ...opts.env } }));
    }
  } catch (e) {
    await Promise.all(procs.map((p) => p.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const first = procs[0]!;
  return {
    label: opts.label,
    pid: first.pid,
    port: first.port,
    metricsUrl: first.metricsUrl,
    pids: procs.map((p) => p.pid),
    syncUrls: procs.map((p) => `ws://${HOST}:${p.port}/sync`),
    openMeeting: async (meeting) => {
      const target = await first.openMeeting(meeting);
      const deadline = Date.now() + 30_000;
      for (const p of procs.slice(1)) {
        for (;;) {
          const res = await fetch(`http://${HOST}:${p.port}/api/meetings/${target.room}/role?token=${encodeURIComponent(target.followerParams.token!)}`);
          await res.arrayBuffer();
          if (res.status === 200) break;
          if (Date.now() > deadline) throw new Error(`process on port ${p.port} never knew meeting ${target.room} (${res.status})`);
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      return target;
    },
    stop: async () => {
      await Promise.all(procs.map((p) => p.stop()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Base HTTP URL of a started Plenary (for the browser scenario). */
export function httpBase(server: ServerUnderTest): string {
  return `http://${HOST}:${server.port}`;
}
