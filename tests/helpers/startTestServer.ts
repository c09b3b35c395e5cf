/**
 * A real Plenary server on port 0 with a temp DATA_DIR (SQLite) for integration tests, plus helpers to
 * create meetings through the HTTP API. Teardown is registered at creation (with the running test, or
 * with `register`, e.g. afterAll, when started in a hook).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { startServer, configFromEnv, type RunningServer, type ServerConfig } from '../../server/main.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

export interface TestServer {
  server: RunningServer;
  /** ws://127.0.0.1:PORT/sync, the WebsocketProvider's server URL. */
  syncUrl: string;
  url: string;
  dataDir: string;
  adminToken: string;
  /** Stops the server (graceful); the data folder stays until teardown. */
  stop(): Promise<void>;
  /** Starts a new server on the same data folder (after stop). */
  restart(): Promise<TestServer>;
}

export interface CreatedTestMeeting {
  id: string;
  tokens: Record<'chair' | 'secretary' | 'delegate' | 'screen', string>;
  links: Record<'chair' | 'secretary' | 'delegate' | 'screen', string>;
}

/** Starts a server; `overrides` change the config (e.g. room.keepaliveMs, maxPayload). */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  register: (f: () => Promise<void>) => void = (f) => onTestFinished(f),
): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'plenary-srv-'));
  const owned = overrides.dataDir === undefined;
  const servers: RunningServer[] = [];
  register(async () => {
    for (const s of servers) await s.close();
    if (owned) rmSync(dataDir, { recursive: true, force: true });
  });
  const config: ServerConfig = {
    ...configFromEnv({}),
    port: 0,
    dataDir,
    adminToken: 'test-admin-token',
    logLevel: process.env.PLENARY_TEST_LOG ?? 'silent',
    demo: false,
    processMetrics: false,
    ...overrides,
    // A short grace before an emptied meeting unloads: the idle path runs in every test without waiting 30 s.
    room: { unloadAfterMs: 200, ...overrides.room },
  };
  const make = async (): Promise<TestServer> => {
    const server = await startServer(config);
    servers.push(server);
    return {
      server,
      url: server.url,
      syncUrl: server.url.replace(/^http/, 'ws') + '/sync',
      dataDir,
      adminToken: server.adminToken,
      stop: () => server.close(),
      restart: make,
    };
  };
  return make();
}

/** A small valid meeting: one agenda item and `rows` contributions SEC-2026-0001... */
export function sampleMeeting(rows = 3, title = 'Test meeting'): MeetingJson {
  const doc = new Y.Doc();
  setMeta(doc, { title, startDate: '2026-03-02', endDate: '2026-03-06' });
  const item = addAgendaItem(doc, { label: '1', title: 'Opening' });
  for (let i = 1; i <= rows; i++) {
    addContribution(doc, { number: `SEC-2026-${String(i).padStart(4, '0')}`, title: `Row ${i}`, agendaItemId: item });
  }
  const json = readMeeting(doc);
  doc.destroy();
  return json;
}

/** Creates a meeting through `POST /api/meetings` (meeting JSON). */
export async function createMeeting(ts: TestServer, meeting: MeetingJson = sampleMeeting()): Promise<CreatedTestMeeting> {
  const res = await fetch(`${ts.url}/api/meetings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(meeting),
  });
  if (res.status !== 201) throw new Error(`creating a meeting failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedTestMeeting;
}
