/**
 * The HTTP API of CONTRACT.md §3. Every error is `{"error": ...}` with a 4xx status; bad input never
 * yields a 5xx or a stack trace.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ImportError,
  detectFormat,
  formatFromContentType,
  isExportFormat,
  supportedFormats,
} from '../shared/formats/index.js';
import { isValidMeetingId } from '../shared/meetingId.js';
import type { MeetingCatalog } from './MeetingCatalog.js';
import type { MeetingService } from './MeetingService.js';
import { HttpError, bearerToken, readBody, sendJson } from './httpUtil.js';
import { sameHash, hashToken } from './tokens.js';

export interface ApiDeps {
  meetings: MeetingService;
  catalog: MeetingCatalog;
  adminToken: string;
  /** Largest upload accepted (bytes). */
  maxBodyBytes: number;
}

const EXPORT_PATH = /^\/api\/meetings\/([^/]+)\/export\.([a-z0-9]+)$/;
const ROTATE_PATH = /^\/api\/meetings\/([^/]+)\/tokens\/rotate$/;

/** Handles `/api/*`; throws HttpError for anything the client got wrong. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: ApiDeps): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/api/meetings') {
    if (req.method === 'POST') return createMeeting(req, res, deps);
    if (req.method === 'GET' || req.method === 'HEAD') {
      requireAdmin(req, deps);
      return sendJson(res, 200, deps.meetings.list());
    }
    throw methodNotAllowed('GET, POST');
  }
  let m = EXPORT_PATH.exec(path);
  if (m) {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed('GET');
    const id = meetingIdFrom(m[1]);
    const token = requireMeetingToken(req, url, id, deps);
    const fmt = m[2];
    if (!isExportFormat(fmt)) throw new HttpError(400, `unknown export format "${fmt}" (json, md, docx, xlsx, csv or ics)`);
    if (!supportedFormats().export.includes(fmt)) {
      throw new HttpError(415, `exporting ${fmt} is not supported yet (supported: ${supportedFormats().export.join(', ')})`);
    }
    const out = await deps.meetings.export(id, fmt, token);
    const body = typeof out.data === 'string' ? Buffer.from(out.data, 'utf8') : Buffer.from(out.data);
    res.writeHead(200, {
      'content-type': out.contentType,
      'content-length': body.length,
      'content-disposition': `attachment; filename="${id}.${fmt}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  m = ROTATE_PATH.exec(path);
  if (m) {
    if (req.method !== 'POST') throw methodNotAllowed('POST');
    requireAdmin(req, deps);
    const id = meetingIdFrom(m[1]);
    if (!deps.catalog.get(id)) throw new HttpError(404, `no meeting "${id}"`);
    return sendJson(res, 200, deps.meetings.rotate(id));
  }
  throw new HttpError(404, `no such API: ${req.method} ${url.pathname}`);
}

async function createMeeting(req: IncomingMessage, res: ServerResponse, deps: ApiDeps): Promise<void> {
  requireAdmin(req, deps);
  const body = await readBody(req, deps.maxBodyBytes);
  if (body.length === 0) throw new HttpError(400, 'the body is empty: send the agenda or Tdoc list file, or meeting JSON');
  const contentType = req.headers['content-type'];
  if (/^multipart\//i.test(contentType ?? '')) {
    throw new HttpError(415, 'send the file itself as the body (with its Content-Type), not a multipart form');
  }
  const fileName = fileNameFrom(req);
  let format = formatFromContentType(contentType);
  if (!format) {
    try {
      format = detectFormat(body, fileName);
    } catch (e) {
      throw new HttpError(415, e instanceof ImportError ? e.describe() : 'unknown file type');
    }
  }
  try {
    const created = await deps.meetings.createFromFile(body, { format, fileName });
    const { warnings, ...answer } = created;
    sendJson(res, 201, warnings.length ? { ...answer, warnings: warnings.map(describeWarning) } : answer, {
      location: `/api/meetings/${created.id}`,
    });
  } catch (e) {
    if (e instanceof ImportError) {
      const unsupported = /not supported/.test(e.message);
      throw new HttpError(unsupported ? 415 : 422, e.describe());
    }
    // A stack overflow while reading is the file's doing (nesting), not the server's.
    if (e instanceof RangeError) throw new HttpError(422, 'the file is nested too deeply to read');
    throw e;
  }
}

function describeWarning(w: { message: string; line?: number; row?: number }): string {
  return w.line !== undefined ? `line ${w.line}: ${w.message}` : w.row !== undefined ? `row ${w.row}: ${w.message}` : w.message;
}

/** Optional `X-File-Name` (or Content-Disposition filename) for format detection and messages. */
function fileNameFrom(req: IncomingMessage): string | undefined {
  const x = req.headers['x-file-name'];
  if (typeof x === 'string' && x) return x.slice(0, 255);
  const cd = req.headers['content-disposition'];
  const m = typeof cd === 'string' ? /filename="?([^";]+)"?/i.exec(cd) : null;
  return m?.[1]?.slice(0, 255);
}

function meetingIdFrom(raw: string): string {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw new HttpError(404, 'no such meeting');
  }
  if (!isValidMeetingId(id)) throw new HttpError(404, 'no such meeting');
  return id;
}

function requireAdmin(req: IncomingMessage, deps: ApiDeps): void {
  const token = bearerToken(req);
  if (!token) throw new HttpError(401, 'this needs the admin token (Authorization: Bearer ...)', { 'www-authenticate': 'Bearer' });
  if (!sameHash(hashToken(token), hashToken(deps.adminToken))) throw new HttpError(403, 'the admin token is not valid');
}

/** The request's token of the meeting (HttpError unless it is valid). */
function requireMeetingToken(req: IncomingMessage, url: URL, id: string, deps: ApiDeps): string {
  const token = bearerToken(req) ?? url.searchParams.get('token');
  const check = deps.catalog.check(id, token);
  if (check.ok) return token!;
  if (check.why === 'unknown-meeting') throw new HttpError(404, `no meeting "${id}"`);
  if (check.why === 'missing') throw new HttpError(401, 'this needs a token of the meeting (Authorization: Bearer T or ?token=T)', { 'www-authenticate': 'Bearer' });
  if (check.why === 'revoked') throw new HttpError(401, 'this link has been revoked; ask the secretary for a new one');
  throw new HttpError(403, 'the token is not valid for this meeting');
}

function methodNotAllowed(allow: string): HttpError {
  return new HttpError(405, `method not allowed (allowed: ${allow})`, { allow });
}
