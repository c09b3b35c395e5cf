/**
 * The HTTP API of CONTRACT.md §3 (every route is listed in server/README.md). Every error is
 * `{"error": ...}` with a 4xx status; bad input never yields a 5xx or a stack trace.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isExportFormat, supportedFormats } from '../../shared/formats/index.js';
import type { MeetingCatalog } from '../meetings/MeetingCatalog.js';
import type { MeetingService } from '../meetings/MeetingService.js';
import { HttpError, bearerToken, readBody, sendJson } from './httpUtil.js';
import { isAdmin, meetingIdFrom, requireAdmin, requireAdminOf, requireEditorActor, requireMeetingToken } from '../access/apiAuth.js';
import { describeWarning, readMeetingUpload } from './meetingUpload.js';
import { ROLES, type Role } from '../access/roles.js';
import { handleRecordApi, type RecordDeps } from './recordRoutes.js';
import { sendGlance, sendState } from './stateRoute.js';
import { importSummary, type ImportSummary } from '../../shared/formats/importSummary.js';
import { handlePeopleApi } from './peopleRoutes.js';
import type { PeopleService } from '../people/PeopleService.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

export interface ApiDeps extends RecordDeps {
  meetings: MeetingService;
  catalog: MeetingCatalog;
  adminToken: string;
  /** Largest upload accepted (bytes). */
  maxBodyBytes: number;
  /** Registered people and attendance (issue 24; peopleRoutes.ts). */
  people?: PeopleService;
  /** Services that keep something of a meeting beside its document (issue 26: approval deadlines, mail). */
  meetingHooks?: { created?(id: string, meeting: MeetingJson): Promise<void>; deleted?(id: string): Promise<void> };
}

/** Largest JSON body of the small routes (rotate, archive). */
const SMALL_BODY_BYTES = 64 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, id: string, deps: ApiDeps) => Promise<void> | void;

/** `/api/meetings/:id/<sub>` routes: sub-path → method → handler. */
const MEETING_ROUTES: Record<string, Record<string, Handler>> = {
  '': { DELETE: deleteMeeting },
  role: { GET: roleOf },
  links: { GET: linksOf },
  'follow-link': { GET: followLinkOf },
  archive: { POST: archive },
  'tokens/rotate': { POST: rotate },
  import: { POST: importFile },
  'numbers/next': { POST: nextNumber },
  'numbers/release': { POST: releaseNumber },
  'numbers/renew': { POST: renewNumber },
  state: { GET: stateOf },
  live: { GET: liveOf },
};

/** `GET /api/meetings/:id/state`: the stored meeting as one compressed Yjs v2 update (stateRoute.ts). */
async function stateOf(req: IncomingMessage, res: ServerResponse, url: URL, id: string, deps: ApiDeps): Promise<void> {
  requireMeetingToken(req, url, id, deps);
  return sendState(req, res, await deps.meetings.state(id));
}

/** `GET /api/meetings/:id/live`: what the room is on now, small, for the phone's first paint. */
async function liveOf(req: IncomingMessage, res: ServerResponse, url: URL, id: string, deps: ApiDeps): Promise<void> {
  requireMeetingToken(req, url, id, deps);
  return sendGlance(req, res, await deps.meetings.liveGlance(id));
}

const MEETING_PATH = /^\/api\/meetings\/([^/]+)(?:\/(.*))?$/;
const EXPORT_SUB = /^export\.([a-z0-9]+)$/;

