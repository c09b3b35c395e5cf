/**
 * The routes of the meeting's record (issue 17), hooked into apiRoutes.ts by one line:
 * - `GET /api/meetings/:id/history` (chair or secretary token): the stored changes, newest first, paged
 *   with `?before=SEQ&limit=N`, filtered with `?by=NAME|ROLE|TOKEN-ID`, `?since=ISO&until=ISO`,
 *   `?tdoc=NUMBER`, `?item=LABEL`;
 * - `GET /api/meetings/:id/export.FMT?at=ISO-TIME` (any token): the export as the meeting stood then;
 * - `POST /api/meetings/:id/next` (admin or chair token): the next meeting, carrying over what is open,
 *   with its own number block and revision numbering when given.
 * Every bad input is a JSON 4xx.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isExportFormat, supportedFormats } from '../../shared/formats/index.js';
import { DATE_PATTERN } from '../../shared/time/dateTime.js';
import { describeNotes } from '../../shared/document/changeDescriber.js';
import type { NextMeeting } from '../../shared/merge/carryOver.js';
import { MAX_BLOCK_SIZE, formatNumberBlock, parseNumberBlock } from '../../shared/document/numberBlock.js';
import { REVISION_NUMBERINGS, type RevisionNumbering } from '../../shared/document/meetingSchema.js';
import type { MeetingCatalog } from '../meetings/MeetingCatalog.js';
import { BeforeRecordError, type MeetingRecord } from '../meetings/MeetingRecord.js';
import { HttpError, bearerToken, readBody, sendJson } from './httpUtil.js';
import { hashToken, sameHash, tokenIdOf } from '../access/tokens.js';
import type { Role } from '../access/roles.js';
import type { HistoryQuery, HistoryRecord } from '../persistence/historyRecords.js';
import { meetingIdFrom, refuseUnavailable } from '../access/apiAuth.js';
import type { NextMeetingGate } from '../access/nextMeetingLimits.js';

export interface RecordDeps {
  catalog: MeetingCatalog;
  adminToken: string;
  record?: MeetingRecord;
  /** Bounds `POST /next` (access/nextMeetingLimits.ts); unbounded without it. */
  nextGate?: NextMeetingGate;
}

const HISTORY_PATH = /^\/api\/meetings\/([^/]+)\/history$/;
const EXPORT_PATH = /^\/api\/meetings\/([^/]+)\/export\.([a-z0-9]+)$/;
const NEXT_PATH = /^\/api\/meetings\/([^/]+)\/next$/;

/** Default and largest page of the history. */
export const HISTORY_PAGE = { default: 50, max: 500 } as const;

