/**
 * Error answers the route handlers never see: requests the HTTP parser refuses (a bad method, headers
 * too large, Content-Length with Transfer-Encoding, a timeout), refused WebSocket upgrades, and storage
 * failures. Each is answered like every other error: a JSON body `{"error": ...}` with the security
 * headers (G-HDR-1), and `Connection: close` where the connection cannot go on.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { RESPONSE_HEADERS } from './staticFiles.js';

/** A whole HTTP/1.1 response with a JSON error body, as bytes for a raw socket. */
export function rawJsonResponse(status: number, error: string, extra: Record<string, string> = {}): string {
  const body = JSON.stringify({ error });
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    ...RESPONSE_HEADERS,
    connection: 'close',
    ...extra,
  };
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** What the parser's error codes mean to the client. */
function parserAnswer(code: string | undefined): [number, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'the request headers are too large'];
    case 'HPE_INVALID_METHOD':
      return [400, 'the request method is not one this server knows'];
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return [400, 'a request may not have both Content-Length and Transfer-Encoding'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'the request took too long to arrive'];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
    case 'HPE_INVALID_CHUNK_SIZE':
      return [400, 'the request body is not validly chunked'];
    default:
      return [400, 'the request could not be read as HTTP'];
  }
}

/** The http server's 'clientError' handler: a JSON answer with the security headers, then close. */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable || (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, message] = parserAnswer(err.code);
  socket.end(rawJsonResponse(status, message));
}

/**
 * A storage failure as an answer: the disk is full (507) or the database is busy (503), said plainly;
 * undefined for any other error (a 500).
 */
export function storageFailure(err: unknown): { status: number; error: string } | undefined {
  const code = String((err as { code?: unknown })?.code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') {
    return { status: 507, error: "the server's disk is full: nothing was saved; ask the administrator to free space" };
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code.startsWith('SQLITE_IOERR')) {
    return { status: 503, error: 'the server could not write to its storage just now: nothing was saved; try again' };
  }
  return undefined;
}

/**
 * Why a WebSocket upgrade request is not one `ws` would accept (it would answer with a bare text error),
 * or undefined when it is.
 */
export function upgradeProblem(req: { method?: string; headers: Record<string, string | string[] | undefined> }): string | undefined {
  if (req.method !== 'GET') return 'a WebSocket upgrade must be a GET request';
  if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return 'only WebSocket upgrades are served';
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || !/^[+/0-9A-Za-z]{22}==$/.test(key)) return 'missing or invalid Sec-WebSocket-Key header';
  const version = req.headers['sec-websocket-version'];
  if (version !== '8' && version !== '13') return 'unsupported Sec-WebSocket-Version (13 is)';
  return undefined;
}
