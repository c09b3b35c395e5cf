/** `node bin/plenary.js ARGS` as a child process, as `npx plenary` runs it, with its exit code and output. */
import { spawn } from 'node:child_process';
import { ROOT_DIR } from '../../server/main.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI to its end. `stdoutEncoding` 'latin1' keeps binary output (xlsx, docx written to stdout)
 * byte for byte in the string.
 */
export function runPlenary(args: string[], opts: { stdoutEncoding?: 'utf8' | 'latin1'; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/plenary.js', ...args], { cwd: ROOT_DIR, stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ? { ...process.env, ...opts.env } : process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding(opts.stdoutEncoding ?? 'utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
