// The WAL checkpointer's thread (WalCheckpointer.ts): a connection of its own to the meetings' database
// that copies the write-ahead log back into the database file every `everyMs`, so that the event loop's
// commits never pay for it. Plain JavaScript: it needs no TypeScript loader (and no tsx thread).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
let busy = false;
const timer = setInterval(() => {
  if (busy) return;
  busy = true;
  const started = performance.now();
  try {
    // PASSIVE: copies what it can without waiting for a reader or a writer, and never blocks one.
    // Only PASSIVE: every other mode takes the log's write lock, and a transaction of the server that read
    // first and then writes gets "database is locked" at once (SQLite calls no busy handler on that upgrade).
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.checkpointed > 0) parentPort.postMessage({ type: 'checkpointed', pages: r.checkpointed, log: r.log, ms: performance.now() - started });
  } catch (e) {
    parentPort.postMessage({ type: 'error', message: String(e && e.message ? e.message : e) });
  } finally {
    busy = false;
  }
}, workerData.everyMs);

parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try {
    db.close();
  } finally {
    parentPort.postMessage({ type: 'stopped' });
    parentPort.close();
  }
});
