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
