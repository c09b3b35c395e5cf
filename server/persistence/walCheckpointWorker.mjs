// The WAL checkpointer's thread (WalCheckpointer.ts): a connection of its own to the meetings' database
// that copies the write-ahead log back into the database file, so that the event loop's commits never
// pay for it. Plain JavaScript: it needs no TypeScript loader (and no tsx thread).
//
// When: once the log holds `pages` frames not yet copied back (SQLite's own default is 1,000), or once
// commits stopped for `idleMs` with frames left. How many frames wait is read from the wal-index header
// in the `-shm` file (SQLite's file format: mxFrame at byte 16, nBackfill at byte 96, in the machine's
// byte order), a read of 100 bytes every `pollMs` that takes no lock. Without a readable `-shm`, a
// checkpoint every `idleMs`.
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, pages, idleMs, pollMs } = workerData;
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const header = Buffer.alloc(100);
const little = endianness() === 'LE';
let shm = -1;
let lastFrame = -1;
let lastChange = Date.now();
let lastBlind = Date.now();

/** Frames in the log not yet copied back, or undefined when the wal-index cannot be read. */
function waiting() {
  try {
    if (shm < 0) shm = openSync(`${file}-shm`, 'r');
    if (readSync(shm, header, 0, 100, 0) < 100) return undefined;
  } catch {
    return undefined;
  }
  const mxFrame = little ? header.readUInt32LE(16) : header.readUInt32BE(16);
  const backfilled = little ? header.readUInt32LE(96) : header.readUInt32BE(96);
  if (mxFrame !== lastFrame) {
    lastFrame = mxFrame;
    lastChange = Date.now();
  }
  return mxFrame > backfilled ? mxFrame - backfilled : 0;
}

function checkpoint() {
  const started = performance.now();
  try {
    // Only PASSIVE: every other mode takes the log's write lock, and a transaction of the server that read
    // first and then writes gets "database is locked" at once (SQLite calls no busy handler on that upgrade).
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.checkpointed > 0) parentPort.postMessage({ type: 'checkpointed', pages: r.checkpointed, log: r.log, ms: performance.now() - started });
  } catch (e) {
    parentPort.postMessage({ type: 'error', message: String(e && e.message ? e.message : e) });
  }
}

const timer = setInterval(() => {
  const n = waiting();
  if (n === undefined) {
    if (Date.now() - lastBlind >= idleMs) {
      lastBlind = Date.now();
      checkpoint();
    }
    return;
  }
  if (n >= pages || (n > 0 && Date.now() - lastChange >= idleMs)) checkpoint();
}, pollMs);

parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try {
    if (shm >= 0) closeSync(shm);
    db.close();
  } finally {
    parentPort.postMessage({ type: 'stopped' });
    parentPort.close();
  }
});
