/**
 * Soak: one real server (a child process, temp DATA_DIR) with 1,000 followers and 2 editors editing for
 * a while. Reports, every 10 s, the server's RSS and the followers connected, and at the end every
 * disconnect and whether every follower holds the editors' document. Not a test (no pass/fail); the
 * figures say whether memory stays flat and nobody drops.
 *
 *   npx tsx bench/soak.ts [--minutes 10] [--followers 1000] [--edit-ms 200]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import { readMeeting } from '../shared/document/meetingDoc.js';
import { setContributionStatus, updateContribution } from '../shared/document/contributionOps.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
};
const MINUTES = arg('minutes', 10);
const FOLLOWERS = arg('followers', 1000);
const EDIT_MS = arg('edit-ms', 200);

const dataDir = mkdtempSync(join(tmpdir(), 'plenary-soak-'));
const admin = 'soak-admin';
const server = spawn(process.execPath, [join(ROOT, 'bin/plenary.js'), 'serve'], {
  cwd: ROOT,
  env: { ...process.env, PORT: '0', DATA_DIR: dataDir, PLENARY_BUILD_CLIENT: '0', PLENARY_LOG_LEVEL: 'warn', PLENARY_ADMIN_TOKEN: admin },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const cleanup = () => {
  server.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

const url = await new Promise<string>((ok, fail) => {
  let out = '';
  server.stdout!.on('data', (d) => {
    out += d;
    const m = /listening on (http:\/\/[^\s]+)/.exec(out);
    if (m) ok(m[1]);
  });
  server.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
});
const syncUrl = url.replace(/^http/, 'ws') + '/sync';
const rssMb = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

const agenda = readFileSync(join(ROOT, 'server/demo/agenda-sec23.txt'));
const created = (await (
  await fetch(`${url}/api/meetings`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/plain' }, body: agenda })
).json()) as { id: string; tokens: Record<string, string> };

/** A follower: a raw socket that answers the greeting and applies what it is sent to its own doc. */
interface Follower {
  doc: Y.Doc;
  open: boolean;
  closes: number[];
}
const followers: Follower[] = [];
function follow(f: Follower): void {
  const ws = new WebSocket(`${syncUrl}/${created.id}?token=${created.tokens.delegate}`);
  ws.binaryType = 'nodebuffer';
  ws.on('open', () => {
    f.open = true;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(f.doc));
    ws.send(encoding.toUint8Array(e));
  });
  ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(d) !== 0) return;
    const sub = decoding.readVarUint(d);
    if (sub === 0) ws.send(Uint8Array.from([0, 1, 2, 0, 0]));
    else Y.applyUpdate(f.doc, decoding.readVarUint8Array(d));
  });
  ws.on('error', () => undefined);
  ws.on('close', (code) => {
    f.open = false;
    f.closes.push(code);
    if (!stopping) setTimeout(() => follow(f), 500);
  });
}
let stopping = false;
const t0 = Date.now();
for (let i = 0; i < FOLLOWERS; i++) {
  const f: Follower = { doc: new Y.Doc(), open: false, closes: [] };
  followers.push(f);
  follow(f);
  if (i % 50 === 49) await new Promise((r) => setTimeout(r, 50));
}
while (followers.some((f) => !f.open)) await new Promise((r) => setTimeout(r, 100));
console.log(`soak: ${FOLLOWERS} followers connected in ${((Date.now() - t0) / 1000).toFixed(1)} s; server RSS ${rssMb()} MB`);

const editors = ['chair', 'secretary'].map((role) => {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, created.id, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: created.tokens[role] },
  });
  return { doc, provider, closes: 0 };
});
editors.forEach((e) => e.provider.on('connection-close', () => e.closes++));
await Promise.all(editors.map((e) => new Promise<void>((ok) => (e.provider.synced ? ok() : e.provider.once('sync', () => ok())))));

const statuses = ['agreed', 'noted', 'revised', 'postponed', 'available'];
let edits = 0;
const editTimer = setInterval(() => {
  const e = editors[edits % 2];
  const rows = readMeeting(e.doc).contributions;
  if (!rows.length) return;
  const row = rows[edits % rows.length];
  if (edits % 3 === 0) setContributionStatus(e.doc, row.id, statuses[edits % statuses.length], { by: 'soak' });
  else updateContribution(e.doc, row.id, { title: `${row.title.replace(/ \(\d+\)$/, '')} (${edits})` });
  edits++;
}, EDIT_MS);

const samples: { s: number; rss: number; open: number }[] = [];
const sample = () => {
  const s = { s: Math.round((Date.now() - t0) / 1000), rss: rssMb(), open: followers.filter((f) => f.open).length };
  samples.push(s);
  console.log(`  t=${s.s}s rss=${s.rss} MB followers connected=${s.open} edits=${edits}`);
};
const sampler = setInterval(sample, 10_000);
await new Promise((r) => setTimeout(r, MINUTES * 60_000));
clearInterval(editTimer);
clearInterval(sampler);
sample();

// Settle: every follower should hold what the editors hold.
const target = Y.encodeStateVector(editors[0].doc);
const deadline = Date.now() + 30_000;
const same = (d: Y.Doc) => Buffer.from(Y.encodeStateVector(d)).equals(Buffer.from(target));
while (Date.now() < deadline && !followers.every((f) => same(f.doc))) await new Promise((r) => setTimeout(r, 200));
stopping = true;
const disconnects = followers.reduce((n, f) => n + f.closes.length, 0);
const codes = followers.flatMap((f) => f.closes).reduce<Record<number, number>>((m, c) => ({ ...m, [c]: (m[c] ?? 0) + 1 }), {});
const steady = samples.slice(1);
console.log(
  `soak result: ${MINUTES} min, ${FOLLOWERS} followers, 2 editors, ${edits} edits; follower disconnects ${disconnects} ${JSON.stringify(codes)}, ` +
    `editor disconnects ${editors[0].closes + editors[1].closes}; followers in sync ${followers.filter((f) => same(f.doc)).length}/${FOLLOWERS}; ` +
    `server RSS first/min/max/last ${steady[0]?.rss}/${Math.min(...steady.map((s) => s.rss))}/${Math.max(...steady.map((s) => s.rss))}/${steady.at(-1)?.rss} MB`,
);
for (const e of editors) e.provider.destroy();
cleanup();
process.exit(0);
