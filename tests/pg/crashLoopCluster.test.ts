/**
 * The crash loop of tests/hardening/crashLoop.test.ts (tests/hardening/crashLoopRun.ts) on three
 * `plenary serve` processes on one PostgreSQL database, the editors through a balancer (so they are spread
 * over the processes, and move to a live one when theirs is killed): a random process killed with SIGKILL
 * and restarted on its port each time. Replay with `FUZZ_SEED=N`.
 */
import { describe, it } from 'vitest';
import { pgCluster } from '../helpers/serverTargets.js';
import { crashLoop } from '../hardening/crashLoopRun.js';
import { seedBase } from '../hardening/stressLevel.js';

const KILLS = 10;
const EDITORS = 6;

describe('crash loop on three processes (PostgreSQL)', () => {
  it(`G-PG-8: ${KILLS} SIGKILLs of random processes of three during a session of ${EDITORS} editors spread over them lose no edit another client had received, and every replica, a fresh reader on every process and the stored document end identical`, async () => {
    await crashLoop({ start: () => pgCluster(3), kills: KILLS, editors: EDITORS, seed: seedBase(1818) });
  }, 300_000);
});
