/**
 * What an edit costs the server with many followers: `npx tsx server/tools/measureEditCost.ts [N] [EDITS]`.
 *
 * The server runs in this process (SQLite in a temp folder, synchronous=FULL unless SYNC=NORMAL); N
 * followers and one editor run in a child process as raw y-websocket sockets, so their CPU does not
 * count. Prints the server's CPU per edit (apply + append + fan-out), the append latency, and the time
 * until every follower had the edit. A measurement script, not a test.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { configFromEnv, startServer } from '../main.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';

const N = Number(process.argv[3] ?? process.argv[2] ?? 1000);

if (process.argv[2] === 'child') await child();
else await parent();

async function parent(): Promise<void> {
  const n = Number(process.argv[2] ?? 1000);
  const edits = Number(process.argv[3] ?? 200);
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-bench-'));
  const server = await startServer({
    ...configFromEnv({}),
    port: 0,
    dataDir,
    demo: false,
    logLevel: 'warn',
    adminToken: 'bench',
    synchronous: process.env.SYNC === 'NORMAL' ? 'NORMAL' : 'FULL',
    connection: { messagesPerSecond: 1e6, messageBurst: 1e6 },
  });
  const doc = new Y.Doc();
  setMeta(doc, { title: 'Bench' });
  const item = addAgendaItem(doc, { label: '1', title: 'Item' });
  for (let i = 1; i <= 150; i++) addContribution(doc, { number: `SEC-2026-${String(i).padStart(4, '0')}`, title: `Row ${i}`, agendaItemId: item });
  const created = await server.meetings.create(readMeeting(doc));
  const syncUrl = `${server.url.replace(/^http/, 'ws')}/sync/${created.id}`;

  const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'child', String(n), String(edits)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_FOLLOW: `${syncUrl}?token=${created.tokens.delegate}`, BENCH_EDIT: `${syncUrl}?token=${created.tokens.chair}` },
  });
  let out = '';
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  let wallAtStart = 0;
  let cpu: NodeJS.CpuUsage | undefined;
  let wall = 0;
  const metricsBefore = { count: 0, sum: 0 };
  proc.stdout!.on('data', (d) => {
    out += d;
    if (!cpuAtStart && out.includes('EDITING')) {
      cpuAtStart = process.cpuUsage();
      wallAtStart = performance.now();
    }
    if (!cpu && out.includes('DONE')) {
      cpu = process.cpuUsage(cpuAtStart);
      wall = performance.now() - wallAtStart;
    }
  });
  await new Promise((r) => proc.on('exit', r));
  const result = JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!);
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  const hist = (name: string) => Number(new RegExp(`^plenary_append_seconds_${name} (\\S+)`, 'm').exec(metrics)?.[1] ?? 0);
  const appendCount = hist('count') - metricsBefore.count;
  const appendSum = hist('sum') - metricsBefore.sum;
  const cpuMs = (cpu!.user + cpu!.system) / 1000;
  console.log(
    JSON.stringify(
      {
        followers: n,
        edits,
        synchronous: process.env.SYNC === 'NORMAL' ? 'NORMAL' : 'FULL',
        serverCpuMsPerEdit: +(cpuMs / edits).toFixed(3),
        serverCpuShareOfWall: +(cpuMs / wall).toFixed(3),
        appendCalls: appendCount,
        appendMsMean: +((appendSum / Math.max(1, appendCount)) * 1000).toFixed(3),
        ...result,
      },
      null,
      2,
    ),
  );
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

function syncStep1(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(e);
}

async function child(): Promise<void> {
  const n = Number(process.argv[3]);
  const edits = Number(process.argv[4]);
  const received = new Array<number>(edits).fill(0);
  const lastAt = new Array<number>(edits).fill(0);
  const sentAt = new Array<number>(edits).fill(0);
  let synced = 0;
  const sockets: WebSocket[] = [];
  const open = (url: string, onMessage: (data: Uint8Array) => void) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.binaryType = 'nodebuffer';
      ws.on('open', () => {
        ws.send(syncStep1());
        resolve(ws);
      });
      ws.on('message', (d: Buffer) => onMessage(d));
      ws.on('error', reject);
    });
  // Followers: count step 2 (synced) and updates. An update's edit index is in its title "e<i>#"; a
  // merged update may carry several, and one edit covers the earlier ones to the same rows.
  for (let i = 0; i < n; i++) {
    let got = false;
    let seen = -1;
    sockets.push(
      await open(process.env.BENCH_FOLLOW!, (data) => {
        const d = decoding.createDecoder(data);
        if (decoding.readVarUint(d) !== 0) return;
        const sub = decoding.readVarUint(d);
        if (sub === 1 && !got) {
          got = true;
          synced++;
        } else if (sub === 2) {
          let max = seen;
          for (const m of Buffer.from(data).toString('latin1').matchAll(/e(\d+)#/g)) max = Math.max(max, Number(m[1]));
          const now = performance.now();
          for (let k = seen + 1; k <= max; k++) {
            received[k]++;
            lastAt[k] = now;
          }
          seen = max;
        }
      }),
    );
  }
  while (synced < n) await new Promise((r) => setTimeout(r, 20));
  // The editor: a real Y.Doc whose updates are sent as [0,2,update]; edits a row title 20 ms apart.
  const editorDoc = new Y.Doc();
  let editor!: WebSocket;
  let editorSynced = false;
  editor = await open(process.env.BENCH_EDIT!, (data) => {
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== 0) return;
    const sub = decoding.readVarUint(d);
    if (sub === 1 || sub === 2) {
      Y.applyUpdate(editorDoc, decoding.readVarUint8Array(d), 'remote');
      editorSynced = true;
    }
  });
  while (!editorSynced) await new Promise((r) => setTimeout(r, 20));
  editorDoc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin === 'remote') return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, u);
    editor.send(encoding.toUint8Array(e));
  });
  const rows = editorDoc.getMap<Y.Map<unknown>>('contributions');
  const ids = [...rows.keys()];
  process.stdout.write('EDITING\n');
  for (let k = 0; k < edits; k++) {
    sentAt[k] = performance.now();
    rows.get(ids[k % ids.length])!.set('title', `e${k}#`);
    await new Promise((r) => setTimeout(r, 20));
  }
  while (received.some((r) => r < n)) await new Promise((r) => setTimeout(r, 20));
  process.stdout.write('DONE\n');
  const lat = received.map((_, k) => lastAt[k] - sentAt[k]).sort((a, b) => a - b);
  process.stdout.write(
    JSON.stringify({
      allFollowersHadEditMsP50: +lat[Math.floor(lat.length / 2)].toFixed(1),
      allFollowersHadEditMsP95: +lat[Math.floor(lat.length * 0.95)].toFixed(1),
    }) + '\n',
  );
  for (const s of [...sockets, editor]) s.terminate();
  process.exit(0);
}
void N;
