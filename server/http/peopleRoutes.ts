/**
 * The routes of a meeting's registered people (issue 24; CONTRACT.md §3 and docs/PARTICIPATION.md),
 * hooked into apiRoutes.ts by one line. Editors are the admin token, the chair's and the secretary's
 * links; a person's own link may read and set only itself (`people/me`). Nothing a delegate's or screen's
 * link can read carries an e-mail address or another person's link.
 *
 *   POST   /people                      editors: a registration list (CSV, .xlsx, JSON) merged in
 *   GET    /people                      editors: everyone, with their links
 *   GET    /people.csv                  editors: name, organisation, email, link (for a mail merge)
 *   POST   /people/:personId/rotate     admin or secretary: that person's new link, the old one stops
 *   PATCH  /people/:personId            editors: {"where": "room"|"remote"|""}
 *   DELETE /people/:personId            editors: removes the person (their link stops)
 *   GET    /people/me                   a person's link: {id, name, organisation, where}; 204 for other links
 *   POST   /people/me                   a person's link: {"where": "room"|"remote"}
 *   GET    /people/mail                 editors: {configured, running, total, sent, refused, pending}
 *   POST   /people/mail                 editors: sends each person not yet sent their link (409 without SMTP)
 *   GET    /attendance                  editors: counts per session and who attended (JSON)
 *   POST   /attendance                  editors: {"personId", "sessionId", "where": "room"|"remote"|null}
 *   GET    /attendance.csv, .xlsx       editors: one row per person per session attended
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ImportError } from '../../shared/formats/types.js';
import type { Place } from '../../shared/formats/registrationList.js';
import type { MeetingCatalog } from '../meetings/MeetingCatalog.js';
import type { PeopleService } from '../people/PeopleService.js';
import { isAdmin, meetingIdFrom, requireEditor, requireMeetingToken } from '../access/apiAuth.js';
import { tokenIdOf } from '../access/tokens.js';
import { HttpError, bearerToken, readBody, sendJson } from './httpUtil.js';

export interface PeopleRouteDeps {
  catalog: MeetingCatalog;
  adminToken: string;
  maxBodyBytes: number;
  people?: PeopleService;
}

const PATH = /^\/api\/meetings\/([^/]+)\/(people|people\.csv|attendance|attendance\.csv|attendance\.xlsx)(?:\/([^/]+)(?:\/(rotate))?)?$/;
const PERSON_ID = /^[A-Za-z0-9]{1,32}$/;

type Route = (req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps, personId?: string) => Promise<void>;

const ROUTES: Record<string, Record<string, Route>> = {
  people: { POST: importPeople, GET: listPeople },
  'people.csv': { GET: linksCsv },
  'people/me': { GET: me, POST: setMyPlace },
  'people/mail': { GET: mailStatus, POST: sendMail },
  'people/:id': { PATCH: patchPerson, DELETE: deletePerson },
  'people/:id/rotate': { POST: rotatePerson },
  attendance: { GET: attendance, POST: markAttendance },
  'attendance.csv': { GET: attendanceCsv },
  'attendance.xlsx': { GET: attendanceXlsx },
};

/** Handles the people's routes; false for any other request (apiRoutes goes on). */
export async function handlePeopleApi(req: IncomingMessage, res: ServerResponse, url: URL, path: string, deps: PeopleRouteDeps): Promise<boolean> {
  const m = PATH.exec(path);
  if (!m || !deps.people) return false;
  const [, rawId, base, sub, rotate] = m;
  let key = base;
  if (sub !== undefined) {
    if (base !== 'people') return false;
    key = (sub === 'me' || sub === 'mail') && !rotate ? `people/${sub}` : rotate ? 'people/:id/rotate' : 'people/:id';
    if (key.startsWith('people/:id') && !PERSON_ID.test(sub)) throw new HttpError(404, 'no such person');
  }
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  const route = ROUTES[key]?.[method];
  if (!route) throw new HttpError(405, `method not allowed (allowed: ${Object.keys(ROUTES[key] ?? {}).join(', ')})`, { allow: Object.keys(ROUTES[key] ?? {}).join(', ') });
  await route(req, res, url, meetingIdFrom(rawId), deps.people, deps, sub);
  return true;
}

function caller(req: IncomingMessage, url: URL, who: string): { role: string; tokenId?: string } {
  const token = bearerToken(req) ?? url.searchParams.get('token');
  return who === 'admin' || !token ? { role: who } : { role: who, tokenId: tokenIdOf(token) };
}

