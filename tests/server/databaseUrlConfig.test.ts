import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/main.js';
import { runPlenary } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

describe('DATABASE_URL settings', () => {
  it('takes a PostgreSQL URL and a poll interval, and refuses anything else with a readable message', () => {
    expect(configFromEnv({}).databaseUrl).toBeUndefined();
    const c = configFromEnv({ DATABASE_URL: 'postgres://plenary@db.example.org/plenary', PLENARY_CLUSTER_POLL_MS: '750' });
    expect(c.databaseUrl).toBe('postgres://plenary@db.example.org/plenary');
    expect(c.clusterPollMs).toBe(750);
    expect(configFromEnv({}).clusterPollMs).toBe(2000);
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    expect(() => configFromEnv({ PLENARY_CLUSTER_POLL_MS: '10' })).toThrow(/PLENARY_CLUSTER_POLL_MS/);
  });

  it('serve with an unreachable DATABASE_URL stops with a clear message instead of falling back to SQLite', async () => {
    const dataDir = tempDir();
    const r = await runPlenary(['serve'], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing', DATA_DIR: dataDir, PORT: '0', PLENARY_BUILD_CLIENT: '0', PLENARY_LOG_LEVEL: 'silent' } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/cannot use DATABASE_URL: .*ECONNREFUSED/);
  });
});
