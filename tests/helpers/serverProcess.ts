/**
 * The real server as a child process (`node bin/plenary.js serve`), for tests that kill it or read its
 * logs. PORT 0 on the first start; `port` reuses a port (after a SIGKILL the port is free at once).
 * Killed at the end of the test that started it, or by `register` (e.g. afterAll) when started in a hook
 * and shared by the tests of a file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { ROOT_DIR } from '../../server/main.js';
import { waitFor } from './waitFor.js';

export interface ServerProcess {
  proc: ChildProcess;
  url: string;
  port: number;
  syncUrl: string;
  adminToken: string;
  /** Everything written so far (updated live). */
  output: { stdout: string; stderr: string };
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
}

/** Starts `plenary serve` on `dataDir`; resolves once it listens. */
export async function startServerProcess(
  dataDir: string,
  opts: { port?: number; env?: Record<string, string>; adminToken?: string; register?: (f: () => Promise<void>) => void } = {},
): Promise<ServerProcess> {
  const adminToken = opts.adminToken ?? 'process-admin';
  const proc = spawn(process.execPath, [join(ROOT_DIR, 'bin/plenary.js'), 'serve'], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      PORT: String(opts.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PLENARY_BUILD_CLIENT: '0',
      PLENARY_LOG_LEVEL: 'warn',
      PLENARY_ADMIN_TOKEN: adminToken,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const gone = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGKILL');
      await gone;
    }
  };
  (opts.register ?? onTestFinished)(kill);
  const output = { stdout: '', stderr: '' };
  proc.stdout!.on('data', (d) => (output.stdout += d));
  proc.stderr!.on('data', (d) => (output.stderr += d));
  const m = await waitFor(
    () => {
      if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}): ${output.stderr.slice(-2000)}`);
      return /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output.stdout);
    },
    { timeoutMs: 60_000, what: 'the server to listen' },
  );
  return { proc, url: m[1], port: Number(m[2]), syncUrl: m[1].replace(/^http/, 'ws') + '/sync', adminToken, output, kill };
}
