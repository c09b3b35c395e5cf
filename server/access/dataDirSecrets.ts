/**
 * Secrets kept as files in DATA_DIR (mode 0600): the admin token and the key that seals role tokens.
 * In memory for a ':memory:' data folder.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ensureDir } from '../persistence/ensureDir.js';
import { join } from 'node:path';
import { newSealingKey, newToken } from './tokens.js';

/** File names inside DATA_DIR. */
export const ADMIN_TOKEN_FILE = 'admin-token';
export const SEALING_KEY_FILE = 'secret.key';

/** The token-sealing key of a data folder, created on first use. */
export function loadSealingKey(dataDir: string): Buffer {
  if (dataDir === ':memory:') return newSealingKey();
  const file = join(dataDir, SEALING_KEY_FILE);
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} is not a Plenary key (expected 32 bytes, base64)`);
    return key;
  }
  const key = newSealingKey();
  ensureDir(dataDir);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

/**
 * The admin token: PLENARY_ADMIN_TOKEN when set (never written to disk), else the one stored in
 * DATA_DIR, else a new one stored there. `created` tells the caller to print it, once.
 */
export function loadAdminToken(dataDir: string, fromEnv: string | undefined): { token: string; created: boolean } {
  if (fromEnv) return { token: fromEnv, created: false };
  if (dataDir === ':memory:') return { token: newToken(), created: true };
  const file = join(dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), created: false };
  const token = newToken();
  ensureDir(dataDir);
  writeFileSync(file, token + '\n', { mode: 0o600, flag: 'wx' });
  return { token, created: true };
}