/** Handles `/api/*`; throws HttpError for anything the client got wrong. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: ApiDeps): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '');
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  if (await handleRecordApi(req, res, url, path, deps)) return;
  if (await handlePeopleApi(req, res, url, path, deps)) return;
  if (path === '/api/meetings') {
    if (method === 'POST') return createMeeting(req, res, deps);
    if (method === 'GET') {
      requireAdmin(req, deps);
      return sendJson(res, 200, deps.meetings.list());
    }
    throw methodNotAllowed('GET, POST');
  }
  const m = MEETING_PATH.exec(path);
  if (m) {
    const sub = m[2] ?? '';
    const exp = EXPORT_SUB.exec(sub);
    if (exp) {
      if (method !== 'GET') throw methodNotAllowed('GET');
      return exportMeeting(req, res, url, meetingIdFrom(m[1]), exp[1], deps);
    }
    const route = MEETING_ROUTES[sub];
    if (route) {
      const handler = route[method];
      if (!handler) throw methodNotAllowed(Object.keys(route).join(', '));
      return handler(req, res, url, meetingIdFrom(m[1]), deps);
    }
  }
  throw new HttpError(404, `no such API: ${req.method} ${url.pathname}`);
}

async function createMeeting(req: IncomingMessage, res: ServerResponse, deps: ApiDeps): Promise<void> {
  requireAdmin(req, deps);
  const { meeting, warnings, base } = await readMeetingUpload(req, deps.maxBodyBytes, (d, o) => deps.meetings.readFile(d, o));
  const created = await deps.meetings.create(meeting, undefined, base);
  await deps.meetingHooks?.created?.(created.id, meeting);
  // What came in, per agenda item, so the secretary can hold the board's counts against the portal's.
  const answer = { ...created, summary: compactSummary(importSummary(meeting)) };
  sendJson(res, 201, warnings.length ? { ...answer, warnings: warnings.map(describeWarning) } : answer, {
    location: `/api/meetings/${created.id}`,
  });
}

async function exportMeeting(req: IncomingMessage, res: ServerResponse, url: URL, id: string, fmt: string, deps: ApiDeps): Promise<void> {
  requireMeetingToken(req, url, id, deps);
  // The link's own token: exports in flight are limited per link (FormatJobs).
  const token = bearerToken(req) ?? url.searchParams.get('token') ?? undefined;
  if (!isExportFormat(fmt)) throw new HttpError(400, `unknown export format "${fmt}" (json, md, docx, xlsx, csv, ics or htm)`);
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
}

/**
 * `POST /api/meetings/:id/import` (admin, chair or secretary): body as for creation; merges the file into
 * the meeting and answers the summary. `?dryRun=1`: the summary only. `?include=meeting`: also the parsed
 * meeting JSON, so a page can run the merge itself in its own undoable transaction.
 */
async function importFile(req: IncomingMessage, res: ServerResponse, url: URL, id: string, deps: ApiDeps): Promise<void> {
  const actor = requireEditorActor(req, url, id, deps);
  const who = actor.role;
  const dryRun = isOn(url.searchParams.get('dryRun'));
  const include = url.searchParams.get('include');
  if (include !== null && include !== 'meeting') throw new HttpError(400, `include can only be "meeting"`);
  const { meeting, warnings } = await readMeetingUpload(req, deps.maxBodyBytes, (d, o) => deps.meetings.readFile(d, o));
  const summary = await deps.meetings.importInto(id, meeting, { dryRun, by: who === 'admin' ? 'import' : `import (${who})`, actor });
  sendJson(res, 200, {
    ...summary,
    dryRun,
    ...(warnings.length ? { warnings: warnings.map(describeWarning) } : {}),
    ...(include === 'meeting' ? { meeting } : {}),
  });
}

/**
 * `POST /api/meetings/:id/numbers/next` (chair, secretary or admin): `{number}`, the next free number of
 * the meeting's block, recorded so nobody gets it again; 409 when the block is unset or used up.
 */
async function nextNumber(req: IncomingMessage, res: ServerResponse, url: URL, id: string, deps: ApiDeps): Promise<void> {
  const r = await deps.meetings.nextNumber(id, requireEditorActor(req, url, id, deps));
  if ('error' in r) {
    throw new HttpError(409, r.error === 'unset' ? 'the meeting has no block of numbers for revisions (set it in the Meeting tab)' : 'every number of the meeting\'s block is used: reserve a new block');
  }
  sendJson(res, 200, r);
}

