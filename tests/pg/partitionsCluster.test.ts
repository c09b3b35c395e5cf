/**
 * The partition runs of tests/hardening/partitions.test.ts (tests/hardening/partitionRun.ts) on three
 * `plenary serve` processes on one PostgreSQL database: editor i behind its own faulty proxy to process i,
 * so editors on different processes go offline, edit and come back; every run ends with every replica and
 * a fresh reader on every process identical and the meeting sound. Replay with `FUZZ_SEED=N`.
 */
import { describe, expect, it } from 'vitest';
import { pgCluster } from '../helpers/serverTargets.js';
import { partitionRuns } from '../hardening/partitionRun.js';
import { seedBase } from '../hardening/stressLevel.js';

const RUNS = 8;
const PARALLEL = 4;

describe('partitions on three processes (PostgreSQL)', () => {
  it(`G-PG-9: ${RUNS} seeded runs of editors on different processes going offline, editing and coming back behind a faulty network converge on every process`, async () => {
    const base = seedBase(91_800);
    const runs = process.env.FUZZ_SEED ? 1 : RUNS;
    const { lines, late } = await partitionRuns(await pgCluster(3), base, runs, PARALLEL);
    console.log(`partitions on three processes: ${lines.length} runs (seeds ${base}..${base + runs - 1}), ${late} with late chunks\n  ${lines.join('\n  ')}`);
    expect(lines).toHaveLength(runs);
  }, 300_000);
});
