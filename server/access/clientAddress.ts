/**
 * The address a request really comes from, for the auth throttle and the logs.
 *
 * Behind a reverse proxy every socket's peer is the proxy, so one delegate mistyping a link thirty times
 * would get everyone refused. When the peer is one of the proxies named in PLENARY_TRUSTED_PROXIES, the
 * client is the right-most X-Forwarded-For entry that is not itself a trusted proxy (each proxy appends
 * the address it saw; whatever a client wrote itself stands further left and is never reached). From
 * any other peer, and whenever the header cannot be read, the peer's own address is used, so a client
 * cannot escape the throttle by sending the header itself.
 */
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** `::ffff:10.0.0.1` → `10.0.0.1`, so one client has one spelling. */
export function normaliseAddress(address: string): string {
  const a = address.trim();
  return a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** Parses PLENARY_TRUSTED_PROXIES (comma-separated IP addresses); throws on anything that is not one. */
export function parseTrustedProxies(value: string | undefined): string[] {
  const list = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of list) {
    if (!isIP(a)) throw new Error(`PLENARY_TRUSTED_PROXIES must list IP addresses like 127.0.0.1, not "${a}"`);
  }
  return list.map(normaliseAddress);
}

/** The client's address: see the module comment. */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = normaliseAddress(req.socket.remoteAddress ?? '');
  if (!trustedProxies.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]!);
    if (!hop) continue;
    if (!isIP(hop)) return peer;
    if (!trustedProxies.has(hop)) return hop;
  }
  return peer;
}
