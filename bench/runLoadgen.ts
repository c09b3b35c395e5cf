/**
 * Starts bench/loadgen.ts as its own Node process (through tsx) and talks to it over IPC. The child is
 * killed when the driver stops it or exits, so no run leaves a process behind.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DriverCommand, LoadgenConfig, LoadgenMessage } from './loadgenProtocol.js';

const LOADGEN = fileURLToPath(new URL('./loadgen.ts', import.meta.url));

export class LoadgenProcess {
  private readonly child: ChildProcess;
  private readonly inbox: LoadgenMessage[] = [];
  private waiter: (() => void) | null = null;
  private exited: string | null = null;

  constructor(config: LoadgenConfig) {
    this.child = fork(LOADGEN, [JSON.stringify(config)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m: LoadgenMessage) => {
      this.inbox.push(m);
      this.waiter?.();
    });
    this.child.on('exit', (code, signal) => {
      this.exited = `load generator exited (${code ?? signal})`;
      this.waiter?.();
    });
    const killOnExit = () => this.child.kill('SIGKILL');
    process.once('exit', killOnExit);
    this.child.once('exit', () => process.off('exit', killOnExit));
  }

  get pid(): number {
    return this.child.pid!;
  }

  send(cmd: DriverCommand): void {
    this.child.send(cmd);
  }

  /** The next message, which must be of `type`; an `error` message or an exit throws. */
  async expect<T extends LoadgenMessage['type']>(type: T, timeoutMs: number): Promise<Extract<LoadgenMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    while (this.inbox.length === 0) {
      if (this.exited) throw new Error(this.exited);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`load generator: no "${type}" within ${timeoutMs} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiter = () => {
          clearTimeout(t);
          r();
        };
      });
      this.waiter = null;
    }
    const m = this.inbox.shift()!;
    if (m.type === 'error') throw new Error(`load generator: ${m.message}`);
    if (m.type !== type) throw new Error(`load generator: expected "${type}", got "${m.type}"`);
    return m as Extract<LoadgenMessage, { type: T }>;
  }

  /** Asks it to close everything and waits for it to exit (killing it after a few seconds). */
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((r) => this.child.once('exit', () => r()));
    if (this.child.connected) this.child.send({ cmd: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}
