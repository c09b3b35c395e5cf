// Entry of the format workers (WorkerPool.ts): the workers run TypeScript through tsx like the server
// itself (bin/plenary.js), whether the server was started by `plenary serve`, tsx or Vitest.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
