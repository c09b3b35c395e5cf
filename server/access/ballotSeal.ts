/**
 * Sealed ballots (issue 25): the ballots of a poll whose counts are shown only at its close are kept in
 * the document while it is open, but sealed, so that nobody reading the document (every delegate and
 * screen does) can count them before the server opens them at the close.
 *
 * AES-256-GCM under a key derived from the participation key (itself derived from DATA_DIR/secret.key,
 * which every process of a cluster shares), a fresh 12-byte nonce per ballot, and the poll id and ballot
 * tag as associated data (a sealed ballot copied under another tag or poll does not open). What is sealed
 * is the option's index, one byte, so every sealed ballot has the same length (39 characters) whatever the
 * option: its length does not tell "Yes" from "Abstain".
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Seals and opens the ballots of a meeting's polls. */
export interface BallotSeal {
  /** The sealed form of option number `index` of poll `pollId`, for the ballot under `tag`. */
  seal(pollId: string, tag: string, index: number): string;
  /** The option index of a sealed ballot, or null when it does not open (another key, tag or poll; damaged). */
  open(pollId: string, tag: string, sealed: string): number | null;
}

/** Ballot seals under a key derived from the participation key (ParticipationService.participationKey). */
export function ballotSeal(participationKey: Uint8Array): BallotSeal {
  const key = createHmac('sha256', participationKey).update('plenary sealed ballots v1').digest();
  const aad = (pollId: string, tag: string) => Buffer.from(`${pollId}\u0000${tag}`, 'utf8');
  return {
    seal(pollId, tag, index) {
      if (!Number.isInteger(index) || index < 0 || index > 255) throw new RangeError('option index out of range');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(pollId, tag));
      const body = Buffer.concat([cipher.update(Uint8Array.of(index)), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(pollId, tag, sealed) {
      try {
        const buf = Buffer.from(sealed, 'base64url');
        if (buf.length !== 29) return null;
        const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
        decipher.setAAD(aad(pollId, tag));
        decipher.setAuthTag(buf.subarray(12, 28));
        const out = Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]);
        return out.length === 1 ? out[0] : null;
      } catch {
        return null;
      }
    },
  };
}
