/**
 * Whether a phone in the room can open a link: a QR code of `http://127.0.0.1:8080/...` (the quick start's
 * address) or of a bare machine name opens nothing on a phone. Pure, so it is tested without a browser.
 */

/** Why phones cannot reach this link's host, or null when they may. */
export function unreachableReason(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'the link is not a web address';
  }
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare.endsWith('.localhost')) return `it points at “${host}”, which on a phone is the phone itself`;
  if (/^127\.\d+\.\d+\.\d+$/.test(bare) || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return `it points at ${host}, this computer's loopback address, which on a phone is the phone itself`;
  if (bare === '0.0.0.0' || bare === '::') return `it points at ${host}, which is no address a phone can open`;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(bare) || bare.includes(':')) return null;
  if (!bare.includes('.')) return `it points at “${host}”, a machine name phones cannot look up`;
  return null;
}
