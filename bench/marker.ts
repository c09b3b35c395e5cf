/**
 * The edit marker: the editor writes `BENCHMARK#<seq>:<sendTimeNs>#` as the author of each status change,
 * so a follower can time an edit's arrival by scanning the raw update bytes (strings are stored as plain
 * UTF-8 in Yjs v1 updates) without decoding the document. Send times are process.hrtime (CLOCK_MONOTONIC),
 * comparable across processes on one machine.
 */

export const MARKER_PREFIX = 'BENCHMARK#';
const PREFIX_BYTES = Buffer.from(MARKER_PREFIX, 'latin1');
const COLON = 0x3a;
const HASH = 0x23;

/** The marker string for edit `seq` sent at `sendNs`. */
export function makeMarker(seq: number, sendNs: bigint): string {
  return `${MARKER_PREFIX}${seq}:${sendNs}#`;
}

/** Calls `found(seq, sendNs)` for every marker in `buf` (an update may carry several when merged). */
export function scanMarkers(buf: Uint8Array, found: (seq: number, sendNs: bigint) => void): void {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let at = b.indexOf(PREFIX_BYTES);
  while (at >= 0) {
    let i = at + PREFIX_BYTES.length;
    let seq = 0;
    while (i < b.length && b[i] !== COLON) seq = seq * 10 + (b[i++]! - 48);
    const start = ++i;
    while (i < b.length && b[i] !== HASH) i++;
    if (i < b.length) found(seq, BigInt(b.toString('latin1', start, i)));
    at = b.indexOf(PREFIX_BYTES, i);
  }
}
