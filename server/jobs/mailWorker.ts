/**
 * What runs in the mail worker (WorkerPool.ts): reading an mbox upload or maildir files into messages
 * (readMailbox.ts). Nothing here touches the server's state; the messages are posted back.
 */
import { parentPort } from 'node:worker_threads';
import { MailboxError, readMbox, readMessage, type ParsedMail } from './readMailbox.js';

export type MailJob = { kind: 'mbox'; data: Uint8Array } | { kind: 'files'; files: { name: string; data: Uint8Array }[] };

export interface MailAnswer {
  messages: (ParsedMail & { file?: string })[];
  unreadable: number;
  /** Maildir files that could not be read (kept out, named). */
  unreadableFiles?: string[];
}

async function run(job: MailJob): Promise<MailAnswer> {
  if (job.kind === 'mbox') return readMbox(job.data);
  const messages: MailAnswer['messages'] = [];
  const unreadableFiles: string[] = [];
  for (const f of job.files) {
    try {
      messages.push({ ...(await readMessage(f.data)), file: f.name });
    } catch {
      unreadableFiles.push(f.name);
    }
  }
  return { messages, unreadable: unreadableFiles.length, unreadableFiles };
}

parentPort!.on('message', (job: MailJob) => {
  run(job).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      parentPort!.postMessage({ ok: false, error: { name: err instanceof MailboxError ? 'MailboxError' : err.name, message: err.message } });
    },
  );
});
