/**
 * CONTRACT.md §4: "An edit that the server has broadcast is already durable." A real server process is
 * killed with SIGKILL right after another client received an edit, restarted on the same folder, and the
 * edit is there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, sampleMeeting } from '../helpers/startTestServer.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { ROOT_DIR } from '../../server/main.js';
import { readMeeting } from '../../shared/meetingDoc.js';
import { setContributionStatus, updateContribution } from '../../shared/contributionOps.js';

interface Child {
  proc: ChildProcess;
  url: string;
  syncUrl: string;
  adminToken: string;
  stdout: string;
}

async function spawnServer(dataDir: string): Promise<Child> {
  const proc = spawn(process.execPath, [join(ROOT_DIR, 'bin/plenary.js'), 'serve'], {
    cwd: ROOT_DIR,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, PLENARY_BUILD_CLIENT: '0', PLENARY_LOG_LEVEL: 'warn', PLENARY_ADMIN_TOKEN: 'crash-admin' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d) => (stdout += d));
  proc.stderr!.on('data', (d) => (stderr += d));
  const m = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout) ?? (proc.exitCode !== null ? (() => { throw new Error(`server exited: ${stderr}`); })() : null), {
    timeoutMs: 60_000,
    what: 'the server to listen',
  });
  return { proc, url: m[1], syncUrl: m[1].replace(/^http/, 'ws') + '/sync', adminToken: 'crash-admin', stdout };
}

describe('durability against a killed server', () => {
  it('G-DUR-1: keeps an edit another client received when the server is killed with SIGKILL right after', async () => {
    const dataDir = tempDir();
    const first = await spawnServer(dataDir);
    const m = await createMeeting({ url: first.url, adminToken: first.adminToken } as never, sampleMeeting(5));
    const chair = connectClient(first.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(first.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), delegate.synced()]);

    // A burst of edits, the last of which the delegate receives; then the kill, at once.
    const rows = readMeeting(chair.doc).contributions;
    for (let i = 0; i < 50; i++) updateContribution(chair.doc, rows[i % rows.length].id, { title: `edit ${i}` });
    setContributionStatus(chair.doc, rows[4].id, 'agreed', { by: 'chair' });
    await new Promise<void>((resolve) => {
      const check = () => {
        if (readMeeting(delegate.doc).contributions.find((c) => c.id === rows[4].id)?.status === 'agreed') {
          first.proc.kill('SIGKILL');
          delegate.doc.off('update', check);
          resolve();
        }
      };
      delegate.doc.on('update', check);
      check();
    });
    const seenByDelegate = readMeeting(delegate.doc);
    chair.destroy();
    delegate.destroy();
    await waitFor(() => first.proc.signalCode === 'SIGKILL', { what: 'the server to die' });

    const second = await spawnServer(dataDir);
    expect(second.stdout).not.toContain('admin token');
    const fresh = connectClient(second.syncUrl, m.id, m.tokens.screen);
    await fresh.synced();
    const after = readMeeting(fresh.doc);
    expect(after.contributions.find((c) => c.id === rows[4].id)?.status).toBe('agreed');
    expect(after.contributions.map((c) => c.title)).toEqual(seenByDelegate.contributions.map((c) => c.title));
  }, 120_000);
});
