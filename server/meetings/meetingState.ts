/**
 * The meeting's state over HTTP (`GET /api/meetings/:id/state`): the whole document as one Yjs update in
 * the v2 encoding, compressed (brotli or gzip, by Accept-Encoding), for a page to apply before its socket
 * syncs the rest by state vector. A phone on venue Wi-Fi then receives ~40 KB instead of the ~725 KB
 * uncompressed v1 update a socket's sync step 2 carries for a 2,000-Tdoc meeting.
 *
 * - Read-only data for any token of the meeting (the same as the JSON export); it never changes anything.
 * - Only what is stored: the loaded room is flushed first (RoomRegistry.withDoc), as for a sync step 2.
 * - ETag: a hash of the state vector and the delete set, so it names the content (stable across restarts)
 *   and a page that already holds it gets a 304. `Cache-Control: private, no-cache`: the browser may keep
 *   it per token but asks each time.
 * - One encoding per document state: a room of delegates opening the link together costs one encoding and
 *   one compression per encoding; any update drops it. Compression runs off the event loop (zlib's thread
 *   pool) so broadcasts are not held up.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import * as Y from 'yjs';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Brotli quality 5: within ~15 % of the best size at a few percent of its time (2,000 Tdocs: ~40 KB). */
const BROTLI_QUALITY = 5;

export const STATE_CONTENT_TYPE = 'application/octet-stream';
/** Response header naming the body's format. */
export const STATE_FORMAT_HEADER = 'x-plenary-state';
export const STATE_FORMAT = 'yjs-update-v2';

export interface EncodedState {
  etag: string;
  /** The live glance (liveGlance.ts), read on first demand. */
  glance?: { json: Buffer; gzip: Buffer | null };
  /** The v2 update, uncompressed. */
  update: Uint8Array;
  /** Compressed bodies, made on first demand. */
  compressed: Partial<Record<'br' | 'gzip', Promise<Buffer>>>;
}

/** The state's ETag: hashes the state vector and the delete set (deletions do not move the state vector). */
export function stateEtag(doc: Y.Doc): string {
  const sv = Y.encodeStateVector(doc);
  // With the full state vector as "known", the update holds no structs: only the delete set.
  const deletes = Y.encodeStateAsUpdate(doc, sv);
  const h = createHash('sha256').update(sv).update(deletes).digest('base64url').slice(0, 27);
  return `"${h}-v2"`;
}

/** Encoded states of loaded documents, each dropped at the document's next update. */
export class MeetingStateCache {
  private readonly byDoc = new WeakMap<Y.Doc, EncodedState>();
  private readonly watched = new WeakSet<Y.Doc>();

  /** The document's state now, encoded (cached while `cache` and the document is unchanged). */
  get(doc: Y.Doc, cache = true): EncodedState {
    const hit = this.byDoc.get(doc);
    if (hit) return hit;
    const state: EncodedState = { etag: stateEtag(doc), update: Y.encodeStateAsUpdateV2(doc), compressed: {} };
    if (cache) {
      if (!this.watched.has(doc)) {
        this.watched.add(doc);
        doc.on('update', () => this.byDoc.delete(doc));
        doc.on('destroy', () => this.byDoc.delete(doc));
      }
      this.byDoc.set(doc, state);
    }
    return state;
  }
}

/** The body for an encoding (compressed once per state). */
export function compressedBody(state: EncodedState, encoding: 'br' | 'gzip'): Promise<Buffer> {
  let p = state.compressed[encoding];
  if (!p) {
    p =
      encoding === 'br'
        ? brotliAsync(state.update, {
            params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: state.update.length },
          })
        : gzipAsync(state.update, { level: 6 });
    state.compressed[encoding] = p;
    p.catch(() => delete state.compressed[encoding]);
  }
  return p;
}
