/**
 * Access tokens: 32 random bytes (base64url), stored as SHA-256 hashes and compared in constant time.
 *
 * So that `plenary links` can print the links a secretary already handed out (rotating instead would
 * silently revoke every delegate's link), each token is also kept sealed with AES-256-GCM under a key
 * in DATA_DIR. A copy of the database alone reveals no token; the whole data folder does, but it also
 * holds the meeting itself.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * A token's public id: 12 hex characters of a hash separate from the stored one, so the record can say
 * which link made a change (and a rotation shows as a new id) without ever holding the token itself.
 */
export function tokenIdOf(token: string): string {
  return createHash('sha256').update('plenary-token-id\0', 'utf8').update(token, 'utf8').digest('hex').slice(0, 12);
}

/** Constant-time comparison of two hashes (or any equal-length secrets). */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when `presented` is the secret whose hash is `storedHash` (constant time in the secret). */
export function tokenMatches(presented: string, storedHash: Uint8Array): boolean {
  return sameHash(hashToken(presented), storedHash);
}

/** A new 32-byte sealing key. */
export function newSealingKey(): Buffer {
  return randomBytes(32);
}

/** Seals a token: iv (12) + tag (16) + ciphertext. */
export function sealToken(key: Uint8Array, token: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Opens a sealed token; throws when the key is not the one it was sealed with. */
export function unsealToken(key: Uint8Array, sealed: Uint8Array): string {
  const buf = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
}