/** Handles the record's routes; false for any other request (apiRoutes goes on). */
export async function handleRecordApi(req: IncomingMessage, res: ServerResponse, url: URL, path: string, deps: RecordDeps): Promise<boolean> {
  const record = deps.record;
  if (!record) return false;
  let m = HISTORY_PATH.exec(path);
  if (m) {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed('GET');
    const id = meetingIdFrom(m[1]);
    const who = meetingRole(req, url, id, deps);
    if (who.role !== 'chair' && who.role !== 'secretary') throw new HttpError(403, 'the history needs the chair\'s or the secretary\'s link');
    const query = historyQuery(url.searchParams);
    const entries = await record.history(id, query);
    const last = entries[entries.length - 1];
    sendJson(res, 200, { entries: entries.map(entryJson), before: entries.length === query.limit && last ? last.seq : null });
    return true;
  }
  m = EXPORT_PATH.exec(path);
  if (m && url.searchParams.has('at')) {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed('GET');
    const id = meetingIdFrom(m[1]);
    meetingRole(req, url, id, deps);
    const fmt = m[2];
    if (!isExportFormat(fmt) || !supportedFormats().export.includes(fmt)) {
      throw new HttpError(400, `unknown export format "${fmt}" (${supportedFormats().export.join(', ')})`);
    }
    const at = timeParam(url.searchParams, 'at')!;
    // The link's own token (hashed): past exports in flight are limited per link, like exports.
    const token = bearerToken(req) ?? url.searchParams.get('token') ?? '';
    let past;
    try {
      past = await record.pastExport(id, at, fmt, hashToken(token).toString('hex'));
    } catch (e) {
      if (e instanceof BeforeRecordError) throw new HttpError(422, e.message);
      throw e;
    }
    const out = past.out;
    const body = typeof out.data === 'string' ? Buffer.from(out.data, 'utf8') : Buffer.from(out.data);
    const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
    res.writeHead(200, {
      'content-type': out.contentType,
      'content-length': body.length,
      'content-disposition': `attachment; filename="${id}-at-${stamp}.${fmt}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // Which change the export ends with: the board shows "as it stood after the change of HH:MM".
      'x-plenary-record-seq': String(past.seq),
      'x-plenary-changed-at': new Date(past.changedAt).toISOString(),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
  m = NEXT_PATH.exec(path);
  if (m) {
    if (req.method !== 'POST') throw methodNotAllowed('POST');
    const id = meetingIdFrom(m[1]);
    // Tokens only in the Authorization header: never in a URL that proxies and browser history keep.
    if (url.searchParams.has('token')) throw new HttpError(400, 'send the token as Authorization: Bearer ..., not in the address');
    const token = bearerToken(req);
    let by: { role: string; tokenId: string };
    if (token && sameHash(hashToken(token), hashToken(deps.adminToken))) {
      if (!deps.catalog.get(id)) throw new HttpError(404, `no meeting "${id}"`);
      by = { role: 'admin', tokenId: '' };
    } else {
      const who = meetingRole(req, url, id, deps, false);
      if (who.role !== 'chair') throw new HttpError(403, 'starting the next meeting needs the admin token or the chair\'s link');
      by = who;
    }
    const input = nextMeetingInput(await readBody(req, deps.nextGate?.limits.maxBodyBytes ?? 4096));
    await deps.nextGate?.admit(id, token!, deps.catalog.count());
    const created = await record.next(id, input, by);
    sendJson(res, 201, created, { location: `/api/meetings/${created.id}` });
    return true;
  }
  return false;
}

function entryJson(r: HistoryRecord) {
  return {
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    role: r.role,
    tokenId: r.tokenId,
    // What the connection called itself in its presence: the server attests that it said so, no more.
    name: r.name,
    // A person's own link (issue 24): the server stamps their registered name, so it is not a claim.
    nameIsClaimed: r.role !== 'person',
    description: describeNotes(r.changes),
    changes: r.changes,
  };
}

function historyQuery(p: URLSearchParams): HistoryQuery {
  const q: HistoryQuery = { limit: HISTORY_PAGE.default };
  const int = (key: string, min: number, max: number): number | undefined => {
    const v = p.get(key);
    if (v === null) return undefined;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) throw new HttpError(400, `${key} must be a whole number from ${min} to ${max}`);
    return n;
  };
  q.limit = int('limit', 1, HISTORY_PAGE.max) ?? HISTORY_PAGE.default;
  q.before = int('before', 1, Number.MAX_SAFE_INTEGER);
  q.since = timeParam(p, 'since');
  q.until = timeParam(p, 'until');
  for (const key of ['by', 'tdoc', 'item'] as const) {
    const v = p.get(key);
    if (v === null) continue;
    if (!v.trim() || v.length > 200) throw new HttpError(400, `${key} must be 1 to 200 characters`);
    q[key] = v.trim();
  }
  return q;
}

/** An ISO time parameter in ms, or undefined when absent; 400 when it is not a time. */
function timeParam(p: URLSearchParams, key: string): number | undefined {
  const v = p.get(key);
  if (v === null) return undefined;
  const t = /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : NaN;
  if (!Number.isFinite(t)) throw new HttpError(400, `${key} must be an ISO date and time, e.g. 2026-03-03T10:32:00Z`);
  return t;
}

function nextMeetingInput(body: Buffer): NextMeeting {
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body must be JSON: {"title", "startDate", "endDate", "venue"}');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, 'the body must be a JSON object: {"title", "startDate", "endDate", "venue"}');
  const o = v as Record<string, unknown>;
  const text = (key: string, required: boolean): string => {
    const x = o[key];
    if (x === undefined && !required) return '';
    if (typeof x !== 'string' || (required && !x.trim()) || x.length > 300) {
      throw new HttpError(422, `${key} must be ${required ? 'a non-empty' : 'a'} string of at most 300 characters`);
    }
    return x.trim();
  };
  const title = text('title', true);
  const venue = text('venue', false);
  const startDate = text('startDate', true);
  const endDate = text('endDate', true);
  for (const [key, d] of [['startDate', startDate], ['endDate', endDate]] as const) {
    if (!DATE_PATTERN.test(d)) throw new HttpError(422, `${key} must be a date YYYY-MM-DD`);
  }
  if (endDate < startDate) throw new HttpError(422, 'endDate must not be before startDate');
  if (o.agenda !== undefined && typeof o.agenda !== 'boolean') throw new HttpError(422, 'agenda must be true or false');
  return { title, venue, startDate, endDate, agenda: o.agenda !== false, ...revisionNumbers(o) };
}

/**
 * The new meeting's own revision numbers (issue 25): `numberBlock` (optional, as the Meeting tab takes it:
 * `S2-2403100-S2-2403199`, kept in that one spelling) and `revisionNumbering` (`suffix` or `new-number`).
 */
function revisionNumbers(o: Record<string, unknown>): Pick<NextMeeting, 'numberBlock' | 'revisionNumbering'> {
  const out: Pick<NextMeeting, 'numberBlock' | 'revisionNumbering'> = {};
  if (o.numberBlock !== undefined && o.numberBlock !== null && o.numberBlock !== '') {
    const block = typeof o.numberBlock === 'string' ? parseNumberBlock(o.numberBlock) : null;
    if (!block) {
      throw new HttpError(422, `numberBlock must be a block of Tdoc numbers such as S2-2403100-S2-2403199 (same prefix and width, at most ${MAX_BLOCK_SIZE.toLocaleString('en')} numbers)`);
    }
    out.numberBlock = formatNumberBlock(block);
  }
  if (o.revisionNumbering !== undefined && o.revisionNumbering !== null && o.revisionNumbering !== '') {
    if (!REVISION_NUMBERINGS.includes(o.revisionNumbering as RevisionNumbering)) {
      throw new HttpError(422, `revisionNumbering must be one of ${REVISION_NUMBERINGS.join(', ')}`);
    }
    out.revisionNumbering = o.revisionNumbering as RevisionNumbering;
  }
  return out;
}

/** The role and token id of the meeting token a request carries (in the query too unless `query` is false); 401/403/404 otherwise. */
function meetingRole(req: IncomingMessage, url: URL, id: string, deps: RecordDeps, query = true): { role: Role; tokenId: string } {
  const token = bearerToken(req) ?? (query ? url.searchParams.get('token') : null);
  const check = deps.catalog.check(id, token);
  if (check.ok) return { role: check.role, tokenId: tokenIdOf(token!) };
  refuseUnavailable(check);
  if (check.why === 'unknown-meeting') throw new HttpError(404, `no meeting "${id}"`);
  if (check.why === 'missing') throw new HttpError(401, 'this needs a token of the meeting (Authorization: Bearer T or ?token=T)', { 'www-authenticate': 'Bearer' });
  if (check.why === 'revoked') throw new HttpError(401, 'this link has been revoked; ask the secretary for a new one');
  if (check.why === 'replaced') throw new HttpError(401, 'this link was replaced; ask the secretary');
  throw new HttpError(403, 'the token is not valid for this meeting');
}

function methodNotAllowed(allow: string): HttpError {
  return new HttpError(405, `method not allowed (allowed: ${allow})`, { allow });
}