async function importPeople(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps): Promise<void> {
  const who = requireEditor(req, url, id, deps);
  const body = await readBody(req, deps.maxBodyBytes);
  if (!body.length) throw new HttpError(400, 'the body is empty: send the registration list (CSV, .xlsx or JSON)');
  if (/^multipart\//i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'send the file itself as the body (with its Content-Type), not a multipart form');
  const fileName = typeof req.headers['x-file-name'] === 'string' ? req.headers['x-file-name'].slice(0, 255) : undefined;
  try {
    const out = await people.importList(id, body, { fileName, contentType: req.headers['content-type'] }, caller(req, url, who));
    sendJson(res, 200, out);
  } catch (e) {
    if (e instanceof ImportError) throw new HttpError(422, e.describe());
    if (e instanceof RangeError) throw new HttpError(422, 'the file is nested too deeply to read');
    throw e;
  }
}

async function listPeople(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps): Promise<void> {
  requireEditor(req, url, id, deps);
  sendJson(res, 200, people.list(id));
}

async function linksCsv(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps): Promise<void> {
  requireEditor(req, url, id, deps);
  sendFile(res, people.linksCsv(id), 'text/csv; charset=utf-8', `${id}-links.csv`);
}

async function rotatePerson(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps, personId?: string): Promise<void> {
  if (!isAdmin(req, deps)) {
    const role = requireMeetingToken(req, url, id, deps);
    if (role !== 'secretary') throw new HttpError(403, "replacing a person's link needs the admin token or the secretary's link");
  } else requireEditor(req, url, id, deps);
  const link = people.rotate(id, personId!);
  if (!link) throw new HttpError(404, `no person "${personId}" in this meeting`);
  await people.registry.settled();
  sendJson(res, 200, { link });
}

async function patchPerson(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps, personId?: string): Promise<void> {
  requireEditor(req, url, id, deps);
  const where = placeFrom(await smallJson(req), true);
  if (!people.setPlace(id, personId!, where as Place)) throw new HttpError(404, `no person "${personId}" in this meeting`);
  sendJson(res, 200, people.list(id).find((p) => p.id === personId));
}

async function deletePerson(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps, personId?: string): Promise<void> {
  const who = requireEditor(req, url, id, deps);
  if (!(await people.remove(id, personId!, caller(req, url, who)))) throw new HttpError(404, `no person "${personId}" in this meeting`);
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}

/** The person a request's own link names; 403 for any other link. */
function self(req: IncomingMessage, url: URL, id: string, deps: PeopleRouteDeps) {
  requireMeetingToken(req, url, id, deps);
  const check = deps.catalog.check(id, bearerToken(req) ?? url.searchParams.get('token'));
  if (!check.ok || !check.person) throw new HttpError(403, "this is not a person's own link");
  return check.person;
}

async function me(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps): Promise<void> {
  // Any link of the meeting may ask; the shared one is told 204 (no person), not refused: a room of
  // phones behind one address must not trip the failed-check throttle by opening the follow view.
  requireMeetingToken(req, url, id, deps);
  const check = deps.catalog.check(id, bearerToken(req) ?? url.searchParams.get('token'));
  if (!check.ok || !check.person) {
    res.writeHead(204, { 'cache-control': 'no-store' });
    res.end();
    return;
  }
  const p = people.registry.get(id, check.person.id);
  if (!p) throw new HttpError(404, 'no such person');
  sendJson(res, 200, { id: p.id, name: p.name, organisation: p.organisation, where: p.place });
}

async function setMyPlace(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps): Promise<void> {
  const person = self(req, url, id, deps);
  const where = placeFrom(await smallJson(req), false) as Place;
  people.setPlace(id, person.id, where);
  sendJson(res, 200, { id: person.id, where });
}

async function mailStatus(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps): Promise<void> {
  requireEditor(req, url, id, deps);
  sendJson(res, 200, people.mailStatus(id));
}

async function sendMail(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps): Promise<void> {
  requireEditor(req, url, id, deps);
  if (!people.mailStatus(id).configured) throw new HttpError(409, 'this server sends no mail: the operator sets PLENARY_SMTP_URL and PLENARY_MAIL_FROM');
  sendJson(res, 202, people.sendLinks(id));
}

async function attendance(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps): Promise<void> {
  requireEditor(req, url, id, deps);
  sendJson(res, 200, await people.attendanceJson(id));
}

async function markAttendance(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps): Promise<void> {
  requireEditor(req, url, id, deps);
  const body = (await smallJson(req)) as { personId?: unknown; sessionId?: unknown; where?: unknown };
  if (typeof body.personId !== 'string' || !people.registry.get(id, body.personId)) throw new HttpError(400, 'personId: expected a person of this meeting');
  const sessions = (await people.sheet(id)).sessions;
  if (typeof body.sessionId !== 'string' || !sessions.some((s) => s.id === body.sessionId)) throw new HttpError(400, 'sessionId: expected a session of the schedule (GET attendance lists them)');
  const where = body.where === null ? null : (placeFrom(body, false) as Place);
  await people.mark(id, body.personId, body.sessionId, where);
  sendJson(res, 200, await people.attendanceJson(id));
}

async function attendanceCsv(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps): Promise<void> {
  requireEditor(req, url, id, deps);
  sendFile(res, await people.attendanceCsv(id), 'text/csv; charset=utf-8', `${id}-attendance.csv`);
}

async function attendanceXlsx(req: IncomingMessage, res: ServerResponse, url: URL, id: string, people: PeopleService, deps: PeopleRouteDeps): Promise<void> {
  requireEditor(req, url, id, deps);
  sendFile(res, await people.attendanceXlsx(id), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${id}-attendance.xlsx`);
}

function placeFrom(body: unknown, emptyToo: boolean): string {
  const where = (body as { where?: unknown } | undefined)?.where;
  if (where === 'room' || where === 'remote' || (emptyToo && where === '')) return where;
  throw new HttpError(400, `send {"where": "room"} or {"where": "remote"}${emptyToo ? ' (or "" for not known)' : ''}`);
}

async function smallJson(req: IncomingMessage): Promise<unknown> {
  const raw = (await readBody(req, 16 * 1024)).toString('utf8').trim();
  if (!raw) throw new HttpError(400, 'the body is empty: send JSON');
  try {
    const v = JSON.parse(raw) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v;
  } catch {
    throw new HttpError(400, 'the body is not a JSON object');
  }
}

function sendFile(res: ServerResponse, body: string | Uint8Array, type: string, name: string): void {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  res.writeHead(200, { 'content-type': type, 'content-length': data.length, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' });
  res.end(data);
}
