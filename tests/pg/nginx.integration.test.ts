/**
 * The deployment of docs/deploy/nginx.conf, run for real: Debian's nginx with TLS (a self-signed
 * certificate made here) in front of two processes on one PostgreSQL. Clients connect through nginx
 * only; one process is killed with SIGKILL and they carry on through the other.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { get } from 'node:https';
import { join } from 'node:path';
import WebSocket from 'ws';
import { describe, expect, it, onTestFinished } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { freshPgDatabase } from '../helpers/pgDatabase.js';
import { startServerProcess } from '../helpers/serverProcess.js';
import { createMeeting, sampleMeeting } from '../helpers/startTestServer.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { ROOT_DIR } from '../../server/main.js';

const NGINX = '/usr/sbin/nginx';

/** A WebSocket that accepts the test's self-signed certificate. */
class TestCertWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { rejectUnauthorized: false });
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as { port: number }).port;
  await new Promise((ok) => s.close(ok));
  return port;
}

function httpsStatus(url: string): Promise<number> {
  return new Promise((ok, fail) => {
    get(url, { rejectUnauthorized: false }, (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    }).on('error', fail);
  });
}

describe('behind nginx', () => {
  it('G-PG-6: nginx with TLS in front of two processes: sync sockets upgrade through it, and after a SIGKILL of one process the clients carry on through the other with nothing lost', async () => {
    expect(existsSync(NGINX), 'nginx is installed (.ci/run installs nginx-light)').toBe(true);
    const dbUrl = await freshPgDatabase();
    const dataDir = tempDir();
    const env = { DATABASE_URL: dbUrl, PLENARY_CLUSTER_POLL_MS: '500', PLENARY_TRUSTED_PROXIES: '127.0.0.1' };
    const a = await startServerProcess(dataDir, { adminToken: 'nginx-admin', env });
    const b = await startServerProcess(dataDir, { adminToken: 'nginx-admin', env });

    const dir = tempDir();
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const port = await freePort();
    const site = readFileSync(join(ROOT_DIR, 'docs/deploy/nginx.conf'), 'utf8')
      .replace('127.0.0.1:8081', `127.0.0.1:${a.port}`)
      .replace('127.0.0.1:8082', `127.0.0.1:${b.port}`)
      .replace('listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`)
      .replace('/etc/ssl/certs/board.example.org.pem', join(dir, 'cert.pem'))
      .replace('/etc/ssl/private/board.example.org.key', join(dir, 'key.pem'));
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${join(dir, t)};`).join(' ');
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off; worker_processes 1; pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'error.log')};\nevents {}\nhttp { access_log off; ${temp}\n${site}\n}\n`,
    );
    const nginx = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', join(dir, 'error.log')], { stdio: 'ignore' });
    onTestFinished(async () => {
      if (nginx.exitCode === null) {
        const gone = new Promise((ok) => nginx.once('exit', ok));
        nginx.kill('SIGTERM');
        await gone;
      }
    });
    const front = `https://localhost:${port}`;
    await waitFor(async () => (await httpsStatus(`${front}/healthz`).catch(() => 0)) === 200, { what: 'nginx to answer' });

    const m = await createMeeting({ url: a.url, adminToken: 'nginx-admin' } as never, sampleMeeting(4));
    await waitFor(async () => (await fetch(`${b.url}/api/meetings/${m.id}/role?token=${encodeURIComponent(m.tokens.chair)}`)).status === 200);
    const syncUrl = `wss://localhost:${port}/sync`;
    const clients = (['chair', 'secretary', 'delegate', 'screen'] as const).map((r) => connectClient(syncUrl, m.id, m.tokens[r], { webSocket: TestCertWebSocket as unknown as typeof WebSocket }));
    await Promise.all(clients.map((c) => c.synced()));
    const [chair, secretary] = clients;
    setMeta(chair.doc, { title: 'Through nginx' });
    await waitFor(() => clients.every((c) => readMeeting(c.doc).meta.title === 'Through nginx'), { what: 'every client to see the edit through nginx' });
    // Both processes hold connections (nginx spreads them), so the kill cuts some clients.
    await waitFor(async () => {
      const counts = await Promise.all([a, b].map(async (p) => ((await (await fetch(`${p.url}/api/meetings`, { headers: { authorization: 'Bearer nginx-admin' } })).json()) as { id: string; connected: Record<string, number> }[]).find((x) => x.id === m.id)!.connected));
      return counts.every((c) => Object.values(c).reduce((n, v) => n + v, 0) > 0);
    }, { what: 'both processes to hold some of the clients' });

    await a.kill();
    setMeta(secretary.doc, { venue: 'After the kill' });
    setMeta(chair.doc, { title: 'Still through nginx' });
    await waitFor(
      () => clients.every((c) => readMeeting(c.doc).meta.title === 'Still through nginx' && readMeeting(c.doc).meta.venue === 'After the kill'),
      { what: 'every client to converge through the surviving process', timeoutMs: 30_000 },
    );
    const reader = connectClient(b.syncUrl, m.id, m.tokens.screen);
    await reader.synced();
    expect(readMeeting(reader.doc)).toEqual(readMeeting(chair.doc));
  });
});
