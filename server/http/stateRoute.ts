/** `GET /api/meetings/:id/state` once the token is checked: the encoded state with its ETag (meetingState.ts). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptedEncodings, notModified } from './staticEncoding.js';
import { STATE_CONTENT_TYPE, STATE_FORMAT, STATE_FORMAT_HEADER, compressedBody, type EncodedState } from '../meetings/meetingState.js';

export const STATE_PATH = /^\/api\/meetings\/([^/]+)\/(state|live)$/;

/** `GET /api/meetings/:id/live`: the live glance as JSON (gzipped when asked and smaller), with its ETag. */
export function sendGlance(req: IncomingMessage, res: ServerResponse, g: { etag: string; json: Buffer; gzip: Buffer | null }): void {
  const headers: Record<string, string> = { etag: g.etag, 'cache-control': 'private, no-cache', vary: 'Accept-Encoding, Authorization', 'x-content-type-options': 'nosniff' };
  if (notModified(req, g.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gz = g.gzip && acceptedEncodings(req.headers['accept-encoding']).has('gzip') ? g.gzip : null;
  const body = gz ?? g.json;
  res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, ...(gz ? { 'content-encoding': 'gzip' } : {}) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export async function sendState(req: IncomingMessage, res: ServerResponse, state: EncodedState): Promise<void> {
  const headers: Record<string, string> = {
    etag: state.etag,
    'cache-control': 'private, no-cache',
    vary: 'Accept-Encoding, Authorization',
    [STATE_FORMAT_HEADER]: STATE_FORMAT,
    'x-content-type-options': 'nosniff',
  };
  if (notModified(req, state.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  const encoding = accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
  const body = encoding ? await compressedBody(state, encoding) : Buffer.from(state.update.buffer, state.update.byteOffset, state.update.byteLength);
  res.writeHead(200, {
    ...headers,
    'content-type': STATE_CONTENT_TYPE,
    'content-length': body.length,
    ...(encoding ? { 'content-encoding': encoding } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
