/**
 * Who may call an API route: the admin token, a token of the meeting (any role, or editors only).
 * Every refusal is an HttpError (401/403/404); httpServer.ts counts 401 and 403 against the address.
 */
import type { IncomingMessage } from 'node:http';
import { isValidMeetingId } from '../../shared/document/meetingId.js';
import type { MeetingCatalog, TokenCheck } from '../meetings/MeetingCatalog.js';
import { HttpError, bearerToken } from '../http/httpUtil.js';
import { canWrite, type Role } from './roles.js';
import { hashToken, sameHash, tokenIdOf } from './tokens.js';
import type { Actor } from '../sync/Actor.js';

export interface AuthDeps {
  catalog: MeetingCatalog;
  adminToken: string;
}

/** The meeting id of a path segment; 404 for one that cannot be a meeting. */
export function meetingIdFrom(raw: string): string {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw new HttpError(404, 'no such meeting');
  }
  if (!isValidMeetingId(id)) throw new HttpError(404, 'no such meeting');
  return id;
}

/** True when the request carries the admin token as its bearer token. */
export function isAdmin(req: IncomingMessage, deps: AuthDeps): boolean {
  const token = bearerToken(req);
  return token !== undefined && sameHash(hashToken(token), hashToken(deps.adminToken));
}

/** Refuses a request without the admin token (401 without one, 403 with a wrong one). */
export function requireAdmin(req: IncomingMessage, deps: AuthDeps): void {
  const token = bearerToken(req);
  if (!token) throw new HttpError(401, 'this needs the admin token (Authorization: Bearer ...)', { 'www-authenticate': 'Bearer' });
  if (!isAdmin(req, deps)) throw new HttpError(403, 'the admin token is not valid');
}

/** An admin route on a meeting: the admin token, then 404 for an unknown meeting. */
export function requireAdminOf(req: IncomingMessage, id: string, deps: AuthDeps): void {
  requireAdmin(req, deps);
  if (!deps.catalog.get(id)) throw new HttpError(404, `no meeting "${id}"`);
}

/**
 * The role of the meeting token a request carries (`Authorization: Bearer T` or `?token=T`). 404 for an
 * unknown meeting, 401 without a token or with a revoked one, `wrongStatus` (403 by default) otherwise.
 */
export function requireMeetingToken(req: IncomingMessage, url: URL, id: string, deps: AuthDeps, wrongStatus: 401 | 403 = 403): Role {
  return requireMeetingLink(req, url, id, deps, wrongStatus).role;
}

/** The link a request carries: its role and its token's public id (for the record); refusals as requireMeetingToken. */
export function requireMeetingLink(req: IncomingMessage, url: URL, id: string, deps: AuthDeps, wrongStatus: 401 | 403 = 403): { role: Role; tokenId: string } {
  const token = bearerToken(req) ?? url.searchParams.get('token');
  const check = deps.catalog.check(id, token);
  if (check.ok) return { role: check.role, tokenId: tokenIdOf(token!) };
  refuseUnavailable(check);
  if (check.why === 'unknown-meeting') throw new HttpError(404, `no meeting "${id}"`);
  if (check.why === 'missing') throw new HttpError(401, 'this needs a token of the meeting (Authorization: Bearer T or ?token=T)', { 'www-authenticate': 'Bearer' });
  if (check.why === 'revoked') throw new HttpError(401, 'this link has been revoked; ask the secretary for a new one');
  if (check.why === 'replaced') throw new HttpError(401, 'this link was replaced; ask the secretary');
  throw new HttpError(wrongStatus, 'the token is not valid for this meeting');
}

/**
 * An editor's route: the admin token, or the chair's or secretary's token of the meeting. Answers who
 * called ('admin' or the role); 403 for a read-only role's token.
 */
export function requireEditor(req: IncomingMessage, url: URL, id: string, deps: AuthDeps): Role | 'admin' {
  return requireEditorActor(req, url, id, deps).role as Role | 'admin';
}

/** 503 while the server cannot vouch for its copy of the catalog (several processes: CatalogLease.ts). */
export function refuseUnavailable(check: TokenCheck): void {
  if (!check.ok && check.why === 'unavailable') {
    throw new HttpError(503, 'the server is catching up with the others; try again in a moment', { 'retry-after': '1' });
  }
}

/**
 * An editor's route, answering who called as the record names it (role 'admin' or the link's role, its
 * token id, no name); refusals as requireEditor.
 */
export function requireEditorActor(req: IncomingMessage, url: URL, id: string, deps: AuthDeps): Actor {
  if (isAdmin(req, deps)) {
    if (!deps.catalog.get(id)) throw new HttpError(404, `no meeting "${id}"`);
    return { role: 'admin', tokenId: '', name: '' };
  }
  const { role, tokenId } = requireMeetingLink(req, url, id, deps);
  if (!canWrite(role)) throw new HttpError(403, `a ${role}'s token cannot change the meeting (the chair's or the secretary's can)`);
  return { role, tokenId, name: '' };
}
