/** Starts tests/helpers/smtpSink.mjs (a real SMTP server process) and reads the messages it received. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SmtpSink {
  url: string;
  /** The messages received so far, parsed (mailparser), oldest first. */
  messages(): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

export async function startSmtpSink(register: (f: () => Promise<void>) => void = (f) => onTestFinished(f)): Promise<SmtpSink> {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-smtp-'));
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'smtpSink.mjs'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the SMTP server exited (${code})`)));
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  register(stop);
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: async () => Promise.all(readdirSync(dir).sort().map((f) => simpleParser(readFileSync(join(dir, f))))),
    stop,
  };
}
