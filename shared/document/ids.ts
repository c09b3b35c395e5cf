/** Entry ids: short random strings, unique enough for concurrent creation on many replicas. */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A new random id of `length` base-36 characters (about 62 bits for the default 12). */
export function newId(length = 12): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 36];
  return out;
}

/**
 * An id every replica computes alike from the same parts (two 32-bit FNV-style hashes, 14 base-36
 * characters), for entries that two people may create at the same moment and that must then be one
 * entry: concurrent writes of the same key of a Y.Map keep one of them. Not for secrets.
 */
export function derivedId(...parts: string[]): string {
  const text = parts.join('\u0000');
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(36).padStart(7, '0') + (b >>> 0).toString(36).padStart(7, '0');
}
