/**
 * What the crash loop and partition suites run against (tests/hardening/*Suite.ts): one Plenary on
 * SQLite (in this process, or as a child process that can be killed), or a cluster of `plenary serve`
 * child processes on one PostgreSQL database (DATABASE_URL), with a balancer in front (as nginx in the
 * deployment). Everything is stopped at the end of the test that started it.
 */
import * as Y from 'yjs';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { Balancer } from './balancer.js';
import { freshPgDatabase } from './pgDatabase.js';
import { startServerProcess, type ServerProcess } from './serverProcess.js';
import { createMeeting, startTestServer, type CreatedTestMeeting, type TestServer } from './startTestServer.js';
import { tempDir } from './tempDir.js';
import { waitFor } from './waitFor.js';

export interface ServersUnderTest {
  /** For test names and messages: "one process on SQLite", "three processes on PostgreSQL". */
  name: string;
  processes: number;
  /** Where clients connect: the process itself, or the balancer in front of several. */
  syncUrl: string;
  /** Process i's own sync URL and port (i modulo the process count). */
  processSyncUrl(i: number): string;
  port(i: number): number;
  /** Creates a meeting through the first process and waits until every process knows it. */
  createMeeting(meeting: MeetingJson): Promise<CreatedTestMeeting>;
  /** SIGKILL of process i (child processes only). */
  kill(i: number): Promise<void>;
  /** Starts process i again, on the same port, with the same data. */
  restart(i: number): Promise<void>;
  /** The meeting's document in the server, when the server runs in this process (undefined: not loaded). */
  roomDoc?(meetingId: string): Y.Doc | undefined;
}

const ADMIN = 'target-admin';

/** One Plenary in this process (SQLite in a temp folder): fast, and its rooms can be read directly. */
export async function inProcessSqlite(): Promise<ServersUnderTest> {
  const ts: TestServer = await startTestServer();
  const port = ts.server.port;
  const fail = () => {
    throw new Error('the in-process server cannot be killed');
  };
  return {
    name: 'one process on SQLite',
    processes: 1,
    syncUrl: ts.syncUrl,
    processSyncUrl: () => ts.syncUrl,
    port: () => port,
    createMeeting: (meeting) => createMeeting(ts, meeting),
    kill: async () => fail(),
    restart: async () => fail(),
    roomDoc: (id) => ts.server.rooms.get(id)?.doc,
  };
}

/** Child processes sharing a data folder (secret.key), admin token and environment; process i restarts on its port. */
async function childProcesses(name: string, count: number, env: Record<string, string>, balanced: boolean): Promise<ServersUnderTest> {
  const dataDir = tempDir('plenary-target-');
  const procs: ServerProcess[] = [];
  for (let i = 0; i < count; i++) procs.push(await startServerProcess(dataDir, { adminToken: ADMIN, env }));
  const ports = procs.map((p) => p.port);
  const balancer = balanced ? await Balancer.start(() => ports) : null;
  const url = (i: number) => `http://127.0.0.1:${ports[i % count]}`;
  return {
    name,
    processes: count,
    syncUrl: balancer?.syncUrl ?? procs[0]!.syncUrl,
    processSyncUrl: (i) => `ws://127.0.0.1:${ports[i % count]}/sync`,
    port: (i) => ports[i % count]!,
    createMeeting: async (meeting) => {
      const m = await createMeeting({ url: url(0), adminToken: ADMIN } as TestServer, meeting);
      for (let i = 1; i < count; i++) {
        await waitFor(async () => (await fetch(`${url(i)}/api/meetings/${m.id}/role?token=${encodeURIComponent(m.tokens.screen)}`)).status === 200, {
          what: `process ${i} to know meeting ${m.id}`,
        });
      }
      return m;
    },
    kill: async (i) => procs[i % count]!.kill(),
    restart: async (i) => {
      procs[i % count] = await startServerProcess(dataDir, { adminToken: ADMIN, env, port: ports[i % count] });
    },
  };
}

/** One `plenary serve` child process on SQLite (killable). */
export function sqliteProcess(): Promise<ServersUnderTest> {
  return childProcesses('one process on SQLite', 1, {}, false);
}

/**
 * `count` `plenary serve` processes on a fresh PostgreSQL database, clients through a balancer. The
 * catch-up poll is shortened (300 ms) so that a test's end does not wait on it; notifications still drive
 * the fan-out.
 */
export async function pgCluster(count = 3, env: Record<string, string> = {}): Promise<ServersUnderTest> {
  const url = await freshPgDatabase();
  return childProcesses(`${count === 3 ? 'three' : count} processes on PostgreSQL`, count, { DATABASE_URL: url, PLENARY_CLUSTER_POLL_MS: '300', ...env }, true);
}
