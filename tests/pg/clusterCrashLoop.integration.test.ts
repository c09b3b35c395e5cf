/**
 * The crash loop on a three-process cluster: editors on different processes keep editing while random
 * processes are killed with SIGKILL and restarted; a client whose process died reconnects to a live one
 * (as through the load balancer). At the end every replica, and a fresh reader, hold every edit.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { describe, expect, it, onTestFinished } from 'vitest';
import { freshPgDatabase } from '../helpers/pgDatabase.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { createMeeting, sampleMeeting } from '../helpers/startTestServer.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { tempDir } from '../helpers/tempDir.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';

const ADMIN = 'loop-admin';
const ROUNDS = 6;

describe('crash loop on three processes', () => {
  it('G-PG-7: editors on different processes, random processes killed with SIGKILL and restarted: every replica and a fresh reader end with every edit', async () => {
    const url = await freshPgDatabase();
    const dataDir = tempDir();
    const start = () => startServerProcess(dataDir, { adminToken: ADMIN, env: { DATABASE_URL: url, PLENARY_CLUSTER_POLL_MS: '300' } });
    const procs: ServerProcess[] = [];
    for (let i = 0; i < 3; i++) procs.push(await start());
    const m = await createMeeting({ url: procs[0].url, adminToken: ADMIN } as never, sampleMeeting(3));
    for (const p of procs.slice(1)) {
      await waitFor(async () => (await fetch(`${p.url}/api/meetings/${m.id}/role?token=${encodeURIComponent(m.tokens.chair)}`)).status === 200);
    }
    const rng = seededRandom(18);
    const random = () => rng.next();
    const editors = [0, 1, 2].map((i) => {
      const doc = new Y.Doc();
      const ed = { name: `e${i}`, doc, made: 0, on: i, provider: undefined as WebsocketProvider | undefined };
      return ed;
    });
    const point = (ed: (typeof editors)[number], procIndex: number) => {
      ed.provider?.destroy();
      ed.on = procIndex;
      ed.provider = new WebsocketProvider(procs[procIndex].syncUrl, m.id, ed.doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token: m.tokens.secretary },
        maxBackoffTime: 300,
      });
    };
    for (const [i, ed] of editors.entries()) point(ed, i);
    onTestFinished(() => editors.forEach((ed) => ed.provider?.destroy()));
    const timer = setInterval(() => {
      for (const ed of editors) {
        ed.doc.getArray<string>('chaos').push([`${ed.name}-${ed.made++}`]);
      }
    }, 25);
    onTestFinished(() => clearInterval(timer));

    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((r) => setTimeout(r, 300 + random() * 500));
      const victim = Math.floor(random() * procs.length);
      await procs[victim].kill();
      // Its editors go to a live process (edits made meanwhile stay in their docs).
      for (const ed of editors) if (ed.on === victim) point(ed, (victim + 1 + Math.floor(random() * 2)) % procs.length);
      await new Promise((r) => setTimeout(r, 200 + random() * 300));
      procs[victim] = await start();
    }
    clearInterval(timer);
    const expected = editors.flatMap((ed) => Array.from({ length: ed.made }, (_, i) => `${ed.name}-${i}`)).sort();
    const items = (doc: Y.Doc) => [...doc.getArray<string>('chaos').toArray()].sort();
    await waitFor(() => editors.every((ed) => JSON.stringify(items(ed.doc)) === JSON.stringify(expected)), {
      timeoutMs: 60_000,
      what: 'every editor to hold every edit',
    });
    for (const p of procs) {
      const reader = connectClient(p.syncUrl, m.id, m.tokens.screen);
      await reader.synced();
      await waitFor(() => reader.doc.getArray('chaos').length === expected.length, { what: `a fresh reader on ${p.port} to hold every edit` });
      expect(items(reader.doc)).toEqual(expected);
      expect(reader.doc.getArray('chaos').toArray()).toEqual(editors[0].doc.getArray('chaos').toArray());
    }
    // The stored log alone holds it all: editors gone, every process killed, a new one started.
    editors.forEach((ed) => ed.provider?.destroy());
    for (const p of procs) await p.kill();
    const last = await start();
    const reader = connectClient(last.syncUrl, m.id, m.tokens.screen);
    await reader.synced();
    expect(items(reader.doc)).toEqual(expected);
  });
});