/**
 * `POST /api/meetings/:id/numbers/release` (chair, secretary or admin), body `{"number": "S2-2400101"}`:
 * gives back a number handed out by numbers/next that no Tdoc took (a cancelled revise dialog). 200
 * `{number, released: true}`; 409 when a Tdoc uses it; 404 when it was not handed out.
 */
async function releaseNumber(req: IncomingMessage, res: ServerResponse, url: URL, id: string, deps: ApiDeps): Promise<void> {
  const actor = requireEditorActor(req, url, id, deps);
  const number = await numberOfBody(req);
  const r = await deps.meetings.releaseNumber(id, number, actor);
  refuseHold(r, number);
  sendJson(res, 200, { number: number.trim(), released: true });
}

/**
 * `POST /api/meetings/:id/numbers/renew` (chair, secretary or admin), body `{"number": "..."}`: the revise
 * dialog that was handed the number is still open; it stays held for another NUMBER_HOLD_MS. 200
 * `{number, heldUntil}` (ISO); refusals as numbers/release.
 */
async function renewNumber(req: IncomingMessage, res: ServerResponse, url: URL, id: string, deps: ApiDeps): Promise<void> {
  const actor = requireEditorActor(req, url, id, deps);
  const number = await numberOfBody(req);
  const r = await deps.meetings.renewNumber(id, number, actor);
  refuseHold(typeof r === 'string' ? r : 'renewed', number);
  sendJson(res, 200, { number: number.trim(), heldUntil: new Date((r as { heldUntil: number }).heldUntil).toISOString() });
}

async function numberOfBody(req: IncomingMessage): Promise<string> {
  const body = await readJsonBody(req);
  const number = (body as { number?: unknown } | undefined)?.number;
  if (typeof number !== 'string' || !number.trim() || number.length > 200) throw new HttpError(400, 'send {"number": "..."}: a number handed out by numbers/next');
  return number;
}

/** The refusals of a release or renewal of a handed-out number. */
function refuseHold(r: string, number: string): void {
  if (r === 'in-use') throw new HttpError(409, `${number.trim()} is used by a Tdoc: it stays taken`);
  if (r === 'held') throw new HttpError(409, `${number.trim()} is held by another editor's open revise dialog: only they can give it back (or it is freed when their hold runs out)`);
  if (r === 'unknown') throw new HttpError(404, `${number.trim()} was not handed out by this meeting`);
}

/** `1`, `true`, `yes` or an empty value (`?dryRun`) switch a flag on. */
function isOn(v: string | null): boolean {
  return v !== null && /^(|1|true|yes)$/i.test(v);
}

/** `GET /api/meetings/:id/role`: what a token opens, so a page takes its role from the server. */
function roleOf(req: IncomingMessage, res: ServerResponse, url: URL, id: string, deps: ApiDeps): void {
  const role = requireMeetingToken(req, url, id, deps, 401);
  sendJson(res, 200, { role, meetingId: id, title: deps.meetings.title(id) ?? '' });
}

/** `GET /api/meetings/:id/links` (admin): the links already handed out, as creation answered them. */
async function linksOf(req: IncomingMessage, res: ServerResponse, _url: URL, id: string, deps: ApiDeps): Promise<void> {
  requireAdminOf(req, id, deps);
  const links = deps.meetings.currentLinks(id);
  if (!links) throw new HttpError(404, `no meeting "${id}"`);
  sendJson(res, 200, await deps.meetings.withRoomScreens(links));
}

/**
 * `GET /api/meetings/:id/follow-link` (the screen's, chair's or secretary's token, or admin): `{link}`, the
 * delegates' link as it is now, for the room screen's QR code. A screen asks on load and whenever its socket
 * (re)connects, so a screen opened from an old screen link, or offline while the delegate link was
 * replaced, shows the current one. A delegate's token: 403 (its holder has the link already).
 */
