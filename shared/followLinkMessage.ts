/**
 * Plenary's one message of its own on the sync socket, beside y-websocket's types 0–3: "the delegates'
 * link is now this", sent by the server to a meeting's room screens (and to nobody else) when the
 * delegate link is replaced, so the screen's QR code changes without a reload. Read by both ends.
 *
 * Why on the socket and not in the document: the document is read by every delegate and keeps its history
 * for ever; a token must never be in it. The screen's socket is already open and authorized by the
 * screen's own token, and the server knows each socket's role, so the link goes to screens only. A screen
 * that was not connected at that moment asks `GET /api/meetings/:id/follow-link` when it reconnects.
 *
 * Frame: varUint FOLLOW_LINK_MESSAGE, then the link as a varString (lib0 encoding, as y-websocket's own).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The message type (y-websocket uses 0–3; a page that does not know it logs and ignores it). */
export const FOLLOW_LINK_MESSAGE = 100;

/** Longest link the message carries (a link is ~150 characters; PUBLIC_URL may be long). */
export const MAX_FOLLOW_LINK = 2048;

/** The frame that tells a screen its new follow link. */
export function encodeFollowLink(link: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, FOLLOW_LINK_MESSAGE);
  encoding.writeVarString(e, link);
  return encoding.toUint8Array(e);
}

/**
 * The link of a follow-link message whose type was already read from `decoder`; null when what follows is
 * not an http(s) link of a sane length (a screen never shows a QR code of anything else).
 */
export function readFollowLink(decoder: decoding.Decoder): string | null {
  let link: string;
  try {
    link = decoding.readVarString(decoder);
  } catch {
    return null;
  }
  return isFollowLink(link) ? link : null;
}

/** True for an http(s) URL of at most MAX_FOLLOW_LINK characters. */
export function isFollowLink(link: unknown): link is string {
  return typeof link === 'string' && link.length <= MAX_FOLLOW_LINK && /^https?:\/\/[^\s]+$/i.test(link);
}

/** The link in a whole frame, or null when the frame is not a follow-link message (tests, tools). */
export function decodeFollowLink(frame: Uint8Array): string | null {
  try {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== FOLLOW_LINK_MESSAGE) return null;
    return readFollowLink(d);
  } catch {
    return null;
  }
}
