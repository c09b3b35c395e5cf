/**
 * `plenary serve` and `plenary links` as a secretary runs them: first start on an empty folder prints the
 * admin token and the demo meeting's links once; `links` prints the same links later; tokens never reach
 * the logs.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { startServerProcess } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { ROOT_DIR } from '../../server/main.js';
import { CloseCode } from '../../shared/closeReasons.js';

/** The server as a secretary starts it: no admin token set (it prints one), every log line written. */
const serve = (dataDir: string) => startServerProcess(dataDir, { adminToken: '', env: { PLENARY_LOG_LEVEL: 'debug', PUBLIC_URL: '' } });

describe('plenary serve and plenary links', () => {
  it('prints the admin token and the demo links once, links reprints them, SIGTERM stops cleanly, and no token is logged', async () => {
    const dataDir = tempDir();
    const first = await serve(dataDir);
    const url = first.url;
    await waitFor(() => /screen\s+http/.test(first.output.stdout), { timeoutMs: 30_000, what: 'the demo links' });
    const admin = /admin token[^\n]*\n\s+(\S+)/.exec(first.output.stdout)![1];
    const links = Object.fromEntries(
      [...first.output.stdout.matchAll(/^\s+(chair|secretary|delegate|screen)\s+(\S+)$/gm)].map((x) => [x[1], x[2]]),
    ) as Record<string, string>;
    expect(Object.keys(links).sort()).toEqual(['chair', 'delegate', 'screen', 'secretary']);
    expect(links.delegate).toMatch(new RegExp(`^${url}/m/[a-z0-9-]+/delegate-follow\\?token=[\\w-]{43}$`));
    const meetingId = /\/m\/([a-z0-9-]+)\//.exec(links.chair)![1];
    const tokens = Object.fromEntries(Object.entries(links).map(([r, l]) => [r, new URL(l).searchParams.get('token')!]));

    // Use the tokens in ways that get logged: a sync connection, a refused one, an export, a rotation.
    const client = connectClient(`${url.replace('http', 'ws')}/sync`, meetingId, tokens.delegate);
    await client.synced();
    const refused = connectClient(`${url.replace('http', 'ws')}/sync`, meetingId, tokens.chair + 'x');
    expect((await refused.nextClose()).code).toBe(CloseCode.Unauthorized);
    expect((await fetch(`${url}/api/meetings/${meetingId}/export.json?token=${tokens.screen}`)).status).toBe(200);
    expect((await fetch(`${url}/api/meetings/nope-nope/export.json?token=${tokens.screen}`)).status).toBe(404);

    const printed = spawnSync(process.execPath, [join(ROOT_DIR, 'bin/plenary.js'), 'links', meetingId], {
      cwd: ROOT_DIR,
      env: { ...process.env, DATA_DIR: dataDir, PUBLIC_URL: url },
      encoding: 'utf8',
    });
    expect(printed.status).toBe(0);
    for (const role of ['chair', 'secretary', 'delegate', 'screen']) expect(printed.stdout).toContain(links[role]);
    const unknown = spawnSync(process.execPath, [join(ROOT_DIR, 'bin/plenary.js'), 'links', 'nope-nope'], {
      cwd: ROOT_DIR,
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^error: no meeting "nope-nope"/);

    const goingAway = client.nextClose();
    first.proc.kill('SIGTERM');
    expect((await goingAway).code).toBe(CloseCode.GoingAway);
    await waitFor(() => first.proc.exitCode !== null, { what: 'the server to exit' });
    expect(first.proc.exitCode).toBe(0);
    client.destroy();

    for (const secret of [admin, ...Object.values(tokens)]) expect(first.output.stderr).not.toContain(secret);
    expect(first.output.stderr).toContain('[redacted]');

    // A second start on the same folder prints neither the admin token nor a new demo meeting.
    const second = await serve(dataDir);
    second.proc.kill('SIGTERM');
    await waitFor(() => second.proc.exitCode !== null, { what: 'the second server to exit' });
    expect(second.output.stdout).not.toContain('admin token');
    expect(second.output.stdout).not.toContain('demo meeting');
  }, 120_000);
});
