/**
 * A new empty PostgreSQL database beside the one `base` names, for a test or a benchmark run: created
 * through `base` (a maintenance database such as `postgres`), and dropped with its connections closed.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates `<prefix><random>` on the server of `base`; `hint` ends the error when that server does not answer. */
export async function createScratchDatabase(base: string, prefix: string, hint = ''): Promise<ScratchDatabase> {
  const name = prefix + randomBytes(6).toString('hex');
  const admin = new pg.Client({ connectionString: base });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`PostgreSQL at ${base} is unreachable${hint ? ` (${hint})` : ''}: ${(e as Error).message}`);
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = '/' + name;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