function followLinkOf(req: IncomingMessage, res: ServerResponse, url: URL, id: string, deps: ApiDeps): void {
  if (isAdmin(req, deps)) {
    if (!deps.catalog.get(id)) throw new HttpError(404, `no meeting "${id}"`);
  } else if (requireMeetingToken(req, url, id, deps) === 'delegate') {
    throw new HttpError(403, "a delegate's token cannot ask for the delegates' link (the room's screen shows it)");
  }
  const link = deps.meetings.followLink(id);
  if (!link) throw new HttpError(404, `no meeting "${id}"`);
  sendJson(res, 200, { link });
}

/** `POST /api/meetings/:id/archive` (admin), body `{"archived": true|false}`. */
async function archive(req: IncomingMessage, res: ServerResponse, _url: URL, id: string, deps: ApiDeps): Promise<void> {
  requireAdminOf(req, id, deps);
  const body = await readJsonBody(req);
  const archived = (body as { archived?: unknown } | undefined)?.archived;
  if (typeof archived !== 'boolean') throw new HttpError(400, 'send {"archived": true} or {"archived": false}');
  if (!deps.meetings.setArchived(id, archived)) throw new HttpError(404, `no meeting "${id}"`);
  sendJson(res, 200, { id, archived });
}

/** `DELETE /api/meetings/:id` (admin): 204; the meeting's links then answer as an unknown meeting. */
async function deleteMeeting(req: IncomingMessage, res: ServerResponse, _url: URL, id: string, deps: ApiDeps): Promise<void> {
  requireAdminOf(req, id, deps);
  if (!(await deps.meetings.delete(id))) throw new HttpError(404, `no meeting "${id}"`);
  await deps.people?.removeMeeting(id);
  await deps.meetingHooks?.deleted?.(id);
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}

/** `POST /api/meetings/:id/tokens/rotate` (admin), optional body `{"roles": ["delegate"]}`. */
async function rotate(req: IncomingMessage, res: ServerResponse, _url: URL, id: string, deps: ApiDeps): Promise<void> {
  requireAdminOf(req, id, deps);
  const body = await readJsonBody(req);
  let roles: readonly Role[] = ROLES;
  if (body !== undefined) {
    const given = (body as { roles?: unknown }).roles;
    if (body === null || typeof body !== 'object' || Array.isArray(body) || !Array.isArray(given) || given.length === 0) {
      throw new HttpError(400, `send {"roles": [...]} with one or more of ${ROLES.join(', ')}, or no body to rotate every role`);
    }
    const unknown = given.filter((r) => !ROLES.includes(r as Role));
    if (unknown.length) throw new HttpError(400, `unknown role ${JSON.stringify(unknown[0])} (roles are ${ROLES.join(', ')})`);
    roles = [...new Set(given as Role[])];
  }
  const links = deps.meetings.rotate(id, roles);
  // In force on every process before it is answered (cluster/CatalogLease.ts).
  await deps.catalog.settled();
  sendJson(res, 200, await deps.meetings.withRoomScreens(links));
}

/** A small JSON body, or undefined when there is none; 400 when it is not JSON. */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, SMALL_BODY_BYTES);
  const text = raw.toString('utf8').trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
}

function methodNotAllowed(allow: string): HttpError {
  return new HttpError(405, `method not allowed (allowed: ${allow})`, { allow });
}

/** The import summary as `POST /api/meetings` answers it: counts, and per agenda item its Tdocs (within). */
function compactSummary(s: ImportSummary) {
  return {
    tdocs: s.tdocs,
    agendaItems: s.agendaItems,
    sessions: s.sessions,
    unallocated: s.unallocated,
    timezone: s.timezone,
    items: s.items.map((i) => ({ label: i.label, title: i.title, depth: i.depth, tdocs: i.tdocs, tdocsWithin: i.tdocsWithin })),
  };
}
