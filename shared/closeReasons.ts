/**
 * Close codes of the sync endpoint (CONTRACT.md §4), shared by the server and the board.
 *
 * 4400–4499 mirror HTTP 4xx: the server decided and reconnecting cannot help, so `WebsocketProvider`
 * stops retrying and emits `closed`. 4500–4599 mean "try again later" and are retried. 1001 and 1009 are
 * the standard codes for a server going away and a frame over the size limit (sent by `ws` itself).
 */
export const CloseCode = {
  /** The server is shutting down or restarting; the client reconnects. */
  GoingAway: 1001,
  /** A frame over a size limit (Plenary's server answers an oversized frame with 4413, not this). */
  MessageTooBig: 1009,
  /** Storage failed; the room was unloaded and the client should reconnect and resend. */
  ServerError: 1011,
  /** The server cannot vouch for the link just now (another process's change not yet seen): retried. */
  TryAgain: 1013,
  /** A frame that is not a y-websocket message. */
  MalformedMessage: 4400,
  /** Missing, wrong, rotated or other-meeting token. */
  Unauthorized: 4401,
  /** The page's origin is not allowed to connect. */
  Forbidden: 4403,
  /** No meeting with this id. */
  UnknownMeeting: 4404,
  /** A frame over maxPayload, or a message the server bounded (awareness, queue while loading) too big. */
  TooLarge: 4413,
  /** An editor's change that would put a part of the meeting over its limit (shared/document/collectionLimits.ts). */
  Refused: 4422,
  /** Too many messages in too short a time, or too many failed token checks from one address. */
  RateLimited: 4429,
  /** The client reads too slowly: the server's send buffer for it overflowed. Retried. */
  TooSlow: 4508,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Reasons a person can read (a close reason is at most 123 bytes). */
export const CloseReason = {
  GoingAway: 'the server is restarting',
  ServerError: 'the server could not save; reconnecting',
  /** Loading the meeting failed (its storage could not be read): retried. */
  LoadFailed: 'the server could not read this meeting; retrying',
  MalformedMessage: 'the server could not read a message from this page',
  MissingToken: 'this link has no access token; ask the secretary for your link',
  WrongToken: 'this link is not valid for this meeting; ask the secretary for your link',
  Revoked: 'this link has been revoked; ask the secretary for a new one',
  /** A person's own link that the secretary replaced (issue 24). */
  Replaced: 'this link was replaced; ask the secretary',
  Forbidden: 'this page is not allowed to connect',
  UnknownMeeting: 'there is no meeting with this id',
  TooLarge: 'a message from this page was too large',
  Refused: 'a change from this page would make a part of the meeting larger than it may be',
  RateLimited: 'this page sent too many messages',
  Throttled: 'too many failed attempts from this address; try again in a minute',
  TooSlow: 'the connection is too slow to keep up; reconnecting',
  TryAgain: 'the server is catching up with the others; reconnecting',
} as const;
export type CloseReason = (typeof CloseReason)[keyof typeof CloseReason];

/** True when reconnecting cannot help (the 4400–4499 range, as `WebsocketProvider` decides). */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}
