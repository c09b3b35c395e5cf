/**
 * Crash loop on one server process with SQLite (tests/hardening/crashLoopRun.ts): killed with SIGKILL
 * again and again while editors edit, restarted on the same port each time. Fast in `npm test`; 50 kills
 * and 10 editors under `npm run test:stress`. The same loop on three processes on PostgreSQL:
 * tests/pg/crashLoopCluster.test.ts. Replay with `FUZZ_SEED=N`.
 */
import { describe, it } from 'vitest';
import { sqliteProcess } from '../helpers/serverTargets.js';
import { crashLoop } from './crashLoopRun.js';
import { scale, seedBase } from './stressLevel.js';

const KILLS = scale(2, 50);
const EDITORS = scale(3, 10);

describe('crash loop', () => {
  it(`G-DUR-2: ${KILLS} SIGKILLs during a session of ${EDITORS} editors lose no edit another client had received, and every replica and the stored document end identical`, async () => {
    await crashLoop({ start: sqliteProcess, kills: KILLS, editors: EDITORS, seed: seedBase(4242) });
  }, scale(120_000, 600_000));
});
