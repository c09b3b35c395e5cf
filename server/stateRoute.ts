/** `GET /api/meetings/:id/state` once the token is checked: the encoded state with its ETag (meetingState.ts). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptedEncodings, notModified } from './staticEncoding.js';
import { STATE_CONTENT_TYPE, STATE_FORMAT, STATE_FORMAT_HEADER, compressedBody, type EncodedState } from './meetingState.js';

export const STATE_PATH = /^\/api\/meetings\/([^/]+)\/state$/;

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
