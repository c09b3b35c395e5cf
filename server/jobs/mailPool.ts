/**
 * The mail worker's pool (issue 26): one worker reading mbox uploads and maildir files (mailWorker.ts), so
 * a 5,000-message mbox never holds the event loop, and with it the live board.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WORKER_LIMITS, WorkerPool } from './WorkerPool.js';

const ENTRY = join(dirname(fileURLToPath(String(import.meta.url))), 'mailWorker.ts');

/** A pool of one mail worker (mail is read one file at a time; the format workers stay free). */
export function mailWorkerPool(): WorkerPool {
  return new WorkerPool(ENTRY, { size: 1, resourceLimits: DEFAULT_WORKER_LIMITS, maxQueued: 16 });
}
