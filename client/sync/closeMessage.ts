/**
 * What a person reads when the server refuses the connection for good (a close code in 4400–4499, which
 * y-websocket does not retry). The server's reason (shared/closeReasons.ts) wins; these are fallbacks for
 * a close without one.
 */
import { CloseCode, CloseReason, isPermanentClose } from '../../shared/closeReasons.js';

const FALLBACK: Record<number, string> = {
  [CloseCode.MalformedMessage]: CloseReason.MalformedMessage,
  [CloseCode.Unauthorized]: CloseReason.Revoked,
  [CloseCode.Forbidden]: CloseReason.Forbidden,
  [CloseCode.UnknownMeeting]: CloseReason.UnknownMeeting,
  [CloseCode.TooLarge]: CloseReason.TooLarge,
  [CloseCode.Refused]: CloseReason.Refused,
  [CloseCode.RateLimited]: CloseReason.RateLimited,
};

/** A readable sentence for a terminal close: "This link has been revoked; ask the secretary for a new one." */
export function closeMessage(code: number, reason: string): string {
  const text = reason.trim() || FALLBACK[code] || `the server closed the connection (code ${code})`;
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** True when y-websocket will not retry after this close code (and neither should the page). */
export function isTerminalClose(code: number): boolean {
  return isPermanentClose(code);
}
