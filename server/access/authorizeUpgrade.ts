/**
 * Decides a sync connection before any document data flows: `/sync/:id?token=T` to a role, or a close
 * code and a reason a person can read (CONTRACT.md §4). The token is a bearer secret in the URL, never a
 * cookie, so a foreign page cannot ride on a delegate's browser: no Origin check is needed for that.
 */
import type { IncomingMessage } from 'node:http';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { isValidMeetingId } from '../../shared/document/meetingId.js';
import type { MeetingCatalog, TokenPerson } from '../meetings/MeetingCatalog.js';
import type { Role } from './roles.js';
import { tokenIdOf } from './tokens.js';

/** Path prefix of the sync endpoint. */
export const SYNC_PATH = '/sync/';

export type UpgradeDecision =
  | { ok: true; meetingId: string; role: Role; tokenId: string; person?: TokenPerson }
  /** Accept the socket, then close it at once with this code: the provider stops retrying. */
  | { ok: false; code: number; reason: string; meetingId?: string }
  /** Not the sync endpoint at all: refuse the HTTP upgrade. */
  | { ok: false; notFound: true };

/** The access decision for an upgrade request. */
export function authorizeUpgrade(req: IncomingMessage, catalog: MeetingCatalog): UpgradeDecision {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return { ok: false, notFound: true };
  }
  if (!url.pathname.startsWith(SYNC_PATH)) return { ok: false, notFound: true };
  let meetingId: string;
  try {
    meetingId = decodeURIComponent(url.pathname.slice(SYNC_PATH.length));
  } catch {
    return { ok: false, code: CloseCode.UnknownMeeting, reason: CloseReason.UnknownMeeting };
  }
  if (!isValidMeetingId(meetingId)) return { ok: false, code: CloseCode.UnknownMeeting, reason: CloseReason.UnknownMeeting };
  const token = url.searchParams.get('token');
  const check = catalog.check(meetingId, token);
  if (check.ok) return { ok: true, meetingId, role: check.role, tokenId: tokenIdOf(token!), ...(check.person ? { person: check.person } : {}) };
  switch (check.why) {
    case 'unknown-meeting':
      return { ok: false, code: CloseCode.UnknownMeeting, reason: CloseReason.UnknownMeeting, meetingId };
    case 'missing':
      return { ok: false, code: CloseCode.Unauthorized, reason: CloseReason.MissingToken, meetingId };
    case 'revoked':
      return { ok: false, code: CloseCode.Unauthorized, reason: CloseReason.Revoked, meetingId };
    case 'replaced':
      return { ok: false, code: CloseCode.Unauthorized, reason: CloseReason.Replaced, meetingId };
    case 'unavailable':
      return { ok: false, code: CloseCode.TryAgain, reason: CloseReason.TryAgain, meetingId };
    default:
      return { ok: false, code: CloseCode.Unauthorized, reason: CloseReason.WrongToken, meetingId };
  }
}

/** A URL safe to log: the token replaced by `[redacted]`. */
export function redactUrl(url: string | undefined): string {
  return (url ?? '').replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}
